import { useTranslation } from 'react-i18next';
import { AnnouncerProvider } from '../components/Announcer.js';
import { ErrorBoundary } from '../components/ErrorCard.js';
import { FirstRun } from '../features/identity/FirstRun.js';
import { useDocSnapshot } from '../hooks/useDocSnapshot.js';
import { useAppliedSettings } from './preferences.js';
import { Shell } from './Shell.js';
import { StorageAlert } from './StorageAlert.js';
import type { Workspace } from './Workspace.js';
import { WorkspaceContext } from './WorkspaceContext.js';

/** The app once storage is open: first run until the person has a name, then the shell. */
export function App({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const identity = useDocSnapshot(workspace.personal, () => workspace.personal.identity);
  useAppliedSettings(workspace.personal);
  return (
    <WorkspaceContext.Provider value={workspace}>
      <AnnouncerProvider>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        {/* The last line: anything that fails to render leaves a way out, not a blank window. */}
        <ErrorBoundary
          fallback={(retry) => (
            <main id="main" className="content error-card" role="alert">
              <h1>{t('errors.appNotShown')}</h1>
              <p>{t('errors.appNotShownHint')}</p>
              <div className="form-actions">
                <button type="button" className="primary" onClick={retry}>
                  {t('errors.tryAgain')}
                </button>
                <button type="button" onClick={() => window.location.reload()}>
                  {t('errors.reload')}
                </button>
              </div>
            </main>
          )}
        >
          {identity ? <Shell identity={identity} /> : <FirstRun personal={workspace.personal} />}
        </ErrorBoundary>
        <StorageAlert />
      </AnnouncerProvider>
    </WorkspaceContext.Provider>
  );
}
