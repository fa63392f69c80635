/**
 * Binds a TipTap editor to a story's `Y.Text` (shared/model/storyFormat.ts), replacing
 * y-prosemirror's binding to a `Y.XmlFragment` tree, where a paragraph split copies the
 * tail and two people splitting the same paragraph offline end up with it twice.
 *
 * - A local edit: the units (characters and line ends, storyUnits.ts) before and after are
 *   diffed and written to the Y.Text in one Yjs transaction with this editor's origin, so a
 *   split is one "\n" inserted and a heading, list or quote change a format of a "\n".
 * - Any other change of the Y.Text (a peer, undo): the document is rebuilt from the text and
 *   the editor gets one minimal replace step, outside the editor's history, its selection
 *   mapped through it.
 * - Undo and redo: a `Y.UndoManager` over the text that tracks only this editor's origin, so
 *   nobody undoes someone else's words.
 */
import { Extension, type Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import * as Y from 'yjs';
import type { StoryLine, StoryMarks } from '../../../shared/model/storyFormat.js';
import { nth, middleEdits, diffUnits, docFromUnits, docJsonFromUnits, lacksLastLine, sameUnit, unitsFromDelta, unitsFromDoc, unitsOfBlock, type StoryUnit } from './storyUnits.js';

export interface StoryBindingOptions {
  /** The story's text; the editor binds to it and never holds its own copy. */
  readonly text: Y.Text | null;
  /** Keystrokes closer than this (ms) are undone together; 0 undoes each edit alone. */
  readonly undoCaptureTimeout: number;
}

export const storyBindingKey = new PluginKey('storyBinding');

/** Marks a transaction that mirrors the Y.Text: it is not written back. */
const fromText = 'storyBinding.fromText';

export function unitsOfText(text: Y.Text): StoryUnit[] {
  return unitsFromDelta(text.toDelta() as { insert?: unknown; attributes?: unknown }[]);
}

/** The editor's first content for a text (ProseMirror JSON), so it opens already in step. */
export function storyContent(text: Y.Text): ReturnType<typeof docJsonFromUnits> {
  return docJsonFromUnits(unitsOfText(text));
}

function lineAttributes(line: StoryLine): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (line.list) {
    out.list = line.list;
    out.indent = line.indent ?? 0;
  } else if (line.block) {
    out.block = line.block;
    if (line.block === 'heading') out.level = line.level;
  }
  if (line.quote) out.quote = true;
  return out;
}

function markAttributes(marks: StoryMarks): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['bold', 'italic', 'strike', 'underline', 'code'] as const) if (marks[key]) out[key] = true;
  if (marks.link) out.link = { href: marks.link.href };
  return out;
}

const lineKeys = ['block', 'level', 'list', 'indent', 'quote'];
const markKeys = ['bold', 'italic', 'strike', 'underline', 'code', 'link'];

/** For `format`: every key, null where absent, so attributes left from before are removed. */
function formatAttributes(unit: StoryUnit): Record<string, unknown> {
  const set = unit.kind === 'line' ? lineAttributes(unit.line) : markAttributes(unit.marks);
  const out: Record<string, unknown> = {};
  for (const key of unit.kind === 'line' ? lineKeys : markKeys) out[key] = set[key] ?? null;
  return out;
}

function insertUnits(text: Y.Text, index: number, units: readonly StoryUnit[]): void {
  let at = index;
  let i = 0;
  while (i < units.length) {
    const unit = nth(units, i);
    if (unit.kind === 'break') {
      text.insertEmbed(at++, { hardBreak: true }, markAttributes(unit.marks));
      i++;
      continue;
    }
    // A run of characters (or line ends) with the same attributes is one insert.
    const attributes = formatAttributes(unit);
    let run = '';
    while (i < units.length && nth(units, i).kind === unit.kind && JSON.stringify(formatAttributes(nth(units, i))) === JSON.stringify(attributes)) {
      const next = nth(units, i);
      run += next.kind === 'char' ? next.char : '\n';
      i++;
    }
    // Explicit attributes, so the text does not inherit those of what precedes it.
    text.insert(at, run, unit.kind === 'line' ? lineAttributes(unit.line) : markAttributes(unit.marks));
    at += run.length;
  }
}

/**
 * The part of the document a local change touched: the top-level blocks between the
 * unchanged ones at both ends (ProseMirror shares unchanged blocks between documents), as
 * units, and what the whole documents' lengths and last units are.
 */
export interface UnitsWindow {
  /** Units before the window, the same before and after. */
  readonly offset: number;
  readonly before: readonly StoryUnit[];
  readonly after: readonly StoryUnit[];
  readonly beforeLength: number;
  readonly afterLength: number;
  /** The whole document's last unit before; its last two after. */
  readonly lastBefore: StoryUnit | undefined;
  readonly lastAfter: StoryUnit | undefined;
  readonly secondLastAfter: StoryUnit | undefined;
}

const wholeWindow = (before: readonly StoryUnit[], after: readonly StoryUnit[]): UnitsWindow => ({
  offset: 0,
  before,
  after,
  beforeLength: before.length,
  afterLength: after.length,
  lastBefore: before[before.length - 1],
  lastAfter: after[after.length - 1],
  secondLastAfter: after[after.length - 2],
});

const flatten = (doc: ProseMirrorNode, from: number, to: number): StoryUnit[] => {
  const units: StoryUnit[] = [];
  for (let i = from; i < to; i++) for (const unit of unitsOfBlock(doc.child(i))) units.push(unit);
  return units;
};

const lengthOf = (doc: ProseMirrorNode, from: number, to: number): number => {
  let length = 0;
  for (let i = from; i < to; i++) length += unitsOfBlock(doc.child(i)).length;
  return length;
};

/** The last `count` units of a document. */
function tailOf(doc: ProseMirrorNode, count: number): StoryUnit[] {
  const tail: StoryUnit[] = [];
  for (let i = doc.childCount - 1; i >= 0 && tail.length < count; i--) tail.unshift(...unitsOfBlock(doc.child(i)).slice(-(count - tail.length)));
  return tail;
}

export function windowOf(before: ProseMirrorNode, after: ProseMirrorNode): UnitsWindow {
  const most = Math.min(before.childCount, after.childCount);
  let start = 0;
  while (start < most && before.child(start) === after.child(start)) start++;
  let endBefore = before.childCount;
  let endAfter = after.childCount;
  while (endBefore > start && endAfter > start && before.child(endBefore - 1) === after.child(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  const offset = lengthOf(before, 0, start);
  const rest = lengthOf(before, endBefore, before.childCount);
  const windowBefore = flatten(before, start, endBefore);
  const windowAfter = flatten(after, start, endAfter);
  const [lastBefore] = tailOf(before, 1);
  const [secondLastAfter, lastAfter] = tailOf(after, 2);
  return {
    offset,
    before: windowBefore,
    after: windowAfter,
    beforeLength: offset + windowBefore.length + rest,
    afterLength: offset + windowAfter.length + rest,
    lastBefore,
    lastAfter: lastAfter ?? secondLastAfter,
    secondLastAfter: lastAfter ? secondLastAfter : undefined,
  };
}

const lineOfUnit = (unit: StoryUnit | undefined): StoryLine => (unit?.kind === 'line' ? unit.line : {});

/**
 * Writes the change from `before` (the editor's last synced document) to `after` into the
 * text. `before` matches the text unit for unit, except the last line's "\n", which the
 * text may lack (an empty story, or text written without it): it is written only when the
 * change needs it, so two people typing into an empty story do not each add a line.
 * Returns whether the change was more than characters typed or deleted (a line end, a
 * hard break or a format), after which the text may show differently from the editor.
 */
export function writeUnits(text: Y.Text, before: readonly StoryUnit[] | UnitsWindow, after?: readonly StoryUnit[]): boolean {
  const window = 'offset' in before ? before : wholeWindow(before, after ?? []);
  const diff = diffUnits(window.before, window.after);
  if (diff.formats.length === 0 && diff.deleteCount === 0 && diff.insert.length === 0) return false;
  const at = window.offset + diff.index;
  const last = text.length;
  let lacking = window.beforeLength === last + 1;
  if (lacking && (at + diff.deleteCount > last || diff.formats.some(([index]) => window.offset + index >= last))) {
    text.insert(last, '\n', lineAttributes(lineOfUnit(window.lastBefore)));
    lacking = false;
  }
  // Formats first, at the indices before the change; runs with the same attributes together.
  let f = 0;
  while (f < diff.formats.length) {
    const [index, unit] = nth(diff.formats, f);
    const attributes = formatAttributes(unit);
    const key = JSON.stringify(attributes);
    let length = 1;
    while (f + length < diff.formats.length && nth(diff.formats, f + length)[0] === index + length && JSON.stringify(formatAttributes(nth(diff.formats, f + length)[1])) === key) length++;
    text.format(window.offset + index, length, attributes);
    f += length;
  }
  let index = at;
  for (const edit of middleEdits(window.before.slice(diff.index, diff.index + diff.deleteCount), diff.insert)) {
    if (edit.kind === 'delete') {
      text.delete(index, edit.count);
    } else if (edit.kind === 'insert') {
      insertUnits(text, index, edit.units);
      index += edit.units.length;
    } else {
      if (!sameUnit(edit.before, edit.after)) text.format(index, 1, formatAttributes(edit.after));
      index++;
    }
  }
  // The text now ends with a "\n" of its own while the editor still shows one more line
  // (the text's last line was emptied, or ended by Enter): that line's "\n" is written.
  if (lacking && window.afterLength >= 2 && window.secondLastAfter?.kind === 'line') {
    text.insert(text.length, '\n', lineAttributes(lineOfUnit(window.lastAfter)));
  }
  const deleted = window.before.slice(diff.index, diff.index + diff.deleteCount);
  return diff.formats.length > 0 || deleted.some((unit) => unit.kind !== 'char') || diff.insert.some((unit) => unit.kind !== 'char');
}

/** One replace step that turns the editor's document into `doc`, or null when they are equal. */
function replaceWith(view: EditorView, doc: ProseMirrorNode) {
  const current = view.state.doc;
  const start = current.content.findDiffStart(doc.content);
  if (start === null) return null;
  const end = current.content.findDiffEnd(doc.content);
  if (!end) return null;
  let endA = end.a;
  let endB = end.b;
  // Both ends overlap when the change repeats what is around it ("aa" to "aaa").
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  let tr = view.state.tr;
  try {
    tr = tr.replace(start, endA, doc.slice(start, endB));
  } catch {
    // A change ProseMirror cannot fit as one minimal step: the whole content is replaced,
    // which would map the caret to the end of the story; it is kept where it was instead,
    // moved only by what changed before it. Not seen in practice; kept safe all the same.
    tr = view.state.tr.replaceWith(0, current.content.size, doc.content);
    const keep = (pos: number): number => Math.min(pos < start ? pos : pos >= endA ? pos + endB - endA : start, tr.doc.content.size);
    const { anchor, head } = view.state.selection;
    tr.setSelection(TextSelection.between(tr.doc.resolve(keep(anchor)), tr.doc.resolve(keep(head))));
  }
  return tr.setMeta(fromText, true).setMeta('addToHistory', false);
}

/** Everything one bound editor keeps. */
export class StoryBinding {
  readonly origin = { binding: 'story' };
  readonly undoManager: Y.UndoManager;
  /** The document the text matches now, and its units. */
  private synced: ProseMirrorNode | null = null;
  /** Whether the text holds exactly what the editor would write for its document. */
  private storedAsShown = false;
  private applying = false;
  /** The text's content, shown by a dispatch that has not come through yet. */
  private awaited: ProseMirrorNode | null = null;
  private view: EditorView | null = null;

  private readonly doc: Y.Doc;

  constructor(
    readonly text: Y.Text,
    undoCaptureTimeout: number,
  ) {
    if (!text.doc) throw new Error('The story text must be in a Y.Doc before an editor binds to it.');
    this.doc = text.doc;
    this.undoManager = new Y.UndoManager(text, { trackedOrigins: new Set([this.origin]), captureTimeout: undoCaptureTimeout });
  }

  private readonly observe = (_event: Y.YTextEvent, transaction: Y.Transaction): void => {
    if (transaction.origin === this.origin) return;
    this.pull();
  };

  attach(view: EditorView): void {
    this.view = view;
    this.text.observe(this.observe);
    const doc = docFromUnits(view.state.schema, unitsOfText(this.text));
    if (doc.eq(view.state.doc)) {
      this.synced = view.state.doc;
      this.storedAsShown = unitsMatch(unitsOfText(this.text), view.state.doc);
    } else {
      // Created with other content (`storyContent` gives the right one): the view cannot
      // take a transaction while it is being built, so the text is shown right after.
      queueMicrotask(() => this.pull());
    }
  }

  detach(): void {
    this.text.unobserve(this.observe);
    this.undoManager.destroy();
    this.view = null;
  }

  /** Shows the text's content in the editor. */
  pull(): void {
    const view = this.view;
    if (view?.isDestroyed) return;
    if (!view) return;
    const units = unitsOfText(this.text);
    const doc = docFromUnits(view.state.schema, units);
    this.dispatchFromText(view, doc);
    this.storedAsShown = unitsMatch(units, view.state.doc);
  }

  private dispatchFromText(view: EditorView, doc: ProseMirrorNode): void {
    const tr = replaceWith(view, doc);
    if (tr) {
      this.applying = true;
      try {
        view.dispatch(tr);
      } finally {
        this.applying = false;
      }
      if (view.state.doc !== tr.doc) {
        // The dispatch was held back (TipTap's `keyboardShortcut` collects what a key's
        // handler dispatches and applies it after): when it comes, it is the text's content.
        this.awaited = doc;
        return;
      }
    }
    this.awaited = null;
    this.synced = view.state.doc;
  }

  /** After each editor update: a local change is written to the text. */
  update(view: EditorView): void {
    const doc = view.state.doc;
    const synced = this.synced;
    if (this.applying || doc === synced || !synced) return;
    if (this.awaited) {
      const awaited = this.awaited;
      this.awaited = null;
      if (doc.eq(awaited)) {
        this.synced = doc;
        return;
      }
    }
    const change = windowOf(synced, doc);
    const structural = this.doc.transact(() => writeUnits(this.text, change), this.origin);
    this.synced = doc;
    // What the text now holds may show differently (a pasted structure the story flattens,
    // a line someone else changed meanwhile): the editor shows what is stored. Typing and
    // deleting characters in a text that showed as stored cannot change how it shows.
    if (!structural && this.storedAsShown) return;
    const stored = docFromUnits(view.state.schema, unitsOfText(this.text));
    if (!stored.eq(doc)) this.dispatchFromText(view, stored);
    this.storedAsShown = unitsMatch(unitsOfText(this.text), view.state.doc);
  }
}

/** Whether the text holds exactly the units the document would write (nothing to normalise). */
function unitsMatch(stored: readonly StoryUnit[], doc: ProseMirrorNode): boolean {
  const shown = unitsFromDoc(doc);
  const length = lacksLastLine(stored) ? stored.length + 1 : stored.length;
  if (length !== shown.length) return false;
  for (let i = 0; i < stored.length; i++) if (!sameUnit(nth(stored, i), nth(shown, i))) return false;
  return true;
}

declare module '@tiptap/core' {
  interface Storage {
    storyBinding: { binding: StoryBinding | null };
  }
}

/** The binding as a TipTap extension, with undo and redo on Mod-z, Mod-Shift-z and Mod-y. */
export const StoryBindingExtension = Extension.create<StoryBindingOptions, { binding: StoryBinding | null }>({
  name: 'storyBinding',
  priority: 1000,

  addOptions() {
    return { text: null, undoCaptureTimeout: 500 };
  },

  addStorage() {
    return { binding: null };
  },

  addProseMirrorPlugins() {
    const { text } = this.options;
    if (!text) throw new Error('The story binding needs the story text (a Y.Text).');
    const binding = new StoryBinding(text, this.options.undoCaptureTimeout);
    this.storage.binding = binding;
    return [
      new Plugin({
        key: storyBindingKey,
        props: { handleDOMEvents: { beforeinput: typeIntoEmptyLine } },
        view: (view) => {
          binding.attach(view);
          return { update: (v) => binding.update(v), destroy: () => binding.detach() };
        },
      }),
    ];
  },

  addKeyboardShortcuts() {
    const undo = () => storyUndo(this.editor);
    const redo = () => storyRedo(this.editor);
    return { 'Mod-z': undo, 'Mod-Shift-z': redo, 'Mod-y': redo, 'Mod-Z': redo };
  },
});

/**
 * The first character typed into an empty line is inserted by the editor, not by the
 * browser. Right after Enter the caret is at the start of an empty paragraph; when the next
 * key comes within a few milliseconds (fast typing), Chromium inserts the character but
 * leaves its selection before it, ProseMirror reads that selection back, and the rest of
 * the line is typed in front of the first character ("abc" became "bca"). Input rules
 * ("- ", "> ") still run, through `handleTextInput`. Compositions (IMEs) are left alone.
 */
function typeIntoEmptyLine(view: EditorView, event: Event): boolean {
  const input = event as InputEvent;
  if (input.inputType !== 'insertText' || !input.data || input.isComposing || view.composing) return false;
  const { selection } = view.state;
  const line = selection.$from.parent;
  if (!selection.empty || !line.isTextblock || line.content.size > 0) return false;
  const { from, to } = selection;
  const typed = input.data;
  const insert = () => view.state.tr.insertText(typed, from, to);
  input.preventDefault();
  if (!view.someProp('handleTextInput', (handle) => handle(view, from, to, typed, insert))) view.dispatch(insert().scrollIntoView());
  return true;
}

/** The binding of an editor, or null for one without the extension. */
export function bindingOf(editor: Editor): StoryBinding | null {
  const storage = editor.storage.storyBinding as { binding: StoryBinding | null } | undefined;
  return storage?.binding ?? null;
}

/** Undoes this editor's last change (never someone else's). */
export function storyUndo(editor: Editor): boolean {
  const binding = bindingOf(editor);
  return Boolean(binding && binding.undoManager.undo());
}

export function storyRedo(editor: Editor): boolean {
  const binding = bindingOf(editor);
  return Boolean(binding && binding.undoManager.redo());
}
