import { readMarkdownFile } from '../../../shared/import/importMarkdown.js';
import { isCommonplaceError } from '../../../shared/CommonplaceError.js';
import type { MarkdownWorkerReply } from './parseMarkdown.js';

/** Reads one Markdown file off the page's thread; the page terminates it if it takes too long. */
self.onmessage = (event: MessageEvent<Uint8Array | string>) => {
  let reply: MarkdownWorkerReply;
  try {
    reply = { type: 'done', blocks: readMarkdownFile(event.data) };
  } catch (error) {
    reply = isCommonplaceError(error) ? { type: 'refused', code: error.code, params: error.params } : { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};

// Tells the page the worker started, so a failure after this is the file's, not the worker's.
self.postMessage({ type: 'ready' } satisfies MarkdownWorkerReply);
