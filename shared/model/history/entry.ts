import * as Y from 'yjs';
import type { Community, Member } from '../Community.js';
import { CommonplaceError } from '../../CommonplaceError.js';
import { readString } from '../fields.js';
import { localOrigin } from '../origins.js';
import { storyKey } from '../richText.js';
import { textFieldKeys } from '../textFields.js';
import { applyTextRestore, settleRestore, textAt, type ChangeKind, type RestoreResult } from './story.js';
import { assertStoryWritable } from './writable.js';

/**
 * The history of a whole entry of any kind, not only its story: the texts it holds (a
 * story, a definition, a dilemma's context and each reflection, a list's description),
 * the lists people add to (a dilemma's reflections, a harvest's insights, a list's
 * resources) as they were at a checkpoint and who added each item, and restoring all of
 * it to a checkpoint as one change that can be undone.
 *
 * Items are found at a checkpoint by walking the list's Yjs items (kept, deleted or not,
 * since gc is off) and checking each against the snapshot: Yjs offers `toDelta(snapshot)`
 * for text and `typeListToArraySnapshot` for arrays, but nothing that says which item was
 * added or removed between two snapshots.
 */

/** Which field a text is; the UI names it. */
export type EntryTextField = 'story' | 'definition' | 'reflection' | keyof typeof textFieldKeys;

export interface EntryText {
  /** Stable within the entry: the field, or `reflection:<id>`. */
  readonly key: string;
  readonly field: EntryTextField;
  /** A reflection's date. */
  readonly date: string;
  readonly text: Y.Text;
}

/** The lists of an entry that people add to, by their key in the entry's map. */
export const entryListKeys = ['reflections', 'items', 'resources'] as const;
export type EntryListKey = (typeof entryListKeys)[number];

export interface EntryListItem {
  readonly id: string;
  /** What it is called: a resource's title, an insight's words, a reflection's date and first words. */
  readonly label: string;
  /** The member whose device added it (the writer of the item), when known. */
  readonly addedBy: Member | null;
  /** Against the compared checkpoint: added, removed, or unchanged (null). */
  readonly change: ChangeKind | null;
}

const storyFields: readonly [string, EntryTextField][] = [
  [storyKey.body, 'story'],
  [storyKey.definition, 'definition'],
  ...Object.entries(textFieldKeys).map(([field, key]): [string, EntryTextField] => [key, field as EntryTextField]),
];

/** The texts an entry holds now, in the order its view shows them. */
export function entryTexts(entry: Y.Map<unknown>): EntryText[] {
  const texts: EntryText[] = [];
  for (const [key, field] of storyFields) {
    const text = entry.get(key);
    if (text instanceof Y.Text) texts.push({ key, field, date: '', text });
  }
  const reflections = entry.get('reflections');
  if (reflections instanceof Y.Array) {
    for (const item of reflections.toArray() as unknown[]) {
      if (!(item instanceof Y.Map)) continue;
      const body: unknown = item.get(storyKey.body);
      if (body instanceof Y.Text) texts.push({ key: `reflection:${readString(item, 'id')}`, field: 'reflection', date: readString(item, 'date'), text: body });
    }
  }
  return texts;
}

function visibleAt(item: Y.Item, snapshot: Y.Snapshot): boolean {
  return item.id.clock < (snapshot.sv.get(item.id.client) ?? 0) && !Y.isDeleted(snapshot.ds, item.id);
}

/** The member whose device wrote a Yjs item (an array element, a map). */
export function writerOf(community: Community, type: { readonly _item: Y.Item | null }): Member | null {
  const item = type._item;
  return item ? (community.authorOf(item.id.client) ?? null) : null;
}

/**
 * Who added each item of an entry's lists (reflections, insights, resources), by item id:
 * the member whose device inserted it, from the community's `authors`.
 */
export function addedByIn(community: Community, entry: Y.Map<unknown>, key: EntryListKey): Map<string, Member | null> {
  const found = new Map<string, Member | null>();
  const list = entry.get(key);
  if (!(list instanceof Y.Array)) return found;
  for (const value of list.toArray()) if (value instanceof Y.Map) found.set(readString(value, 'id'), writerOf(community, value));
  return found;
}

function valueAt(map: Y.Map<unknown>, key: string, snapshot: Y.Snapshot): unknown {
  return Y.typeMapGetSnapshot(map, key, snapshot);
}

function labelAt(map: Y.Map<unknown>, snapshot: Y.Snapshot): string {
  const title = valueAt(map, 'title', snapshot);
  if (typeof title === 'string' && title) return title;
  const words = valueAt(map, 'text', snapshot);
  if (typeof words === 'string' && words) return words;
  const body = valueAt(map, storyKey.body, snapshot);
  const date = valueAt(map, 'date', snapshot);
  const start = body instanceof Y.Text ? textAt(body, snapshot).trim().split('\n')[0]?.slice(0, 80) ?? '' : '';
  return [typeof date === 'string' ? date : '', start].filter(Boolean).join(': ');
}

/**
 * A list of an entry as it was at `to`, and, when `from` is given, the items removed since
 * it (marked removed) and those added (marked added). Each with who added it.
 */
export function listAt(community: Community, entry: Y.Map<unknown>, key: EntryListKey, to: Y.Snapshot, from?: Y.Snapshot): EntryListItem[] {
  const list = entry.get(key);
  if (!(list instanceof Y.Array)) return [];
  const items: EntryListItem[] = [];
  for (let item = list._start; item; item = item.right) {
    const map = item.content instanceof Y.ContentType ? item.content.type : null;
    if (!(map instanceof Y.Map)) continue;
    const atTo = visibleAt(item, to);
    const atFrom = from ? visibleAt(item, from) : atTo;
    if (!atTo && !atFrom) continue;
    const change: ChangeKind | null = atTo && !atFrom ? 'added' : !atTo ? 'removed' : null;
    items.push({ id: readString(map, 'id'), label: labelAt(map, atTo ? to : (from ?? to)), addedBy: community.authorOf(item.id.client) ?? null, change });
  }
  return items;
}

type Plain = string | number | boolean | null;
const isPlain = (value: unknown): value is Plain => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** A fresh copy of `type` as it was at `snapshot`, to put back what was removed since. */
function copyAt(type: unknown, snapshot: Y.Snapshot): unknown {
  if (type instanceof Y.Text) {
    const copy = new Y.Text();
    const delta = (type.toDelta(snapshot) as { insert: string | object; attributes?: Record<string, unknown> }[]).map((op) => (op.attributes ? op : { insert: op.insert }));
    copy.applyDelta(delta);
    return copy;
  }
  if (type instanceof Y.Map) {
    const copy = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(Y.typeMapGetAllSnapshot(type, snapshot))) copy.set(key, copyAt(value, snapshot));
    return copy;
  }
  if (type instanceof Y.Array) {
    const copy = new Y.Array<unknown>();
    copy.push(Y.typeListToArraySnapshot(type, snapshot).map((value) => copyAt(value, snapshot)));
    return copy;
  }
  return type;
}

/**
 * Never restored: what identifies the entry, and what people consented to. Bringing back an
 * older consent or a storyteller's name could widen who sees a story (or name someone who
 * has since asked to stay anonymous) without anyone choosing it; those change only by hand.
 */
export const keptOnRestore: ReadonlySet<string> = new Set(['id', 'kind', 'createdAt', 'createdBy', 'updatedAt', 'consent', 'storytellers', 'sharedBy', 'sharedAt', 'sharedFrom']);

/** Counts the changes a restore made. */
interface Tally {
  changes: number;
}

function restoreMap(map: Y.Map<unknown>, snapshot: Y.Snapshot, tally: Tally, kept: ReadonlySet<string> = new Set(['updatedAt'])): void {
  const then = Y.typeMapGetAllSnapshot(map, snapshot) as Record<string, unknown>;
  for (const [key, was] of Object.entries(then)) {
    if (kept.has(key)) continue;
    const now = map.get(key);
    if (was instanceof Y.AbstractType && now === was) {
      restoreType(was, snapshot, tally);
    } else if (isPlain(was)) {
      if (now !== was) {
        map.set(key, was);
        tally.changes++;
      }
    } else if (Array.isArray(was) || (typeof was === 'object' && !(was instanceof Y.AbstractType))) {
      if (JSON.stringify(now) !== JSON.stringify(was)) {
        map.set(key, was);
        tally.changes++;
      }
    } else {
      // The container was replaced since (a migration, a peer): put back a copy of the old one.
      map.set(key, copyAt(was, snapshot));
      tally.changes++;
    }
  }
  // Keys set since the checkpoint (a related term linked later): gone again. Containers
  // created with the entry are all in `then`, so this only removes later additions.
  for (const key of [...map.keys()]) {
    if (key in then || kept.has(key) || map.get(key) instanceof Y.AbstractType) continue;
    map.delete(key);
    tally.changes++;
  }
}

function restoreArray(array: Y.Array<unknown>, snapshot: Y.Snapshot, tally: Tally): void {
  // Walk the items in order: remove what was not there then, put back what was removed since
  // where it stood, and restore the items that are in both.
  let index = 0;
  for (let item = array._start; item; item = item.right) {
    if (!item.countable) continue;
    const now = !item.deleted;
    const then = visibleAt(item, snapshot);
    const values = item.content.getContent();
    if (now && !then) {
      array.delete(index, item.length);
      tally.changes++;
      continue;
    }
    if (!now && then) {
      array.insert(
        index,
        values.map((value) => copyAt(value, snapshot)),
      );
      index += values.length;
      tally.changes++;
      continue;
    }
    if (now) {
      for (const value of values) if (value instanceof Y.AbstractType) restoreType(value, snapshot, tally);
      index += item.length;
    }
  }
}

function restoreType(type: Y.AbstractType<unknown>, snapshot: Y.Snapshot, tally: Tally): void {
  if (type instanceof Y.Text) {
    const { inserted, deleted } = applyTextRestore(type, snapshot);
    tally.changes += inserted + deleted;
  } else if (type instanceof Y.Map) restoreMap(type, snapshot, tally);
  else if (type instanceof Y.Array) restoreArray(type, snapshot, tally);
}

/**
 * Brings a whole entry (its fields, texts and lists) back to how it was at `snapshot`, as one
 * new change by whoever restores it: texts by the smallest edits (so what others type
 * meanwhile survives), removed list items put back as copies, added ones removed. The
 * returned undo takes back exactly this restore. Consent and storytellers stay as they are
 * now (`keptOnRestore`).
 */
export function restoreEntry(entry: Y.Map<unknown>, snapshot: Y.Snapshot): RestoreResult {
  const doc = entry.doc;
  if (!doc) throw new CommonplaceError('historyNotWritable');
  for (const { text } of entryTexts(entry)) assertStoryWritable(text);
  if (Object.keys(Y.typeMapGetAllSnapshot(entry, snapshot)).length === 0) throw new CommonplaceError('entryNotYet');
  // Yjs reads a snapshot correctly only once the items it cuts through are split, which its
  // toDelta does for the whole document; a list item written in one go with the checkpoint
  // in its middle would otherwise read as all there or all gone.
  entryTexts(entry)[0]?.text.toDelta(snapshot);
  const manager = new Y.UndoManager(entry, { trackedOrigins: new Set([localOrigin]), captureTimeout: 0 });
  const tally: Tally = { changes: 0 };
  doc.transact(() => {
    restoreMap(entry, snapshot, tally, keptOnRestore);
    if (tally.changes > 0) entry.set('updatedAt', Date.now());
  }, localOrigin);
  return settleRestore(manager, tally.changes, 0);
}
