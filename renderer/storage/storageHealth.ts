import { classifyStorageError, type StorageProblem } from './storageProbe.js';

/**
 * Whether this window's writes are reaching IndexedDB. `openPersistedDoc` reports writes
 * that throw and commits refused later (its connections' abort events) here; the UI
 * (`StorageAlert`) reads it. A failure stays until a full save of every open document
 * succeeds again, which `openPersistedDoc` retries on its own.
 */
export interface StorageHealth {
  /** null while every write has reached storage. */
  readonly problem: StorageProblem | null;
  /** Failed writes since the last successful full save. */
  readonly failures: number;
  /** True after a failure was followed by a successful full save. */
  readonly recovered: boolean;
  /** Counts runs of failures: a new one starts with the first failure after a successful save. */
  readonly episode: number;
}

const healthy: StorageHealth = { problem: null, failures: 0, recovered: false, episode: 0 };
let current: StorageHealth = healthy;
const listeners = new Set<() => void>();
const retriers = new Set<() => Promise<void>>();

function set(next: StorageHealth): void {
  current = next;
  for (const listener of listeners) listener();
}

export function storageHealth(): StorageHealth {
  return current;
}

export function subscribeStorageHealth(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How long to wait before writing everything again after a failure; doubles up to a minute. */
const FIRST_RETRY_MS = 5000;
let retryDelay = FIRST_RETRY_MS;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

function scheduleRetry(): void {
  if (retryTimer !== null) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    retryDelay = Math.min(retryDelay * 2, 60_000);
    void retryStorage();
  }, retryDelay);
}

/**
 * A write did not reach storage. The most specific reason seen wins (quota over others).
 * A full write of every open document is then retried on a timer and when the window
 * regains focus (the person may have freed space meanwhile), until one succeeds.
 */
export function reportStorageFailure(error: unknown): void {
  const problem = classifyStorageError(error);
  const keep = current.problem === 'quota' ? 'quota' : problem;
  const episode = current.problem === null ? current.episode + 1 : current.episode;
  set({ problem: keep, failures: current.failures + 1, recovered: false, episode });
  scheduleRetry();
}

/** Every open document was written in full: nothing typed in this window is missing from storage. */
export function reportStorageSaved(): void {
  retryDelay = FIRST_RETRY_MS;
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
  if (current.problem === null) return;
  set({ problem: null, failures: 0, recovered: true, episode: current.episode });
}

/** Hides the "saved again" note. */
export function acknowledgeStorageRecovery(): void {
  if (current.recovered) set({ ...current, recovered: false });
}

/** Each open document registers how to write itself out in full; `retryStorage` runs them all. */
export function registerRetrier(retry: () => Promise<void>): () => void {
  retriers.add(retry);
  return () => retriers.delete(retry);
}

/** Tries to write every open document in full; reports saved when all succeed. */
export async function retryStorage(): Promise<boolean> {
  if (retrying) return retrying;
  retrying = writeAll();
  try {
    return await retrying;
  } finally {
    retrying = null;
  }
}
let retrying: Promise<boolean> | null = null;

async function writeAll(): Promise<boolean> {
  const results = await Promise.allSettled([...retriers].map((retry) => retry()));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    reportStorageFailure(failed.reason);
    return false;
  }
  reportStorageSaved();
  return true;
}

/** Names of the errors IndexedDB raises when a write cannot be stored. */
const storageErrorNames = ['QuotaExceededError', 'InvalidStateError', 'UnknownError', 'AbortError', 'TransactionInactiveError', 'DataError', 'DataCloneError', 'ReadOnlyError', 'VersionError'];

/**
 * Whether an unhandled rejection came from IndexedDB. lib0's IndexedDB helpers (other code
 * may use them) reject with `new Error(domException)`, so the DOMException's name is only
 * in the message.
 */
export function isStorageRejection(reason: unknown): boolean {
  if (!(reason instanceof Error) && !(reason instanceof DOMException)) return false;
  if (storageErrorNames.includes(reason.name)) return true;
  return storageErrorNames.some((name) => reason.message.startsWith(`${name}:`) || reason.message.startsWith(`Error: ${name}:`));
}

let watching = false;

/**
 * Reports IndexedDB failures left as unhandled rejections, and retries
 * when the window regains focus after a failure. Installed once, by the first open.
 */
export function watchStorageRejections(): void {
  if (watching) return;
  watching = true;
  window.addEventListener('unhandledrejection', (event) => {
    if (!isStorageRejection(event.reason)) return;
    // Reported to the person instead of the console.
    event.preventDefault();
    reportStorageFailure(event.reason);
  });
  window.addEventListener('focus', () => {
    if (current.problem !== null) void retryStorage();
  });
}
