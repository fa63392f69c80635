import type { EntryKind } from '../../../shared/model/Entry.js';
import type { EntryCollection } from '../../../shared/model/EntryCollection.js';
import { deleteToTrash } from '../../../shared/model/history/trash.js';
import type { KindViewProps } from './kindView.js';

/**
 * How every kind deletes: the entry goes (into the community's trash, with who deleted it,
 * when it is a community entry), the list selection clears, and the undo bar offers to
 * bring back exactly that entry (never another edit made meanwhile, issue 14.4).
 */
export function deleteWithUndoBar<K extends EntryKind>(
  collection: EntryCollection<K>,
  id: string,
  label: string,
  view: Pick<KindViewProps, 'onSelect' | 'onDeleted'> & Partial<Pick<KindViewProps, 'opened'>>,
): void {
  const community = view.opened?.community;
  const shared = community && collection.map.doc === community.doc;
  const deletion = shared ? deleteToTrash(community, collection.kind, id) : collection.deleteWithUndo(id);
  view.onSelect(null);
  if (deletion) view.onDeleted({ label, undo: () => void deletion.undo(), forget: deletion.forget });
}
