/**
 * Conversions between a ProseMirror document and the stored story (shared/model/storyFormat.ts),
 * through a flat list of units: one per character, hard break or line end, exactly as the
 * `Y.Text` counts them. The editor binding diffs two such lists to find what a local edit
 * changed, and builds the editor's document from the Y.Text's list.
 *
 * Two properties the binding relies on:
 * - Length: the document built from N units gives back N units (plus the last line's "\n"
 *   when the text does not end with one), so an index in one is the same index in the other.
 * - Canonical: `toUnits(fromUnits(toUnits(doc)))` equals `toUnits(doc)`. Structures the flat
 *   shape cannot hold (a list item with two paragraphs, a quote inside a quote, a heading in
 *   a list, a code block's language) are flattened the same way by every peer.
 */
import type { Mark, Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';
import { checkLink, externalLinkSchema } from '../../../shared/links.js';
import { storyLimits, type StoryLine, type StoryListKind, type StoryMarks } from '../../../shared/model/storyFormat.js';

export type StoryUnit =
  | { readonly kind: 'char'; readonly char: string; readonly marks: StoryMarks }
  | { readonly kind: 'break'; readonly marks: StoryMarks }
  | { readonly kind: 'line'; readonly line: StoryLine };

/** Where a textblock's (or a rule's) units start, in units and in ProseMirror positions. */
export interface StorySegment {
  readonly index: number;
  readonly pos: number;
  /** Units (and positions) of inline content; 0 for a horizontal rule. */
  readonly size: number;
}

/** Stands for an embed the story format does not know: it keeps its one place in the text. */
const unknownEmbed = '\uFFFC';

/** The item at `index`, which the caller knows is there. */
export function nth<T>(list: readonly T[], index: number): T {
  if (index < 0 || index >= list.length) throw new RangeError(`No item ${index} in a list of ${list.length}.`);
  return list[index] as T;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Marks as stored, from a Y.Text attributes object; anything else in it is ignored. */
export function readMarks(attributes: unknown): StoryMarks {
  if (!isRecord(attributes)) return {};
  if (attributes.code === true) return { code: true };
  const marks: { -readonly [K in keyof StoryMarks]: StoryMarks[K] } = {};
  for (const key of ['bold', 'italic', 'strike', 'underline'] as const) if (attributes[key] === true) marks[key] = true;
  const link = attributes.link;
  if (isRecord(link) && typeof link.href === 'string' && checkLink(externalLinkSchema, link.href).ok) marks.link = { href: link.href };
  return marks;
}

/** A line's attributes as stored, before the context (neighbouring lines) is considered. */
export function readLine(attributes: unknown): StoryLine {
  if (!isRecord(attributes)) return {};
  const line: { -readonly [K in keyof StoryLine]: StoryLine[K] } = {};
  if (attributes.quote === true) line.quote = true;
  if (attributes.list === 'bullet' || attributes.list === 'ordered') {
    line.list = attributes.list;
    const indent = typeof attributes.indent === 'number' && Number.isFinite(attributes.indent) ? Math.round(attributes.indent) : 0;
    line.indent = Math.min(storyLimits.maxIndent, Math.max(0, indent));
    // A list item holds a paragraph: the list wins over a block kind.
    return line;
  }
  if (attributes.block === 'heading') {
    line.block = 'heading';
    const levels: readonly number[] = storyLimits.headingLevels;
    const level = typeof attributes.level === 'number' && Number.isFinite(attributes.level) ? Math.round(attributes.level) : nth(levels, 0);
    line.level = Math.min(nth(levels, levels.length - 1), Math.max(nth(levels, 0), level));
  } else if (attributes.block === 'codeBlock' || attributes.block === 'horizontalRule') {
    line.block = attributes.block;
  }
  return line;
}

/** The units of a Y.Text's delta (`toDelta()`). */
export function unitsFromDelta(delta: readonly { insert?: unknown; attributes?: unknown }[]): StoryUnit[] {
  const units: StoryUnit[] = [];
  for (const op of delta) {
    if (typeof op.insert === 'string') {
      const marks = readMarks(op.attributes);
      let line: StoryLine | null = null;
      for (const char of op.insert.split('')) {
        if (char === '\n') units.push({ kind: 'line', line: (line ??= readLine(op.attributes)) });
        else units.push({ kind: 'char', char, marks });
      }
    } else if (isRecord(op.insert) && op.insert.hardBreak === true) {
      units.push({ kind: 'break', marks: readMarks(op.attributes) });
    } else {
      units.push({ kind: 'char', char: unknownEmbed, marks: {} });
    }
  }
  return units;
}

/** Whether the units lack the last line's "\n" (an empty text, or text after the last "\n"). */
export function lacksLastLine(units: readonly StoryUnit[]): boolean {
  return units.length === 0 || nth(units, units.length - 1).kind !== 'line';
}

// ---- Units to a ProseMirror document (as JSON, so no schema is needed to build it) ----

export interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

interface Line {
  readonly inline: readonly StoryUnit[];
  readonly line: StoryLine;
}

function jsonMarks(marks: StoryMarks): JsonNode['marks'] {
  const out: NonNullable<JsonNode['marks']> = [];
  if (marks.link) out.push({ type: 'link', attrs: { href: marks.link.href } });
  for (const key of ['bold', 'code', 'italic', 'strike', 'underline'] as const) if (marks[key]) out.push({ type: key });
  return out.length > 0 ? out : undefined;
}

const marksKey = (marks: StoryMarks): string => JSON.stringify([marks.bold, marks.italic, marks.strike, marks.underline, marks.code, marks.link?.href]);

function inlineJson(units: readonly StoryUnit[], code: boolean): JsonNode[] {
  const out: JsonNode[] = [];
  let text = '';
  let key = '';
  let marks: StoryMarks = {};
  const flush = (): void => {
    if (text) out.push({ type: 'text', text, ...(code ? {} : { marks: jsonMarks(marks) }) });
    text = '';
  };
  for (const unit of units) {
    if (unit.kind === 'line') continue;
    if (unit.kind === 'break') {
      flush();
      out.push({ type: 'hardBreak', ...(code ? {} : { marks: jsonMarks(unit.marks) }) });
      continue;
    }
    const unitKey = code ? '' : marksKey(unit.marks);
    if (text && unitKey !== key) flush();
    key = unitKey;
    marks = unit.marks;
    text += unit.char;
  }
  flush();
  return out.map((node) => (node.marks === undefined ? { type: node.type, ...(node.text !== undefined ? { text: node.text } : {}) } : node));
}

/** Lines with list indents that never jump more than one level (a nested list needs a parent item). */
function linesOf(units: readonly StoryUnit[]): Line[] {
  const lines: Line[] = [];
  let start = 0;
  units.forEach((unit, i) => {
    if (unit.kind !== 'line') return;
    lines.push({ inline: units.slice(start, i), line: unit.line });
    start = i + 1;
  });
  if (start < units.length || units.length === 0) lines.push({ inline: units.slice(start), line: {} });
  let previous: Line | null = null;
  return lines.map((current) => {
    let { line } = current;
    // A rule holds no text: one that someone typed into meanwhile is shown as a paragraph.
    if (line.block === 'horizontalRule' && current.inline.length > 0) line = { ...(line.quote ? { quote: true } : {}) };
    if (line.list) {
      const before = previous?.line;
      const most = before?.list && Boolean(before.quote) === Boolean(line.quote) ? (before.indent ?? 0) + 1 : 0;
      if ((line.indent ?? 0) > most) line = { ...line, indent: most };
    }
    previous = { inline: current.inline, line };
    return previous;
  });
}

function listJson(lines: readonly Line[], from: number, indent: number): { nodes: JsonNode[]; next: number } {
  const nodes: JsonNode[] = [];
  let i = from;
  // Only list lines: a plain line's indent is absent (0), and would otherwise join the list.
  while (i < lines.length && nth(lines, i).line.list && (nth(lines, i).line.indent ?? 0) >= indent) {
    const { line, inline } = nth(lines, i);
    i++;
    const nested = listJson(lines, i, indent + 1);
    i = nested.next;
    const paragraph: JsonNode = { type: 'paragraph', content: inlineJson(inline, false) };
    const item: JsonNode = { type: 'listItem', content: [paragraph, ...nested.nodes] };
    const type = line.list === 'ordered' ? 'orderedList' : 'bulletList';
    const last = nodes[nodes.length - 1];
    if (last?.type === type) last.content?.push(item);
    else nodes.push({ type, ...(type === 'orderedList' ? { attrs: { start: 1 } } : {}), content: [item] });
  }
  return { nodes, next: i };
}

function blocksJson(lines: readonly Line[]): JsonNode[] {
  const blocks: JsonNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const { line, inline } = nth(lines, i);
    if (line.list) {
      const list = listJson(lines, i, 0);
      blocks.push(...list.nodes);
      i = list.next;
      continue;
    }
    i++;
    if (line.block === 'codeBlock') {
      // Consecutive code lines are one code block, its lines joined by "\n".
      let text = inlineText(inline);
      while (i < lines.length && nth(lines, i).line.block === 'codeBlock' && !nth(lines, i).line.list) text += '\n' + inlineText(nth(lines, i++).inline);
      blocks.push({ type: 'codeBlock', attrs: { language: null }, ...(text ? { content: [{ type: 'text', text }] } : {}) });
    } else if (line.block === 'horizontalRule') {
      blocks.push({ type: 'horizontalRule' });
    } else if (line.block === 'heading') {
      const content = inlineJson(inline, false);
      blocks.push({ type: 'heading', attrs: { level: line.level }, ...(content.length ? { content } : {}) });
    } else {
      const content = inlineJson(inline, false);
      blocks.push({ type: 'paragraph', ...(content.length ? { content } : {}) });
    }
  }
  return blocks;
}

/** A code block's text: a hard break in it is a new code line, other units their character. */
function inlineText(units: readonly StoryUnit[]): string {
  return units.map((unit) => (unit.kind === 'char' ? unit.char : unit.kind === 'break' ? '\n' : '')).join('');
}

/** The editor's document (ProseMirror JSON) for these units. */
export function docJsonFromUnits(units: readonly StoryUnit[]): JsonNode {
  const lines = linesOf(units);
  const content: JsonNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const quote = Boolean(nth(lines, i).line.quote);
    let j = i;
    while (j < lines.length && Boolean(nth(lines, j).line.quote) === quote) j++;
    const blocks = blocksJson(lines.slice(i, j));
    content.push(...(quote ? [{ type: 'blockquote', content: blocks }] : blocks));
    i = j;
  }
  return { type: 'doc', content };
}

export function docFromUnits(schema: Schema, units: readonly StoryUnit[]): ProseMirrorNode {
  // ProseMirror keeps a node's marks in the schema's order; JSON does not sort them.
  const order = Object.keys(schema.marks);
  const sortMarks = (node: JsonNode): void => {
    node.marks?.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
    node.content?.forEach(sortMarks);
  };
  const json = docJsonFromUnits(units);
  sortMarks(json);
  return schema.nodeFromJSON(json);
}

// ---- A ProseMirror document to units ----

function marksOf(marks: readonly Mark[]): StoryMarks {
  const out: { -readonly [K in keyof StoryMarks]: StoryMarks[K] } = {};
  for (const mark of marks) {
    const name = mark.type.name;
    if (name === 'code') return { code: true };
    if (name === 'bold' || name === 'italic' || name === 'strike' || name === 'underline') out[name] = true;
    else if (name === 'link' && typeof mark.attrs.href === 'string' && checkLink(externalLinkSchema, mark.attrs.href).ok) out.link = { href: mark.attrs.href };
  }
  return out;
}

interface Context {
  readonly quote: boolean;
  readonly list: { readonly kind: StoryListKind; readonly indent: number } | null;
}

/** The units of one top-level block (its units depend on nothing around it). */
function blockUnits(block: ProseMirrorNode): StoryUnit[] {
  const units: StoryUnit[] = [];
  const lineOf = (context: Context, own: StoryLine): StoryLine => {
    const quote = context.quote ? { quote: true } : {};
    if (context.list) return { ...quote, list: context.list.kind, indent: Math.min(storyLimits.maxIndent, context.list.indent) };
    return { ...quote, ...own };
  };
  const walk = (node: ProseMirrorNode, context: Context): void => {
    const name = node.type.name;
    if (name === 'blockquote') {
      node.forEach((child) => walk(child, { ...context, quote: true }));
    } else if (name === 'bulletList' || name === 'orderedList') {
      const kind: StoryListKind = name === 'orderedList' ? 'ordered' : 'bullet';
      const indent = context.list ? context.list.indent + 1 : 0;
      node.forEach((item) => item.forEach((child) => walk(child, { ...context, list: { kind, indent } })));
    } else if (name === 'horizontalRule') {
      units.push({ kind: 'line', line: lineOf(context, { block: 'horizontalRule' }) });
    } else if (node.isTextblock) {
      const code = name === 'codeBlock';
      const own: StoryLine = code ? { block: 'codeBlock' } : name === 'heading' ? readLine({ block: 'heading', level: node.attrs.level as unknown }) : {};
      const line = lineOf(context, own);
      node.forEach((child) => {
        if (child.isText) {
          const marks = code ? {} : marksOf(child.marks);
          // A "\n" is a line end wherever it is (ProseMirror leaves them in a paragraph made
          // from a code block): in the text it could be nothing else.
          for (const char of (child.text ?? '').split('')) units.push(char === '\n' ? { kind: 'line', line } : { kind: 'char', char, marks });
        } else if (child.type.name === 'hardBreak') {
          units.push({ kind: 'break', marks: marksOf(child.marks) });
        } else {
          units.push({ kind: 'char', char: unknownEmbed, marks: {} });
        }
      });
      units.push({ kind: 'line', line });
    } else {
      node.forEach((child) => walk(child, context));
    }
  };
  walk(block, { quote: false, list: null });
  return units;
}

/** Documents share unchanged blocks, so each block's units are worked out once. */
const blockCache = new WeakMap<ProseMirrorNode, readonly StoryUnit[]>();

export function unitsOfBlock(block: ProseMirrorNode): readonly StoryUnit[] {
  let units = blockCache.get(block);
  if (!units) {
    units = blockUnits(block);
    blockCache.set(block, units);
  }
  return units;
}

/** The units of a document; with `segments`, also where each textblock starts (for carets). */
export function unitsFromDoc(doc: ProseMirrorNode, segments?: StorySegment[]): StoryUnit[] {
  const units: StoryUnit[] = [];
  doc.forEach((child) => {
    for (const unit of unitsOfBlock(child)) units.push(unit);
  });
  if (segments) segments.push(...segmentsOf(doc));
  return units;
}

/**
 * Where each textblock (or rule) starts, from node sizes alone: a textblock's units are its
 * content (a code block's "\n" is a line end, still one unit) and its line end.
 */
export function segmentsOf(doc: ProseMirrorNode): StorySegment[] {
  const segments: StorySegment[] = [];
  let index = 0;
  doc.descendants((node, pos) => {
    if (node.type.name === 'horizontalRule') {
      segments.push({ index, pos, size: 0 });
      index += 1;
      return false;
    }
    if (node.isTextblock) {
      segments.push({ index, pos: pos + 1, size: node.content.size });
      index += node.content.size + 1;
      return false;
    }
    return true;
  });
  return segments;
}

// ---- Positions ----

/** The unit index of a ProseMirror position (a position between blocks goes to the nearest text). */
export function indexOfPos(segments: readonly StorySegment[], pos: number): number {
  let best = 0;
  for (const segment of segments) {
    if (pos < segment.pos) return segment === segments[0] ? segment.index : best;
    best = segment.index + Math.min(pos - segment.pos, segment.size);
  }
  return best;
}

/** The ProseMirror position of a unit index. */
export function posOfIndex(segments: readonly StorySegment[], index: number): number {
  let found = segments[0]?.pos ?? 0;
  for (const segment of segments) {
    if (index < segment.index) break;
    found = segment.pos + Math.min(index - segment.index, segment.size);
  }
  return found;
}

// ---- Diff ----

export function sameMarks(a: StoryMarks, b: StoryMarks): boolean {
  return marksKey(a) === marksKey(b);
}

export function sameLine(a: StoryLine, b: StoryLine): boolean {
  return a.block === b.block && a.level === b.level && a.list === b.list && (a.indent ?? 0) === (b.indent ?? 0) && Boolean(a.quote) === Boolean(b.quote);
}

/** Same character, break or line end, whatever its attributes. */
const sameShape = (a: StoryUnit, b: StoryUnit): boolean => a.kind === b.kind && (a.kind !== 'char' || a.char === (b as { char: string }).char);

export function sameUnit(a: StoryUnit, b: StoryUnit): boolean {
  if (!sameShape(a, b)) return false;
  if (a.kind === 'line') return sameLine(a.line, (b as { line: StoryLine }).line);
  return sameMarks(a.marks, (b as { marks: StoryMarks }).marks);
}

const isHighSurrogate = (unit: StoryUnit | undefined): boolean => unit?.kind === 'char' && /[\uD800-\uDBFF]/.test(unit.char);

export interface UnitsDiff {
  /** Units kept in place whose attributes changed: [index, unit]. */
  readonly formats: readonly (readonly [number, StoryUnit])[];
  /** The changed middle: `deleteCount` units at `index` replaced by `insert`. */
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: readonly StoryUnit[];
}

/**
 * What turns `before` into `after`: a common prefix and suffix of the same characters and
 * line ends (whose attributes may have changed: those become formats), and one replaced
 * middle. Enter in a paragraph is one inserted line end; a heading, list or quote change
 * is a format of the line end; a surrogate pair is never cut in two.
 */
export function diffUnits(before: readonly StoryUnit[], after: readonly StoryUnit[]): UnitsDiff {
  let start = 0;
  const most = Math.min(before.length, after.length);
  while (start < most && sameShape(nth(before, start), nth(after, start))) start++;
  if (start > 0 && start < most && isHighSurrogate(before[start - 1])) start--;
  let end = 0;
  while (end < most - start && sameShape(nth(before, before.length - 1 - end), nth(after, after.length - 1 - end))) end++;
  if (end > 0 && isHighSurrogate(before[before.length - end - 1]) && before.length - end - 1 >= start) end--;
  const formats: (readonly [number, StoryUnit])[] = [];
  for (let i = 0; i < start; i++) if (!sameUnit(nth(before, i), nth(after, i))) formats.push([i, nth(after, i)]);
  for (let k = 1; k <= end; k++) {
    const a = nth(before, before.length - k);
    const b = nth(after, after.length - k);
    if (!sameUnit(a, b)) formats.push([before.length - k, b]);
  }
  return { formats, index: start, deleteCount: before.length - start - end, insert: after.slice(start, after.length - end) };
}

export type MiddleEdit =
  | { readonly kind: 'keep'; readonly before: StoryUnit; readonly after: StoryUnit }
  | { readonly kind: 'delete'; readonly count: number }
  | { readonly kind: 'insert'; readonly units: readonly StoryUnit[] };

/** Half of a surrogate pair never stays while the other half changes. */
const aligns = (a: StoryUnit, b: StoryUnit): boolean => sameShape(a, b) && !(a.kind === 'char' && /[\uD800-\uDFFF]/.test(a.char));

/** Beyond this many pairs the middle is replaced whole rather than aligned. */
const alignLimit = 4_000_000;

/**
 * The changed middle as edits that keep every unit both sides share (a longest common
 * subsequence of characters and line ends): a join that turns a code block's line ends into
 * hard breaks replaces those ends, never the characters between them, which two people
 * making the same change would otherwise each write again.
 */
export function middleEdits(before: readonly StoryUnit[], after: readonly StoryUnit[]): MiddleEdit[] {
  const n = before.length;
  const m = after.length;
  if (n === 0 && m === 0) return [];
  if (n === 0) return [{ kind: 'insert', units: after }];
  if (m === 0) return [{ kind: 'delete', count: n }];
  if (n * m > alignLimit) return [{ kind: 'delete', count: n }, { kind: 'insert', units: after }];
  // common[i * (m + 1) + j]: length of the longest common subsequence of before[i..] and after[j..].
  const width = m + 1;
  const common = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i * width + j] = aligns(nth(before, i), nth(after, j)) ? (common[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(common[(i + 1) * width + j] ?? 0, common[i * width + j + 1] ?? 0);
    }
  }
  const edits: MiddleEdit[] = [];
  const remove = (): void => {
    const last = edits[edits.length - 1];
    if (last?.kind === 'delete') edits[edits.length - 1] = { kind: 'delete', count: last.count + 1 };
    else edits.push({ kind: 'delete', count: 1 });
  };
  const add = (unit: StoryUnit): void => {
    const last = edits[edits.length - 1];
    if (last?.kind === 'insert') edits[edits.length - 1] = { kind: 'insert', units: [...last.units, unit] };
    else edits.push({ kind: 'insert', units: [unit] });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const a = nth(before, i);
    const b = nth(after, j);
    if (aligns(a, b) && common[i * width + j] === (common[(i + 1) * width + j + 1] ?? 0) + 1) {
      edits.push({ kind: 'keep', before: a, after: b });
      i++;
      j++;
    } else if ((common[(i + 1) * width + j] ?? 0) >= (common[i * width + j + 1] ?? 0)) {
      remove();
      i++;
    } else {
      add(b);
      j++;
    }
  }
  for (; i < n; i++) remove();
  for (; j < m; j++) add(nth(after, j));
  return edits;
}
