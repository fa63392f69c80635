import type * as Y from 'yjs';
import { isPlaceholderStory } from '../richText.js';
import { CommonplaceError } from '../../CommonplaceError.js';

/** A story that is only a read-only stand-in, or not in a document, cannot be restored. */
export function assertStoryWritable(text: Y.Text): void {
  if (!text.doc || isPlaceholderStory(text)) throw new CommonplaceError('historyNotWritable');
}
