import * as Y from 'yjs';
import type { Community, Member } from '../Community.js';
import { entryKinds, type EntryKind } from '../Entry.js';
import type { EntryDeletion } from '../EntryCollection.js';
import { readNumber, readString } from '../fields.js';
import { localOrigin } from '../origins.js';
import { CommonplaceError } from '../../CommonplaceError.js';

/**
 * The community's trash: every deleted entry of every kind, with who deleted it and when,
 * which anyone can restore. It lives in the community document (`trash`: entry id -> record)
 * so every member sees it. The record keeps a copy of the entry as it was deleted: the
 * deleted original stays in the history (`gc: false`) but Yjs offers no way to read a
 * deleted map back except through the undo manager of the session that deleted it.
 */

export interface TrashItem {
  readonly id: string;
  readonly kind: EntryKind;
  readonly title: string;
  readonly deletedBy: Member | null;
  readonly deletedAt: number;
}

export function trashMap(community: Community): Y.Map<Y.Map<unknown>> {
  return community.doc.getMap('trash');
}

function titleOf(entry: Y.Map<unknown>): string {
  return readString(entry, 'title') || readString(entry, 'term');
}

/**
 * Deletes an entry into the trash, in one transaction with the deletion (so a peer never
 * sees one without the other). The returned undo (the toast's Undo) takes back both.
 * `deletedBy` defaults to the member this device writes as (`authors`).
 */
export function deleteToTrash(community: Community, kind: EntryKind, id: string, deletedBy = community.authors.get(String(community.doc.clientID)) ?? ''): EntryDeletion | null {
  const collection = community.collection(kind);
  return collection.deleteWithUndo(id, {
    scope: trashMap(community),
    before: (entry) => {
      const record = new Y.Map<unknown>();
      trashMap(community).set(id, record);
      record.set('kind', kind);
      record.set('title', titleOf(entry));
      record.set('deletedBy', deletedBy);
      record.set('deletedAt', Date.now());
      record.set('entry', entry.clone());
    },
  });
}

/** What is in the trash, most recently deleted first. */
export function trashItems(community: Community): TrashItem[] {
  const items: TrashItem[] = [];
  for (const [id, record] of trashMap(community).entries()) {
    if (!(record instanceof Y.Map)) continue;
    const kind = record.get('kind');
    if (!(entryKinds as readonly unknown[]).includes(kind)) continue;
    items.push({
      id,
      kind: kind as EntryKind,
      title: readString(record, 'title'),
      deletedBy: community.member(readString(record, 'deletedBy')) ?? null,
      deletedAt: readNumber(record, 'deletedAt'),
    });
  }
  return items.sort((a, b) => b.deletedAt - a.deletedAt);
}

/**
 * Puts a deleted entry back where it was, as a new change by whoever restores it. Refuses,
 * changing nothing, when it is no longer in the trash or an entry with its id is back already.
 */
export function restoreFromTrash(community: Community, id: string): void {
  const record = trashMap(community).get(id);
  if (!(record instanceof Y.Map)) throw new CommonplaceError('trashGone');
  const kind = record.get('kind');
  const entry = record.get('entry');
  if (!(entryKinds as readonly unknown[]).includes(kind) || !(entry instanceof Y.Map)) throw new CommonplaceError('trashDamaged');
  const collection = community.collection(kind as EntryKind);
  if (collection.has(id)) throw new CommonplaceError('trashAlreadyBack');
  community.doc.transact(() => {
    collection.insertCopy(entry, {}, localOrigin);
    trashMap(community).delete(id);
  }, localOrigin);
}
