import type * as Y from 'yjs';
import { CommonplaceError } from '../../shared/CommonplaceError.js';
import { Community, COMMUNITY_SCHEMA_VERSION } from '../../shared/model/Community.js';
import { isSchemaVersionIgnored, stampSchemaVersion, type SchemaCheck } from '../../shared/model/schemaVersion.js';
import type { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { restoreAsNewCommunity, type DecodedBackup } from '../../shared/backup/backupFile.js';
import type { Invite, InviteChoices } from '../../shared/protocol/invite.js';
import { newCommunitySecret } from '../../shared/protocol/roomName.js';
import { openPersistedDoc, type PersistedDoc } from '../storage/openPersistedDoc.js';
import { CommunitySync, type EndpointSource } from '../transport/CommunitySync.js';

export const communityDatabaseName = (id: string): string => `commonplace-community-${id}`;

export interface OpenCommunity {
  readonly community: Community;
  /**
   * Live sync with the community's peers; null while this device has no room secret (a
   * backup restored without it): it starts when an invite supplies the secret.
   */
  sync: CommunitySync | null;
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

  constructor(
    readonly personal: PersonalDoc,
    private readonly endpoints: EndpointSource = () => Promise.resolve({ local: [], discovered: [] }),
  ) {
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
    // Every edit is written right after the frame that shows it (openPersistedDoc).
    const stored = await openPersistedDoc(communityDatabaseName(id), doc);
    const community = new Community(stored.doc);
    const check: SchemaCheck = community.initialise();
    // A newer version this person chose to ignore (the banner's way out) is edited anyway.
    const readOnly = check.status === 'newer' && !isSchemaVersionIgnored(this.personal.doc, id, check.version);
    // Keep our member record current and record this session's Yjs client id as ours,
    // so history can say who wrote what.
    const identity = this.personal.identity;
    if (!readOnly && identity && community.member(identity.id)) community.join(identity);
    const sync = this.startSync(id, community);
    const opened = { community, sync, undo: community.createUndoManager(), readOnly, stored };
    community.observe(() => this.notify());
    return opened;
  }

  private startSync(id: string, community: Community): CommunitySync | null {
    const identity = this.personal.identity;
    const access = this.personal.communityAccess(id);
    // Never invent a secret for a community that already exists elsewhere: its members
    // meet in a room named by its id, and a different password there would split it.
    if (!identity || !access) return null;
    const sync = new CommunitySync(community, access, identity, this.endpoints, this.personal);
    void sync.connect();
    return sync;
  }

  /**
   * Joins a community from an invite: an empty document that fills in as peers are found.
   * The id and schema are written at once so the document is recognisable before the
   * first sync; both are the same values the inviter has, so they merge without conflict.
   */
  async joinCommunity(invite: Invite, choices: InviteChoices = {}): Promise<OpenCommunity> {
    const identity = this.personal.identity;
    if (!identity) throw new CommonplaceError('nameFirst');
    const known = this.personal.communities.some((c) => c.id === invite.communityId);
    const before = this.personal.communityAccess(invite.communityId);
    // Throws, changing nothing, for a different secret the person did not choose to take.
    const after = this.personal.acceptInvite(invite, choices);
    if (known) {
      const opened = await this.openCommunity(invite.communityId);
      if (opened.sync && JSON.stringify(before) !== JSON.stringify(after)) {
        // A new secret or new servers the person chose: reconnect with them.
        opened.sync.destroy();
        opened.sync = null;
      }
      if (!opened.sync) {
        opened.sync = this.startSync(invite.communityId, opened.community);
        this.notify();
      }
      return opened;
    }
    const doc = Community.newDoc();
    const seed = new Community(doc);
    doc.transact(() => {
      seed.meta.set('id', invite.communityId);
      stampSchemaVersion(seed.meta, COMMUNITY_SCHEMA_VERSION);
      if (!seed.profile.name) seed.profileMap.set('name', invite.communityName);
    });
    seed.join(identity);
    const opening = this.load(invite.communityId, seed);
    this.open.set(invite.communityId, opening);
    return opening;
  }

  /**
   * Adds a community from a backup file to this device: checked and loaded into a fresh
   * document first (a bad file throws and nothing is stored), this person joins it, and it
   * is persisted and opened like any other. It syncs only if the backup carried the secret.
   */
  async restoreCommunity(backup: DecodedBackup): Promise<OpenCommunity> {
    const identity = this.personal.identity;
    if (!identity) throw new CommonplaceError('nameFirst');
    const restored = restoreAsNewCommunity(backup);
    restored.join(identity);
    const id = restored.id;
    const secret = backup.meta.secret;
    this.personal.rememberCommunity(id, restored.profile.name || backup.meta.profile.name, true, secret ? { secret, inviteSignaling: [] } : undefined);
    const opening = this.load(id, restored);
    this.open.set(id, opening);
    return opening;
  }

  /** Stops syncing everything: called when the window closes so no ghost presence remains. */
  leaveAll(): void {
    for (const opening of this.open.values()) void opening.then((opened) => opened.sync?.destroy());
  }

  /** Creates a community on this device, persisted before it is shown. */
  async createCommunity(input: { name: string; domain: string; place: string }): Promise<OpenCommunity> {
    const identity = this.personal.identity;
    if (!identity) throw new CommonplaceError('nameFirst');
    const community = Community.create({ ...input, creator: identity });
    this.personal.rememberCommunity(community.id, community.profile.name, true, {
      secret: newCommunitySecret((bytes) => crypto.getRandomValues(bytes)),
      inviteSignaling: [],
    });
    const opening = this.load(community.id, community);
    this.open.set(community.id, opening);
    return opening;
  }

  /** Marks a community as the one in use, so it opens first next time. */
  touch(id: string): void {
    void this.openCommunity(id).then((opened) => {
      this.personal.rememberCommunity(id, opened.community.profile.name);
    });
  }

  /** The communities opened so far in this session. */
  openedSoFar(): Promise<OpenCommunity[]> {
    return Promise.allSettled([...this.open.values()]).then((results) => results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
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
