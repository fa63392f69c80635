import type { Booklet } from '../../../shared/export/booklet.js';
import { toDocx } from '../../../shared/export/docx.js';
import { toHtml, toPrintParts } from '../../../shared/export/html.js';
import type { ExportLabels } from '../../../shared/export/layout.js';
import { toMarkdown } from '../../../shared/export/markdown.js';
import type { ProgressOptions } from '../../../shared/export/progress.js';

/**
 * Turns a chosen booklet into a file's content. Runs in the export worker (so a long
 * export leaves the window responsive and can be stopped), or in the page as a fallback.
 * A booklet is plain data: consent was applied when it was chosen, not here.
 */

/** `printParts`: the HTML export cut into parts for the desktop app's PDF printing. */
export type RenderFormat = 'markdown' | 'html' | 'docx' | 'printParts';

export interface RenderRequest {
  readonly booklet: Booklet;
  readonly format: RenderFormat;
  readonly labels: ExportLabels;
  /** The language of the HTML document. */
  readonly lang: string;
}

export type RenderOutput = string | Uint8Array | readonly string[];

/** Messages from the export worker. */
export type RenderMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly output: RenderOutput }
  | { readonly type: 'error'; readonly message: string };

export async function renderBooklet(request: RenderRequest, options: ProgressOptions = {}): Promise<RenderOutput> {
  const common = { ...options, labels: request.labels };
  switch (request.format) {
    case 'markdown':
      return toMarkdown(request.booklet, common);
    case 'html':
      return toHtml(request.booklet, { ...common, lang: request.lang });
    case 'docx':
      return toDocx(request.booklet, common);
    case 'printParts':
      return toPrintParts(request.booklet, { ...common, lang: request.lang });
  }
}
