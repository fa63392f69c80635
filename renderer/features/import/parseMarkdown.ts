import type { Block } from '../../../shared/model/storyBlocks.js';
import { readMarkdownFile } from '../../../shared/import/importMarkdown.js';
import { CommonplaceError, type ErrorCode, type ErrorParams } from '../../../shared/CommonplaceError.js';

export type MarkdownWorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly blocks: Block[] }
  | { readonly type: 'refused'; readonly code: ErrorCode; readonly params: ErrorParams }
  | { readonly type: 'error'; readonly message: string };

/**
 * The longest a Markdown file may take to read. checkMarkdownShape keeps known bombs far
 * below it; this is the backstop for whatever it does not foresee.
 */
export const markdownTimeLimitMs = 10_000;

/**
 * Reads a Markdown file in a worker, so a hostile file cannot freeze the window, and gives
 * up after `timeLimitMs` with a CommonplaceError ('importTooComplex'), terminating the worker.
 * Where a worker cannot start (an old shell, a stricter policy), it is read here instead,
 * still behind checkMarkdownShape.
 */
export function parseMarkdownOffThread(content: Uint8Array | string, timeLimitMs: number = markdownTimeLimitMs): Promise<Block[]> {
  return new Promise<Block[]>((resolve, reject) => {
    let worker: Worker;
    let heard = false;
    const stop = (): void => {
      clearTimeout(timer);
      worker.terminate();
    };
    const inPage = (): void => {
      try {
        resolve(readMarkdownFile(content));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    try {
      worker = new Worker(new URL('./markdown.worker.ts', import.meta.url), { type: 'module', name: 'commonplace-markdown' });
    } catch {
      inPage();
      return;
    }
    const timer = setTimeout(() => {
      stop();
      reject(new CommonplaceError('importTooComplex', { seconds: Math.round(timeLimitMs / 1000) }));
    }, timeLimitMs);
    worker.onmessage = (event: MessageEvent<MarkdownWorkerReply>) => {
      heard = true;
      const reply = event.data;
      if (reply.type === 'ready') return;
      stop();
      if (reply.type === 'done') resolve(reply.blocks);
      else if (reply.type === 'refused') reject(new CommonplaceError(reply.code, reply.params));
      else reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      stop();
      // A worker that never said it was ready could not start: read the file here instead.
      // One that did and then failed (out of memory) is not retried on the page's thread.
      if (!heard) inPage();
      else reject(new Error(event.message || 'The file could not be read.'));
    };
    worker.postMessage(content);
  });
}
