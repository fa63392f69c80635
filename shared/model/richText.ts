import * as Y from 'yjs';
import { storyLimits, storyLineBreak, type StoryBlock, type StoryLine, type StoryListKind, type StoryMarks } from './storyFormat.js';
import { CommonplaceError } from '../CommonplaceError.js';

/**
 * Reading and writing stories (rich text in the shape storyFormat.ts describes) without an
 * editor: for search, previews, export, import, seeding and tests. Nothing here creates a
 * story: every story is created with its entry (or by the schema migration), so two peers
 * can never each create their own under one key and lose one peer's words.
 */

/**
 * Where stories are stored. New keys, not the old `body` and `definition`: no older app
 * ever wrote them, so when the migration creates one, nothing was there before it and
 * every peer creates exactly the same container (see migration.ts). The old keys keep
 * the old Y.XmlFragments, which only the migration reads.
 */
export const storyKey = { body: 'bodyStory', definition: 'definitionStory' } as const;
/** The keys rich text was stored under before stories (schema version 1). */
export const legacyStoryKey = { body: 'body', definition: 'definition' } as const;

/** Every key a story is stored under: a harvest's body, a glossary definition, a reflection's body. */
export const storyKeys: ReadonlySet<string> = new Set(Object.values(storyKey));

/** One piece of a line: a run of text with its marks, or a hard line break. */
export type StoryRun = { readonly text: string; readonly marks: StoryMarks } | { readonly hardBreak: true };

/** One line of a story as readers see it: its checked attributes and its runs. */
export interface StoryLineContent {
  readonly line: StoryLine;
  readonly runs: readonly StoryRun[];
}

const blocks: readonly StoryBlock[] = ['paragraph', 'heading', 'codeBlock', 'horizontalRule'];
const listKinds: readonly StoryListKind[] = ['bullet', 'ordered'];

/**
 * What stands in for a story that is not stored (an entry from before stories, not yet
 * migrated, or one a newer app wrote differently): an empty text in a document of its own,
 * so it reads as empty. Writers refuse it (`writableStory`), and the editor shows it read-only.
 */
const placeholders = new WeakMap<Y.Map<unknown>, Map<string, Y.Text>>();
const placeholderSet = new WeakSet<Y.Text>();

/** The story stored under `key`, or an empty read-only stand-in. Never writes to the document. */
export function readStory(map: Y.Map<unknown>, key: string): Y.Text {
  const stored = map.get(key);
  if (isStory(stored)) return stored;
  let byKey = placeholders.get(map);
  if (!byKey) {
    byKey = new Map();
    placeholders.set(map, byKey);
  }
  let placeholder = byKey.get(key);
  if (!placeholder) {
    placeholder = new Y.Doc().getText('story');
    placeholderSet.add(placeholder);
    byKey.set(key, placeholder);
  }
  return placeholder;
}

/** The stored story under `key`, or null when there is none (nothing is created). */
export function storedStory(map: Y.Map<unknown>, key: string): Y.Text | null {
  const stored = map.get(key);
  return isStory(stored) ? stored : null;
}

/** A plain Y.Text (a Y.XmlText is a legacy ProseMirror text node, never a story). */
export function isStory(value: unknown): value is Y.Text {
  return value instanceof Y.Text && !(value instanceof Y.XmlText);
}

/** True for the stand-in `readStory` returns when no story is stored: it must not be edited. */
export function isPlaceholderStory(text: Y.Text): boolean {
  return placeholderSet.has(text);
}

/** A new, empty story, for creating it with its entry. */
export function newStory(): Y.Text {
  return new Y.Text();
}

function assertWritable(text: Y.Text): void {
  if (isPlaceholderStory(text)) throw new CommonplaceError('storyNotUpgraded');
}

function cleanLine(attributes: Record<string, unknown> | undefined): StoryLine {
  if (!attributes) return {};
  const line: { block?: StoryBlock; level?: number; list?: StoryListKind; indent?: number; quote?: boolean } = {};
  const block = attributes.block;
  if (typeof block === 'string' && (blocks as readonly string[]).includes(block) && block !== 'paragraph') line.block = block as StoryBlock;
  if (line.block === 'heading') {
    const level = Number(attributes.level);
    line.level = Number.isFinite(level) ? Math.min(storyLimits.headingLevels.length, Math.max(1, Math.trunc(level))) : 1;
  }
  const list = attributes.list;
  if (typeof list === 'string' && (listKinds as readonly string[]).includes(list)) {
    line.list = list as StoryListKind;
    const indent = Number(attributes.indent);
    line.indent = Number.isFinite(indent) ? Math.min(storyLimits.maxIndent, Math.max(0, Math.trunc(indent))) : 0;
  }
  if (attributes.quote === true) line.quote = true;
  return line;
}

/** The marks Yjs attributes carry, whichever writer stored them. */
export function cleanMarks(attributes: Record<string, unknown> | undefined): StoryMarks {
  if (!attributes) return {};
  const marks: { bold?: boolean; italic?: boolean; strike?: boolean; underline?: boolean; code?: boolean; link?: { href: string } } = {};
  // A mark is on when present and not false: older writers stored `{}` for "on".
  const on = (name: string): boolean => attributes[name] !== undefined && attributes[name] !== null && attributes[name] !== false;
  if (on('bold')) marks.bold = true;
  if (on('italic')) marks.italic = true;
  if (on('strike')) marks.strike = true;
  if (on('underline')) marks.underline = true;
  if (on('code')) marks.code = true;
  const link = attributes.link;
  if (link && typeof link === 'object' && typeof (link as { href?: unknown }).href === 'string') marks.link = { href: (link as { href: string }).href };
  return marks;
}

interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

/**
 * The lines of a story, in order. Characters after the last "\n" are one more paragraph;
 * an empty story is one empty paragraph. Unknown attributes and embeds are ignored.
 */
export function storyLines(text: Y.Text): StoryLineContent[] {
  const lines: StoryLineContent[] = [];
  let runs: StoryRun[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert === 'string') {
      const parts = op.insert.split(storyLineBreak);
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string;
        if (part) runs.push({ text: part, marks: cleanMarks(op.attributes) });
        if (i < parts.length - 1) {
          lines.push({ line: cleanLine(op.attributes), runs });
          runs = [];
        }
      }
    } else if (op.insert && typeof op.insert === 'object' && (op.insert as { hardBreak?: unknown }).hardBreak === true) {
      runs.push({ hardBreak: true });
    }
  }
  if (runs.length > 0 || lines.length === 0) lines.push({ line: {}, runs });
  return lines;
}

/** The text of one line, hard breaks as newlines. */
export function lineText(line: StoryLineContent): string {
  return line.runs.map((run) => ('text' in run ? run.text : '\n')).join('');
}

/** The text of a story, one line per non-empty line, for search and previews. */
export function storyToPlainText(text: Y.Text | null | undefined): string {
  if (!text) return '';
  return storyLines(text)
    .map(lineText)
    .filter((line) => line.length > 0)
    .join('\n');
}

/** The line attributes as a Yjs attributes object: only the keys that are set. */
function lineAttributes(line: StoryLine): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (line.block && line.block !== 'paragraph') attributes.block = line.block;
  if (line.block === 'heading') attributes.level = line.level ?? 1;
  if (line.list) {
    attributes.list = line.list;
    attributes.indent = line.indent ?? 0;
  }
  if (line.quote) attributes.quote = true;
  return attributes;
}

function markAttributes(marks: StoryMarks): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (marks.bold) attributes.bold = true;
  if (marks.italic) attributes.italic = true;
  if (marks.strike) attributes.strike = true;
  if (marks.underline) attributes.underline = true;
  if (marks.code) attributes.code = true;
  if (marks.link) attributes.link = { href: marks.link.href };
  return attributes;
}

export interface StoryInsert {
  readonly insert: string | { readonly hardBreak: true };
  readonly attributes: Record<string, unknown>;
}

/** Lines as the inserts that write them into an empty story, each with explicit attributes. */
export function storyDelta(lines: readonly StoryLineContent[]): StoryInsert[] {
  const delta: StoryInsert[] = [];
  for (const { line, runs } of lines) {
    for (const run of runs) {
      if ('text' in run) {
        if (run.text) delta.push({ insert: run.text.replaceAll(storyLineBreak, ' '), attributes: markAttributes(run.marks) });
      } else delta.push({ insert: { hardBreak: true }, attributes: {} });
    }
    delta.push({ insert: storyLineBreak, attributes: lineAttributes(line) });
  }
  return delta;
}

/**
 * Appends lines at the end of a story, in one transaction. Every insert carries explicit
 * attributes, so nothing inherits the marks or line kind of what precedes it.
 */
export function appendStoryLines(text: Y.Text, lines: readonly StoryLineContent[]): void {
  assertWritable(text);
  if (lines.length === 0) return;
  const current = text.toJSON();
  // Characters after the last "\n" are a line of their own: close it before appending.
  const delta: StoryInsert[] = current.length > 0 && !current.endsWith(storyLineBreak) ? [{ insert: storyLineBreak, attributes: {} }] : [];
  delta.push(...storyDelta(lines));
  const apply = (): void => text.applyDelta(current.length > 0 ? [{ retain: text.length }, ...delta] : delta);
  if (text.doc) text.doc.transact(apply);
  else apply();
}

/** Appends plain paragraphs (used for seeding, import and tests). */
export function appendParagraphs(text: Y.Text, paragraphs: readonly string[]): void {
  appendStoryLines(
    text,
    paragraphs.map((paragraph) => ({ line: {}, runs: paragraph ? [{ text: paragraph, marks: {} }] : [] })),
  );
}
