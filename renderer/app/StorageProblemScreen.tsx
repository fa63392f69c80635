import { useTranslation } from 'react-i18next';
import type { StorageProblem } from '../storage/storageProbe.js';

/** Shown instead of the app when local storage cannot be opened: what happened, what to do. */
export function StorageProblemScreen({ problem }: { problem: StorageProblem }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="first-run" tabIndex={-1} data-problem={problem}>
      <h1>{t('storage.title')}</h1>
      <p role="alert">{t(`storage.${problem}`)}</p>
      <p className="hint">{t('storage.nothingChanged')}</p>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {t('storage.retry')}
      </button>
    </main>
  );
}
