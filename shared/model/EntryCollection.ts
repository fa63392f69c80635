import * as Y from 'yjs';
import { Dilemma } from './Dilemma.js';
import { initialiseEntryMap, newId, type Entry, type EntryKind } from './Entry.js';
import { GlossaryEntry } from './GlossaryEntry.js';
import { Harvest } from './Harvest.js';
import { localOrigin } from './origins.js';
import { newStory, storyKey } from './richText.js';
import { ResourceList } from './ResourceList.js';

/** A typed short field (textFields.ts). */
const newText = (): Y.Text => new Y.Text();

/**
 * How each kind is stored. Every nested container is created with the entry, never on
 * first use: two peers lazily creating the same list at once would each make their own,
 * and one of them (with its contents) would lose.
 */
export const entrySpecs = {
  glossary: {
    wrap: (map: Y.Map<unknown>) => new GlossaryEntry(map),
    containers: { [storyKey.definition]: newStory, proposedByText: newText, discussionText: newText, otherNames: () => new Y.Array(), examples: () => new Y.Array(), related: () => new Y.Map(), translations: () => new Y.Map() },
  },
  harvest: {
    wrap: (map: Y.Map<unknown>) => new Harvest(map),
    containers: { [storyKey.body]: newStory, placeText: newText, callingQuestionText: newText, methodOtherText: newText, storytellers: () => new Y.Array(), items: () => new Y.Array() },
  },
  dilemma: {
    wrap: (map: Y.Map<unknown>) => new Dilemma(map),
    containers: { contextText: newText, decidedText: newText, learnedText: newText, values: () => new Y.Array(), options: () => new Y.Array(), reflections: () => new Y.Array() },
  },
  resourceList: {
    wrap: (map: Y.Map<unknown>) => new ResourceList(map),
    containers: { descriptionText: newText, resources: () => new Y.Array() },
  },
} as const satisfies Record<EntryKind, { wrap: (map: Y.Map<unknown>) => Entry; containers: Record<string, () => Y.Text | Y.Array<unknown> | Y.Map<unknown>> }>;

export type EntryOfKind<K extends EntryKind> = ReturnType<(typeof entrySpecs)[K]['wrap']>;

/** A deletion that can be undone exactly once, by itself. */
export interface EntryDeletion {
  /** Restores the entry as it was when deleted; false if that is no longer possible. */
  readonly undo: () => boolean;
  /** The chance to undo has passed: frees what it kept. */
  readonly forget: () => void;
}

/**
 * Something written with a deletion, in its transaction and undone with it (the trash:
 * shared/model/history/trash.ts): `before` sees the entry before it goes.
 */
export interface DeletionRecord {
  readonly scope: Y.Map<Y.Map<unknown>>;
  readonly before: (entry: Y.Map<unknown>) => void;
}

/** The entries of one kind in one document: a Y.Map from id to the entry's Y.Map. */
export class EntryCollection<K extends EntryKind> {
  constructor(
    readonly kind: K,
    readonly map: Y.Map<Y.Map<unknown>>,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(id: string): EntryOfKind<K> | null {
    const entryMap = this.map.get(id);
    return entryMap instanceof Y.Map ? (entrySpecs[this.kind].wrap(entryMap) as EntryOfKind<K>) : null;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  /** All entries, most recently changed first. */
  list(): EntryOfKind<K>[] {
    const entries: EntryOfKind<K>[] = [];
    for (const entryMap of this.map.values()) {
      if (entryMap instanceof Y.Map) entries.push(entrySpecs[this.kind].wrap(entryMap) as EntryOfKind<K>);
    }
    return entries.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * Creates an entry in one undoable transaction. `fill` runs inside it, so the entry and
   * its first fields arrive at peers together; if `fill` throws, nothing is created.
   */
  create(createdBy: string, fill: (entry: EntryOfKind<K>) => void = () => undefined, extra: Record<string, unknown> = {}): EntryOfKind<K> {
    const entryMap = new Y.Map<unknown>();
    const spec = entrySpecs[this.kind];
    const id = newId();
    const run = (): EntryOfKind<K> => {
      // Integrate first: an unintegrated Y.Map cannot be read back.
      this.map.set(id, entryMap);
      initialiseEntryMap(entryMap, this.kind, createdBy, id);
      for (const [key, make] of Object.entries(spec.containers)) entryMap.set(key, make());
      for (const [key, value] of Object.entries(extra)) entryMap.set(key, value);
      const entry = spec.wrap(entryMap) as EntryOfKind<K>;
      fill(entry);
      return entry;
    };
    const doc = this.map.doc;
    if (!doc) return run();
    // Validate the fill on a scratch copy first: Yjs cannot roll back a failed transaction.
    const scratch = new Y.Doc();
    const probe = new Y.Map<unknown>();
    scratch.getMap('probe').set(id, probe);
    initialiseEntryMap(probe, this.kind, createdBy, id);
    for (const [key, make] of Object.entries(spec.containers)) probe.set(key, make());
    fill(spec.wrap(probe) as EntryOfKind<K>);
    scratch.destroy();
    let created: EntryOfKind<K> | undefined;
    doc.transact(() => {
      created = run();
    }, localOrigin);
    return created as unknown as EntryOfKind<K>;
  }

  /**
   * Deletes an entry and returns how to bring back exactly that entry (the toast's Undo),
   * whatever else was changed since: the deletion gets an undo manager of its own, so
   * undoing it never reverts another edit, and the edit-undo (Ctrl+Z) never sees it.
   */
  deleteWithUndo(id: string, record?: DeletionRecord): EntryDeletion | null {
    const doc = this.map.doc;
    const entry = this.map.get(id);
    if (!(entry instanceof Y.Map) || !doc) return null;
    const origin = { deletion: id };
    const manager = new Y.UndoManager(record ? [this.map, record.scope] : this.map, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    doc.transact(() => {
      record?.before(entry);
      this.map.delete(id);
    }, origin);
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      manager.destroy();
    };
    return {
      undo: () => {
        if (settled) return false;
        const restored = manager.undo() !== null;
        settle();
        return restored;
      },
      forget: settle,
    };
  }

  /** Deletes an entry; the undo manager can bring it back. */
  delete(id: string): void {
    if (!this.map.has(id)) return;
    const doc = this.map.doc;
    if (doc) doc.transact(() => this.map.delete(id), localOrigin);
    else this.map.delete(id);
  }

  /** Inserts a copy of an entry from elsewhere (sharing, moving, importing), keeping its id. */
  insertCopy(source: Y.Map<unknown>, overrides: Record<string, unknown> = {}, origin: unknown = localOrigin, omit: readonly string[] = []): EntryOfKind<K> {
    const copy = source.clone();
    // Removed before the copy is integrated, so the omitted fields never enter this document's history.
    for (const key of omit) copy.delete(key);
    const id = (overrides.id as string | undefined) ?? (source.get('id') as string);
    const run = (): void => {
      this.map.set(id, copy);
      for (const [key, value] of Object.entries(overrides)) copy.set(key, value);
    };
    const doc = this.map.doc;
    if (doc) doc.transact(run, origin);
    else run();
    return this.get(id) as EntryOfKind<K>;
  }
}
