import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
import { readConnectionSettings, writeConnectionSettings, type IceServer } from '../../../shared/sync/connectionSettings.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { Dialog } from '../../components/Dialog.js';
import { errorText } from '../../i18n/messages.js';

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
 * is said plainly to let its operator read the community's content.
 */
export function ConnectionSettingsDialog({ opened, onClose }: { opened: OpenCommunity; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const current = readConnectionSettings(opened.community);
  const [signaling, setSignaling] = useState(current.signaling.join('\n'));
  const [ice, setIce] = useState(current.iceServers.map((s) => [s.urls, s.username, s.credential].filter(Boolean).join(' ')).join('\n'));
  const [relay, setRelay] = useState(current.relay);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    try {
      writeConnectionSettings(opened.community, { signaling: lines(signaling), iceServers: parseIce(ice), relay: relay.trim() });
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <Dialog title={t('connection.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <p className="hint">{t('connection.intro')}</p>
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
        <input id={`${id}-relay`} value={relay} onChange={(e) => setRelay(e.target.value)} aria-describedby={`${id}-relay-warning`} />
        <p id={`${id}-relay-warning`} className="warning">
          {t('connection.relayWarning')}
        </p>
        <ErrorMessage message={error} />
        <FormActions submitLabel={t('common.save')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
