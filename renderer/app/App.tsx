import { useTranslation } from 'react-i18next';
import { AnnouncerProvider } from '../components/Announcer.js';
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
        {identity ? <Shell identity={identity} /> : <FirstRun personal={workspace.personal} />}
        <StorageAlert />
      </AnnouncerProvider>
    </WorkspaceContext.Provider>
  );
}
