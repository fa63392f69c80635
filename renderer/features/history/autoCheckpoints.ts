import type { Community } from '../../../shared/model/Community.js';
import { AutoCheckpoints, type Checkpoint } from '../../../shared/model/history/checkpoints.js';
import { useEffect } from 'react';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { afterNextPaint } from '../../timing/afterNextPaint.js';

const byCommunity = new WeakMap<Community, AutoCheckpoints>();

/** One IndexedDB database per community for this device's automatic checkpoints (never synced). */
export const autoCheckpointDatabaseName = (communityId: string): string => `commonplace-checkpoints-${communityId}`;
const STORE = 'checkpoints';

/**
 * This device's automatic checkpoints of a community, started the first time a history
 * entry point is shown for it. They are kept on this device in their own database, so a
 * reload still lists them; they never enter the community document, so they are not synced.
 */
export function autoCheckpointsOf(community: Community, memberId: () => string, present?: () => readonly string[]): AutoCheckpoints {
  let auto = byCommunity.get(community);
  if (!auto) {
    auto = new AutoCheckpoints(community, memberId);
    byCommunity.set(community, auto);
    if (community.id && typeof indexedDB !== 'undefined') keepOnDevice(auto, autoCheckpointDatabaseName(community.id));
  }
  // Whoever shows the community knows its current connection (it can be replaced by an invite).
  if (present) auto.present = present;
  return auto;
}

/** The automatic checkpoints of an open community, recording who is connected with each. */
export function autoCheckpointsFor(opened: OpenCommunity, memberId: () => string): AutoCheckpoints {
  return autoCheckpointsOf(opened.community, memberId, () => [...new Set([memberId(), ...(opened.sync?.present() ?? []).map((p) => p.user.memberId)])].filter(Boolean));
}

/**
 * Starts this device's automatic checkpoints of a shown community (unless `start` is false)
 * once it is on screen: reading the stored ones is not what showing it waits for.
 */
export function useAutoCheckpoints(opened: OpenCommunity, start = true): void {
  const workspace = useWorkspace();
  useEffect(() => {
    if (start) afterNextPaint(() => autoCheckpointsFor(opened, () => workspace.personal.identity?.id ?? ''));
  }, [opened, workspace, start]);
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    request.onsuccess = () => {
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}.`));
  });
}

/**
 * Reads what was stored, then writes each new checkpoint and deletes those the limit let go.
 * A failure here loses only convenience (named checkpoints and the document itself are
 * stored with the community), so it is logged, never shown as a storage problem.
 */
function keepOnDevice(auto: AutoCheckpoints, name: string): void {
  const written = new Set<string>();
  let db: IDBDatabase | null = null;
  const write = (): void => {
    if (!db) return;
    const now = new Set(auto.checkpoints.map((c) => c.id));
    const added: Checkpoint[] = auto.checkpoints.filter((c) => !written.has(c.id));
    const gone = [...written].filter((id) => !now.has(id));
    if (added.length === 0 && gone.length === 0) return;
    try {
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      for (const checkpoint of added) {
        store.put({ ...checkpoint, present: [...checkpoint.present] });
        written.add(checkpoint.id);
      }
      for (const id of gone) {
        store.delete(id);
        written.delete(id);
      }
      transaction.onerror = () => console.warn('Automatic checkpoints could not be stored:', transaction.error);
    } catch (error) {
      console.warn('Automatic checkpoints could not be stored:', error);
    }
  };
  auto.observe(write);
  openDatabase(name)
    .then(
      (opened) =>
        new Promise<void>((resolve, reject) => {
          db = opened;
          const request = opened.transaction(STORE, 'readonly').objectStore(STORE).getAll();
          request.onsuccess = () => {
            const stored = request.result as unknown[];
            for (const value of stored) {
              const id = (value as { id?: unknown } | null)?.id;
              if (typeof id === 'string') written.add(id);
            }
            auto.remember(stored);
            write();
            resolve();
          };
          request.onerror = () => reject(request.error ?? new Error('Could not read the automatic checkpoints.'));
        }),
    )
    .catch((error: unknown) => console.warn('Automatic checkpoints are kept for this session only:', error));
}
