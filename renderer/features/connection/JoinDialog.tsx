import { useId, useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
import { decodeInvite, inviteEffect, type Invite } from '../../../shared/protocol/invite.js';
import { looksLikeShortCode, parseShortCode } from '../../../shared/protocol/shortCode.js';
import { bridge } from '../../bridge/index.js';
import { claimShortCode } from '../../transport/shortCodeExchange.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { Dialog } from '../../components/Dialog.js';
import { errorText } from '../../i18n/messages.js';

/**
 * Joins a community with an invite code someone shared; a bad code changes nothing. What
 * the invite would change is shown first: the servers it names are used only when ticked,
 * and a different secret for a community already here is taken only when ticked.
 *
 * A short code (from someone in the room) is first exchanged for the long invite through
 * the signaling server; the long invite then goes through the same steps.
 */
export function JoinDialog({ onClose, onJoined }: { onClose: () => void; onJoined: (id: string) => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const id = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [useServers, setUseServers] = useState(false);
  const [replaceSecret, setReplaceSecret] = useState(false);
  const [fromShortCode, setFromShortCode] = useState(false);
  // Read as it is pasted, so the choices below can be shown before anything is stored.
  const invite = useMemo((): Invite | null => {
    try {
      return decodeInvite(code);
    } catch {
      return null;
    }
  }, [code]);
  const known = invite ? workspace.personal.communities.find((c) => c.id === invite.communityId) : undefined;
  const effect = invite ? inviteEffect(invite, workspace.personal.communityAccess(invite.communityId), known !== undefined) : null;
  const join = (decoded: Invite): void => {
    setBusy(true);
    workspace.joinCommunity(decoded, { useServers, replaceSecret }).then(
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
  const lookUpShortCode = (): void => {
    let short;
    try {
      short = parseShortCode(code);
    } catch (failure) {
      setError(errorText(failure));
      return;
    }
    setBusy(true);
    bridge
      .getSignalingEndpoints()
      .catch(() => ({ local: [], discovered: [] }))
      .then((endpoints) => claimShortCode(short, [...endpoints.local, ...endpoints.discovered]))
      .then((longCode) => {
        const decoded = decodeInvite(longCode);
        // The long invite takes the short code's place, so the choices below are made on it.
        setCode(longCode);
        setFromShortCode(true);
        const effect = inviteEffect(decoded, workspace.personal.communityAccess(decoded.communityId), workspace.personal.communities.some((c) => c.id === decoded.communityId));
        if (effect.newServers.length === 0 && !effect.replacesSecret) join(decoded);
        else setBusy(false);
      })
      .catch((failure: unknown) => {
        setBusy(false);
        setError(errorText(failure));
      });
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (looksLikeShortCode(code)) {
      lookUpShortCode();
      return;
    }
    let decoded;
    try {
      decoded = decodeInvite(code);
    } catch (failure) {
      setError(errorText(failure));
      return;
    }
    join(decoded);
  };
  return (
    <Dialog title={t('join.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <p>{t('join.explain')}</p>
        <p id={`${id}-short`}>{t('join.shortCodeHint')}</p>
        <label htmlFor={`${id}-code`}>{t('invite.code')}</label>
        <textarea
          id={`${id}-code`}
          rows={4}
          value={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error ${id}-short` : `${id}-short`}
          onChange={(e) => {
            setCode(e.target.value);
            setFromShortCode(false);
            setError(null);
            setUseServers(false);
            setReplaceSecret(false);
          }}
        />
        {fromShortCode ? (
          <p role="status" className="success">
            {t('join.shortCodeWorked')}
          </p>
        ) : null}
        {effect?.replacesSecret && known ? (
          <div className="stack">
            <p id={`${id}-secret`} className="warning" role="status">
              {t('join.secretDiffers', { community: known.name })}
            </p>
            <label>
              <input type="checkbox" checked={replaceSecret} aria-describedby={`${id}-secret`} onChange={(e) => setReplaceSecret(e.target.checked)} />
              <span>{t('join.replaceSecret')}</span>
            </label>
          </div>
        ) : null}
        {effect && effect.newServers.length > 0 ? (
          <div className="stack">
            <p id={`${id}-servers`}>{t('join.serversExplain')}</p>
            <ul aria-label={t('join.serversList')}>
              {effect.newServers.map((server) => (
                <li key={server}>
                  <code>{server}</code>
                </li>
              ))}
            </ul>
            <label>
              <input type="checkbox" checked={useServers} aria-describedby={`${id}-servers`} onChange={(e) => setUseServers(e.target.checked)} />
              <span>{t('join.useServers')}</span>
            </label>
          </div>
        ) : null}
        <ErrorMessage id={`${id}-error`} message={error} />
        <FormActions submitLabel={t('join.join')} onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
