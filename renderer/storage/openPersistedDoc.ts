import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { afterNextPaint } from '../timing/afterNextPaint.js';
import { batchUntilPaint } from '../timing/batchUntilPaint.js';
import { registerRetrier, reportStorageFailure, watchStorageRejections } from './storageHealth.js';
import { StorageError, classifyStorageError } from './storageProbe.js';

export interface PersistedDoc {
  readonly doc: Y.Doc;
  readonly persistence: IndexeddbPersistence;
  /** Rewrites the store as one update, in one transaction; resolves once it has committed. */
  compact(): Promise<void>;
  /**
   * Resolves once every update written before the call has committed. IndexedDB runs
   * transactions over the same store in the order they were created, so a read-only one
   * created now completes only after every earlier write has.
   */
  whenStored(): Promise<void>;
  /** What the database holds against what the document encodes to (for tests and a storage view). */
  measure(): Promise<StorageFigures>;
  destroy(): Promise<void>;
}

export interface StorageFigures {
  /** Sum of the stored updates' byte lengths. */
  readonly storedBytes: number;
  readonly storedUpdates: number;
  /** `Y.encodeStateAsUpdate(doc).byteLength`. */
  readonly stateBytes: number;
}

export interface PersistOptions {
  /** How long to wait for the database before saying it is blocked (a healthy open takes milliseconds). */
  readonly openTimeoutMs?: number;
  /** Compact (when idle) after this many updates since the last compaction... */
  readonly compactAfterUpdates?: number;
  /** ...or after this many bytes, or the size of the document's state if that is larger. */
  readonly compactAfterBytes?: number;
  /**
   * When edits are written (default: right after the frame that shows them). Every edit,
   * one's own and those received, waits for the paint, and what waited is written as one
   * merged update: the write (0.6 ms a keystroke in a big community) is then off the path
   * from keystroke to screen, and the store still loads in the order things happened.
   */
  readonly scheduleWrite?: (write: () => void) => void;
}

const UPDATES = 'updates';

/**
 * Opens a Y.Doc from its IndexedDB database and resolves once the stored state is in.
 *
 * How it keeps everything (measured in tests/e2e/reliability.e2e.test.ts, see
 * docs/ARCHITECTURE.md "Reliability figures"):
 * - every Yjs update is written by y-indexeddb in its own IndexedDB transaction right after
 *   the frame that shows it (those of one frame merged): nothing waits longer than a frame,
 *   so a crash loses only what was still on its way;
 * - y-indexeddb appends and only trims after 500 updates, so we compact (after open) when the
 *   window is hidden, and when idle after many updates (`requestIdleCallback`), each time
 *   in one transaction that either fully replaces the old updates or changes nothing;
 * - y-indexeddb reports no failed write: we catch the ones it throws, watch the
 *   connection's `abort` events (a commit refused for quota arrives there) and report
 *   them to `storageHealth`, which retries a full write until one succeeds.
 */
export async function openPersistedDoc(databaseName: string, doc: Y.Doc = new Y.Doc(), options: PersistOptions = {}): Promise<PersistedDoc> {
  const { openTimeoutMs = 10_000, compactAfterUpdates = 200, compactAfterBytes = 64 * 1024, scheduleWrite = afterNextPaint } = options;
  watchStorageRejections();
  const persistence = new IndexeddbPersistence(databaseName, doc);
  const writes = guardWrites(persistence, scheduleWrite);
  await whenOpen(persistence, openTimeoutMs);
  writes.follow();

  const db = persistence.db;
  const onAbort = (event: Event): void => {
    const transaction = event.target instanceof IDBTransaction ? event.target : null;
    reportStorageFailure(transaction?.error ?? new DOMException('A write to local storage was cancelled.', 'AbortError'));
  };
  const onClose = (): void => reportStorageFailure(new DOMException('The browser closed local storage.', 'UnknownError'));
  db?.addEventListener('abort', onAbort);
  db?.addEventListener('close', onClose);

  let stateBytes = 0;
  let pendingUpdates = 0;
  let pendingBytes = 0;
  let idle: number | null = null;
  let running: Promise<void> | null = null;

  const compact = (): Promise<void> => {
    // One at a time; a request during a run waits for it and then runs again.
    const previous = running ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => {
        const covered = { updates: pendingUpdates, bytes: pendingBytes };
        return writeFullState(persistence).then((bytes) => {
          stateBytes = bytes;
          pendingUpdates = Math.max(0, pendingUpdates - covered.updates);
          pendingBytes = Math.max(0, pendingBytes - covered.bytes);
        });
      });
    running = next;
    void next.finally(() => {
      if (running === next) running = null;
    });
    return next;
  };

  const compactWhenIdle = (): void => {
    if (idle !== null) return;
    // The timeout bounds the store even while someone types without pause.
    idle = requestIdleCallback(
      () => {
        idle = null;
        compact().catch(reportStorageFailure);
      },
      { timeout: 2000 },
    );
  };
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === persistence) return;
    pendingUpdates += 1;
    pendingBytes += update.byteLength;
    // A compaction costs in proportion to the document, so a big one waits for
    // proportionally more edits (200 per MB); the store stays within 2x the state in bytes.
    const updateLimit = compactAfterUpdates * Math.max(1, stateBytes / 1_000_000);
    if (pendingUpdates >= updateLimit || pendingBytes >= Math.max(compactAfterBytes, stateBytes)) compactWhenIdle();
  };
  const onHidden = (): void => {
    if (document.visibilityState !== 'hidden') return;
    writes.flush();
    if (pendingUpdates > 0) compact().catch(reportStorageFailure);
  };

  // Compacting a big community means encoding and writing all of it (9.5 MB for 1,000
  // entries): not before it is shown. The records y-indexeddb left (one more on every
  // load) count as pending, so the usual thresholds compact them when idle.
  try {
    pendingUpdates = Math.max(0, (await countRecords(persistence)) - 1);
  } catch (error) {
    reportStorageFailure(error);
  }
  if (pendingUpdates >= compactAfterUpdates) compactWhenIdle();
  doc.on('update', onUpdate);
  document.addEventListener('visibilitychange', onHidden);
  const unregister = registerRetrier(compact);

  return {
    doc,
    persistence,
    compact,
    whenStored: () => {
      writes.flush();
      return whenStored(persistence);
    },
    measure: () => measureStore(persistence),
    destroy: async () => {
      writes.flush();
      unregister();
      if (idle !== null) cancelIdleCallback(idle);
      document.removeEventListener('visibilitychange', onHidden);
      doc.off('update', onUpdate);
      db?.removeEventListener('abort', onAbort);
      db?.removeEventListener('close', onClose);
      await running?.catch(() => undefined);
      await persistence.destroy();
      doc.destroy();
    },
  };
}

/**
 * y-indexeddb writes from inside Yjs's update event; a write that throws (a closed
 * connection, a full disk in some browsers) would break the edit that caused it.
 * We catch it and report it instead: the edit stays in the open document, and the next
 * full write stores it.
 */
interface GuardedWrites {
  /** Starts following the document's updates. */
  follow(): void;
  /** Writes at once whatever waits to be written. */
  flush(): void;
}

function guardWrites(persistence: IndexeddbPersistence, scheduleWrite: (write: () => void) => void): GuardedWrites {
  const { doc } = persistence;
  const store = persistence._storeUpdate;
  const write = (update: Uint8Array, origin: unknown): void => {
    try {
      store(update, origin);
    } catch (error) {
      reportStorageFailure(error);
    }
  };
  const batch = batchUntilPaint((update) => write(update, null), scheduleWrite);
  const guarded = (update: Uint8Array, origin: unknown): void => {
    if (origin !== persistence) batch.add(update);
  };
  doc.off('update', store);
  // y-indexeddb's destroy() removes whatever is here.
  persistence._storeUpdate = guarded;
  // Listening from the start would make Yjs encode the whole loaded state once more for
  // an 'update' event that y-indexeddb ignores (its own origin): 170 ms for 9.5 MB. Nothing
  // else edits the document before it is open, so writes are followed from then on.
  return { follow: () => doc.on('update', guarded), flush: batch.flush };
}

/** Resolves when the stored updates are in the document; y-indexeddb's own promise never settles on failure. */
function whenOpen(persistence: IndexeddbPersistence, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: StorageError): void => {
      clearTimeout(timer);
      void persistence.destroy().catch(() => undefined);
      reject(error);
    };
    const timer = setTimeout(() => fail(new StorageError('blocked', `Opening ${persistence.name} took longer than ${timeoutMs} ms.`)), timeoutMs);
    persistence.whenSynced.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => fail(new StorageError(classifyStorageError(error), String(error))),
    );
    persistence._db.catch((error: unknown) => fail(new StorageError(classifyStorageError(error), String(error))));
  });
}

/**
 * Writes the whole document as one update and deletes every update it replaces, in one
 * transaction: a crash or a refusal midway leaves the old updates as they were. Updates
 * another window added meanwhile are read and merged first, so none is dropped.
 * Resolves with the size written, once the transaction has committed.
 */
function writeFullState(persistence: IndexeddbPersistence): Promise<number> {
  return persistence._db.then(
    (db) =>
      new Promise<number>((resolve, reject) => {
        let failure: unknown = null;
        let written = 0;
        let transaction: IDBTransaction;
        const abort = (error: unknown): void => {
          failure = error;
          try {
            transaction.abort();
          } catch {
            // already finished
          }
        };
        try {
          transaction = db.transaction([UPDATES], 'readwrite');
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        transaction.oncomplete = () => {
          persistence._dbsize = 1;
          resolve(written);
        };
        transaction.onabort = (event) => {
          // Ours: not a failed background write, so the connection's listener need not hear it.
          event.stopPropagation();
          const reason: unknown = failure ?? transaction.error ?? new DOMException('Compaction was cancelled.', 'AbortError');
          reject(reason instanceof Error ? reason : new DOMException('Compaction was cancelled.', 'AbortError'));
        };
        try {
          const store = transaction.objectStore(UPDATES);
          const newer = store.getAll(IDBKeyRange.lowerBound(persistence._dbref, false));
          newer.onsuccess = () => {
            try {
              const updates = newer.result as Uint8Array[];
              Y.transact(persistence.doc, () => updates.forEach((update) => Y.applyUpdate(persistence.doc, update)), persistence, false);
              const state = Y.encodeStateAsUpdate(persistence.doc);
              written = state.byteLength;
              const added = store.add(state);
              added.onsuccess = () => {
                try {
                  const key = added.result as number;
                  store.delete(IDBKeyRange.upperBound(key, true));
                  persistence._dbref = key + 1;
                } catch (error) {
                  abort(error);
                }
              };
            } catch (error) {
              abort(error);
            }
          };
        } catch (error) {
          abort(error);
        }
      }),
  );
}

/** One read of the updates store, in its own read-only transaction. */
function readStore<T>(persistence: IndexeddbPersistence, read: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return persistence._db.then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const request = read(db.transaction([UPDATES], 'readonly').objectStore(UPDATES));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new DOMException('Could not read local storage.', 'UnknownError'));
      }),
  );
}

/** How many updates the store holds (y-indexeddb's own count is set after it says synced). */
function countRecords(persistence: IndexeddbPersistence): Promise<number> {
  return readStore(persistence, (store) => store.count());
}

function whenStored(persistence: IndexeddbPersistence): Promise<void> {
  return persistence._db.then(
    (db) =>
      new Promise<void>((resolve, reject) => {
        const transaction = db.transaction([UPDATES], 'readonly');
        // A request keeps the transaction from being committed before it is scheduled.
        transaction.objectStore(UPDATES).count();
        transaction.oncomplete = () => resolve();
        transaction.onabort = () => reject(transaction.error ?? new DOMException('Could not read local storage.', 'AbortError'));
      }),
  );
}

async function measureStore(persistence: IndexeddbPersistence): Promise<StorageFigures> {
  const updates = (await readStore(persistence, (store) => store.getAll())) as Uint8Array[];
  return {
    storedBytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
    storedUpdates: updates.length,
    stateBytes: Y.encodeStateAsUpdate(persistence.doc).byteLength,
  };
}
