import { describe, expect, it } from 'vitest';
import { Community } from '../../shared/model/Community.js';
import { importMarkdownAs, readMarkdownFile } from '../../shared/import/importMarkdown.js';
import { MAX_MARKDOWN_BYTES } from '../../shared/import/limits.js';
import { markdownShapeLimits, markdownToBlocks } from '../../shared/import/markdown.js';
import { CommonplaceError } from '../../shared/CommonplaceError.js';

// Markdown bombs: each is refused before marked's lexer sees it, with a clear message, and
// nothing is created. The times are measured by `npm run bench` territory, not asserted here.

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function refusal(run: () => unknown): CommonplaceError {
  try {
    run();
  } catch (error) {
    if (error instanceof CommonplaceError) return error;
    throw error;
  }
  throw new Error('the Markdown was accepted');
}

const deepIndentedList = (depth: number): string => Array.from({ length: depth }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n');

const bombs: [string, string, RegExp][] = [
  ['80 KB of `_a` (quadratic emphasis matching)', '_a'.repeat(40_000), /more than 2000 formatting marks/],
  ['80 KB of `*a` over many lines of one paragraph', '*a\n'.repeat(27_000), /more than 2000 formatting marks/],
  ['backticks', '`a'.repeat(40_000), /more than 2000 formatting marks/],
  ['a list nested 300 deep by indentation (under 1 MB)', deepIndentedList(300), /nests lists or quotes more than 64 levels deep/],
  ['a list nested 1,800 deep on one line', `${'- '.repeat(1_800)}a`, /nests lists or quotes more than 64 levels deep/],
  ['quotes nested 5,000 deep', `${'>'.repeat(5_000)} a`, /nests lists or quotes more than 64 levels deep/],
  ['quotes and lists nested in turn', `${'> 1. '.repeat(500)}a`, /nests lists or quotes more than 64 levels deep/],
  ['more than 50,000 lines', 'a\n\n'.repeat(30_000), /more than 50000 lines/],
];

describe('Markdown bombs', () => {
  it.each(bombs)('refuses %s with a clear message and creates nothing', (_name, markdown, message) => {
    const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
    const before = community.harvests.list().length;
    const error = refusal(() => importMarkdownAs('harvest', community, { name: 'bomb.md', content: markdown }, amira.id));
    expect(error.code).toBe('importTooComplex');
    expect(error.params.why).toMatch(message);
    expect(community.harvests.list()).toHaveLength(before);
  });

  it('refuses the 1,800-deep indented list, which is now over the Markdown size limit', () => {
    const markdown = deepIndentedList(1_800);
    expect(markdown.length).toBeLessThan(5 * 1024 * 1024);
    expect(markdown.length).toBeGreaterThan(MAX_MARKDOWN_BYTES);
    expect(refusal(() => readMarkdownFile(markdown)).code).toBe('importTooLarge');
  });

  it('still reads real documents up to the limits: nesting, formatting and code', () => {
    const nested = deepIndentedList(markdownShapeLimits.maxNesting - 1);
    expect(markdownToBlocks(nested)[0]?.type).toBe('list');
    const emphasis = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} with **bold** and _italic_ and \`code\`.`).join('\n\n');
    expect(markdownToBlocks(emphasis)).toHaveLength(400);
    // Indentation inside fenced code means nothing, however deep.
    const code = `\`\`\`\n${Array.from({ length: 200 }, (_, i) => `${' '.repeat(4 * i)}x`).join('\n')}\n\`\`\``;
    expect(markdownToBlocks(code)[0]?.type).toBe('codeBlock');
  });
});
