/**
 * Real TipTap editors, with the app's extensions, bound to Y.Texts, driven as a person
 * would: the caret put somewhere, then keys (through the editor's own keymaps) or text.
 * Needs a DOM: the test file runs in jsdom (`// @vitest-environment jsdom`).
 */
import { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import * as Y from 'yjs';
import { nth } from '../../renderer/editor/storyBinding/storyUnits.js';
import { storyContent, storyUndo } from '../../renderer/editor/storyBinding/storyBinding.js';
import { storyExtensions } from '../../renderer/editor/storyExtensions.js';

export function createStoryEditor(text: Y.Text, options: { undoCaptureTimeout?: number } = {}): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  return new Editor({
    element,
    extensions: storyExtensions({ text, getTerms: () => [], undoCaptureTimeout: options.undoCaptureTimeout ?? 0 }),
    content: storyContent(text),
  });
}

/** The editor's text, one line per textblock (what a reader sees, without formatting). */
export function linesOf(editor: Editor): string[] {
  const lines: string[] = [];
  editor.state.doc.descendants((node) => {
    if (node.isTextblock) {
      lines.push(node.textContent);
      return false;
    }
    if (node.type.name === 'horizontalRule') lines.push('---');
    return true;
  });
  return lines;
}

/** The position right after the first occurrence of `needle` in a textblock. */
export function posAfter(editor: Editor, needle: string): number {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isTextblock) return found < 0;
    const at = node.textContent.indexOf(needle);
    if (at >= 0) found = pos + 1 + at + needle.length;
    return false;
  });
  if (found < 0) throw new Error(`"${needle}" is not in the editor.`);
  return found;
}

export function placeCaret(editor: Editor, pos: number, to = pos): void {
  const { doc } = editor.state;
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.between(doc.resolve(pos), doc.resolve(to))));
}

/**
 * A key pressed in the editor ("Enter", "Backspace", "Shift-Tab", "Mod-z"...), handed to
 * the editor's keydown handlers as the browser would. (TipTap's `keyboardShortcut` command
 * holds back what the handlers dispatch and applies it afterwards, which a real key does not.)
 */
export function press(editor: Editor, key: string): boolean {
  const parts = key.split('-');
  const name = parts.pop() ?? key;
  const has = (modifier: string): boolean => parts.includes(modifier);
  const event = new KeyboardEvent('keydown', {
    key: name,
    ctrlKey: has('Mod') || has('Ctrl'),
    shiftKey: has('Shift'),
    altKey: has('Alt'),
    bubbles: true,
    cancelable: true,
  });
  return editor.view.someProp('handleKeyDown', (handle) => handle(editor.view, event)) ?? false;
}

/** Text typed at the caret, as ProseMirror's input handling inserts it. */
export function type(editor: Editor, text: string): void {
  const { from, to } = editor.state.selection;
  const handled = editor.view.someProp('handleTextInput', (f) => f(editor.view, from, to, text, () => editor.state.tr.insertText(text, from, to)));
  if (!handled) editor.view.dispatch(editor.state.tr.insertText(text, from, to));
}

export function undo(editor: Editor): boolean {
  return storyUndo(editor);
}

/** Two or more docs that deliver their updates to each other only when told to. */
export class Mesh {
  readonly docs: Y.Doc[];
  private readonly outbox: Uint8Array[][];
  private readonly remote = Symbol('mesh');

  constructor(count: number, start?: (text: Y.Text) => void) {
    const first = new Y.Doc();
    first.clientID = 1;
    if (start) start(first.getText('story'));
    const state = Y.encodeStateAsUpdate(first);
    this.docs = Array.from({ length: count }, (_, i) => {
      if (i === 0) return first;
      const doc = new Y.Doc();
      doc.clientID = i + 1;
      Y.applyUpdate(doc, state);
      return doc;
    });
    this.outbox = this.docs.map(() => []);
    this.docs.forEach((doc, i) => doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this.remote) nth(this.outbox, i).push(update);
    }));
  }

  text(i: number): Y.Text {
    return nth(this.docs, i).getText('story');
  }

  /** Delivers what `from` has sent so far to `to` (other peers still wait for it). */
  deliver(from: number, to: number): void {
    for (const update of nth(this.outbox, from)) Y.applyUpdate(nth(this.docs, to), update, this.remote);
  }

  /** Everyone gets everything (whole states, so any order of the past is covered). */
  settle(): void {
    for (const from of this.docs) for (const to of this.docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), this.remote);
    this.outbox.forEach((box) => (box.length = 0));
  }
}
