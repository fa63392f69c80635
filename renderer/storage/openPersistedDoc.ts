import * as Y from 'yjs';
import { hasOutbox, outboxOf } from '../transport/outbox.js';
import { registerRetrier, reportStorageFailure, watchStorageRejections } from './storageHealth.js';
import { StorageError, classifyStorageError } from './storageProbe.js';

export interface PersistedDoc {
  readonly doc: Y.Doc;
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
}

const UPDATES = 'updates';

/**
 * The database as y-indexeddb lays it out (one per document: an auto-numbered `updates`
 * store of Yjs updates, and a `custom` store), so what y-indexeddb wrote opens here and
 * the other way round (tests/e2e/contract.e2e.test.ts runs the real y-indexeddb
 * against it). Ours rather than y-indexeddb's class because storage is one of the outbox's
 * consumers: y-indexeddb listens to the document itself, writes inside Yjs's update event
 * and reports no failure, which the app had to change by replacing its private fields.
 */
interface Store {
  readonly db: IDBDatabase;
  /** The origin of what storage applies to the document (loading, compaction), so the outbox does not send it on. */
  readonly origin: object;
  /** The first key not yet read into the document (y-indexeddb's `_dbref`). */
  next: number;
}

/**
 * Opens a Y.Doc from its IndexedDB database and resolves once the stored state is in.
 *
 * How it keeps everything (measured in tests/e2e/reliability.e2e.test.ts, see
 * docs/ARCHITECTURE.md "Reliability figures"):
 * - every update the document's outbox hands on (one's own, and what came from peers, the
 *   relay or another window) is written in its own IndexedDB transaction right after the
 *   frame that shows it (those of one frame merged): nothing waits longer than a frame, so
 *   a crash loses only what was still on its way;
 * - we compact (after open) when the window is hidden, and when idle after many updates
 *   (`requestIdleCallback`), each time in one transaction that either fully replaces the
 *   old updates or changes nothing;
 * - a write that throws, and a commit refused later (the connection's `abort` event, as a
 *   full disk arrives) are reported to `storageHealth`, which retries a full write until
 *   one succeeds.
 */
export async function openPersistedDoc(databaseName: string, doc: Y.Doc = new Y.Doc(), options: PersistOptions = {}): Promise<PersistedDoc> {
  const { openTimeoutMs = 10_000, compactAfterUpdates = 200, compactAfterBytes = 64 * 1024 } = options;
  watchStorageRejections();
  const origin = { storage: databaseName };
  // Only an outbox made before (by a caller that synced first) must know the load's origin
  // now; making one here would have Yjs encode the whole loaded state for its listener.
  const early = hasOutbox(doc) ? outboxOf(doc).markOrigin(origin, 'storage') : null;
  const store = await openStore(databaseName, doc, origin, openTimeoutMs).catch((error: unknown) => {
    early?.();
    throw error;
  });
  const { db } = store;
  const outbox = outboxOf(doc);
  const unmark = early ?? outbox.markOrigin(origin, 'storage');

  const onAbort = (event: Event): void => {
    const transaction = event.target instanceof IDBTransaction ? event.target : null;
    reportStorageFailure(transaction?.error ?? new DOMException('A write to local storage was cancelled.', 'AbortError'));
  };
  const onClose = (): void => reportStorageFailure(new DOMException('The browser closed local storage.', 'UnknownError'));
  db.addEventListener('abort', onAbort);
  db.addEventListener('close', onClose);

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
        return writeFullState(store, doc).then((bytes) => {
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
  const write = (update: Uint8Array): void => {
    try {
      db.transaction([UPDATES], 'readwrite').objectStore(UPDATES).add(update);
    } catch (error) {
      // The edit stays in the open document; the retried full write stores it.
      reportStorageFailure(error);
    }
    pendingUpdates += 1;
    pendingBytes += update.byteLength;
    // A compaction costs in proportion to the document, so a big one waits for
    // proportionally more edits (200 per MB); the store stays within 2x the state in bytes.
    const updateLimit = compactAfterUpdates * Math.max(1, stateBytes / 1_000_000);
    if (pendingUpdates >= updateLimit || pendingBytes >= Math.max(compactAfterBytes, stateBytes)) compactWhenIdle();
  };
  // Everything but what storage itself loaded, right after the frame that shows it (the
  // outbox waits for the paint, and merges what waited): the write, measurable per keystroke
  // in a big community (docs/PERFORMANCE.md), stays off the path from keystroke to screen. What another window wrote
  // is written again here too (harmless, Yjs updates are idempotent), so a window that
  // crashed before its write loses nothing that reached this one.
  const unsubscribe = outbox.subscribe({ sources: ['local', 'peers', 'relay', 'windows'], deliver: (batch) => write(batch.update) });
  const flush = outbox.flush;
  const onHidden = (): void => {
    if (document.visibilityState !== 'hidden') return;
    flush();
    if (pendingUpdates > 0) compact().catch(reportStorageFailure);
  };

  // Compacting a big community means encoding and writing all of it (docs/PERFORMANCE.md,
  // "Opening 1,000 entries"): not before it is shown. The records left count as pending, so the usual
  // thresholds compact them when idle.
  try {
    pendingUpdates = Math.max(0, (await countRecords(db)) - 1);
  } catch (error) {
    reportStorageFailure(error);
  }
  if (pendingUpdates >= compactAfterUpdates) compactWhenIdle();
  document.addEventListener('visibilitychange', onHidden);
  const unregister = registerRetrier(compact);

  return {
    doc,
    compact,
    whenStored: () => {
      flush();
      return whenStored(db);
    },
    measure: () => measureStore(db, doc),
    destroy: async () => {
      flush();
      unsubscribe();
      unmark();
      unregister();
      if (idle !== null) cancelIdleCallback(idle);
      document.removeEventListener('visibilitychange', onHidden);
      db.removeEventListener('abort', onAbort);
      db.removeEventListener('close', onClose);
      await running?.catch(() => undefined);
      // Lets the last writes commit: closing waits for running transactions.
      db.close();
      doc.destroy();
    },
  };
}

/**
 * Opens (creating as y-indexeddb does) the database and reads every stored update into the
 * document, in one transaction with the origin `store` (so the outbox does not write it
 * back). A document that already held something before opening gets it stored first, as
 * y-indexeddb does. Rejects with a StorageError saying why, including after `timeoutMs`
 * when another window blocks the open.
 */
function openStore(name: string, doc: Y.Doc, origin: object, timeoutMs: number): Promise<Store> {
  return new Promise<Store>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error instanceof StorageError ? error : new StorageError(classifyStorageError(error), String(error)));
    };
    const timer = setTimeout(() => fail(new StorageError('blocked', `Opening ${name} took longer than ${timeoutMs} ms.`)), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch (error) {
      fail(error);
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(UPDATES)) db.createObjectStore(UPDATES, { autoIncrement: true });
      if (!db.objectStoreNames.contains('custom')) db.createObjectStore('custom');
    };
    request.onerror = () => fail(request.error ?? new DOMException(`Could not open ${name}.`, 'UnknownError'));
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the app wants to upgrade the database: let it.
      db.onversionchange = () => db.close();
      if (settled) {
        db.close();
        return;
      }
      const store: Store = { db, origin, next: 0 };
      load(store, doc).then(
        () => {
          if (settled) {
            db.close();
            return;
          }
          settled = true;
          clearTimeout(timer);
          resolve(store);
        },
        (error: unknown) => {
          db.close();
          fail(error);
        },
      );
    };
  });
}

function load(store: Store, doc: Y.Doc): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const transaction = store.db.transaction([UPDATES], 'readwrite');
    const updates = transaction.objectStore(UPDATES);
    const hadState = doc.store.clients.size > 0;
    if (hadState) updates.add(Y.encodeStateAsUpdate(doc));
    const cursor = updates.openCursor(IDBKeyRange.lowerBound(store.next, false));
    const read: Uint8Array[] = [];
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (at) {
        read.push(at.value as Uint8Array);
        store.next = (at.key as number) + 1;
        at.continue();
        return;
      }
      try {
        Y.transact(doc, () => read.forEach((update) => Y.applyUpdate(doc, update)), store.origin, false);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        transaction.abort();
      }
    };
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new DOMException('Reading local storage was cancelled.', 'AbortError'));
  });
}

/**
 * Writes the whole document as one update and deletes every update it replaces, in one
 * transaction: a crash or a refusal midway leaves the old updates as they were. Updates
 * another window added meanwhile are read and merged first, so none is dropped.
 * Resolves with the size written, once the transaction has committed.
 */
function writeFullState(store: Store, doc: Y.Doc): Promise<number> {
  return new Promise<number>((resolve, reject) => {
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
      transaction = store.db.transaction([UPDATES], 'readwrite');
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let next = store.next;
    transaction.oncomplete = () => {
      store.next = next;
      resolve(written);
    };
    transaction.onabort = (event) => {
      // Ours: not a failed background write, so the connection's listener need not hear it.
      event.stopPropagation();
      const reason: unknown = failure ?? transaction.error ?? new DOMException('Compaction was cancelled.', 'AbortError');
      reject(reason instanceof Error ? reason : new DOMException('Compaction was cancelled.', 'AbortError'));
    };
    try {
      const updates = transaction.objectStore(UPDATES);
      const newer = updates.getAll(IDBKeyRange.lowerBound(store.next, false));
      newer.onsuccess = () => {
        try {
          Y.transact(doc, () => (newer.result as Uint8Array[]).forEach((update) => Y.applyUpdate(doc, update)), store.origin, false);
          const state = Y.encodeStateAsUpdate(doc);
          written = state.byteLength;
          const added = updates.add(state);
          added.onsuccess = () => {
            try {
              const key = added.result as number;
              updates.delete(IDBKeyRange.upperBound(key, true));
              next = key + 1;
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
  });
}

/** One read of the updates store, in its own read-only transaction. */
function readStore<T>(db: IDBDatabase, read: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = read(db.transaction([UPDATES], 'readonly').objectStore(UPDATES));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new DOMException('Could not read local storage.', 'UnknownError'));
  });
}

function countRecords(db: IDBDatabase): Promise<number> {
  return readStore(db, (store) => store.count());
}

function whenStored(db: IDBDatabase): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const transaction = db.transaction([UPDATES], 'readonly');
    // A request keeps the transaction from being committed before it is scheduled.
    transaction.objectStore(UPDATES).count();
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new DOMException('Could not read local storage.', 'AbortError'));
  });
}

async function measureStore(db: IDBDatabase, doc: Y.Doc): Promise<StorageFigures> {
  const updates = (await readStore(db, (store) => store.getAll())) as Uint8Array[];
  return {
    storedBytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
    storedUpdates: updates.length,
    stateBytes: Y.encodeStateAsUpdate(doc).byteLength,
  };
}
