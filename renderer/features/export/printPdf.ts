import type { CommonplaceBridge, SaveFileResult } from '../../../shared/bridge/contract.js';
import { throwIfCancelled } from '../../../shared/export/progress.js';

/** How often the dialog asks the main process how far the printing is. */
export const printProgressEveryMs = 250;

/**
 * Prints a booklet's parts to a PDF through the bridge, reporting parts printed as they
 * are and stopping the printing when `signal` is aborted: on the desktop a long booklet
 * takes seconds in the main process, and the export dialog's progress bar and Stop button
 * must mean the same there as while the booklet is written. Rejects with
 * `exportCancelled()` when stopped, whatever the main process had got to.
 */
export async function printPdf(
  bridge: Pick<CommonplaceBridge, 'printToPdf' | 'printProgress' | 'cancelPrint'>,
  request: { readonly parts: readonly string[]; readonly suggestedName: string },
  options: { readonly signal: AbortSignal; readonly onProgress?: (done: number, total: number) => void },
): Promise<SaveFileResult> {
  const { signal, onProgress } = options;
  throwIfCancelled(signal);
  const job = crypto.randomUUID();
  const stop = (): void => {
    void bridge.cancelPrint(job);
  };
  signal.addEventListener('abort', stop, { once: true });
  let asking = false;
  const watch = setInterval(() => {
    if (asking || !onProgress) return;
    asking = true;
    bridge.printProgress(job).then(
      (progress) => {
        asking = false;
        if (progress && !signal.aborted) onProgress(progress.done, progress.total);
      },
      () => {
        asking = false;
      },
    );
  }, printProgressEveryMs);
  try {
    const result = await bridge.printToPdf({ job, ...request });
    throwIfCancelled(signal);
    return result;
  } finally {
    clearInterval(watch);
    signal.removeEventListener('abort', stop);
  }
}
