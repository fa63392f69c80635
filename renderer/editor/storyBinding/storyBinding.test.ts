// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { createStoryEditor, linesOf, Mesh, placeCaret, posAfter, press, type } from '../../../tests/fuzz/editorHarness.js';

const fox = 'The quick brown fox jumps over the lazy dog.';
const editors: Editor[] = [];
const open = (mesh: Mesh, i: number): Editor => {
  const editor = createStoryEditor(mesh.text(i));
  editors.push(editor);
  return editor;
};
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

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
    const mesh = new Mesh(2, (text) => text.insert(0, `${fox}\n`, {}));
    const a = open(mesh, 0);
    const b = open(mesh, 1);
    placeCaret(a, posAfter(a, 'brown '));
    press(a, 'Enter');
    placeCaret(b, posAfter(b, 'over '));
    press(b, 'Enter');
    mesh.deliver(order[0], order[1]);
    mesh.deliver(order[1], order[0]);
    const expected = ['The quick brown ', 'fox jumps over ', 'the lazy dog.'];
    expect(linesOf(a)).toEqual(expected);
    expect(linesOf(b)).toEqual(expected);
  });
});
