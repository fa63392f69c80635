/**
 * y-indexeddb has no error event: when IndexedDB is missing, blocked or full, its promise
 * simply never settles. So we open a small database ourselves first and turn every way it
 * can fail into a named reason the person can act on.
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

export function classifyStorageError(error: unknown): StorageProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return 'quota';
  if (name === 'SecurityError' || name === 'InvalidStateError') return 'unavailable';
  return 'failed';
}

export function probeStorage(timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new StorageError('unavailable', 'IndexedDB is not available in this window.'));
      return;
    }
    const timer = setTimeout(() => reject(new StorageError('blocked', 'Opening local storage took too long.')), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open('commonplace-probe', 1);
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
      request.result.close();
      resolve();
    };
  });
}
