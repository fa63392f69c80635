import * as Y from 'yjs';
import { encodeBackup } from '../../shared/backup/backupFile.js';
import type { CommonplaceBridge } from '../../shared/bridge/contract.js';
import type { Workspace } from './Workspace.js';

export const automaticBackupInterval = 10 * 60 * 1000;

/**
 * The second copy, where the shell can keep one (the desktop): every few minutes, each
 * community that changed since its last backup is encoded here and handed to the main
 * process, which writes it to the user-data folder off this thread and keeps the last N.
 * Never carries the room secret.
 *
 * The personal document goes too when it changed, as its whole state: the main process
 * seals it with the passphrase set in Settings (and keeps nothing without one).
 */
export function startAutomaticBackups(
  workspace: Pick<Workspace, 'openedSoFar'> & Partial<Pick<Workspace, 'personal'>>,
  bridge: Pick<CommonplaceBridge, 'capabilities' | 'keepAutomaticBackup'> & Partial<Pick<CommonplaceBridge, 'keepPersonalBackup'>>,
  everyMs = automaticBackupInterval,
): () => void {
  if (!bridge.capabilities.automaticBackups) return () => undefined;
  const backedUp = new WeakMap<object, number>();
  const changed = new WeakMap<object, number>();
  const watched = new WeakSet();
  let personalChanged = Date.now();
  let personalBackedUp = 0;
  const onPersonalUpdate = (): void => {
    personalChanged = Date.now();
  };
  workspace.personal?.doc.on('update', onPersonalUpdate);
  const runPersonal = async (): Promise<void> => {
    if (!workspace.personal || !bridge.keepPersonalBackup || personalBackedUp >= personalChanged) return;
    const started = Date.now();
    try {
      const result = await bridge.keepPersonalBackup(Y.encodeStateAsUpdate(workspace.personal.doc));
      // Without a passphrase nothing is kept; ask again next time, in case one was set since.
      if (result.kept) personalBackedUp = started;
    } catch (error) {
      console.warn(`Commonplace: automatic backup of your private things failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const run = async (): Promise<void> => {
    await runPersonal();
    for (const opened of await workspace.openedSoFar()) {
      const doc = opened.community.doc;
      if (!watched.has(doc)) {
        watched.add(doc);
        changed.set(doc, Date.now());
        doc.on('update', () => changed.set(doc, Date.now()));
      }
      if ((backedUp.get(doc) ?? 0) >= (changed.get(doc) ?? 0) || opened.readOnly) continue;
      const started = Date.now();
      try {
        await bridge.keepAutomaticBackup({ communityId: opened.community.id, data: encodeBackup({ community: opened.community }) });
        backedUp.set(doc, started);
      } catch (error) {
        console.warn(`Commonplace: automatic backup of "${opened.community.profile.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const first = setTimeout(() => void run(), 60_000);
  const timer = setInterval(() => void run(), everyMs);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    workspace.personal?.doc.off('update', onPersonalUpdate);
  };
}
