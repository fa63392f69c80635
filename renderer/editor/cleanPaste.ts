import { Fragment, Slice } from '@tiptap/pm/model';
import { cleanText } from '../../shared/cleanText.js';

/**
 * Removes the characters XML forbids (see cleanText) from pasted or dropped content, text
 * and HTML alike: an HTML entity such as `&#xFFFE;` only becomes the character once parsed,
 * so the slice is cleaned, not the clipboard string. Marks and structure are kept.
 */
export function cleanPastedSlice(slice: Slice): Slice {
  const content = cleanFragment(slice.content);
  return content === slice.content ? slice : new Slice(content, slice.openStart, slice.openEnd);
}

function cleanFragment(fragment: Fragment): Fragment {
  let changed = false;
  const nodes: ReturnType<Fragment['child']>[] = [];
  for (let index = 0; index < fragment.childCount; index += 1) {
    const node = fragment.child(index);
    if (node.isText) {
      const text = cleanText(node.text ?? '');
      if (text === node.text) nodes.push(node);
      else {
        changed = true;
        if (text !== '') nodes.push(node.type.schema.text(text, node.marks));
      }
      continue;
    }
    const content = cleanFragment(node.content);
    if (content !== node.content) changed = true;
    nodes.push(content === node.content ? node : node.copy(content));
  }
  return changed ? Fragment.fromArray(nodes) : fragment;
}
