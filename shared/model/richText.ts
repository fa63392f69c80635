import * as Y from 'yjs';

/**
 * Rich text is a Y.XmlFragment in ProseMirror's shape (paragraph, heading, bulletList,
 * listItem, blockquote, with marks as text attributes), which TipTap's Collaboration
 * extension binds to. These helpers read and write it without an editor, for search,
 * export, import and tests.
 */

const blockNames = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'bulletList', 'orderedList', 'codeBlock', 'horizontalRule']);

/** The text of a fragment, one line per block, for search and previews. */
export function fragmentToPlainText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = [];
  let line = '';
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): void => {
    if (node instanceof Y.XmlText) {
      line += deltaText(node);
      return;
    }
    if (node instanceof Y.XmlElement) {
      const isBlock = blockNames.has(node.nodeName);
      if (node.nodeName === 'hardBreak') line += '\n';
      for (const child of node.toArray()) walk(child);
      if (isBlock && line.length > 0) {
        lines.push(line);
        line = '';
      }
      return;
    }
    if (node instanceof Y.XmlFragment) for (const child of node.toArray()) walk(child);
  };
  walk(fragment);
  if (line) lines.push(line);
  return lines.join('\n');
}

function deltaText(text: Y.XmlText): string {
  return (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** A rich-text fragment under `key`, created on first use. */
export function richTextField(map: Y.Map<unknown>, key: string): Y.XmlFragment {
  const existing = map.get(key);
  if (existing instanceof Y.XmlFragment) return existing;
  const created = new Y.XmlFragment();
  map.set(key, created);
  return created;
}

/** Appends plain paragraphs to a fragment (used for seeding, import and tests). */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: readonly string[]): void {
  fragment.insert(
    fragment.length,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      if (text) paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
}
