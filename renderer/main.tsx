import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PersonalDoc } from '../shared/model/PersonalDoc.js';
import { App } from './app/App.js';
import { Workspace } from './app/Workspace.js';
import { bridge } from './bridge/index.js';
import { startAutomaticBackups } from './app/automaticBackups.js';
import { applySettings } from './app/preferences.js';
import { exposeTestHooks } from './app/testHooks.js';
import { registerOfflineShell } from './app/offlineShell.js';
import { StorageProblemScreen } from './app/StorageProblemScreen.js';
import { initialiseI18n } from './i18n/index.js';
import { preloadRichTextEditor } from './editor/LazyRichTextEditor.js';
import { openPersistedDoc } from './storage/openPersistedDoc.js';
import { personalSyncFor } from './transport/personalSync.js';
import { StorageError, classifyStorageError, probeStorage } from './storage/storageProbe.js';
import './styles/app.css';

const PERSONAL_DATABASE = 'commonplace-personal';

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  const root = createRoot(container);
  await initialiseI18n();
  registerOfflineShell();
  try {
    await probeStorage();
    const stored = await openPersistedDoc(PERSONAL_DATABASE);
    const personal = new PersonalDoc(stored.doc);
    personal.initialise();
    // The person's language and theme, before the first paint of the app.
    await applySettings(personal.settings);
    const workspace = new Workspace(personal, () => bridge.getSignalingEndpoints());
    // Leave presence when the window goes, so no ghost caret stays on others' screens.
    window.addEventListener('pagehide', () => workspace.leaveAll());
    exposeTestHooks(workspace, stored);
    startAutomaticBackups(workspace, bridge);
    // The personal document syncs with this person's linked devices, if any (Settings → Link my devices).
    personalSyncFor(personal, () => bridge.getSignalingEndpoints());
    root.render(
      <StrictMode>
        <App workspace={workspace} />
      </StrictMode>,
    );
    // The editor's code, once the first screen is up (see LazyRichTextEditor).
    requestIdleCallback(preloadRichTextEditor, { timeout: 1000 });
  } catch (error) {
    const problem = error instanceof StorageError ? error.problem : classifyStorageError(error);
    root.render(<StorageProblemScreen problem={problem} />);
  }
}

void boot();
