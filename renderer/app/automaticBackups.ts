import { encodeBackup } from '../../shared/backup/backupFile.js';
import type { CommonplaceBridge } from '../../shared/bridge/contract.js';
import type { Workspace } from './Workspace.js';

export const automaticBackupInterval = 10 * 60 * 1000;

/**
 * The second copy, where the shell can keep one (the desktop): every few minutes, each
 * community that changed since its last backup is encoded here and handed to the main
 * process, which writes it to the user-data folder off this thread and keeps the last N.
 * Never carries the room secret.
 */
export function startAutomaticBackups(workspace: Pick<Workspace, 'openedSoFar'>, bridge: Pick<CommonplaceBridge, 'capabilities' | 'keepAutomaticBackup'>, everyMs = automaticBackupInterval): () => void {
  if (!bridge.capabilities.automaticBackups) return () => undefined;
  const backedUp = new WeakMap<object, number>();
  const changed = new WeakMap<object, number>();
  const watched = new WeakSet();
  const run = async (): Promise<void> => {
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
  };
}
