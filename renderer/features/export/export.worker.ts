import { renderBooklet, type RenderMessage, type RenderRequest } from './renderBooklet.js';

/**
 * The export worker: renders one booklet and posts progress after each entry. Stopping an
 * export terminates the worker, so cancelling works even in the middle of an entry.
 */
const post = (message: RenderMessage, transfer: Transferable[] = []): void => {
  self.postMessage(message, { transfer });
};

self.onmessage = (event: MessageEvent<RenderRequest>) => {
  renderBooklet(event.data, { onProgress: (done, total) => post({ type: 'progress', done, total }) }).then(
    (output) => post({ type: 'done', output }, output instanceof Uint8Array ? [output.buffer as ArrayBuffer] : []),
    (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
