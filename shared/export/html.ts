import type { Booklet } from './booklet.js';
import { englishLabels, layoutBooklet } from './layout.js';
import type { ExportOptions } from './markdown.js';
import { progressTracker } from './progress.js';
import { normaliseInlines, safeHref, type Block, type Inline } from '../model/storyBlocks.js';

export interface HtmlExportOptions extends ExportOptions {
  /** The document's language, `en` by default. */
  readonly lang?: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

// Print rules: headings stay with what follows them, and short things (a quote, a list item)
// are not split. Whole entries are allowed to split: with `article { break-inside: avoid }`
// every entry that did not fit the rest of a page was pushed to the next one, leaving the
// rest blank (2,749 pages instead of 2,385 for the 1,000-entry booklet), and most harvests
// are longer than a page anyway, so Chromium could not keep them whole.
const styles = `
:root { color-scheme: light dark; --text: #1d1d1f; --muted: #5a5a60; --rule: #d0d0d6; --accent: #2557a7; --quote: #f3f3f6; }
@media (prefers-color-scheme: dark) { :root { --text: #ececf0; --muted: #b0b0b8; --rule: #44444c; --accent: #8fb3ff; --quote: #26262c; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 42rem; padding: 2rem 1.25rem 4rem; font: 1.0625rem/1.6 Georgia, 'Iowan Old Style', 'Times New Roman', serif; color: var(--text); }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2.2rem; margin-top: 0; }
h2 { font-size: 1.6rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.25em; }
h3 { font-size: 1.3rem; }
h4 { font-size: 1.1rem; }
.subtitle { font-size: 1.2rem; color: var(--muted); margin: 0 0 0.5rem; }
.note { color: var(--muted); font-style: italic; }
a { color: var(--accent); }
blockquote { margin: 1em 0; padding: 0.5em 1em; border-left: 4px solid var(--rule); background: var(--quote); }
pre { overflow-x: auto; padding: 0.75em 1em; background: var(--quote); }
code { font-family: ui-monospace, 'SFMono-Regular', Consolas, monospace; font-size: 0.9em; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
nav ul { list-style: none; padding-left: 0; } nav ul ul { padding-left: 1.25rem; }
article { margin-bottom: 2.5rem; }
@media print {
  :root { --text: #000; --muted: #333; --accent: #000; --quote: transparent; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  section { break-before: page; page-break-before: always; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  a { text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  nav a::after { content: none !important; }
}
`;

/**
 * The booklet as one self-contained HTML file for reading and printing. It carries no
 * script and no event-handler attributes; every piece of text is escaped; links are kept
 * only for http, https and mailto (anything else becomes its text), and a
 * Content-Security-Policy forbids scripts and remote loads even if the file is edited.
 */
export function toHtml(booklet: Booklet, options: HtmlExportOptions = {}): string {
  const body = bookletBody(booklet, options);
  return htmlDocument(body.title, body.lang, [...body.front, ...body.sections.flatMap((section) => [section.open, ...section.entries.map((entry) => entry.html), '</section>'])]);
}

export interface PrintPartsOptions extends HtmlExportOptions {
  /** Roughly how much HTML one part holds; a part grows past it only to finish an entry. */
  readonly partBytes?: number;
}

/**
 * About 170 A4 pages of booklet. Chromium's printing costs more per page the longer the
 * document, so a long booklet prints faster as parts of this size, one after another, and
 * faster again several at once (measured in docs/PERFORMANCE.md, "PDF export").
 */
export const defaultPartBytes = 512 * 1024;

/**
 * The booklet as one or more self-contained HTML documents (each like `toHtml`'s, with the
 * same styles and rules) that, printed one after the other, make the booklet: the title page
 * and contents in the first, then whole entries. Parts are cut where a section begins (it
 * starts a new page anyway) or, inside a long section, between two entries. Anchors keep
 * their names across parts, so the contents' links can be joined up again once the parts'
 * PDFs are merged (electron/services/printBooklet.ts). A short booklet is one part.
 */
export function toPrintParts(booklet: Booklet, options: PrintPartsOptions = {}): string[] {
  const partBytes = options.partBytes ?? defaultPartBytes;
  const body = bookletBody(booklet, options);
  const parts: { pieces: string[]; anchors: string[] }[] = [];
  let current = { pieces: [...body.front], anchors: [] as string[] };
  let size = current.pieces.reduce((sum, piece) => sum + piece.length, 0);
  const startPart = (): void => {
    parts.push(current);
    current = { pieces: [], anchors: [] };
    size = 0;
  };
  for (const section of body.sections) {
    if (size >= partBytes) startPart();
    current.pieces.push(section.open);
    current.anchors.push(section.anchor);
    let entriesHere = 0;
    for (const entry of section.entries) {
      if (size >= partBytes && entriesHere > 0) {
        current.pieces.push('</section>');
        startPart();
        // The rest of the section, without its heading: it reads on from the part before.
        current.pieces.push('<section>');
      }
      current.pieces.push(entry.html);
      current.anchors.push(entry.anchor);
      size += entry.html.length;
      entriesHere += 1;
    }
    current.pieces.push('</section>');
  }
  parts.push(current);
  if (parts.length === 1) return [htmlDocument(body.title, body.lang, current.pieces)];
  // Chromium writes a link to a place in the document only if that place is in the same
  // document, and names a place only if something links to it. So the first part (with the
  // contents) gets an empty named anchor for every place printed later, and every later part
  // a hidden link to each of its places: the contents' links and the places' names both end
  // up in the PDFs, and joining them connects the two. Neither shows or takes any room.
  const later = parts.slice(1).flatMap((part) => part.anchors);
  return parts.map((part, index) => {
    const links = index === 0 ? later.map((anchor) => `<a name="${anchor}"></a>`) : part.anchors.map((anchor) => `<a href="#${anchor}"></a>`);
    return htmlDocument(body.title, body.lang, [...part.pieces, `<div hidden>${links.join('')}</div>`]);
  });
}

interface BookletBody {
  readonly title: string;
  readonly lang: string;
  /** The title page and the contents. */
  readonly front: readonly string[];
  readonly sections: readonly {
    readonly anchor: string;
    readonly open: string;
    readonly entries: readonly { readonly anchor: string; readonly html: string }[];
  }[];
}

function bookletBody(booklet: Booklet, options: HtmlExportOptions): BookletBody {
  const layout = layoutBooklet(booklet, options.labels ?? englishLabels);
  const progress = progressTracker(layout.entryCount, options);
  const lang = options.lang && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(options.lang) ? options.lang : 'en';
  const front: string[] = [];
  front.push(`<header><h1>${escapeHtml(layout.title)}</h1>`);
  if (layout.subtitle) front.push(`<p class="subtitle">${escapeHtml(layout.subtitle)}</p>`);
  front.push(`<p class="note">${escapeHtml(layout.note)}</p></header>`);
  if (layout.sections.length > 0) {
    front.push(`<nav aria-labelledby="contents"><h2 id="contents">${escapeHtml(layout.contentsHeading)}</h2><ul>`);
    for (const section of layout.sections) {
      front.push(`<li><a href="#${section.anchor}">${escapeHtml(section.heading)}</a><ul>`);
      for (const entry of section.entries) front.push(`<li><a href="#${entry.anchor}">${escapeHtml(entry.heading)}</a></li>`);
      front.push('</ul></li>');
    }
    front.push('</ul></nav>');
  }
  const sections = layout.sections.map((section) => ({
    anchor: section.anchor,
    open: `<section aria-labelledby="${section.anchor}"><h2 id="${section.anchor}">${escapeHtml(section.heading)}</h2>`,
    entries: section.entries.map((entry) => {
      progress.check();
      const html = `<article aria-labelledby="${entry.anchor}"><h3 id="${entry.anchor}">${escapeHtml(entry.heading)}</h3>\n${blocksToHtml(entry.blocks)}\n</article>`;
      progress.step();
      return { anchor: entry.anchor, html };
    }),
  }));
  return { title: layout.title, lang, front, sections };
}

function htmlDocument(title: string, lang: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Commonplace">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Rich-text blocks as HTML, every text escaped and every link checked. */
export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks.map(blockToHtml).join('\n');
}

function blockToHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlinesToHtml(block.content)}</p>`;
    case 'heading':
      return `<h${block.level}>${inlinesToHtml(block.content)}</h${block.level}>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const start = block.ordered && block.start !== 1 ? ` start="${Math.trunc(block.start)}"` : '';
      return `<${tag}${start}>${block.items.map((item) => `<li>${blocksToHtml(item)}</li>`).join('')}</${tag}>`;
    }
    case 'blockquote':
      return `<blockquote>${blocksToHtml(block.children)}</blockquote>`;
    case 'codeBlock':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'rule':
      return '<hr>';
  }
}

function inlinesToHtml(inlines: readonly Inline[]): string {
  return normaliseInlines(inlines)
    .map((inline) => {
      if (inline.type === 'break') return '<br>';
      let html = escapeHtml(inline.text);
      if (inline.marks.code) html = `<code>${html}</code>`;
      if (inline.marks.strike) html = `<s>${html}</s>`;
      if (inline.marks.italic) html = `<em>${html}</em>`;
      if (inline.marks.bold) html = `<strong>${html}</strong>`;
      const href = inline.href === undefined ? null : safeHref(inline.href);
      if (href) html = `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${html}</a>`;
      return html;
    })
    .join('');
}
