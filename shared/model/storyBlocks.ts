import type * as Y from 'yjs';
import { externalLinkSchema } from '../links.js';
import { appendStoryLines, storyLines, type StoryLineContent, type StoryRun } from './richText.js';
import { storyLimits, type StoryLine, type StoryListKind, type StoryMarks } from './storyFormat.js';

/**
 * The one intermediate form of rich text. `storyToBlocks` turns a story (storyFormat.ts)
 * into this tree once; the Markdown, HTML and Word exporters render the tree, and the
 * Markdown importer produces it (`appendBlocks` writes it into a story). It holds only
 * plain data, so it is safe to keep, compare and test. (The old Y.XmlFragment shape is
 * read only by the migration: shared/model/legacyRichText.ts.)
 */

export interface TextMarks {
  readonly bold?: true;
  readonly italic?: true;
  readonly strike?: true;
  readonly code?: true;
}

export type Inline =
  | { readonly type: 'text'; readonly text: string; readonly marks: TextMarks; /** http, https or mailto only */ readonly href?: string }
  | { readonly type: 'break' };

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export type Block =
  | { readonly type: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly type: 'heading'; readonly level: HeadingLevel; readonly content: readonly Inline[] }
  | { readonly type: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly (readonly Block[])[] }
  | { readonly type: 'blockquote'; readonly children: readonly Block[] }
  | { readonly type: 'codeBlock'; readonly text: string; readonly language: string }
  | { readonly type: 'rule' };

/**
 * A link that may be followed from an export or stored from an import: http, https and
 * mailto, checked with the same schema that guards `shell.openExternal`. Anything else
 * (javascript:, data:, file:, relative paths) is refused and its text kept as plain text.
 */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const result = externalLinkSchema.safeParse(href.trim());
  return result.success ? result.data : null;
}

export function clampHeadingLevel(level: unknown): HeadingLevel {
  const n = typeof level === 'number' ? level : typeof level === 'string' ? Number.parseInt(level, 10) : NaN;
  if (!Number.isFinite(n)) return 1;
  return Math.min(6, Math.max(1, Math.trunc(n))) as HeadingLevel;
}

type MutableList = { type: 'list'; ordered: boolean; start: number; items: Block[][] };

function runsToInlines(runs: readonly StoryRun[]): Inline[] {
  const inlines: Inline[] = runs.map((run): Inline => {
    if (!('text' in run)) return { type: 'break' };
    const marks: { bold?: true; italic?: true; strike?: true; code?: true } = {};
    if (run.marks.bold) marks.bold = true;
    if (run.marks.italic) marks.italic = true;
    if (run.marks.strike) marks.strike = true;
    if (run.marks.code) marks.code = true;
    const href = run.marks.link ? safeHref(run.marks.link.href) : null;
    return href ? { type: 'text', text: run.text, marks, href } : { type: 'text', text: run.text, marks };
  });
  return normaliseInlines(inlines);
}

/**
 * A story's lines as blocks: consecutive quoted lines make one quote, consecutive code
 * lines one code block, list lines nest by their indent. A loop, never recursion, and
 * nesting is bounded by `storyLimits.maxIndent`.
 */
export function storyToBlocks(text: Y.Text | null | undefined): Block[] {
  if (!text) return [];
  const lines = storyLines(text);
  // An empty story is one empty paragraph, which exports as nothing.
  if (lines.length === 1 && lines[0]?.runs.length === 0 && Object.keys(lines[0].line).length === 0) return [];
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const quoted = lines[i]?.line.quote === true;
    let end = i;
    while (end < lines.length && (lines[end]?.line.quote === true) === quoted) end++;
    const group = linesToBlocks(lines.slice(i, end));
    if (quoted) out.push({ type: 'blockquote', children: group });
    else out.push(...group);
    i = end;
  }
  return out;
}

/** Lines of one quote level (already grouped) as blocks. */
function linesToBlocks(lines: readonly StoryLineContent[]): Block[] {
  const out: Block[] = [];
  let lists: { list: MutableList; indent: number }[] = [];
  let code: string[] | null = null;
  for (const { line, runs } of lines) {
    if (line.block === 'codeBlock' && !line.list) {
      lists = [];
      if (!code) {
        code = [];
        out.push({ type: 'codeBlock', text: '', language: '' });
      }
      code.push(runs.map((run) => ('text' in run ? run.text : '\n')).join(''));
      out[out.length - 1] = { type: 'codeBlock', text: code.join('\n'), language: '' };
      continue;
    }
    code = null;
    if (line.list) {
      const indent = line.indent ?? 0;
      const ordered = line.list === 'ordered';
      while (lists.length > 0 && (lists[lists.length - 1] as { indent: number }).indent > indent) lists.pop();
      let top = lists[lists.length - 1];
      if (top && top.indent === indent && top.list.ordered !== ordered) {
        lists.pop();
        top = lists[lists.length - 1];
      }
      if (!top || top.indent < indent) {
        const list: MutableList = { type: 'list', ordered, start: 1, items: [] };
        const parentItems = top?.list.items;
        const parentItem = parentItems?.[parentItems.length - 1];
        if (parentItem) parentItem.push(list);
        else out.push(list);
        lists.push({ list, indent });
        top = lists[lists.length - 1];
      }
      (top as { list: MutableList }).list.items.push([{ type: 'paragraph', content: runsToInlines(runs) }]);
      continue;
    }
    lists = [];
    if (line.block === 'horizontalRule') out.push({ type: 'rule' });
    else if (line.block === 'heading') out.push({ type: 'heading', level: clampHeadingLevel(line.level), content: runsToInlines(runs) });
    else out.push({ type: 'paragraph', content: runsToInlines(runs) });
  }
  return out;
}

function inlinesToRuns(inlines: readonly Inline[]): StoryRun[] {
  return normaliseInlines(inlines).map((inline): StoryRun => {
    if (inline.type === 'break') return { hardBreak: true };
    const marks: { -readonly [K in keyof StoryMarks]: StoryMarks[K] } = { ...inline.marks };
    const href = inline.href === undefined ? null : safeHref(inline.href);
    if (href) marks.link = { href };
    return { text: inline.text, marks };
  });
}

interface FlattenFrame {
  readonly blocks: readonly Block[];
  index: number;
  readonly quote: boolean;
  readonly list: { readonly kind: StoryListKind; readonly indent: number } | null;
  /** Whether this frame (a list item) has written its first line yet. */
  started: boolean;
}

/**
 * Blocks as story lines, with an explicit stack (no recursion). What a line cannot hold
 * is simplified, never dropped: quotes in quotes are one quote, lists deeper than
 * `storyLimits.maxIndent` stay at that depth, headings deeper than 3 are level 3, and a
 * list item's later paragraphs join its first line after a hard break.
 */
export function blocksToStoryLines(blocks: readonly Block[]): StoryLineContent[] {
  const lines: { line: StoryLine; runs: StoryRun[] }[] = [];
  const stack: FlattenFrame[] = [{ blocks, index: 0, quote: false, list: null, started: false }];
  const emit = (frame: FlattenFrame, line: StoryLine, runs: StoryRun[], joinable: boolean): void => {
    const last = lines[lines.length - 1];
    if (frame.list && frame.started && joinable && last) {
      last.runs.push({ hardBreak: true }, ...runs);
      return;
    }
    const attributes: { -readonly [K in keyof StoryLine]: StoryLine[K] } = { ...line };
    if (frame.list && !frame.started) {
      attributes.list = frame.list.kind;
      attributes.indent = frame.list.indent;
    }
    if (frame.quote) attributes.quote = true;
    frame.started = true;
    lines.push({ line: attributes, runs });
  };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as FlattenFrame;
    const block = frame.blocks[frame.index];
    if (!block) {
      // An empty list item still shows as an empty item.
      if (frame.list && !frame.started) emit(frame, {}, [], false);
      stack.pop();
      continue;
    }
    frame.index++;
    switch (block.type) {
      case 'paragraph':
        emit(frame, {}, inlinesToRuns(block.content), true);
        break;
      case 'heading':
        if (frame.list) emit(frame, {}, inlinesToRuns(block.content), true);
        else emit(frame, { block: 'heading', level: Math.min(storyLimits.headingLevels.length, block.level) }, inlinesToRuns(block.content), false);
        break;
      case 'codeBlock':
        for (const codeLine of block.text.split('\n')) emit(frame, { block: 'codeBlock' }, codeLine ? [{ text: codeLine, marks: {} }] : [], false);
        break;
      case 'rule':
        emit(frame, { block: 'horizontalRule' }, [], false);
        break;
      case 'blockquote':
        stack.push({ blocks: block.children, index: 0, quote: true, list: frame.list, started: frame.started });
        break;
      case 'list': {
        // An item that begins with a list still needs its own (empty) line first.
        if (frame.list && !frame.started) emit(frame, {}, [], false);
        const indent = frame.list ? Math.min(storyLimits.maxIndent, frame.list.indent + 1) : 0;
        const kind: StoryListKind = block.ordered ? 'ordered' : 'bullet';
        for (let item = block.items.length - 1; item >= 0; item--) {
          stack.push({ blocks: block.items[item] ?? [], index: 0, quote: frame.quote, list: { kind, indent }, started: false });
        }
        break;
      }
    }
  }
  return lines;
}

/** Appends blocks (from an import) at the end of a story. */
export function appendBlocks(text: Y.Text, blocks: readonly Block[]): void {
  appendStoryLines(text, blocksToStoryLines(blocks));
}

function sameMarks(a: TextMarks, b: TextMarks): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code;
}

/** Joins neighbouring runs with the same marks and link, and drops empty ones. */
export function normaliseInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.type === 'text' && inline.text === '') continue;
    const last = out[out.length - 1];
    if (inline.type === 'text' && last?.type === 'text' && last.href === inline.href && sameMarks(last.marks, inline.marks)) {
      out[out.length - 1] = { ...last, text: last.text + inline.text };
      continue;
    }
    out.push(inline);
  }
  return out;
}

/** The text of some inlines, breaks as newlines. */
export function inlinesToPlainText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.type === 'text' ? inline.text : '\n')).join('');
}

/** The text of blocks, one line per paragraph, for fields that are plain text. */
export function blocksToPlainText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const walk = (list: readonly Block[]): void => {
    for (const block of list) {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          lines.push(inlinesToPlainText(block.content));
          break;
        case 'list':
          for (const item of block.items) walk(item);
          break;
        case 'blockquote':
          walk(block.children);
          break;
        case 'codeBlock':
          lines.push(block.text);
          break;
        case 'rule':
          break;
      }
    }
  };
  walk(blocks);
  return lines.join('\n');
}
