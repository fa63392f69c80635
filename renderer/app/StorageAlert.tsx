import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledgeStorageRecovery, retryStorage, storageHealth, subscribeStorageHealth } from '../storage/storageHealth.js';

/** How long "Saved again" stays before it goes by itself. */
const SAVED_NOTE_MS = 8000;

/**
 * y-indexeddb writes in the background and reports nothing when a write fails. The
 * storage layer (`renderer/storage/storageHealth.ts`) notices and retries; this tells the
 * person what happened, that their work is still in the window, and what to do, and says
 * so again, calmly, once everything is stored.
 */
export function StorageAlert() {
  const { t } = useTranslation();
  const health = useSyncExternalStore(subscribeStorageHealth, storageHealth);
  // Dismissed at this many failures of this episode: a new failure brings the alert back.
  const [dismissed, setDismissed] = useState<{ episode: number; failures: number } | null>(null);
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    if (!health.recovered) return;
    const timer = setTimeout(acknowledgeStorageRecovery, SAVED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [health.recovered]);

  if (health.problem === null) {
    if (!health.recovered) return null;
    return (
      <div className="storage-alert" role="status" style={{ background: 'var(--accent-soft)', color: 'var(--text)' }}>
        {t('storage.saveRecovered')}{' '}
        <button type="button" className="ghost" onClick={acknowledgeStorageRecovery}>
          {t('common.dismiss')}
        </button>
      </div>
    );
  }
  if (dismissed?.episode === health.episode && health.failures <= dismissed.failures) return null;

  const retry = (): void => {
    setRetrying(true);
    void retryStorage().finally(() => setRetrying(false));
  };
  return (
    <div className="storage-alert" role="alert">
      <p>
        <strong>{t('storage.saveFailedTitle')}</strong> {t(health.problem === 'quota' ? 'storage.saveFailedQuota' : 'storage.saveFailedOther')}
      </p>
      <p>{t('storage.saveFailedBackup', { action: t('backup.open') })}</p>
      <button type="button" className="ghost" onClick={retry} disabled={retrying}>
        {retrying ? t('storage.saveRetrying') : t('storage.saveRetry')}
      </button>{' '}
      <button type="button" className="ghost" onClick={() => setDismissed({ episode: health.episode, failures: health.failures })}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
