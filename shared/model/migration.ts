import * as Y from 'yjs';
import type { EntryKind } from './Entry.js';
import { entrySpecs, type EntryCollection } from './EntryCollection.js';
import { legacyFragmentToStoryLines, legacyLimits, type LegacyLimits } from './legacyRichText.js';
import { readString } from './fields.js';
import { migrationOrigin } from './origins.js';
import { isStory, legacyStoryKey, newStory, storyDelta, storyKey, storyKeys } from './richText.js';
import { legacyTextKey } from './textFields.js';

/**
 * Schema version 2: every entry holds all its containers, rich text is a story
 * (storyFormat.ts) under its own key, converted from the old Y.XmlFragment, and short
 * free-text fields are Y.Texts (textFields.ts), converted from the old strings.
 *
 * Why it cannot race: a container created under a map key by two peers at once is two
 * competing containers, and whatever is written into the loser is lost. So the migration
 * builds its changes in a scratch Y.Doc loaded with the document's state, under a Yjs
 * client id derived from what it migrates, never the peer's own:
 * - the empty container from (the parent map's item id, the key, the item the key held
 *   before, if any). Stories live under keys no older app ever wrote (`storyKey`), so for
 *   them nothing was there before and every peer builds the very same struct (same id,
 *   same content); Yjs keeps one copy, and what each peer then types merges in it.
 * - the converted old text from (the container's id, a hash of the converted content).
 *   Peers that saw the same old text write identical structs again. Peers that saw
 *   different old text (an older app's offline edits reached only some of them) each add
 *   their version to the one story: both stay, one after the other, and nothing is lost;
 *   the person can tidy them up.
 *
 * Ids are above 2^32, so they never meet the random 32-bit ids Yjs gives real sessions.
 * Old fragments stay where they were (unchanged, unread); their edits made after the
 * migration by an app too old to know stories are not carried over.
 */
export const SCHEMA_VERSION_STORIES = 2;

type Container = Y.Text | Y.Array<unknown> | Y.Map<unknown>;
/** Any shared type, as Yjs lists them in `transaction.changed`. */
type SharedType = Y.Transaction['changed'] extends Map<infer K, Set<string | null>> ? K : never;

interface Need {
  readonly parent: Y.Map<unknown>;
  readonly key: string;
  readonly make: () => Container;
  /** Old rich text to convert into the story, or an old string for a typed text field. */
  readonly legacy: Y.XmlFragment | string | null;
}

type Collections = readonly EntryCollection<EntryKind>[];

/** cyrb53: a 53-bit string hash, so ids are spread over far more than 32 bits. */
function hash53(value: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const idSpace = Number.MAX_SAFE_INTEGER - 2 ** 32;

/** A Yjs client id for one migration step, the same on every peer for the same input. */
export function migrationClientId(...parts: readonly string[]): number {
  return 2 ** 32 + (hash53(parts.join('\u0000')) % idSpace);
}

function idOf(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

function legacyAt(map: Y.Map<unknown>, key: string): Y.XmlFragment | null {
  const value = map.get(key);
  return value instanceof Y.XmlFragment ? value : null;
}

function storyNeed(parent: Y.Map<unknown>, key: string, legacyKey: string): Need | null {
  if (isStory(parent.get(key))) return null;
  return { parent, key, make: newStory, legacy: legacyAt(parent, legacyKey) };
}

/** What one entry lacks: missing containers, and stories not yet converted. */
function needsOf(kind: EntryKind, entry: Y.Map<unknown>, out: Need[]): void {
  const containers: Record<string, () => Container> = { tags: () => new Y.Array<unknown>(), ...entrySpecs[kind].containers };
  for (const [key, make] of Object.entries(containers)) {
    if (storyKeys.has(key)) {
      const need = storyNeed(entry, key, key === storyKey.definition ? legacyStoryKey.definition : legacyStoryKey.body);
      if (need) out.push(need);
    } else if (legacyTextKey(key) !== null) {
      if (!isStory(entry.get(key))) out.push({ parent: entry, key, make, legacy: readString(entry, legacyTextKey(key) as string) || null });
    } else if (entry.get(key) === undefined) out.push({ parent: entry, key, make, legacy: null });
  }
  if (kind === 'dilemma') {
    const reflections = entry.get('reflections');
    if (!(reflections instanceof Y.Array)) return;
    for (const reflection of reflections.toArray()) {
      if (!(reflection instanceof Y.Map)) continue;
      const need = storyNeed(reflection as Y.Map<unknown>, storyKey.body, legacyStoryKey.body);
      if (need) out.push(need);
    }
  }
}

/**
 * Gives entries what schema version 2 requires (all of them, or only `only`). Applied to
 * `doc` with `migrationOrigin`: never undoable, and it does not change `updatedAt`.
 * Returns how many containers it created.
 */
export function migrateEntries(collections: Collections, only?: ReadonlySet<Y.Map<unknown>>, limits: LegacyLimits = legacyLimits): number {
  const needs: Need[] = [];
  for (const collection of collections) {
    for (const entry of collection.map.values()) {
      if (!(entry instanceof Y.Map) || (only && !only.has(entry))) continue;
      needsOf(collection.kind, entry, needs);
    }
  }
  const doc = collections[0]?.map.doc;
  if (needs.length === 0 || !doc) return 0;

  const scratch = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(scratch);
  let created = 0;
  for (const need of needs) {
    const parentItem = need.parent._item;
    if (!parentItem) continue;
    const found = Y.getItem(scratch.store, parentItem.id);
    const parent = found instanceof Y.Item && found.content instanceof Y.ContentType ? found.content.type : null;
    if (!(parent instanceof Y.Map)) continue;
    const previous = parent._map.get(need.key);
    const containerClient = migrationClientId('container', idOf(parentItem.id), need.key, previous ? idOf(previous.lastId) : '');
    const container = need.make();
    scratch.clientID = containerClient;
    scratch.transact(() => parent.set(need.key, container), migrationOrigin);
    created++;
    if (need.legacy && container instanceof Y.Text) {
      const delta = typeof need.legacy === 'string' ? [{ insert: need.legacy, attributes: {} }] : storyDelta(legacyFragmentToStoryLines(need.legacy, limits).lines);
      if (delta.length === 0) continue;
      scratch.clientID = migrationClientId('content', String(containerClient), String(hash53(JSON.stringify(delta))));
      scratch.transact(() => container.applyDelta(delta), migrationOrigin);
    }
  }
  const update = Y.encodeStateAsUpdate(scratch, before);
  scratch.destroy();
  Y.applyUpdate(doc, update, migrationOrigin);
  return created;
}

/**
 * Migrates entries that arrive later (from a peer, a backup, the disk) in the same way, so
 * an entry written by an older app offline is converted wherever it lands. Only the
 * entries a transaction touched are looked at. Returns the unsubscribe.
 */
export function migrateArrivals(collections: Collections): () => void {
  const doc = collections[0]?.map.doc;
  if (!doc) return () => undefined;
  const collectionMaps = new Set<SharedType>(collections.map((c) => c.map as unknown as SharedType));
  const handler = (transaction: Y.Transaction): void => {
    if (transaction.origin === migrationOrigin || transaction.local) return;
    const touched = new Set<Y.Map<unknown>>();
    for (const [type, keys] of transaction.changed) {
      if (collectionMaps.has(type)) {
        for (const key of keys) {
          const entry = key === null ? undefined : (type as unknown as Y.Map<unknown>).get(key);
          if (entry instanceof Y.Map) touched.add(entry);
        }
        continue;
      }
      // Up to the entry: a story, a list in an entry, a reflection in a dilemma.
      let current: SharedType | null = type;
      for (let depth = 0; current && depth < 4; depth++) {
        const parent: SharedType | null = current._item?.parent instanceof Y.AbstractType ? (current._item.parent as SharedType) : null;
        if (parent && collectionMaps.has(parent)) {
          if (current instanceof Y.Map) touched.add(current);
          break;
        }
        current = parent;
      }
    }
    if (touched.size > 0) migrateEntries(collections, touched);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
