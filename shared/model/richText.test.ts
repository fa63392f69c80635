import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { appendBlocks, blocksToStoryLines, storyToBlocks, type Block } from './storyBlocks.js';
import { Community } from './Community.js';
import { PersonalDoc } from './PersonalDoc.js';
import { appendParagraphs, isPlaceholderStory, isStory, storyKey, storyLines, storyToPlainText,  } from './richText.js';
import { storyLimits } from './storyFormat.js';
import { CommonplaceError } from '../CommonplaceError.js';

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

const text = (value: string): Block => ({ type: 'paragraph', content: [{ type: 'text', text: value, marks: {} }] });

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('stories are created with their entry', () => {
  it('a new harvest, glossary term and reflection each hold a Y.Text story', () => {
    const community = Community.create({ name: 'C', creator: amira });
    const harvest = community.harvests.create(amira.id, (h) => h.setTitle('Spring'));
    const term = community.glossary.create(amira.id, (e) => e.setTerm('Circle'));
    const personal = new PersonalDoc(new Y.Doc());
    const dilemma = personal.dilemmas.create(amira.id, (d) => d.setTitle('Recording'));
    const reflection = dilemma.addReflection('2024-05-01');
    for (const story of [harvest.map.get(storyKey.body), term.map.get(storyKey.definition), reflection.body]) {
      expect(isStory(story)).toBe(true);
      expect(isPlaceholderStory(story as Y.Text)).toBe(false);
    }
    expect(harvest.body).toBe(harvest.map.get(storyKey.body));
  });
});

describe('story getters are read-only (14.2)', () => {
  it('an entry without a story reads as empty and the document is not changed', () => {
    const community = Community.create({ name: 'C', creator: amira });
    const harvest = community.harvests.create(amira.id, (h) => h.setTitle('Spring'));
    community.doc.transact(() => harvest.map.delete(storyKey.body));
    const before = Y.encodeStateAsUpdate(community.doc);

    const body = community.harvests.get(harvest.id)!.body;
    expect(body.toJSON()).toBe('');
    expect(isPlaceholderStory(body)).toBe(true);
    expect(community.harvests.get(harvest.id)!.bodyText).toBe('');
    // The same stand-in each time, so a view does not rebind on every render.
    expect(community.harvests.get(harvest.id)!.body).toBe(body);
    expect(harvest.map.has(storyKey.body)).toBe(false);
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });

  it('writing into a missing story is refused with a clear error and changes nothing', () => {
    const community = Community.create({ name: 'C', creator: amira });
    const term = community.glossary.create(amira.id, (e) => e.setTerm('Circle'));
    community.doc.transact(() => term.map.delete(storyKey.definition));
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => appendParagraphs(term.definition, ['lost words'])).toThrow(CommonplaceError);
    expect(() => appendParagraphs(term.definition, ['lost words'])).toThrow('storyNotUpgraded');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(term.definition.toJSON()).toBe('');
  });

  it('a legacy XmlFragment under the key is not taken for a story', () => {
    const community = Community.create({ name: 'C', creator: amira });
    const harvest = community.harvests.create(amira.id, (h) => h.setTitle('Spring'));
    community.doc.transact(() => harvest.map.set(storyKey.body, new Y.XmlFragment()));
    expect(isPlaceholderStory(harvest.body)).toBe(true);
  });
});

describe('story readers', () => {
  it('plain text: one line per non-empty line, hard breaks as newlines, a last unclosed line counts', () => {
    const doc = new Y.Doc();
    const story = doc.getText('s');
    story.insert(0, 'Title\n', {});
    story.format(5, 1, { block: 'heading', level: 2 });
    story.insert(story.length, '\n', {});
    story.insert(story.length, 'one', { bold: true });
    story.insertEmbed(story.length, { hardBreak: true }, {});
    story.insert(story.length, 'two\nlast', {});
    expect(storyToPlainText(story)).toBe('Title\none\ntwo\nlast');
    expect(storyLines(story).map((l) => l.line)).toEqual([{ block: 'heading', level: 2 }, {}, {}, {}]);
  });

  it('an empty story is one empty paragraph, and exports as nothing', () => {
    const story = new Y.Doc().getText('s');
    expect(storyLines(story)).toEqual([{ line: {}, runs: [] }]);
    expect(storyToBlocks(story)).toEqual([]);
    expect(storyToPlainText(story)).toBe('');
  });

  it('ignores unknown and out-of-range attributes from a peer, and clamps the indent', () => {
    const story = new Y.Doc().getText('s');
    story.insert(0, 'a\nb\nc\n', {});
    story.format(1, 1, { list: 'bullet', indent: 10_000, onclick: 'x' });
    story.format(3, 1, { block: 'heading', level: 99 });
    story.format(5, 1, { block: 'marquee', list: 'star', quote: 'yes' });
    expect(storyLines(story).map((l) => l.line)).toEqual([{ list: 'bullet', indent: storyLimits.maxIndent }, { block: 'heading', level: 3 }, {}]);
  });

  it('blocks: quotes, code lines, rules and nested lists of either kind', () => {
    const story = new Y.Doc().getText('s');
    const lines: [string, Record<string, unknown>][] = [
      ['first', { list: 'bullet', indent: 0 }],
      ['nested', { list: 'bullet', indent: 1 }],
      ['numbered', { list: 'ordered', indent: 1 }],
      ['second', { list: 'bullet', indent: 0 }],
      ['quoted', { quote: true }],
      ['still quoted', { quote: true }],
      ['let x = 1;', { block: 'codeBlock' }],
      ['', { block: 'codeBlock' }],
      ['x += 1;', { block: 'codeBlock' }],
      ['', { block: 'horizontalRule' }],
      ['after', {}],
    ];
    for (const [value, attributes] of lines) {
      story.insert(story.length, value, {});
      story.insert(story.length, '\n', attributes);
    }
    expect(storyToBlocks(story)).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[text('first'), { type: 'list', ordered: false, start: 1, items: [[text('nested')]] }, { type: 'list', ordered: true, start: 1, items: [[text('numbered')]] }], [text('second')]],
      },
      { type: 'blockquote', children: [text('quoted'), text('still quoted')] },
      { type: 'codeBlock', text: 'let x = 1;\n\nx += 1;', language: '' },
      { type: 'rule' },
      text('after'),
    ]);
  });

  it('keeps only http(s) and mailto links', () => {
    const story = new Y.Doc().getText('s');
    story.insert(0, 'safe', { link: { href: 'https://example.org' } });
    story.insert(4, ' bad', { link: { href: 'javascript:alert(1)' } });
    story.insert(8, '\n', {});
    expect(storyToBlocks(story)).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'safe', marks: {}, href: 'https://example.org' },
          { type: 'text', text: ' bad', marks: {} },
        ],
      },
    ]);
  });
});

describe('story writers', () => {
  it('blocks written into a story read back as the same blocks', () => {
    const blocks: Block[] = [
      { type: 'heading', level: 2, content: [{ type: 'text', text: 'Opening', marks: {} }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'bold ', marks: { bold: true } }, { type: 'break' }, { type: 'text', text: 'link', marks: {}, href: 'mailto:a@example.org' }] },
      { type: 'list', ordered: true, start: 1, items: [[text('one'), { type: 'list', ordered: false, start: 1, items: [[text('deeper')]] }], [text('two')]] },
      { type: 'blockquote', children: [text('quoted')] },
      { type: 'codeBlock', text: 'a\nb', language: '' },
      { type: 'rule' },
    ];
    const story = new Y.Doc().getText('s');
    appendBlocks(story, blocks);
    expect(storyToBlocks(story)).toEqual(blocks);
    // Appending again adds after, never inheriting the last line's kind or marks.
    appendParagraphs(story, ['plain']);
    expect(storyToBlocks(story).at(-1)).toEqual(text('plain'));
  });

  it('appending after an unclosed last line closes it first', () => {
    const story = new Y.Doc().getText('s');
    story.insert(0, 'typed', { italic: true });
    appendParagraphs(story, ['added']);
    expect(story.toJSON()).toBe('typed\nadded\n');
    expect(storyToPlainText(story)).toBe('typed\nadded');
  });

  it('simplifies what a line cannot hold without losing text, with no recursion (9,000 deep)', () => {
    let deep: Block = { type: 'list', ordered: false, start: 1, items: [[text('bottom')]] };
    for (let i = 0; i < 9_000; i++) deep = { type: 'list', ordered: false, start: 1, items: [[text(`level ${i}`), deep]] };
    const lines = blocksToStoryLines([deep, { type: 'heading', level: 6, content: [{ type: 'text', text: 'small', marks: {} }] }]);
    expect(lines).toHaveLength(9_002);
    expect(Math.max(...lines.map((l) => l.line.indent ?? 0))).toBe(storyLimits.maxIndent);
    expect(lines.at(-1)?.line).toEqual({ block: 'heading', level: 3 });
    expect(lines.at(-2)?.runs).toEqual([{ text: 'bottom', marks: {} }]);
  });
});

describe('the story format merges concurrent edits', () => {
  it('two people splitting the same paragraph offline keep its tail once', () => {
    const a = new Y.Doc();
    appendParagraphs(a.getText('s'), ['We met in the hall and talked until late.']);
    const b = new Y.Doc();
    sync(a, b);
    a.getText('s').insert('We met in the hall'.length, '\n', {});
    b.getText('s').insert('We met in the hall and talked'.length, '\n', {});
    sync(a, b);
    sync(b, a);
    expect(a.getText('s').toJSON()).toBe(b.getText('s').toJSON());
    expect(storyToPlainText(a.getText('s'))).toBe('We met in the hall\n and talked\n until late.');
  });
});
