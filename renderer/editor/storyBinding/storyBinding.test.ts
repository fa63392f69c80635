// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { createStoryEditor, linesOf, Mesh, placeCaret, posAfter, press, type } from '../../../tests/fuzz/editorHarness.js';

const fox = 'The quick brown fox jumps over the lazy dog.';
const editors: Editor[] = [];
const open = (mesh: Mesh, i: number): Editor => {
  const editor = createStoryEditor(mesh.text(i));
  editors.push(editor);
  return editor;
};
/** Two people with the same story, each in a real editor; `start` is the story's text. */
function pair(...start: Parameters<Y.Text['insert']> | []): { mesh: Mesh; a: Editor; b: Editor } {
  const mesh = new Mesh(2, start.length ? (text) => text.insert(...start) : undefined);
  return { mesh, a: open(mesh, 0), b: open(mesh, 1) };
}
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** Offline, A presses Enter after "brown ", B after "over "; then each receives the other's split, in `order`. */
function splitApart(mesh: Mesh, a: Editor, b: Editor, order: readonly [number, number]): void {
  placeCaret(a, posAfter(a, 'brown '));
  press(a, 'Enter');
  placeCaret(b, posAfter(b, 'over '));
  press(b, 'Enter');
  mesh.deliver(order[0], order[1]);
  mesh.deliver(order[1], order[0]);
}

describe('story binding', () => {
  it('shows the text and writes typing to it', () => {
    const mesh = new Mesh(2, (text) => text.insert(0, `${fox}\n`, {}));
    const a = open(mesh, 0);
    expect(linesOf(a)).toEqual([fox]);
    placeCaret(a, posAfter(a, 'brown'));
    type(a, ' red');
    expect(mesh.text(0).toJSON()).toBe('The quick brown red fox jumps over the lazy dog.\n');
  });

  it.each([
    ['A first', [0, 1]],
    ['B first', [1, 0]],
  ] as const)('merges two people splitting the same paragraph offline (%s)', (_, order) => {
    const { mesh, a, b } = pair(0, `${fox}\n`, {});
    splitApart(mesh, a, b, order);
    const expected = ['The quick brown ', 'fox jumps over ', 'the lazy dog.'];
    expect(linesOf(a)).toEqual(expected);
    expect(linesOf(b)).toEqual(expected);
  });
});

/** Both editors, after everyone got everything, show the same lines (returned). */
function converged(mesh: Mesh, a: Editor, b: Editor): string[] {
  mesh.settle();
  expect(a.getJSON()).toEqual(b.getJSON());
  expect(mesh.text(0).toDelta()).toEqual(mesh.text(1).toDelta());
  return linesOf(a);
}

describe('story binding, concurrent edits', () => {
  it.each([
    ['A first', [0, 1]],
    ['B first', [1, 0]],
  ] as const)('merges two people splitting the same list item offline (%s)', (_, order) => {
    const { mesh, a, b } = pair(0, `${fox}\n`, { list: 'bullet', indent: 0 });
    expect(a.isActive('bulletList')).toBe(true);
    splitApart(mesh, a, b, order);
    expect(converged(mesh, a, b)).toEqual(['The quick brown ', 'fox jumps over ', 'the lazy dog.']);
    expect(a.state.doc.firstChild?.type.name).toBe('bulletList');
    expect(a.state.doc.firstChild?.childCount).toBe(3);
  });

  it('merges a split and a join of the same paragraphs', () => {
    const { mesh, a, b } = pair(0, 'one two\nthree four\n', {});
    // A joins the two paragraphs; B splits the second one.
    placeCaret(a, posAfter(a, 'three') - 'three'.length);
    press(a, 'Backspace');
    expect(linesOf(a)).toEqual(['one twothree four']);
    placeCaret(b, posAfter(b, 'three '));
    press(b, 'Enter');
    expect(converged(mesh, a, b)).toEqual(['one twothree ', 'four']);
  });

  it('keeps both a list toggled by one and a quote toggled by another', () => {
    const { mesh, a, b } = pair(0, 'first\nsecond\n', {});
    placeCaret(a, posAfter(a, 'first'));
    a.commands.toggleBulletList();
    placeCaret(b, posAfter(b, 'second'));
    b.commands.toggleBlockquote();
    expect(converged(mesh, a, b)).toEqual(['first', 'second']);
    expect(a.state.doc.child(0).type.name).toBe('bulletList');
    expect(a.state.doc.child(1).type.name).toBe('blockquote');
  });

  it('turns the same line into a heading and a list item at once, the same way everywhere', () => {
    const { mesh, a, b } = pair(0, 'title\nbody\n', {});
    placeCaret(a, posAfter(a, 'title'));
    a.commands.toggleHeading({ level: 2 });
    placeCaret(b, posAfter(b, 'title'));
    b.commands.toggleOrderedList();
    expect(converged(mesh, a, b)).toEqual(['title', 'body']);
    // A list item holds a paragraph: the list wins, on both.
    expect(a.state.doc.child(0).type.name).toBe('orderedList');
  });

  it('keeps the words of two people typing into an empty story, on one line', () => {
    const { mesh, a, b } = pair();
    type(a, 'hello');
    type(b, 'world');
    const lines = converged(mesh, a, b);
    expect(lines).toHaveLength(1);
    expect([['helloworld'], ['worldhello']]).toContainEqual(lines);
  });

  it('keeps a line ended by Enter in a story whose text lacks its last line end', () => {
    const { mesh, a, b } = pair(0, 'no end', {});
    placeCaret(a, posAfter(a, 'no end'));
    press(a, 'Enter');
    type(a, 'next');
    expect(linesOf(a)).toEqual(['no end', 'next']);
    expect(converged(mesh, a, b)).toEqual(['no end', 'next']);
  });

  it('undoes only this editor\'s own typing, never the other person\'s', () => {
    const { mesh, a, b } = pair(0, 'base\n', {});
    placeCaret(a, posAfter(a, 'base'));
    type(a, ' mine');
    mesh.settle();
    placeCaret(b, posAfter(b, 'mine'));
    type(b, ' theirs');
    mesh.settle();
    expect(press(a, 'Mod-z')).toBe(true);
    expect(converged(mesh, a, b)).toEqual(['base theirs']);
    expect(press(a, 'Mod-Shift-z')).toBe(true);
    expect(converged(mesh, a, b)).toEqual(['base mine theirs']);
  });
});

/** A key as Chromium sends it to the story: `beforeinput`, then (unless prevented) its own insert. */
function keyIntoDom(editor: Editor, data: string): boolean {
  const event = new InputEvent('beforeinput', { inputType: 'insertText', data, bubbles: true, cancelable: true });
  return !editor.view.dom.dispatchEvent(event);
}

describe('story binding, fast typing', () => {
  it('types the first key after Enter into the new line with the caret after it, shortcuts included', () => {
    const mesh = new Mesh(1, (text) => text.insert(0, 'said\n', {}));
    const a = open(mesh, 0);
    placeCaret(a, posAfter(a, 'said'));
    press(a, 'Enter');
    // The browser's own insert (which Chromium, right after Enter, left before its caret) is not used.
    expect(keyIntoDom(a, '>')).toBe(true);
    expect(keyIntoDom(a, ' ')).toBe(false); // the line has text now: the browser's usual path
    type(a, ' ');
    type(a, 'x');
    expect(linesOf(a)).toEqual(['said', 'x']);
    expect(a.state.doc.lastChild?.type.name).toBe('blockquote');
    press(a, 'Enter');
    press(a, 'Enter');
    expect(keyIntoDom(a, 'a')).toBe(true);
    type(a, 'bc');
    expect(linesOf(a)).toEqual(['said', 'x', 'abc']);
    expect(mesh.text(0).toJSON()).toBe('said\nx\nabc\n');
  });
});

/** The Yjs item id of each character the text holds, in order, as "client:clock". */
function itemIds(text: Y.Text): string[] {
  const ids: string[] = [];
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue;
    for (let i = 0; i < item.length; i++) ids.push(`${item.id.client}:${item.id.clock + i}`);
  }
  return ids;
}

describe('story binding, deletes', () => {
  // Seed 24 of the editor fuzzer: a character there twice (two people each undid deleting
  // it, and one's deletion had not arrived yet), a selection from the end of one line over
  // the next line's copy of it, Delete. Only the line end and that copy go.
  it.each(['Delete', 'Backspace'])('deletes a line end and a repeated character after it without writing anything again (%s)', (key) => {
    const mesh = new Mesh(1, (text) => text.insert(0, 'xyx\nyzzz\n', {}));
    const a = open(mesh, 0);
    const before = itemIds(mesh.text(0));
    placeCaret(a, posAfter(a, 'xyx'), posAfter(a, 'xyx') + 3);
    expect(a.state.doc.textBetween(a.state.selection.from, a.state.selection.to, '\n')).toBe('\ny');
    press(a, key);
    expect(linesOf(a)).toEqual(['xyxzzz']);
    expect(mesh.text(0).toJSON()).toBe('xyxzzz\n');
    const after = itemIds(mesh.text(0));
    expect(after.filter((id) => !before.includes(id))).toEqual([]);
    expect(after).toEqual([...before.slice(0, 3), ...before.slice(5)]);
  });
});
