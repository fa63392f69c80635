/**
 * Before any document is opened, a small database is opened first and every way it can fail
 * (IndexedDB missing, refused, blocked by another window, full) is turned into a named reason
 * the person can act on, instead of a document that never opens.
 */
export type StorageProblem = 'unavailable' | 'blocked' | 'quota' | 'failed';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly problem: StorageProblem,
    detail: string,
  ) {
    super(detail);
  }
}

/** The DOMException name behind an error; lib0 wraps them as `new Error(domException)`, keeping the name only in the message. */
function errorName(error: unknown): string {
  if (error instanceof StorageError) return error.name;
  if (!(error instanceof DOMException) && !(error instanceof Error)) return '';
  if (error.name !== 'Error') return error.name;
  return /^(?:Error: )?(\w+Error):/.exec(error.message)?.[1] ?? 'Error';
}

export function classifyStorageError(error: unknown): StorageProblem {
  if (error instanceof StorageError) return error.problem;
  const name = errorName(error);
  if (name === 'QuotaExceededError') return 'quota';
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'NotAllowedError') return 'unavailable';
  return 'failed';
}

/**
 * The window's IndexedDB factory, or null. Reading `window.indexedDB` itself can throw
 * (a SecurityError where storage is switched off for the page).
 */
function indexedDbFactory(): IDBFactory | null {
  try {
    const factory = (window as { indexedDB?: IDBFactory | null }).indexedDB;
    return factory ?? null;
  } catch {
    return null;
  }
}

/**
 * Opens (creating if needed) a small database with no version, so it never waits on an
 * upgrade of its own. It can still wait: when another window holds a database open and
 * ignores a pending upgrade or deletion, every later open on this origin queues behind
 * it without any event, so a timeout stands in for "blocked".
 */
export function probeStorage(timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const factory = indexedDbFactory();
    if (!factory || typeof factory.open !== 'function') {
      reject(new StorageError('unavailable', 'IndexedDB is not available in this window.'));
      return;
    }
    const timer = setTimeout(() => reject(new StorageError('blocked', 'Opening local storage took too long.')), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = factory.open('commonplace-probe');
    } catch (error) {
      clearTimeout(timer);
      reject(new StorageError(classifyStorageError(error), String(error)));
      return;
    }
    request.onblocked = () => {
      clearTimeout(timer);
      reject(new StorageError('blocked', 'Another window is holding local storage.'));
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(new StorageError(classifyStorageError(request.error), request.error?.message ?? 'unknown'));
    };
    request.onsuccess = () => {
      clearTimeout(timer);
      const db = request.result;
      // Let go at once if anyone (a newer Commonplace, a deletion) needs the database.
      db.onversionchange = () => db.close();
      db.close();
      resolve();
    };
  });
}
