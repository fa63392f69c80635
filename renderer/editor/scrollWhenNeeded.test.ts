import { getSchema } from '@tiptap/core';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { changedCharacters } from './scrollWhenNeeded.js';

const schema = getSchema([StarterKit]);

/** Two paragraphs, the caret after "held" (position 5: 1 for the paragraph's start, then 4 letters). */
function story(): EditorState {
  const doc = schema.node('doc', null, [schema.node('paragraph', null, schema.text('held in a circle')), schema.node('paragraph', null, schema.text('then we listened'))]);
  return EditorState.create({ doc, selection: TextSelection.create(doc, 5) });
}

describe('how much a new state moved the caret, for skipping the scroll measurement', () => {
  it('counts a typed or deleted character as one', () => {
    const before = story();
    expect(changedCharacters(before, before.apply(before.tr.insertText('s')))).toBe(1);
    expect(changedCharacters(before, before.apply(before.tr.delete(4, 5)))).toBe(1);
  });

  it("counts someone else's character elsewhere as one, and nothing changed as none", () => {
    const before = story();
    expect(changedCharacters(before, before.apply(before.tr.insertText('!', 30)))).toBe(1);
    expect(changedCharacters(before, before.apply(before.tr.setMeta('presence', true)))).toBe(0);
  });

  it('counts a new paragraph as two, and a paste as its length', () => {
    const before = story();
    expect(changedCharacters(before, before.apply(before.tr.split(5)))).toBe(2);
    expect(changedCharacters(before, before.apply(before.tr.insertText(' quietly, together, for an hour')))).toBe(31);
  });

  it('treats a jump of the caret and a change of blocks as too much to skip', () => {
    const before = story();
    const jumped = before.apply(before.tr.setSelection(TextSelection.create(before.doc, 25)));
    expect(changedCharacters(before, jumped)).toBe(Infinity);
    const { heading } = schema.nodes;
    if (!heading) throw new Error('no heading in the schema');
    expect(changedCharacters(before, before.apply(before.tr.setBlockType(1, 17, heading, { level: 2 })))).toBe(Infinity);
  });
});
