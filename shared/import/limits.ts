import { encodeUtf8 } from 'lib0/string';
import { cleanText } from '../cleanText.js';
import { CommonplaceError } from '../CommonplaceError.js';

// Every place shared/ runs (browsers, Node) has TextDecoder; its tsconfig has neither DOM nor Node types.
declare const TextDecoder: new (label: 'utf-8', options: { fatal: true }) => { decode(input: Uint8Array): string };

/** Refuses invalid UTF-8 instead of putting U+FFFD in its place. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The largest file an import accepts. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * The largest Markdown file: a long story is tens of kilobytes. Markdown costs far more
 * to read than CSV, so it gets a smaller limit (see checkMarkdownShape for the rest).
 */
export const MAX_MARKDOWN_BYTES = 1024 * 1024;

/**
 * Turns a file's content into text, or refuses it: over 5 MB, containing NUL bytes, or not
 * valid UTF-8 (a picture, a Word file, a spreadsheet saved in another encoding). A string
 * is measured by its UTF-8 size and checked for NUL characters the same way.
 */
export function readImportText(content: Uint8Array | string, maxBytes: number = MAX_IMPORT_BYTES): string {
  const limitMb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  const tooLarge = new CommonplaceError('importTooLarge', { limit: limitMb });
  let text: string;
  if (typeof content === 'string') {
    // Three bytes per UTF-16 unit is the most UTF-8 needs; measure exactly only near the limit.
    if (content.length > maxBytes || (content.length * 3 > maxBytes && encodeUtf8(content).length > maxBytes)) throw tooLarge;
    text = content;
  } else {
    if (content.length > maxBytes) throw tooLarge;
    if (content.includes(0)) throw binary();
    try {
      text = strictUtf8.decode(content);
    } catch {
      throw binary();
    }
  }
  if (text.includes('\u0000')) throw binary();
  // Stray control characters (a form feed, a lone surrogate) are dropped, not refused.
  return cleanText(text.replace(/^\uFEFF/, ''));
}

function binary(): CommonplaceError {
  return new CommonplaceError('importNotText');
}
