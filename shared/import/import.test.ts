import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUtf8 } from 'lib0/string';
import { Community } from '../model/Community.js';
import { PersonalDoc } from '../model/PersonalDoc.js';
import { selectForExport } from '../export/booklet.js';
import { toHtml } from '../export/html.js';
import { blocksToMarkdown, toMarkdown } from '../export/markdown.js';
import { storyToBlocks, type Block } from '../model/storyBlocks.js';
import { importMarkdownAs } from './importMarkdown.js';
import { MAX_IMPORT_BYTES, readImportText } from './limits.js';
import { appendMarkdown, markdownToBlocks } from './markdown.js';
import { CommonplaceError } from '../CommonplaceError.js';

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const newCommunity = (): Community => Community.create({ name: 'Care network', domain: 'Care that does no harm', creator: amira });

const structured = `# Spring gathering

## What we heard

Some **bold** and *italic* and ~~struck~~ text with \`code\` and a [link](https://example.org/page).

- first point
- second with [mail](mailto:team@example.org)
  - nested point

1. one
2. two

> A quote that *matters*.

---

\`\`\`
keep   spacing
\`\`\`
`;

describe('markdownToBlocks', () => {
  it('keeps headings, lists, quotes, code, links and marks', () => {
    const blocks = markdownToBlocks(structured);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'heading', 'paragraph', 'list', 'list', 'blockquote', 'rule', 'codeBlock']);
    const paragraph = blocks[2] as Extract<Block, { type: 'paragraph' }>;
    expect(paragraph.content).toContainEqual({ type: 'text', text: 'bold', marks: { bold: true } });
    expect(paragraph.content).toContainEqual({ type: 'text', text: 'italic', marks: { italic: true } });
    expect(paragraph.content).toContainEqual({ type: 'text', text: 'struck', marks: { strike: true } });
    expect(paragraph.content).toContainEqual({ type: 'text', text: 'code', marks: { code: true } });
    expect(paragraph.content).toContainEqual({ type: 'text', text: 'link', marks: {}, href: 'https://example.org/page' });
  });

  it('round trips through the story format and back to the same Markdown structure', () => {
    const doc = new Y.Doc();
    const story = doc.getText('body');
    appendMarkdown(story, structured);
    const blocks = storyToBlocks(story);
    expect(blocks).toEqual(markdownToBlocks(structured));
    const again = blocksToMarkdown(blocks);
    expect(markdownToBlocks(again)).toEqual(blocks);
    expect(again).toContain('## What we heard');
    expect(again).toContain('- second with [mail](mailto:team@example.org)\n  - nested point');
    expect(again).toContain('1. one\n2. two');
    expect(again).toContain('> A quote that _matters_.');
  });

  // Styling that changes in the middle of a word may be simplified (see renderMarked); text never changes.
  it('keeps any text through Markdown and back, whatever its marks (property)', () => {
    const run = fc.record({
      text: fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'b', ' ', '*', '_', '`', '[', ']', '<', '>', '#', '\\', '&', '!', '-', '1', '.', '~', '|') }),
      bold: fc.boolean(),
      italic: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 5 }), (runs) => {
        const block: Block = {
          type: 'paragraph',
          content: runs.map((r, i) => ({ type: 'text', text: i < runs.length - 1 ? `${r.text} ` : r.text, marks: { ...(r.bold ? { bold: true as const } : {}), ...(r.italic ? { italic: true as const } : {}) } })),
        };
        const text = (blocks: readonly Block[]): string =>
          blocks.map((b) => (b.type === 'paragraph' ? b.content.map((i) => (i.type === 'text' ? i.text : '\n')).join('') : '')).join('');
        // Leading and trailing whitespace of a paragraph is not content in Markdown.
        const expected = runs.map((r) => r.text).join(' ').replace(/\s+/g, ' ').trim();
        expect(text(markdownToBlocks(blocksToMarkdown([block]))).replace(/\s+/g, ' ').trim()).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('drops raw HTML and unsafe links, keeping their text', () => {
    const blocks = markdownToBlocks(
      '<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> <b>there</b> [click](javascript:alert(1)) [data](data:text/html,x) [ok](https://ok.example) ![pic](javascript:x) &lt;kept&gt;\n\n<div onclick="x()">block</div>',
    );
    const json = JSON.stringify(blocks);
    expect(json).not.toMatch(/script|onerror|onclick|<img|javascript|data:/i);
    expect(json).toContain('there');
    expect(json).toContain('click');
    expect(json).toContain('"href":"https://ok.example"');
    expect(json).toContain('<kept>');
    // Written out again, the text stays text.
    const community = newCommunity();
    const harvest = importMarkdownAs('harvest', community, { name: 'x.md', content: '# Hostile\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>' }, amira.id).entry;
    harvest.setSharedConsent('public');
    const html = toHtml(selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'public' }));
    expect(html).not.toMatch(/<script|<img|javascript:/i);
  });

  it('reads character references as the characters they name, and leaves what is not one as written', () => {
    const text = JSON.stringify(markdownToBlocks('Caf&eacute; &amp; r&#233;sum&#xE9; &hearts; &ndash; &#0; &notanentity; AT&T &copy'));
    expect(text).toContain('Café & résumé ♥ – \uFFFD &notanentity; AT&T &copy');
  });
});

describe('importMarkdownAs', () => {
  it('creates a harvest titled by its first H1, and toMarkdown keeps its structure', () => {
    const community = newCommunity();
    const { entry } = importMarkdownAs('harvest', community, { name: 'notes.md', content: encodeUtf8(structured) }, amira.id);
    expect(entry.title).toBe('Spring gathering');
    expect(entry.consent).toBe('community');
    expect(community.harvests.size).toBe(1);
    const md = toMarkdown(selectForExport(community, undefined, { scope: { kind: 'document', id: entry.id }, audience: 'community' }));
    // Headings move below the entry's own heading; everything else is as it was.
    expect(md).toContain('### Spring gathering');
    expect(md).toContain('##### What we heard');
    expect(md).toContain('Some **bold** and _italic_ and ~~struck~~ text with `code` and a [link](https://example.org/page).');
    expect(md).toContain('- first point\n- second with [mail](mailto:team@example.org)\n  - nested point');
    expect(md).toContain('> A quote that _matters_.');
  });

  it('takes the title from the file name when there is no H1', () => {
    const community = newCommunity();
    expect(importMarkdownAs('harvest', community, { name: 'C:\\notes\\autumn_circle.md', content: 'Just text.' }, amira.id).entry.title).toBe('autumn circle');
  });

  it('creates a resource list from links in list items', () => {
    const community = newCommunity();
    const md = '# Reading\n\nBooks we recommend.\n\n- [A book](https://example.org/book) - clear and kind\n- [Email us](mailto:a@b.org)\n- No link here\n- [Bad](javascript:alert(1))';
    const { entry, warnings } = importMarkdownAs('resourceList', community, { name: 'r.md', content: md }, amira.id);
    expect(entry.title).toBe('Reading');
    expect(entry.description).toBe('Books we recommend.');
    expect(entry.resources.map((r) => [r.title, r.link, r.why])).toEqual([['A book', 'https://example.org/book', 'clear and kind']]);
    expect(warnings[0]).toMatch(/3 list items/);
  });

  it('creates a private dilemma from known sections', () => {
    const personal = new PersonalDoc(new Y.Doc());
    const md = '# Recording sessions\n\nFirst thoughts.\n\n## Context\n\nA member asked.\n\n## Values in tension\n\n- Safety\n- Memory\n\n## Options\n\n- Record\n- Notes\n\n## Reflections\n\n### 2024-05-01\n\nStill *unsure*.\n\n## What was decided\n\nNotes only.';
    const { entry } = importMarkdownAs('dilemma', personal, { name: 'd.md', content: md }, amira.id, { today: '2024-06-01' });
    expect(personal.dilemmas.size).toBe(1);
    expect(entry.title).toBe('Recording sessions');
    expect(entry.context).toBe('A member asked.');
    expect(entry.valuesInTension).toEqual(['Safety', 'Memory']);
    expect(entry.options).toEqual(['Record', 'Notes']);
    expect(entry.decided).toBe('Notes only.');
    expect(entry.reflections.map((r) => [r.date, r.text])).toEqual([
      ['2024-05-01', 'Still unsure.'],
      ['2024-06-01', 'First thoughts.'],
    ]);
  });

  it('refuses huge, binary and invalid files, and creates nothing', () => {
    const community = newCommunity();
    const before = Y.encodeStateAsUpdate(community.doc);
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    const attempts: [string, Uint8Array | string][] = [
      ['importTooLarge', huge],
      ['importTooLarge', 'a'.repeat(MAX_IMPORT_BYTES + 1)],
      ['importNotText', new Uint8Array([0x23, 0x20, 0x41, 0x00, 0x42])],
      ['importNotText', new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x41])],
      ['importNotText', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ];
    for (const [code, content] of attempts) {
      let error: unknown;
      try {
        importMarkdownAs('harvest', community, { name: 'x.md', content }, amira.id);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CommonplaceError);
      expect((error as CommonplaceError).code).toBe(code);
    }
    expect(community.harvests.size).toBe(0);
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });

  it('refuses a dilemma whose field is too long, creating nothing', () => {
    const personal = new PersonalDoc(new Y.Doc());
    const md = `# Long\n\n## Values\n\n- ${'x'.repeat(600)}`;
    expect(() => importMarkdownAs('dilemma', personal, { name: 'd.md', content: md }, amira.id)).toThrow('shortTextTooLong');
    expect(personal.dilemmas.size).toBe(0);
  });

  // Nesting past markdownShapeLimits.maxNesting is refused (tests/security/markdownImport.test.ts);
  // below it, past the depth the blocks keep, it is flattened.
  it('survives malformed and deeply nested Markdown', () => {
    const community = newCommunity();
    const nasty = `${'> '.repeat(60)}deep\n\n${'- '.repeat(60)}item\n\n[unclosed](http://x\n\n**unclosed *marks\n\n| a | b |\n|---|---|\n| 1 | 2 |`;
    const { entry } = importMarkdownAs('harvest', community, { name: 'nasty.md', content: nasty }, amira.id);
    expect(entry.bodyText).toContain('deep');
    expect(entry.bodyText).toContain('1 | 2');
  });
});

describe('readImportText', () => {
  it('reads UTF-8 as written, a real U+FFFD included, and drops a byte order mark', () => {
    expect(readImportText(new Uint8Array([0xef, 0xbb, 0xbf, ...encodeUtf8('caffè \uFFFD ok')]))).toBe('caffè \uFFFD ok');
  });

  it('refuses bytes that are not UTF-8 rather than reading them as U+FFFD', () => {
    for (const bytes of [
      [0x63, 0x61, 0x66, 0x66, 0xe8], // Latin-1 "caffè"
      [0xc0, 0xaf], // an overlong "/"
      [0xed, 0xa0, 0x80], // a surrogate written as UTF-8
      [0xe2, 0x82], // cut short
    ]) {
      expect(() => readImportText(new Uint8Array(bytes)), bytes.join(' ')).toThrow(new CommonplaceError('importNotText'));
    }
  });
});
