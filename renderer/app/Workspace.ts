import type * as Y from 'yjs';
import { Community } from '../../shared/model/Community.js';
import type { SchemaCheck } from '../../shared/model/schemaVersion.js';
import type { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { openPersistedDoc, type PersistedDoc } from '../storage/openPersistedDoc.js';

export const communityDatabaseName = (id: string): string => `commonplace-community-${id}`;

export interface OpenCommunity {
  readonly community: Community;
  readonly undo: Y.UndoManager;
  /** A document written by a newer Commonplace: shown, never edited. */
  readonly readOnly: boolean;
  readonly stored: PersistedDoc;
}

/**
 * Session state: which documents are open on this device. Not a document itself, and
 * never synced. React reads it through hooks; it knows nothing of React.
 */
export class Workspace {
  private readonly open = new Map<string, Promise<OpenCommunity>>();
  private readonly listeners = new Set<() => void>();
  readonly personalUndo: Y.UndoManager;

  constructor(readonly personal: PersonalDoc) {
    this.personalUndo = personal.createUndoManager();
  }

  /** Opens (once) and returns a community this device knows. */
  openCommunity(id: string): Promise<OpenCommunity> {
    let opening = this.open.get(id);
    if (!opening) {
      opening = this.load(id);
      this.open.set(id, opening);
      opening.catch(() => this.open.delete(id));
    }
    return opening;
  }

  private async load(id: string, seed?: Community): Promise<OpenCommunity> {
    const doc = seed?.doc ?? Community.newDoc();
    const stored = await openPersistedDoc(communityDatabaseName(id), doc);
    const community = new Community(stored.doc);
    const check: SchemaCheck = community.initialise();
    const readOnly = check.status === 'newer';
    // Keep our member record current and record this session's Yjs client id as ours,
    // so history can say who wrote what.
    const identity = this.personal.identity;
    if (!readOnly && identity && community.member(identity.id)) community.join(identity);
    const opened = { community, undo: community.createUndoManager(), readOnly, stored };
    community.observe(() => this.notify());
    return opened;
  }

  /** Creates a community on this device, persisted before it is shown. */
  async createCommunity(input: { name: string; domain: string; place: string }): Promise<OpenCommunity> {
    const identity = this.personal.identity;
    if (!identity) throw new Error('Please tell us your name first.');
    const community = Community.create({ ...input, creator: identity });
    const opening = this.load(community.id, community);
    this.open.set(community.id, opening);
    const opened = await opening;
    this.personal.rememberCommunity(community.id, community.profile.name);
    return opened;
  }

  /** Marks a community as the one in use, so it opens first next time. */
  touch(id: string): void {
    void this.openCommunity(id).then((opened) => {
      this.personal.rememberCommunity(id, opened.community.profile.name);
    });
  }

  /** Every known community, opened (for search across communities). */
  openAll(): Promise<OpenCommunity[]> {
    return Promise.all(this.personal.communities.map((membership) => this.openCommunity(membership.id)));
  }

  observe(listener: () => void): () => void {
    this.listeners.add(listener);
    const offPersonal = this.personal.observe(listener);
    return () => {
      this.listeners.delete(listener);
      offPersonal();
    };
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
