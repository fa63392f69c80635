import { CommonplaceError, isCommonplaceError } from '../CommonplaceError.js';

/**
 * Progress and cancellation for long exports and imports. `AbortSignal` is a DOM and Node
 * type that shared/ cannot see, so this is the smallest shape both of them satisfy: pass
 * an `AbortController`'s `signal` directly.
 */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface ProgressOptions {
  /** Called after each entry with how many are done out of how many. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between entries; when it is aborted the work stops with `exportCancelled()`. */
  readonly signal?: CancelSignal;
}

/** The person stopped the export: not a failure, so it is told apart by its code. */
export const exportCancelled = (): CommonplaceError => new CommonplaceError('exportCancelled');
export const isExportCancelled = (error: unknown): boolean => isCommonplaceError(error, 'exportCancelled');

export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw exportCancelled();
}

/** Counts entries as they are done, checking for cancellation before each. */
export function progressTracker(total: number, options: ProgressOptions | undefined): { step: () => void; check: () => void } {
  let done = 0;
  return {
    check: () => throwIfCancelled(options?.signal),
    step: () => {
      done += 1;
      options?.onProgress?.(done, total);
    },
  };
}
