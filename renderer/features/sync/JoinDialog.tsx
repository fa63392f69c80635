import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
import { decodeInvite } from '../../../shared/sync/invite.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { Dialog } from '../../components/Dialog.js';
import { errorText } from '../../i18n/messages.js';

/** Joins a community with an invite code someone shared; a bad code changes nothing. */
export function JoinDialog({ onClose, onJoined }: { onClose: () => void; onJoined: (id: string) => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const id = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    let invite;
    try {
      invite = decodeInvite(code);
    } catch (failure) {
      setError(errorText(failure));
      return;
    }
    setBusy(true);
    workspace.joinCommunity(invite).then(
      (opened) => {
        onJoined(opened.community.id);
        onClose();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure));
      },
    );
  };
  return (
    <Dialog title={t('join.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <p>{t('join.explain')}</p>
        <label htmlFor={`${id}-code`}>{t('invite.code')}</label>
        <textarea
          id={`${id}-code`}
          rows={4}
          value={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
        />
        <ErrorMessage id={`${id}-error`} message={error} />
        <FormActions submitLabel={t('join.join')} onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
