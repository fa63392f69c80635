import * as Y from 'yjs';
import { externalLinkSchema } from '../links.js';

/**
 * The one intermediate form of rich text. The walker below turns a Y.XmlFragment (TipTap's
 * ProseMirror shape) into this tree once; the Markdown, HTML and Word exporters render the
 * tree, and the Markdown importer produces it. It holds only plain data, so it is safe to
 * keep, compare and test.
 */

export interface TextMarks {
  readonly bold?: true;
  readonly italic?: true;
  readonly strike?: true;
  readonly code?: true;
}

export type Inline =
  | { readonly type: 'text'; readonly text: string; readonly marks: TextMarks; /** http, https or mailto only */ readonly href?: string }
  | { readonly type: 'break' };

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export type Block =
  | { readonly type: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly type: 'heading'; readonly level: HeadingLevel; readonly content: readonly Inline[] }
  | { readonly type: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly (readonly Block[])[] }
  | { readonly type: 'blockquote'; readonly children: readonly Block[] }
  | { readonly type: 'codeBlock'; readonly text: string; readonly language: string }
  | { readonly type: 'rule' };

/**
 * A link that may be followed from an export or stored from an import: http, https and
 * mailto, checked with the same schema that guards `shell.openExternal`. Anything else
 * (javascript:, data:, file:, relative paths) is refused and its text kept as plain text.
 */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const result = externalLinkSchema.safeParse(href.trim());
  return result.success ? result.data : null;
}

export function clampHeadingLevel(level: unknown): HeadingLevel {
  const n = typeof level === 'number' ? level : typeof level === 'string' ? Number.parseInt(level, 10) : NaN;
  if (!Number.isFinite(n)) return 1;
  return Math.min(6, Math.max(1, Math.trunc(n))) as HeadingLevel;
}

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

const listNames = new Set(['bulletList', 'orderedList']);

/** Walks a rich-text fragment into blocks. Unknown elements keep their text as paragraphs. */
export function fragmentToBlocks(fragment: Y.XmlFragment | null | undefined): Block[] {
  if (!fragment) return [];
  return nodesToBlocks(fragment.toArray());
}

function nodesToBlocks(nodes: readonly XmlNode[]): Block[] {
  const blocks: Block[] = [];
  // Loose text or inline elements directly under a block container become one paragraph.
  let pending: Inline[] = [];
  const flush = (): void => {
    if (pending.length > 0) blocks.push({ type: 'paragraph', content: normaliseInlines(pending) });
    pending = [];
  };
  for (const node of nodes) {
    if (node instanceof Y.XmlText) {
      pending.push(...textToInlines(node));
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    const block = elementToBlock(node);
    if (block === 'inline') {
      pending.push(...elementInlines(node));
      continue;
    }
    flush();
    if (block) blocks.push(...block);
  }
  flush();
  return blocks;
}

/** One element as blocks, `'inline'` when it belongs inside a paragraph, `null` to drop. */
function elementToBlock(element: Y.XmlElement): Block[] | 'inline' | null {
  const name = element.nodeName;
  switch (name) {
    case 'paragraph':
      return [{ type: 'paragraph', content: elementInlines(element) }];
    case 'heading':
      return [{ type: 'heading', level: clampHeadingLevel(element.getAttribute('level')), content: elementInlines(element) }];
    case 'bulletList':
    case 'orderedList': {
      const start = Number(element.getAttribute('start') ?? 1);
      const items = element.toArray().flatMap((child) => {
        if (child instanceof Y.XmlElement && child.nodeName === 'listItem') return [nodesToBlocks(child.toArray())];
        // A stray child of a list still keeps its content, as its own item.
        if (child instanceof Y.XmlElement || child instanceof Y.XmlText) return [nodesToBlocks([child])];
        return [];
      });
      return [{ type: 'list', ordered: name === 'orderedList', start: Number.isInteger(start) && start >= 0 ? start : 1, items }];
    }
    case 'listItem':
      // A list item outside a list: keep it as a one-item bullet list.
      return [{ type: 'list', ordered: false, start: 1, items: [nodesToBlocks(element.toArray())] }];
    case 'blockquote':
      return [{ type: 'blockquote', children: nodesToBlocks(element.toArray()) }];
    case 'codeBlock': {
      const language = element.getAttribute('language');
      return [{ type: 'codeBlock', text: plainText(element), language: typeof language === 'string' ? language : '' }];
    }
    case 'horizontalRule':
      return [{ type: 'rule' }];
    case 'hardBreak':
      return 'inline';
    default:
      // Unknown block (from a newer app or a peer): keep its children, never its attributes.
      if (element.toArray().some((child) => child instanceof Y.XmlElement && !listNames.has(child.nodeName) && child.nodeName !== 'hardBreak')) {
        return nodesToBlocks(element.toArray());
      }
      return element.length > 0 ? [{ type: 'paragraph', content: elementInlines(element) }] : null;
  }
}

function elementInlines(element: Y.XmlElement): Inline[] {
  const inlines: Inline[] = [];
  if (element.nodeName === 'hardBreak') return [{ type: 'break' }];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) inlines.push(...textToInlines(child));
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') inlines.push({ type: 'break' });
      else inlines.push(...elementInlines(child));
    }
  }
  return normaliseInlines(inlines);
}

function plainText(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? deltaOps(child).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : child instanceof Y.XmlElement ? plainText(child) : ''))
    .join('');
}

interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

function deltaOps(text: Y.XmlText): DeltaOp[] {
  return text.toDelta() as DeltaOp[];
}

/** A mark is on when its attribute is present: y-prosemirror writes `{}`, others `true`. */
function markOn(attributes: Record<string, unknown> | undefined, name: string): boolean {
  const value = attributes?.[name];
  return value !== undefined && value !== null && value !== false;
}

function textToInlines(text: Y.XmlText): Inline[] {
  return deltaOps(text).flatMap((op): Inline[] => {
    if (typeof op.insert !== 'string' || op.insert === '') return [];
    const a = op.attributes;
    const marks: { bold?: true; italic?: true; strike?: true; code?: true } = {};
    if (markOn(a, 'bold')) marks.bold = true;
    if (markOn(a, 'italic')) marks.italic = true;
    if (markOn(a, 'strike')) marks.strike = true;
    if (markOn(a, 'code')) marks.code = true;
    const link = a?.link;
    const href = link && typeof link === 'object' ? safeHref((link as { href?: unknown }).href) : null;
    return [href ? { type: 'text', text: op.insert, marks, href } : { type: 'text', text: op.insert, marks }];
  });
}

function sameMarks(a: TextMarks, b: TextMarks): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code;
}

/** Joins neighbouring runs with the same marks and link, and drops empty ones. */
export function normaliseInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.type === 'text' && inline.text === '') continue;
    const last = out[out.length - 1];
    if (inline.type === 'text' && last?.type === 'text' && last.href === inline.href && sameMarks(last.marks, inline.marks)) {
      out[out.length - 1] = { ...last, text: last.text + inline.text };
      continue;
    }
    out.push(inline);
  }
  return out;
}

/** The text of some inlines, breaks as newlines. */
export function inlinesToPlainText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.type === 'text' ? inline.text : '\n')).join('');
}

/** The text of blocks, one line per paragraph, for fields that are plain text. */
export function blocksToPlainText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const walk = (list: readonly Block[]): void => {
    for (const block of list) {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          lines.push(inlinesToPlainText(block.content));
          break;
        case 'list':
          for (const item of block.items) walk(item);
          break;
        case 'blockquote':
          walk(block.children);
          break;
        case 'codeBlock':
          lines.push(block.text);
          break;
        case 'rule':
          break;
      }
    }
  };
  walk(blocks);
  return lines.join('\n');
}

/** Writes blocks as TipTap-shaped Y.XmlElements, ready to insert into a fragment. */
export function blocksToXmlElements(blocks: readonly Block[]): Y.XmlElement[] {
  return blocks.map(blockToXml);
}

function blockToXml(block: Block): Y.XmlElement {
  switch (block.type) {
    case 'paragraph':
      return withInlines(new Y.XmlElement('paragraph'), block.content);
    case 'heading': {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', block.level as unknown as string);
      return withInlines(heading, block.content);
    }
    case 'list': {
      const list = new Y.XmlElement(block.ordered ? 'orderedList' : 'bulletList');
      if (block.ordered) list.setAttribute('start', block.start as unknown as string);
      list.insert(
        0,
        block.items.map((item) => {
          const listItem = new Y.XmlElement('listItem');
          // ProseMirror's listItem needs at least one paragraph first.
          const children = item.length > 0 && item[0]?.type === 'paragraph' ? item : [{ type: 'paragraph', content: [] } as Block, ...item];
          listItem.insert(0, children.map(blockToXml));
          return listItem;
        }),
      );
      return list;
    }
    case 'blockquote': {
      const quote = new Y.XmlElement('blockquote');
      const children = block.children.length > 0 ? block.children : [{ type: 'paragraph', content: [] } as Block];
      quote.insert(0, children.map(blockToXml));
      return quote;
    }
    case 'codeBlock': {
      const code = new Y.XmlElement('codeBlock');
      if (block.language) code.setAttribute('language', block.language);
      if (block.text) code.insert(0, [new Y.XmlText(block.text)]);
      return code;
    }
    case 'rule':
      return new Y.XmlElement('horizontalRule');
  }
}

function withInlines(element: Y.XmlElement, inlines: readonly Inline[]): Y.XmlElement {
  const children: (Y.XmlText | Y.XmlElement)[] = [];
  let text: Y.XmlText | null = null;
  let offset = 0;
  for (const inline of normaliseInlines(inlines)) {
    if (inline.type === 'break') {
      children.push(new Y.XmlElement('hardBreak'));
      text = null;
      continue;
    }
    if (!text) {
      text = new Y.XmlText();
      offset = 0;
      children.push(text);
    }
    const attributes: Record<string, unknown> = {};
    // The shape y-prosemirror writes: mark name -> mark attributes.
    if (inline.marks.bold) attributes.bold = {};
    if (inline.marks.italic) attributes.italic = {};
    if (inline.marks.strike) attributes.strike = {};
    if (inline.marks.code) attributes.code = {};
    const href = inline.href === undefined ? null : safeHref(inline.href);
    if (href) attributes.link = { href };
    text.insert(offset, inline.text, attributes);
    offset += inline.text.length;
  }
  if (children.length > 0) element.insert(0, children);
  return element;
}
