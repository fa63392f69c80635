import { exportCancelled } from '../../../shared/export/progress.js';
import type { RenderMessage, RenderOutput, RenderRequest } from './renderBooklet.js';

export interface RenderOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal: AbortSignal;
}

/**
 * Renders a booklet in a worker, reporting progress; aborting `signal` stops the worker at
 * once and rejects with `exportCancelled()`. Where a worker cannot start (an old shell,
 * a stricter policy), the same code runs in the page instead.
 */
export function renderOffThread(request: RenderRequest, options: RenderOptions): Promise<RenderOutput> {
  const { signal, onProgress } = options;
  if (signal.aborted) return Promise.reject(exportCancelled());
  return new Promise<RenderOutput>((resolve, reject) => {
    let worker: Worker | null = null;
    let heard = false;
    const stop = (): void => {
      worker?.terminate();
      worker = null;
      signal.removeEventListener('abort', onAbort);
    };
    function onAbort(): void {
      stop();
      reject(exportCancelled());
    }
    const inPage = (): void => {
      stop();
      renderInPage(request, options).then(resolve, reject);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'commonplace-export' });
    } catch {
      inPage();
      return;
    }
    worker.onmessage = (event: MessageEvent<RenderMessage>) => {
      heard = true;
      const message = event.data;
      if (message.type === 'progress') onProgress?.(message.done, message.total);
      else if (message.type === 'done') {
        stop();
        resolve(message.output);
      } else {
        stop();
        reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // A worker that never answered could not start: do the work here instead.
      if (!heard) inPage();
      else {
        stop();
        reject(new Error(event.message || 'The export stopped unexpectedly.'));
      }
    };
    try {
      worker.postMessage(request);
    } catch {
      inPage();
    }
  });
}

async function renderInPage(request: RenderRequest, options: RenderOptions): Promise<RenderOutput> {
  const { renderBooklet } = await import('./renderBooklet.js');
  // Let the page paint the progress bar before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return renderBooklet(request, { signal: options.signal, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
}
