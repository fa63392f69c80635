import { Lexer, type MarkedToken, type Token } from 'marked';
import type * as Y from 'yjs';
// marked leaves character references as written (`&amp;`, `&#233;`); rich text holds characters.
// Only references closed by ";" are decoded, as CommonMark reads them (the HTML spec's table).
import { decodeHTMLStrict as decodeEntities } from 'entities/decode';
import { appendBlocks, clampHeadingLevel, normaliseInlines, safeHref, type Block, type Inline, type TextMarks } from '../model/storyBlocks.js';
import { CommonplaceError } from '../CommonplaceError.js';

/**
 * Markdown to rich text, through marked's lexer (never a renderer: nothing is turned into
 * HTML). Headings, paragraphs, lists, quotes, code, rules, bold, italic, strike, inline
 * code and links are kept. Raw HTML is dropped, never interpreted (the text between tags
 * stays as text); links other than http, https and mailto keep only their text; images
 * become their description.
 */

/** Deeper nesting than this is flattened: no real document needs it, a hostile one might. */
const MAX_DEPTH = 32;

/**
 * What checkMarkdownShape refuses. marked builds every level of nesting before we see any
 * (a list 1,800 levels deep runs out of memory) and matches emphasis delimiters in time
 * quadratic in their number within one paragraph (80 KB of `_a` takes seconds), so both
 * are bounded before the lexer runs. Real documents stay far below each.
 */
export const markdownShapeLimits = Object.freeze({
  /** Estimated nesting of lists and quotes on one line. */
  maxNesting: 64,
  maxLines: 50_000,
  /** `*`, `_`, `~` and backticks in one paragraph (a run of non-blank lines). */
  maxDelimitersPerParagraph: 2_000,
});

// A quote needs no space after its `>`; a list marker does.
const containerMarker = /^(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*/;

/** Indentation in columns, tabs to the next multiple of 4 as CommonMark counts them. */
function indentWidth(line: string): { width: number; rest: string } {
  let width = 0;
  let index = 0;
  for (; index < line.length; index += 1) {
    const char = line[index];
    if (char === ' ') width += 1;
    else if (char === '\t') width += 4 - (width % 4);
    else break;
  }
  return { width, rest: line.slice(index) };
}

/**
 * Refuses Markdown whose shape would make the lexer slow or hungry, before it runs; linear
 * in the text. Nesting is estimated per line as two columns of indentation per level plus
 * the quote and list markers that open the line (`> > - 1. text` is four), skipping fenced
 * code, whose indentation means nothing.
 */
export function checkMarkdownShape(markdown: string): void {
  const tooComplex = (why: string): CommonplaceError => new CommonplaceError('importTooComplex', { why });
  const lines = markdown.split('\n');
  if (lines.length > markdownShapeLimits.maxLines) throw tooComplex(`has more than ${markdownShapeLimits.maxLines} lines`);
  let fence: string | null = null;
  let delimiters = 0;
  for (const line of lines) {
    const { width, rest } = indentWidth(line);
    const fenceMark = /^(`{3,}|~{3,})/.exec(rest)?.[1];
    if (fence !== null) {
      if (fenceMark !== undefined && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMark !== undefined) {
      fence = fenceMark;
      continue;
    }
    if (rest.trim() === '') {
      delimiters = 0;
      continue;
    }
    let nesting = Math.floor(width / 2);
    let tail = rest;
    for (let marker = containerMarker.exec(tail); marker !== null && nesting <= markdownShapeLimits.maxNesting; marker = containerMarker.exec(tail)) {
      nesting += 1;
      tail = tail.slice(marker[0].length);
    }
    if (nesting > markdownShapeLimits.maxNesting) throw tooComplex(`nests lists or quotes more than ${markdownShapeLimits.maxNesting} levels deep`);
    for (const char of tail) if (char === '*' || char === '_' || char === '~' || char === '`') delimiters += 1;
    if (delimiters > markdownShapeLimits.maxDelimitersPerParagraph) throw tooComplex(`has more than ${markdownShapeLimits.maxDelimitersPerParagraph} formatting marks (* _ ~ \`) in one paragraph`);
  }
}

/** Refuses Markdown the lexer should not be given (checkMarkdownShape), then reads it. */
export function markdownToBlocks(markdown: string): Block[] {
  const text = markdown.replace(/\r\n?/g, '\n');
  checkMarkdownShape(text);
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true, breaks: false }).lex(text);
  } catch {
    throw new CommonplaceError('importNotText');
  }
  return tokensToBlocks(tokens, 0);
}

/** Appends Markdown to the end of a story. */
export function appendMarkdown(story: Y.Text, markdown: string): void {
  appendBlocks(story, markdownToBlocks(markdown));
}

function tokensToBlocks(tokens: readonly Token[], depth: number): Block[] {
  const blocks: Block[] = [];
  let loose: Inline[] = [];
  const flush = (): void => {
    const content = normaliseInlines(loose);
    if (content.length > 0) blocks.push({ type: 'paragraph', content });
    loose = [];
  };
  for (const raw of tokens) {
    const token = raw as MarkedToken;
    switch (token.type) {
      case 'heading':
        flush();
        blocks.push({ type: 'heading', level: clampHeadingLevel(token.depth), content: inlineTokens(token.tokens, {}, depth) });
        break;
      case 'paragraph': {
        flush();
        const content = inlineTokens(token.tokens, {}, depth);
        if (content.length > 0) blocks.push({ type: 'paragraph', content });
        break;
      }
      case 'text': {
        // Text directly in a tight list item is a paragraph of its own.
        flush();
        const content = token.tokens ? inlineTokens(token.tokens, {}, depth) : [plain(decodeEntities(token.text))];
        if (content.length > 0) blocks.push({ type: 'paragraph', content: normaliseInlines(content) });
        break;
      }
      case 'list': {
        flush();
        const items = token.items.map((item) => {
          const prefix = item.task ? [{ type: 'text', text: item.checked ? '[x] ' : '[ ] ', marks: {} } as Inline] : [];
          const children = depth >= MAX_DEPTH ? flattenToParagraph(item.tokens, depth) : tokensToBlocks(item.tokens, depth + 1);
          if (prefix.length > 0) {
            const first = children[0];
            if (first?.type === 'paragraph') children[0] = { ...first, content: normaliseInlines([...prefix, ...first.content]) };
            else children.unshift({ type: 'paragraph', content: prefix });
          }
          return children;
        });
        const start = typeof token.start === 'number' && Number.isInteger(token.start) && token.start >= 0 ? token.start : 1;
        blocks.push({ type: 'list', ordered: token.ordered, start, items });
        break;
      }
      case 'blockquote':
        flush();
        blocks.push(depth >= MAX_DEPTH ? { type: 'blockquote', children: flattenToParagraph(token.tokens, depth) } : { type: 'blockquote', children: tokensToBlocks(token.tokens, depth + 1) });
        break;
      case 'code':
        flush();
        blocks.push({ type: 'codeBlock', text: token.text, language: (token.lang ?? '').split(/\s/)[0]?.replace(/[^\w+#.-]/g, '') ?? '' });
        break;
      case 'hr':
        flush();
        blocks.push({ type: 'rule' });
        break;
      case 'table': {
        flush();
        // Tables are not in the editor: each row becomes a paragraph, cells joined by " | ".
        for (const row of [token.header, ...token.rows]) {
          const content: Inline[] = [];
          row.forEach((cell, index) => {
            if (index > 0) content.push(plain(' | '));
            content.push(...inlineTokens(cell.tokens, {}, depth));
          });
          const clean = normaliseInlines(content);
          if (clean.length > 0) blocks.push({ type: 'paragraph', content: clean });
        }
        break;
      }
      case 'html':
      case 'space':
      case 'def':
      case 'checkbox':
        // Raw HTML is dropped; blank lines and link definitions carry no content.
        break;
      default: {
        const generic = raw as { tokens?: Token[]; text?: unknown };
        if (generic.tokens) loose.push(...inlineTokens(generic.tokens, {}, depth));
        else if (typeof generic.text === 'string') loose.push(plain(generic.text));
      }
    }
  }
  flush();
  return blocks;
}

function flattenToParagraph(tokens: readonly Token[], depth: number): Block[] {
  const content = normaliseInlines(inlineTokens(tokens, {}, depth));
  return content.length > 0 ? [{ type: 'paragraph', content }] : [];
}

function plain(text: string, marks: TextMarks = {}, href?: string): Inline {
  return href ? { type: 'text', text, marks, href } : { type: 'text', text, marks };
}

function inlineTokens(tokens: readonly Token[], marks: TextMarks, depth: number, href?: string): Inline[] {
  const out: Inline[] = [];
  for (const raw of tokens) {
    const token = raw as MarkedToken;
    switch (token.type) {
      case 'text':
        if (token.tokens && depth < MAX_DEPTH) out.push(...inlineTokens(token.tokens, marks, depth + 1, href));
        else out.push(plain(decodeEntities(token.text), marks, href));
        break;
      case 'escape':
        out.push(plain(token.text, marks, href));
        break;
      case 'strong':
        out.push(...inlineTokens(token.tokens, { ...marks, bold: true }, depth + 1, href));
        break;
      case 'em':
        out.push(...inlineTokens(token.tokens, { ...marks, italic: true }, depth + 1, href));
        break;
      case 'del':
        out.push(...inlineTokens(token.tokens, { ...marks, strike: true }, depth + 1, href));
        break;
      case 'codespan':
        out.push(plain(token.text, { ...marks, code: true }, href));
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      case 'link': {
        // A link inside a link cannot be followed; an unsafe one keeps only its text.
        const target = href ?? safeHref(token.href) ?? undefined;
        out.push(...inlineTokens(token.tokens, marks, depth + 1, target));
        break;
      }
      case 'image':
        if (token.text) out.push(plain(decodeEntities(token.text), marks, href));
        break;
      case 'html':
      case 'checkbox':
        break;
      default: {
        const generic = raw as { tokens?: Token[]; text?: unknown };
        if (generic.tokens && depth < MAX_DEPTH) out.push(...inlineTokens(generic.tokens, marks, depth + 1, href));
        else if (typeof generic.text === 'string') out.push(plain(generic.text, marks, href));
      }
    }
  }
  return normaliseInlines(out);
}
