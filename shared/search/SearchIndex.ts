import MiniSearch from 'minisearch';
import * as Y from 'yjs';
import { Dilemma } from '../model/Dilemma.js';
import type { Entry, EntryKind } from '../model/Entry.js';
import { GlossaryEntry } from '../model/GlossaryEntry.js';
import { Harvest } from '../model/Harvest.js';
import { ResourceList } from '../model/ResourceList.js';
import type { EntryCollection } from '../model/EntryCollection.js';

export interface SearchHit {
  readonly communityId: string;
  readonly kind: EntryKind;
  readonly id: string;
  readonly title: string;
  readonly excerpt: string;
  readonly tags: readonly string[];
  readonly updatedAt: number;
  /** Lives in the personal document (a private dilemma or harvest). */
  readonly isPrivate: boolean;
}

export interface SearchOptions {
  readonly kinds?: readonly EntryKind[];
  readonly tag?: string;
  readonly sort?: 'relevance' | 'recent' | 'title';
  readonly limit?: number;
}

interface IndexedEntry extends SearchHit {
  readonly key: string;
  readonly text: string;
}

/** All the words a person might look for in an entry, whatever its kind. */
export function entrySearchText(entry: Entry): string {
  if (entry instanceof GlossaryEntry) {
    // Its names and definitions in other languages too: a search in any of them finds it.
    const languages = entry.languages.flatMap((l) => [l.name, l.definitionText]);
    return [entry.otherNames.join(' '), entry.definitionText, ...languages, entry.examples.join(' '), entry.discussion, entry.proposedBy].join('\n');
  }
  if (entry instanceof Harvest) {
    return [entry.callingQuestion, entry.place, entry.storytellers.map((s) => s.name).join(' '), entry.bodyText, entry.items.map((i) => `${i.text} ${i.attribution}`).join('\n')].join('\n');
  }
  if (entry instanceof Dilemma) {
    return [entry.context, entry.valuesInTension.join(' '), entry.options.join('\n'), entry.reflections.map((r) => r.text).join('\n'), entry.decided, entry.learned].join('\n');
  }
  if (entry instanceof ResourceList) {
    return [entry.description, ...entry.resources.map((r) => [r.title, r.why, r.forWhom, r.recommendedBy, r.accessibility, r.tags.join(' ')].join(' '))].join('\n');
  }
  return '';
}

function allTags(entry: Entry): string[] {
  return entry instanceof ResourceList ? entry.allTags : entry.tags;
}

export interface SearchSource {
  readonly communityId: string;
  readonly collections: readonly EntryCollection<EntryKind>[];
  readonly isPrivate: boolean;
}

/**
 * Full-text search across every kind and every community, with MiniSearch. The index is
 * kept up to date incrementally: a change re-indexes only the entries it touched.
 */
/** Indexes pending entries until `shouldYield()` is true; returns true when none is left. */
export type SearchWork = (shouldYield: () => boolean) => boolean;

export class SearchIndex {
  /** Entries changed since the last flush, by key: re-indexed together, later. */
  private readonly pending = new Map<string, () => void>();

  /**
   * @param schedule when to index new and changed entries; called on every change, so it
   * may debounce. It gets `work`, which indexes until `shouldYield` says stop and returns
   * whether it finished; the scheduler calls it again until it has. The renderer waits for
   * a pause in typing and works in idle slices; the default runs at once (tests, Node).
   */
  constructor(
    private readonly schedule: (work: SearchWork) => void = (work) => void work(() => false),
    /** Told of an entry that could not be read, which is indexed by its title alone. */
    private readonly warn: (message: string, error: unknown) => void = (message, error) => console.warn(message, error),
  ) {}

  private readonly index = new MiniSearch<IndexedEntry>({
    idField: 'key',
    fields: ['title', 'text', 'tagText'],
    // Nothing stored in the index: hits are looked up in `entries`, which also holds the text.
    storeFields: [],
    extractField: (document, field) => (field === 'tagText' ? document.tags.join(' ') : (document as unknown as Record<string, unknown>)[field]) as string,
    searchOptions: { boost: { title: 3, tagText: 2 }, prefix: true, fuzzy: 0.15, combineWith: 'AND' },
  });
  private readonly entries = new Map<string, IndexedEntry>();
  private readonly listeners = new Set<() => void>();

  /** Indexes a source and follows its changes; returns a function that stops and removes it. */
  addSource(source: SearchSource): () => void {
    const stops = source.collections.map((collection) => {
      // Indexing a 1,000-entry community takes about half a second: it waits for the
      // scheduler too, so opening shows the community first (a search flushes it at once).
      for (const id of collection.map.keys()) this.pending.set(this.keyOf(source, collection.kind, id), () => this.reindex(source, collection, id));
      const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
        const touched = new Set<string>();
        for (const event of events) {
          const top = event.path[0];
          if (typeof top === 'string') touched.add(top);
          else if (event instanceof Y.YMapEvent && event.target === collection.map) for (const key of event.keysChanged) touched.add(String(key));
        }
        if (touched.size === 0) return;
        // Re-indexing a long story costs tens of milliseconds: never inside a keystroke.
        // Touched entries wait for the scheduler (or the next search, which flushes first).
        for (const id of touched) this.pending.set(this.keyOf(source, collection.kind, id), () => this.reindex(source, collection, id));
        this.schedule(this.work);
      };
      collection.map.observeDeep(observer);
      return () => {
        collection.map.unobserveDeep(observer);
        for (const id of collection.map.keys()) {
          const key = this.keyOf(source, collection.kind, id);
          this.pending.delete(key);
          this.remove(key);
        }
      };
    });
    this.schedule(this.work);
    this.notify();
    return () => {
      for (const stop of stops) stop();
      this.notify();
    };
  }

  /**
   * Re-indexes every entry changed since the last flush. The scheduler calls it and then
   * listeners hear of it; `search` calls it quietly, since its caller is reading already.
   */
  flush(notify = true): void {
    if (this.pending.size === 0) return;
    const work = [...this.pending.values()];
    this.pending.clear();
    for (const reindex of work) reindex();
    if (notify) this.notify();
  }

  /** The scheduler's slice of work: see the constructor. Listeners hear once all is done. */
  private readonly work: SearchWork = (shouldYield) => {
    if (this.pending.size === 0) return true;
    for (const [key, reindex] of this.pending) {
      this.pending.delete(key);
      reindex();
      if (this.pending.size > 0 && shouldYield()) return false;
    }
    this.notify();
    return true;
  };

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    this.flush(false);
    const trimmed = query.trim();
    const candidates: SearchHit[] = trimmed
      ? this.index.search(trimmed).flatMap((result) => this.entries.get(result.id as string) ?? [])
      : [...this.entries.values()];
    const filtered = candidates.filter((hit) => (!options.kinds || options.kinds.includes(hit.kind)) && (!options.tag || hit.tags.includes(options.tag)));
    const sort = options.sort ?? (trimmed ? 'relevance' : 'recent');
    if (sort === 'recent') filtered.sort((a, b) => b.updatedAt - a.updatedAt);
    if (sort === 'title') filtered.sort((a, b) => a.title.localeCompare(b.title));
    return filtered.slice(0, options.limit ?? 200);
  }

  get size(): number {
    return this.entries.size;
  }

  observe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private keyOf(source: SearchSource, kind: EntryKind, id: string): string {
    return `${source.isPrivate ? 'private' : source.communityId}:${kind}:${id}`;
  }

  private reindex(source: SearchSource, collection: EntryCollection<EntryKind>, id: string): void {
    const key = this.keyOf(source, collection.kind, id);
    this.remove(key);
    let document: IndexedEntry | null;
    try {
      document = this.describe(source, collection, id, key);
    } catch (error) {
      // One entry a hostile peer made unreadable (a story nested thousands deep) must not
      // stop the rest being indexed, nor every later search: it is found by its title.
      this.warn(`Search could not read ${collection.kind} ${id}; it is found by its title only.`, error);
      document = this.describeUnreadable(source, collection, id, key);
    }
    if (!document) return;
    this.entries.set(key, document);
    this.index.add(document);
  }

  private describe(source: SearchSource, collection: EntryCollection<EntryKind>, id: string, key: string): IndexedEntry | null {
    const entry = collection.get(id) as Entry | null;
    if (!entry) return null;
    const text = entrySearchText(entry);
    return {
      ...this.describeUnreadable(source, collection, id, key),
      title: entry.title,
      text,
      excerpt: text.replace(/\s+/g, ' ').trim().slice(0, 160),
      tags: allTags(entry),
      updatedAt: entry.updatedAt,
    };
  }

  /** What can be said of an entry without reading its text: each part only if readable. */
  private describeUnreadable(source: SearchSource, collection: EntryCollection<EntryKind>, id: string, key: string): IndexedEntry {
    const map = collection.map.get(id);
    const read = <T>(what: () => T, fallback: T): T => {
      try {
        return what();
      } catch {
        return fallback;
      }
    };
    const title = map instanceof Y.Map ? read(() => (collection.get(id) as Entry | null)?.title ?? '', '') : '';
    const tagged = map instanceof Y.Map ? map.get('communityId') : undefined;
    const communityId = source.isPrivate ? (typeof tagged === 'string' ? tagged : '') : source.communityId;
    const updatedAt = map instanceof Y.Map ? read(() => (collection.get(id) as Entry | null)?.updatedAt ?? 0, 0) : 0;
    return { key, communityId, kind: collection.kind, id, title, text: '', excerpt: '', tags: [], updatedAt, isPrivate: source.isPrivate };
  }

  private remove(key: string): void {
    const existing = this.entries.get(key);
    if (!existing) return;
    // discard, not remove: it does not re-tokenize the old text (vacuumed later by MiniSearch).
    this.index.discard(existing.key);
    this.entries.delete(key);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
