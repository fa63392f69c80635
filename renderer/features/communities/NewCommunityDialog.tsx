import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
import { Dialog } from '../../components/Dialog.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { errorText } from '../../i18n/messages.js';

/** Starts a community on this device; it exists nowhere else until someone is invited. */
export function NewCommunityDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const id = useId();
  const [name, setName] = useState('');
  const [domain, setDomain] = useState('');
  const [place, setPlace] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setBusy(true);
    workspace.createCommunity({ name, domain, place }).then(
      (opened) => {
        onCreated(opened.community.id);
        onClose();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure));
      },
    );
  };
  return (
    <Dialog title={t('communities.newTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <label htmlFor={`${id}-name`}>{t('communities.name')}</label>
        <input id={`${id}-name`} autoFocus value={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={`${id}-domain`}>{t('communities.domain')}</label>
        <input id={`${id}-domain`} value={domain} aria-describedby={`${id}-domain-hint`} onChange={(e) => setDomain(e.target.value)} />
        <p id={`${id}-domain-hint`} className="hint">
          {t('communities.domainHint')}
        </p>
        <label htmlFor={`${id}-place`}>{t('communities.place')}</label>
        <input id={`${id}-place`} value={place} onChange={(e) => setPlace(e.target.value)} />
        <ErrorMessage id={`${id}-error`} message={error} />
        <p className="hint">{t('communities.privacyNote')}</p>
        <FormActions submitLabel={t('common.create')} onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
