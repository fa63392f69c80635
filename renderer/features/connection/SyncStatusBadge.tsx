import { Cloud, Radio, WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CommunitySync } from '../../transport/CommunitySync.js';
import { relayStatusText } from './relayStatus.js';
import { useSyncStatus } from './useSync.js';

/**
 * Always visible: is anyone else here? A live region, so a screen reader hears when
 * peers come and go. Offline is said calmly: the work is safe on this device.
 */
export function SyncStatusBadge({ sync, withoutKey }: { sync: CommunitySync | null; withoutKey?: boolean }) {
  const { t } = useTranslation();
  const status = useSyncStatus(sync);
  const Icon = status.state === 'connected' ? Radio : status.state === 'looking' ? Cloud : WifiOff;
  const main =
    status.state === 'connected' && status.peers > 0
      ? t('sync.connected', { count: status.peers })
      : status.state === 'connected'
        ? t('sync.connectedRelayOnly')
        : status.state === 'looking'
          ? t('sync.looking')
          : withoutKey
            ? t('sync.noKey')
            : t('sync.offline');
  const relay = relayStatusText(t, status);
  return (
    <p className={`sync-status ${status.state}`} role="status" aria-live="polite">
      <Icon size={16} aria-hidden />
      <span>{relay ? t('sync.withRelay', { status: main, relay }) : main}</span>
    </p>
  );
}
