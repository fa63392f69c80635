import type { Booklet } from './booklet.js';
import { englishLabels, layoutBooklet, type ExportLabels } from './layout.js';
import { progressTracker, type ProgressOptions } from './progress.js';
import { normaliseInlines, safeHref, type Block, type Inline, type TextMarks } from '../model/storyBlocks.js';

export interface ExportOptions extends ProgressOptions {
  readonly labels?: ExportLabels;
}

/**
 * The booklet as CommonMark (with GFM strikethrough): title, domain, contents, then each
 * section. Every piece of text from a document is escaped, so a story that happens to
 * contain `<script>` or `*` reads as written and never turns into markup.
 */
export function toMarkdown(booklet: Booklet, options: ExportOptions = {}): string {
  const layout = layoutBooklet(booklet, options.labels ?? englishLabels);
  const progress = progressTracker(layout.entryCount, options);
  const out: string[] = [`# ${escapeLine(layout.title)}`, ''];
  if (layout.subtitle) out.push(escapeLine(layout.subtitle), '');
  out.push(`*${escapeInline(layout.note)}*`, '');
  if (layout.sections.length > 0) {
    out.push(`## ${escapeLine(layout.contentsHeading)}`, '');
    for (const section of layout.sections) {
      out.push(`- ${escapeLine(section.heading)}`);
      for (const entry of section.entries) out.push(`  - ${escapeLine(entry.heading)}`);
    }
    out.push('');
  }
  for (const section of layout.sections) {
    out.push(`## ${escapeLine(section.heading)}`, '');
    for (const entry of section.entries) {
      progress.check();
      out.push(`### ${escapeLine(entry.heading)}`, '');
      const body = blocksToMarkdown(entry.blocks);
      if (body) out.push(body, '');
      progress.step();
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Rich-text blocks as Markdown (no trailing newline). */
export function blocksToMarkdown(blocks: readonly Block[]): string {
  return renderBlocks(blocks).join('\n');
}

/** `inItem`: a list right after a paragraph in a list item stays tight (no blank line). */
function renderBlocks(blocks: readonly Block[], inItem = false): string[] {
  const lines: string[] = [];
  blocks.forEach((block, index) => {
    const interrupts = inItem && block.type === 'list' && (!block.ordered || block.start === 1) && blocks[index - 1]?.type === 'paragraph';
    if (index > 0 && !interrupts) lines.push('');
    lines.push(...renderBlock(block));
  });
  return lines;
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case 'paragraph': {
      const text = renderInlines(block.content);
      // An empty paragraph still separates blocks; a bare escape keeps it from vanishing oddly.
      return text ? text.split('\n') : [];
    }
    case 'heading': {
      const content = renderInlines(block.content.map((i): Inline => (i.type === 'break' ? { type: 'text', text: ' ', marks: {} } : i)));
      // A heading's trailing #s would be read as its closing sequence.
      return [`${'#'.repeat(block.level)} ${content.replace(/(#+)$/, '\\$1')}`.trimEnd()];
    }
    case 'list': {
      const lines: string[] = [];
      block.items.forEach((item, index) => {
        const marker = block.ordered ? `${block.start + index}. ` : '- ';
        const indent = ' '.repeat(marker.length);
        const itemLines = renderBlocks(item, true);
        if (itemLines.length === 0) itemLines.push('');
        itemLines.forEach((line, i) => lines.push(i === 0 ? `${marker}${line}`.trimEnd() : line ? `${indent}${line}` : ''));
      });
      return lines;
    }
    case 'blockquote':
      return renderBlocks(block.children).map((line) => (line ? `> ${line}` : '>'));
    case 'codeBlock': {
      const longest = Math.max(2, ...[...block.text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      const language = block.language.replace(/[^\w+#.-]/g, '');
      return [`${fence}${language}`, ...block.text.split('\n'), fence];
    }
    case 'rule':
      return ['---'];
  }
}

/** Characters that could start inline markup anywhere in a line. */
const inlineSpecial = /[\\`*_[\]<>~|]|&(?=#?\w+;)/g;

export function escapeInline(text: string): string {
  return text.replace(inlineSpecial, (c) => `\\${c}`);
}

/** Escapes a whole line, including what would start a block (a heading, a list, a quote). */
function escapeLine(text: string): string {
  return escapeLineStart(escapeInline(text.replace(/\s+/g, ' ').trim()));
}

function escapeLineStart(line: string): string {
  const stripped = line.replace(/^[ \t]+/, '');
  if (/^(#{1,6}(\s|$)|[-+=](\s|$)|-{3,}\s*$|={3,}\s*$|>)/.test(stripped)) return `\\${stripped}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(stripped);
  if (ordered) return `${ordered[1] ?? ''}\\${stripped.slice((ordered[1] ?? '').length)}`;
  return stripped;
}

const markOrder: readonly (keyof TextMarks)[] = ['bold', 'italic', 'strike'];
// Italic as `_` so that bold and italic never merge into one ambiguous `***` run.
const markDelimiter: Record<string, string> = { bold: '**', italic: '_', strike: '~~' };

/** Inline content: marks open and close around runs, links wrap their runs. */
function renderInlines(inlines: readonly Inline[]): string {
  const runs = normaliseInlines(inlines);
  let out = '';
  let i = 0;
  while (i < runs.length) {
    const run = runs[i];
    if (!run) break;
    if (run.type === 'break') {
      out += '\\\n';
      i += 1;
      continue;
    }
    const href = run.href === undefined ? null : safeHref(run.href);
    if (href) {
      const group: Inline[] = [];
      while (i < runs.length) {
        const next = runs[i];
        if (next?.type !== 'text' || next.href !== run.href) break;
        group.push(next);
        i += 1;
      }
      out += `[${renderMarked(group)}](${escapeDestination(href)})`;
      continue;
    }
    const group: Inline[] = [];
    while (i < runs.length) {
      const next = runs[i];
      if (next?.type !== 'text' || (next.href !== undefined && safeHref(next.href))) break;
      group.push(next);
      i += 1;
    }
    out += renderMarked(group);
  }
  // Each line after a hard break could start a block; escape what would.
  return out.split('\n').map(escapeLineStart).join('\n');
}

/**
 * Text runs with emphasis. Marks stay open across runs that share them (so `**a *b***`
 * nests instead of closing and reopening), and whitespace is kept outside delimiters,
 * where CommonMark needs it to recognise them.
 */
function renderMarked(input: readonly Inline[]): string {
  const runs = recognisableMarks(input);
  let out = '';
  const open: (keyof TextMarks)[] = [];
  let pendingSpace = '';
  const close = (keep: number): void => {
    while (open.length > keep) {
      const mark = open.pop();
      if (mark) out += markDelimiter[mark] ?? '';
    }
  };
  for (const run of runs) {
    if (run.type !== 'text') continue;
    const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text.replace(/\n/g, ' '));
    const [, lead = '', core = '', trail = ''] = match ?? [];
    const wanted = markOrder.filter((mark) => run.marks[mark]);
    let keep = 0;
    while (keep < open.length && wanted.includes(open[keep] as keyof TextMarks)) keep += 1;
    close(keep);
    if (!core) {
      pendingSpace += lead + trail;
      continue;
    }
    out += pendingSpace + lead;
    for (const mark of wanted) {
      if (!open.includes(mark)) {
        open.push(mark);
        out += markDelimiter[mark] ?? '';
      }
    }
    out += run.marks.code ? codeSpan(core) : escapeInline(core);
    pendingSpace = trail;
  }
  close(0);
  return out + pendingSpace;
}

const isPunctuation = (c: string | undefined): boolean => c !== undefined && /[\p{P}\p{S}]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => !isSpace(c) && !isPunctuation(c);

/**
 * CommonMark only sees `*` as emphasis where it "flanks" the text: `a*#*` is not italic,
 * and `**a***b*` can split either way. So emphasis only starts or ends where a delimiter is
 * sure to be recognised: next to whitespace, or only closing after a letter and before
 * punctuation, or only opening after punctuation and before a letter. Elsewhere the earlier style carries on over the next run. The text is always kept
 * exactly; only such intra-word styling is simplified.
 */
function recognisableMarks(input: readonly Inline[]): Inline[] {
  const runs = input.filter((r): r is Extract<Inline, { type: 'text' }> => r.type === 'text');
  const first = (r: (typeof runs)[number]): string | undefined => (r.marks.code ? '`' : r.text[0]);
  const last = (r: (typeof runs)[number]): string | undefined => (r.marks.code ? '`' : r.text[r.text.length - 1]);
  for (let i = 1; i < runs.length; i++) {
    const prev = runs[i - 1];
    const next = runs[i];
    if (!prev || !next) continue;
    const opens = markOrder.some((m) => next.marks[m] === true && prev.marks[m] !== true);
    const closes = markOrder.some((m) => prev.marks[m] === true && next.marks[m] !== true);
    if (!opens && !closes) continue;
    const before = last(prev);
    const after = first(next);
    const recognised = isSpace(before) || isSpace(after) || (!opens && isWordChar(before) && !isWordChar(after)) || (!closes && !isWordChar(before) && isWordChar(after));
    if (recognised) continue;
    runs[i] = { ...next, marks: { ...(prev.marks.bold ? { bold: true } : {}), ...(prev.marks.italic ? { italic: true } : {}), ...(prev.marks.strike ? { strike: true } : {}), ...(next.marks.code ? { code: true } : {}) } };
  }
  return runs;
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function escapeDestination(href: string): string {
  return href.replace(/[\s()<>\\]/g, (c) => encodeURIComponent(c));
}
