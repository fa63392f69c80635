// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { DOMParser } from '@tiptap/pm/model';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storyExtensions } from '../storyExtensions.js';
import { unitsOfText, writeUnits } from './storyBinding.js';
import { diffUnits, docFromUnits, unitsFromDelta, unitsFromDoc } from './storyUnits.js';

const editor = new Editor({ extensions: storyExtensions({ text: new Y.Doc().getText('t'), getTerms: () => [] }) });
const schema = editor.schema;
afterAll(() => editor.destroy());

const fromHtml = (html: string) => {
  editor.commands.setContent(html);
  return editor.state.doc;
};

describe('story units', () => {
  it.each([
    ['paragraphs with marks and a hard break', '<p>a <strong>bold</strong> <a href="https://example.org">link</a><br>next</p><p></p>'],
    ['headings, code and a rule', '<h1>one</h1><h3>three</h3><pre><code>x = 1\ny = 2</code></pre><hr><p>after</p>'],
    ['nested lists in a quote', '<blockquote><ul><li><p>a</p><ol><li><p>b</p></li></ol></li><li><p>c</p></li></ul></blockquote>'],
    ['a list item with two paragraphs', '<ul><li><p>first</p><p>second</p></li></ul>'],
    ['a quote in a quote', '<blockquote><p>out</p><blockquote><p>in</p></blockquote></blockquote>'],
    ['a heading and a rule in a list item', '<ol><li><p>a</p><h2>b</h2><hr></li></ol>'],
  ])('turns %s into a document that gives back the same units (a fixed point)', (_, html) => {
    const doc = fromHtml(html);
    const units = unitsFromDoc(doc);
    const canonical = docFromUnits(schema, units);
    canonical.check();
    expect(unitsFromDoc(canonical)).toEqual(units);
    expect(docFromUnits(schema, unitsFromDoc(canonical)).eq(canonical)).toBe(true);
  });

  it('reads stored text it did not write the way every peer does, one position per unit', () => {
    const text = new Y.Doc().getText('t');
    text.insert(0, 'a', { bold: true, code: true, block: 'heading' });
    text.insertEmbed(1, { hardBreak: true }, {});
    text.insertEmbed(2, { image: 'x' }, {});
    text.insert(3, 'b\n', {});
    text.format(4, 1, { list: 'bullet', indent: 99, block: 'heading', level: 9 });
    text.insert(5, 'c\n', { block: 'horizontalRule', link: { href: 'javascript:alert(1)' } });
    text.insert(7, 'tail', { link: { href: 'javascript:alert(1)' } });
    const units = unitsOfText(text);
    expect(units).toHaveLength(text.length);
    const doc = docFromUnits(schema, units);
    doc.check();
    // The last line lacks its "\n": the document has one more unit than the text.
    expect(unitsFromDoc(doc)).toHaveLength(text.length + 1);
    expect(doc.textContent).not.toContain('javascript');
    expect(JSON.stringify(doc.toJSON())).not.toContain('javascript');
    expect(doc.child(0).type.name).toBe('bulletList');
  });

  it.each([
    ['a paragraph after a list', '<ul><li><p>a</p></li></ul><p>after</p>'],
    ['a heading after a nested list', '<ol><li><p>a</p><ul><li><p>b</p></li></ul></li></ol><h2>after</h2>'],
    ['an empty paragraph after a list (Enter twice leaves it)', '<ul><li><p>a</p></li></ul><p></p>'],
    ['a quote after a list', '<ul><li><p>a</p></li></ul><blockquote><p>said</p></blockquote>'],
  ])('shows %s after the list, not in it', (_, html) => {
    // Parsed by the schema alone: the test editor's own binding would already show it as stored.
    const element = document.createElement('div');
    element.innerHTML = html;
    const doc = DOMParser.fromSchema(schema).parse(element);
    expect(docFromUnits(schema, unitsFromDoc(doc)).toJSON()).toEqual(doc.toJSON());
  });

  it('diffs a split as one inserted line end and a heading change as one format', () => {
    const before = unitsFromDelta([{ insert: 'ab\n' }]);
    expect(diffUnits(before, unitsFromDelta([{ insert: 'a\nb\n' }]))).toMatchObject({ index: 1, deleteCount: 0, insert: [{ kind: 'line' }], formats: [] });
    expect(diffUnits(before, unitsFromDelta([{ insert: 'ab' }, { insert: '\n', attributes: { block: 'heading', level: 2 } }]))).toMatchObject({ deleteCount: 0, insert: [], formats: [[2, { kind: 'line', line: { block: 'heading', level: 2 } }]] });
  });

  it('never cuts a surrogate pair in two', () => {
    const text = new Y.Doc().getText('t');
    text.insert(0, 'x😀\n', {});
    const before = unitsOfText(text);
    const after = unitsFromDelta([{ insert: 'x😃\n' }]);
    writeUnits(text, before, after);
    expect(text.toJSON()).toBe('x😃\n');
    expect(diffUnits(before, after)).toMatchObject({ index: 1, deleteCount: 2 });
  });
});
