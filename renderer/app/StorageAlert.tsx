import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classifyStorageError, type StorageProblem } from '../storage/storageProbe.js';

/**
 * y-indexeddb writes in the background and reports nothing when a write fails; the failure
 * surfaces only as an unhandled rejection. We catch those that come from storage and tell
 * the person what happened and what to do, instead of letting work vanish silently.
 */
export function StorageAlert() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<StorageProblem | null>(null);
  useEffect(() => {
    const onRejection = (event: PromiseRejectionEvent): void => {
      const reason: unknown = event.reason;
      const name = reason instanceof DOMException || reason instanceof Error ? reason.name : '';
      if (!['QuotaExceededError', 'InvalidStateError', 'UnknownError', 'AbortError', 'TransactionInactiveError', 'DataError'].includes(name)) return;
      setProblem(classifyStorageError(reason));
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, []);
  if (!problem) return null;
  return (
    <div className="storage-alert" role="alert">
      <strong>{t('storage.saveFailedTitle')}</strong> {t(`storage.${problem}`)}
      <button type="button" className="ghost" onClick={() => setProblem(null)}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
