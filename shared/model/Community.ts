import * as Y from 'yjs';
import { z } from 'zod';
import { isMemberColour, memberColours, type MemberColour } from './colours.js';
import { entryKinds, kindTable, newId, type Entry, type EntryKind } from './Entry.js';
import { EntryCollection } from './EntryCollection.js';
import { parseField, readNumber, readString, shortTextSchema, titleSchema } from './fields.js';
import type { GlossaryEntry } from './GlossaryEntry.js';
import { localOrigin } from './origins.js';
import { migrateArrivals, migrateEntries, SCHEMA_VERSION_STORIES } from './migration.js';
import { storyKeys } from './richText.js';
import { checkSchemaVersion, stampSchemaVersion, type SchemaCheck } from './schemaVersion.js';

/** 2: stories and every container created with the entry (migration.ts). */
export const COMMUNITY_SCHEMA_VERSION = SCHEMA_VERSION_STORIES;

export interface CommunityProfile {
  readonly name: string;
  /** One line: what the community shares a concern for. */
  readonly domain: string;
  /** A place or a theme, optional. */
  readonly place: string;
}

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly colour: MemberColour;
  readonly joinedAt: number;
}

export const communityNameSchema = titleSchema;

/** A choice this person made, replaced by someone else's. */
export interface Overwrite {
  readonly key: string;
  /** Who changed it, when known. */
  readonly by: Member | null;
  readonly value: unknown;
}

/**
 * One community: its profile, members and everything it keeps, in one Y.Doc (one room to
 * sync, one IndexedDB database). Plain TypeScript over Yjs, no React.
 */
export class Community {
  readonly meta: Y.Map<unknown>;
  readonly profileMap: Y.Map<unknown>;
  readonly membersMap: Y.Map<Y.Map<unknown>>;
  /** Yjs client id -> member id, so history can say who wrote what. */
  readonly authors: Y.Map<string>;
  readonly glossary: EntryCollection<'glossary'>;
  readonly harvests: EntryCollection<'harvest'>;
  readonly dilemmas: EntryCollection<'dilemma'>;
  readonly resourceLists: EntryCollection<'resourceList'>;
  private stopMigrating: (() => void) | undefined;

  constructor(readonly doc: Y.Doc) {
    this.meta = doc.getMap('meta');
    this.profileMap = doc.getMap('profile');
    this.membersMap = doc.getMap('members');
    this.authors = doc.getMap('authors');
    this.glossary = new EntryCollection('glossary', doc.getMap(kindTable.glossary.collection));
    this.harvests = new EntryCollection('harvest', doc.getMap(kindTable.harvest.collection));
    this.dilemmas = new EntryCollection('dilemma', doc.getMap(kindTable.dilemma.collection));
    this.resourceLists = new EntryCollection('resourceList', doc.getMap(kindTable.resourceList.collection));
  }

  /**
   * A new community document. `gc: false` keeps deleted content so that the history of a
   * harvest can be browsed and restored later (about 40% more bytes on real traces).
   */
  static create(input: { id?: string; name: string; domain?: string; place?: string; creator: { id: string; name: string; colour: MemberColour } }): Community {
    const profile = {
      name: parseField(communityNameSchema, input.name),
      domain: parseField(shortTextSchema, input.domain ?? ''),
      place: parseField(shortTextSchema, input.place ?? ''),
    };
    const community = new Community(Community.newDoc());
    community.doc.transact(() => {
      community.meta.set('id', input.id ?? newId());
      community.meta.set('createdAt', Date.now());
      stampSchemaVersion(community.meta, COMMUNITY_SCHEMA_VERSION);
      for (const [key, value] of Object.entries(profile)) community.profileMap.set(key, value);
    });
    community.join(input.creator);
    return community;
  }

  static newDoc(): Y.Doc {
    return new Y.Doc({ gc: false });
  }

  /**
   * Call after loading: migrates entries to this schema (now, and as older entries arrive
   * later) and stamps the version, or reports that the document is newer than this app,
   * which then changes nothing.
   */
  initialise(): SchemaCheck {
    const check = checkSchemaVersion(this.meta, COMMUNITY_SCHEMA_VERSION);
    if (check.status !== 'current') return check;
    const collections = entryKinds.map((kind) => this.collection<EntryKind>(kind));
    migrateEntries(collections);
    this.stopMigrating ??= migrateArrivals(collections);
    if (this.meta.get('schemaVersion') !== COMMUNITY_SCHEMA_VERSION && this.id) {
      this.doc.transact(() => stampSchemaVersion(this.meta, COMMUNITY_SCHEMA_VERSION));
    }
    return check;
  }

  get id(): string {
    return readString(this.meta, 'id');
  }

  get profile(): CommunityProfile {
    return { name: readString(this.profileMap, 'name'), domain: readString(this.profileMap, 'domain'), place: readString(this.profileMap, 'place') };
  }

  setProfile(changes: Partial<CommunityProfile>): void {
    const clean: Partial<Record<keyof CommunityProfile, string>> = {};
    if (changes.name !== undefined) clean.name = parseField(communityNameSchema, changes.name);
    if (changes.domain !== undefined) clean.domain = parseField(shortTextSchema, changes.domain);
    if (changes.place !== undefined) clean.place = parseField(shortTextSchema, changes.place);
    this.doc.transact(() => {
      for (const [key, value] of Object.entries(clean)) this.profileMap.set(key, value);
    }, localOrigin);
  }

  get members(): Member[] {
    const members: Member[] = [];
    for (const [id, map] of this.membersMap.entries()) {
      if (!(map instanceof Y.Map)) continue;
      const colour = map.get('colour');
      members.push({ id, name: readString(map, 'name'), colour: isMemberColour(colour) ? colour : memberColours[0], joinedAt: readNumber(map, 'joinedAt') });
    }
    return members.sort((a, b) => a.joinedAt - b.joinedAt);
  }

  member(id: string): Member | undefined {
    return this.members.find((m) => m.id === id);
  }

  /** The member who wrote with a Yjs client id (see `authors`), if known. */
  authorOf(clientId: number): Member | undefined {
    const memberId = this.authors.get(String(clientId));
    return memberId ? this.member(memberId) : undefined;
  }

  /**
   * Calls `listener` when a change from someone else replaces a value `memberId` chose in
   * one of `keys` of an entry (choice fields stay last-writer-wins, 14.3): the person then
   * sees who changed it and to what, instead of their choice silently vanishing.
   */
  observeOverwrites(entry: Pick<Entry, 'map'>, keys: readonly string[], memberId: string, listener: (overwrite: Overwrite) => void): () => void {
    const mine = (client: number): boolean => client === this.doc.clientID || this.authors.get(String(client)) === memberId;
    const handler = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction): void => {
      if (transaction.local) return;
      for (const key of event.keysChanged as Set<string>) {
        if (!keys.includes(key)) continue;
        const current = entry.map._map.get(key);
        // The value it replaced is the item just before it under the same key.
        const replaced = current?.left;
        if (!current || current.deleted || !replaced || !mine(replaced.id.client) || mine(current.id.client)) continue;
        listener({ key, by: this.authorOf(current.id.client) ?? null, value: entry.map.get(key) });
      }
    };
    entry.map.observe(handler);
    return () => entry.map.unobserve(handler);
  }

  /** Adds this person as a member, or updates their name and colour; records this device as theirs. */
  join(person: { id: string; name: string; colour: MemberColour }): void {
    const name = parseField(z.string().trim().min(1).max(60), person.name);
    this.doc.transact(() => {
      let map = this.membersMap.get(person.id);
      if (!(map instanceof Y.Map)) {
        map = new Y.Map<unknown>();
        map.set('joinedAt', Date.now());
        this.membersMap.set(person.id, map);
      }
      if (map.get('name') !== name) map.set('name', name);
      if (map.get('colour') !== person.colour) map.set('colour', person.colour);
      this.authors.set(String(this.doc.clientID), person.id);
    });
  }

  collection<K extends EntryKind>(kind: K): EntryCollection<K> {
    const collections = { glossary: this.glossary, harvest: this.harvests, dilemma: this.dilemmas, resourceList: this.resourceLists };
    return collections[kind] as unknown as EntryCollection<K>;
  }

  /** Every entry of every kind. */
  allEntries(): Entry[] {
    return entryKinds.flatMap((kind) => this.collection(kind).list() as Entry[]);
  }

  /** Terms this one links to and terms that link to it: links show both ways. */
  relatedTerms(entryId: string): GlossaryEntry[] {
    return this.relatedTermsIndex().get(entryId) ?? [];
  }

  /**
   * Every term's related terms, both ways, built in one pass over the glossary: callers
   * that need many (an export of the whole glossary) use this, not `relatedTerms` per term.
   */
  relatedTermsIndex(): Map<string, GlossaryEntry[]> {
    const entries = new Map(this.glossary.list().map((entry) => [entry.id, entry]));
    const ids = new Map<string, Set<string>>();
    const addLink = (a: string, b: string): void => {
      if (a === b || !entries.has(a) || !entries.has(b)) return;
      let set = ids.get(a);
      if (!set) ids.set(a, (set = new Set()));
      set.add(b);
    };
    for (const entry of entries.values()) {
      for (const other of entry.linkedIds) {
        addLink(entry.id, other);
        addLink(other, entry.id);
      }
    }
    const index = new Map<string, GlossaryEntry[]>();
    for (const [id, related] of ids) {
      index.set(id, [...related].flatMap((other) => entries.get(other) ?? []).sort((a, b) => a.term.localeCompare(b.term)));
    }
    return index;
  }

  /** Removes a link whichever side recorded it. */
  unlinkTerms(a: string, b: string): void {
    this.doc.transact(() => {
      this.glossary.get(a)?.unlink(b);
      this.glossary.get(b)?.unlink(a);
    }, localOrigin);
  }

  /** Other entries already using this term or name (case-insensitive): a warning, not a refusal. */
  termsNamed(name: string, exceptId?: string): GlossaryEntry[] {
    const wanted = name.trim().toLocaleLowerCase();
    if (!wanted) return [];
    return this.glossary.list().filter((entry) => entry.id !== exceptId && entry.allNames.some((n) => n.toLocaleLowerCase() === wanted));
  }

  /** Tags used anywhere in the community, shared across kinds. */
  allTags(): string[] {
    const tags = new Set<string>();
    for (const entry of this.allEntries()) {
      for (const tag of entry.tags) tags.add(tag);
      if (entry.kind === 'resourceList') for (const r of this.resourceLists.get(entry.id)?.resources ?? []) for (const tag of r.tags) tags.add(tag);
    }
    return [...tags].sort();
  }

  /**
   * Undo and redo for this person's own edits only: remote edits and loading from disk
   * carry other origins and are never undone.
   */
  createUndoManager(): Y.UndoManager {
    return new Y.UndoManager([this.profileMap, this.glossary.map, this.harvests.map, this.dilemmas.map, this.resourceLists.map], {
      trackedOrigins: new Set([localOrigin]),
      captureTimeout: 600,
    });
  }

  /**
   * Calls `listener` after each change. Typing in a story, a reflection or a resource's
   * notes changes only rich text that no list or field shows (the editor renders it
   * itself), so those changes are skipped: re-rendering views on every keystroke was most of
   * the cost of typing and of receiving a peer's typing. Glossary definitions still count,
   * because highlighted terms show them.
   */
  observe(listener: () => void): () => void {
    const handler = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
      if (!this.onlyStoryText(transaction)) listener();
    };
    this.doc.on('update', handler);
    return () => this.doc.off('update', handler);
  }

  private onlyStoryText(transaction: Y.Transaction): boolean {
    if (transaction.changed.size === 0) return false;
    for (const type of transaction.changed.keys()) {
      const story = type instanceof Y.Text && !(type instanceof Y.XmlText) && storyKeys.has(type._item?.parentSub ?? '');
      if (!(story || type instanceof Y.XmlText || type instanceof Y.XmlElement || type instanceof Y.XmlFragment)) return false;
      let parent: unknown = type;
      while (parent instanceof Y.AbstractType && !(parent instanceof Y.Map && parent === this.glossary.map)) parent = parent._item?.parent;
      if (parent === this.glossary.map) return false;
    }
    return true;
  }
}
