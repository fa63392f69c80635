import * as Y from 'yjs';
import { externalLinkSchema } from '../links.js';
import { cleanMarks, type StoryLineContent, type StoryRun } from './richText.js';
import { storyLimits, type StoryLine, type StoryListKind, type StoryMarks } from './storyFormat.js';

/**
 * Reads rich text stored the old way (a Y.XmlFragment in ProseMirror's shape: paragraph,
 * heading, bulletList, orderedList, listItem, blockquote, codeBlock, horizontalRule,
 * hardBreak, marks as text attributes) as story lines, for the schema migration only.
 *
 * A peer can send any tree, so this walk is a loop over an explicit stack, never
 * recursion (a story nested 9,000 levels deep must not overflow the stack, issue 15.2),
 * list nesting is clamped to `storyLimits.maxIndent`, and the walk stops at `limits`:
 * what lies beyond is not converted (the old fragment itself is left where it was).
 */

export interface LegacyLimits {
  /** Elements and text nodes visited. */
  readonly maxNodes: number;
  /** Characters converted. */
  readonly maxChars: number;
}

export const legacyLimits: LegacyLimits = { maxNodes: 100_000, maxChars: 2_000_000 };

export interface LegacyConversion {
  readonly lines: StoryLineContent[];
  /** True when the walk stopped at a limit. */
  readonly truncated: boolean;
}

interface Item {
  started: boolean;
  /** Index in `lines` of this item's first line. */
  line: number;
}

interface Context {
  readonly quote: boolean;
  readonly list: { readonly kind: StoryListKind; readonly indent: number } | null;
  readonly item: Item | null;
}

interface Frame {
  readonly nodes: readonly unknown[];
  index: number;
  readonly context: Context;
  /** A text block (paragraph, heading, code) whose line closes when the frame ends. */
  readonly closesLine: boolean;
}

interface OpenLine {
  line: StoryLine;
  runs: StoryRun[];
}

const textBlocks = new Set(['paragraph', 'heading', 'codeBlock']);

/** Marks as y-prosemirror stored them (`{}` for a plain one); links only if safe to follow. */
function marksOf(attributes: Record<string, unknown> | undefined): StoryMarks {
  const { link, ...marks } = cleanMarks(attributes);
  const href = link ? externalLinkSchema.safeParse(link.href) : null;
  return href?.success ? { ...marks, link: { href: href.data } } : marks;
}

function headingLevel(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseInt(value, 10) : NaN;
  return Number.isFinite(n) ? Math.min(storyLimits.headingLevels.length, Math.max(1, Math.trunc(n))) : 1;
}

/** Converts a legacy fragment to story lines, within `limits`. */
export function legacyFragmentToStoryLines(fragment: Y.XmlFragment, limits: LegacyLimits = legacyLimits): LegacyConversion {
  const lines: OpenLine[] = [];
  let open: OpenLine | null = null;
  let nodes = 0;
  let chars = 0;
  let truncated = false;

  const close = (): void => {
    if (open) lines.push(open);
    open = null;
  };
  /** Opens a line for text in `context`: the first line of a list item carries the item. */
  const start = (context: Context, line: StoryLine): OpenLine => {
    close();
    const item = context.item;
    if (item?.started && item.line === lines.length - 1 && Object.keys(line).length === 0) {
      // A later paragraph of the same item joins the item's line after a hard break.
      const joined = lines.pop() as OpenLine;
      joined.runs.push({ hardBreak: true });
      open = joined;
      return joined;
    }
    const attributes: { -readonly [K in keyof StoryLine]: StoryLine[K] } = { ...line };
    if (context.list) {
      attributes.list = context.list.kind;
      attributes.indent = context.list.indent;
    }
    if (context.quote) attributes.quote = true;
    if (item && !item.started) {
      item.started = true;
      item.line = lines.length;
    }
    open = { line: attributes, runs: [] };
    return open;
  };
  const current = (context: Context): OpenLine => open ?? start(context, {});

  const stack: Frame[] = [{ nodes: fragment.toArray(), index: 0, context: { quote: false, list: null, item: null }, closesLine: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      if (frame.closesLine) close();
      // An empty list item still shows as an empty item.
      else if (frame.context.item && !frame.context.item.started && stack[stack.length - 1]?.context.item !== frame.context.item) start(frame.context, {});
      continue;
    }
    const node = frame.nodes[frame.index++];
    if (++nodes > limits.maxNodes || chars > limits.maxChars) {
      truncated = true;
      break;
    }
    const { context } = frame;
    if (node instanceof Y.XmlText) {
      const code = (open as OpenLine | null)?.line.block === 'codeBlock';
      for (const op of node.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string' || op.insert === '') continue;
        const text = op.insert.slice(0, Math.max(0, limits.maxChars - chars));
        chars += op.insert.length;
        const parts = text.split('\n');
        parts.forEach((part, i) => {
          if (i > 0) {
            // A newline in a code block starts the next code line; elsewhere it is a break.
            if (code) start(context, { block: 'codeBlock' });
            else current(context).runs.push({ hardBreak: true });
          }
          if (part) current(context).runs.push({ text: part, marks: code ? {} : marksOf(op.attributes) });
        });
      }
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    const name = node.nodeName;
    if (name === 'hardBreak') {
      current(context).runs.push({ hardBreak: true });
      continue;
    }
    if (name === 'horizontalRule') {
      start(context, { block: 'horizontalRule' });
      close();
      continue;
    }
    if (textBlocks.has(name)) {
      const line: StoryLine = name === 'heading' && !context.list ? { block: 'heading', level: headingLevel(node.getAttribute('level')) } : name === 'codeBlock' ? { block: 'codeBlock' } : {};
      start(context, line);
      stack.push({ nodes: node.toArray(), index: 0, context, closesLine: true });
      continue;
    }
    close();
    if (name === 'bulletList' || name === 'orderedList') {
      const kind: StoryListKind = name === 'orderedList' ? 'ordered' : 'bullet';
      const indent = context.list ? Math.min(storyLimits.maxIndent, context.list.indent + 1) : 0;
      // An item that begins with a list still needs its own (empty) line first.
      if (context.item && !context.item.started) {
        start(context, {});
        close();
      }
      stack.push({ nodes: node.toArray(), index: 0, context: { quote: context.quote, list: { kind, indent }, item: null }, closesLine: false });
    } else if (name === 'listItem') {
      const list = context.list ?? { kind: 'bullet' as const, indent: 0 };
      stack.push({ nodes: node.toArray(), index: 0, context: { quote: context.quote, list, item: { started: false, line: -1 } }, closesLine: false });
    } else if (name === 'blockquote') {
      stack.push({ nodes: node.toArray(), index: 0, context: { ...context, quote: true }, closesLine: false });
    } else {
      // Unknown element (a newer app's or a peer's): keep its text, never its attributes.
      stack.push({ nodes: node.toArray(), index: 0, context, closesLine: true });
    }
  }
  close();
  if (truncated) lines.push({ line: {}, runs: [{ text: '…', marks: {} }] });
  return { lines, truncated };
}
