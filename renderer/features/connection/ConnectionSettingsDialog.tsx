import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
import { confirmConnectionSettings, connectionSettingsState, saveConnectionSettings, type IceServer } from '../../../shared/protocol/connectionSettings.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { Dialog } from '../../components/Dialog.js';
import { errorText } from '../../i18n/messages.js';
import { relayStatusText } from './relayStatus.js';
import { useSyncStatus } from './useSync.js';

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** `turn:host:3478 user secret` per line: compact enough to paste from a provider's page. */
function parseIce(text: string): IceServer[] {
  return lines(text).map((line) => {
    const [urls = '', username, credential] = line.split(/\s+/);
    return { urls, ...(username ? { username } : {}), ...(credential ? { credential } : {}) };
  });
}

/**
 * The servers a community uses beyond the local network. None by default; adding a relay
 * is said plainly to let its operator read the community's content. Servers someone else
 * set are listed as waiting, with who set them, and used on this device only once confirmed.
 */
export function ConnectionSettingsDialog({ opened, onClose }: { opened: OpenCommunity; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { personal } = useWorkspace();
  const state = connectionSettingsState(opened.community, personal);
  const current = state.current;
  const [signaling, setSignaling] = useState(current.signaling.join('\n'));
  const [ice, setIce] = useState(current.iceServers.map((s) => [s.urls, s.username, s.credential].filter(Boolean).join(' ')).join('\n'));
  const [relay, setRelay] = useState(current.relay);
  const [error, setError] = useState<string | null>(null);
  const relayStatus = relayStatusText(t, useSyncStatus(opened.sync ?? null));
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    try {
      saveConnectionSettings(opened.community, personal, { signaling: lines(signaling), iceServers: parseIce(ice), relay: relay.trim() });
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <Dialog title={t('connection.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <p className="hint">{t('connection.intro')}</p>
        {state.waiting && (
          <div className="warning stack" role="group" aria-labelledby={`${id}-waiting`}>
            <p id={`${id}-waiting`}>
              <strong>{t('connection.waiting')}</strong>{' '}
              {state.changedBy.members.length > 0
                ? t('connection.changedBy', { names: state.changedBy.members.map((member) => member.name || t('connection.unnamed')).join(', ') })
                : t('connection.changedByUnknown')}{' '}
              {t('connection.waitingHint')}
            </p>
            <ul>
              {[...state.pending.signaling, ...state.pending.iceServers].map((url) => (
                <li key={url}>{url}</li>
              ))}
              {state.pending.relay && <li>{t('connection.pendingRelay', { url: state.pending.relay })}</li>}
              {state.pending.signaling.length + state.pending.iceServers.length === 0 && !state.pending.relay && <li>{t('connection.pendingRemoved')}</li>}
            </ul>
            <div className="actions">
              <button
                type="button"
                onClick={() => {
                  confirmConnectionSettings(opened.community, personal);
                  void opened.sync?.connect();
                  onClose();
                }}
              >
                {t('connection.confirm')}
              </button>
            </div>
          </div>
        )}
        <label htmlFor={`${id}-signaling`}>{t('connection.signaling')}</label>
        <textarea id={`${id}-signaling`} rows={3} value={signaling} onChange={(e) => setSignaling(e.target.value)} aria-describedby={`${id}-signaling-hint`} />
        <p id={`${id}-signaling-hint`} className="hint">
          {t('connection.signalingHint')}
        </p>
        <label htmlFor={`${id}-ice`}>{t('connection.ice')}</label>
        <textarea id={`${id}-ice`} rows={3} value={ice} onChange={(e) => setIce(e.target.value)} aria-describedby={`${id}-ice-hint`} />
        <p id={`${id}-ice-hint`} className="hint">
          {t('connection.iceHint')}
        </p>
        <label htmlFor={`${id}-relay`}>{t('connection.relay')}</label>
        <textarea id={`${id}-relay`} rows={2} value={relay} onChange={(e) => setRelay(e.target.value)} aria-describedby={`${id}-relay-hint ${id}-relay-status`} />
        <p id={`${id}-relay-hint`} className="hint">
          {t('connection.relayHint')}
        </p>
        <p id={`${id}-relay-status`} role="status">
          {relayStatus}
        </p>
        <ErrorMessage message={error} />
        <FormActions submitLabel={t('common.save')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
