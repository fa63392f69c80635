import type { EntryKind } from '../../../shared/model/Entry.js';
import type { EntryCollection } from '../../../shared/model/EntryCollection.js';
import type { KindViewProps } from './kindView.js';

/**
 * How every kind deletes: the entry goes, the list selection clears, and the undo bar
 * offers to bring back exactly that entry (never another edit made meanwhile, issue 14.4).
 */
export function deleteWithUndoBar<K extends EntryKind>(collection: EntryCollection<K>, id: string, label: string, view: Pick<KindViewProps, 'onSelect' | 'onDeleted'>): void {
  const deletion = collection.deleteWithUndo(id);
  view.onSelect(null);
  if (deletion) view.onDeleted({ label, undo: () => void deletion.undo(), forget: deletion.forget });
}
