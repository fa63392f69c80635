import * as Y from 'yjs';
import { z } from 'zod';
import { isMemberColour, pickMemberColour, type MemberColour } from './colours.js';
import { newId, type EntryKind } from './Entry.js';
import { EntryCollection } from './EntryCollection.js';
import type { Harvest } from './Harvest.js';
import { parseField, readNumber, readString } from './fields.js';
import { migrateArrivals, migrateEntries, SCHEMA_VERSION_STORIES } from './migration.js';
import { localOrigin } from './origins.js';
import { accessAfterInvite, type Invite, type InviteChoices } from '../protocol/invite.js';
import { checkSchemaVersion, stampSchemaVersion, type SchemaCheck } from './schemaVersion.js';
import { CommonplaceError, refusal } from '../CommonplaceError.js';

/**
 * The personal document: what belongs to this person on this device and is never synced
 * (identity, settings, private dilemma journals). Plain TypeScript over Yjs, no React.
 */

/** 2: stories and every container created with the entry (migration.ts). */
export const PERSONAL_SCHEMA_VERSION = SCHEMA_VERSION_STORIES;

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, refusal('enterName'))
  .max(60, refusal('nameTooLong'));

export interface Identity {
  /** Stable id of this person in every community they join. */
  readonly id: string;
  readonly name: string;
  readonly colour: MemberColour;
}

/** What this device needs to reach a community's room. */
export interface CommunityAccess {
  readonly secret: string;
  readonly inviteSignaling: readonly string[];
  /** The relay named in the invite, used until the community's own settings arrive. */
  readonly inviteRelay?: string;
}

/** How the app looks: follow the system, or always light or dark. */
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (themes as readonly string[]).includes(value);
}

/** A BCP 47 language tag such as "it" or "en-GB" (the UI uses its first part). */
const languageTagPattern = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/** This person's preferences on this device. `language: null` follows the system. */
export interface Settings {
  readonly language: string | null;
  readonly theme: Theme;
}

/** A community this person belongs to, as remembered on this device. */
export interface CommunityMembership {
  readonly id: string;
  /** The name when last opened, so home can list communities without opening each. */
  readonly name: string;
  readonly joinedAt: number;
  readonly lastOpenedAt: number;
}

export class PersonalDoc {
  readonly meta: Y.Map<unknown>;
  private readonly identityMap: Y.Map<unknown>;
  private readonly communitiesMap: Y.Map<Y.Map<unknown>>;
  private readonly settingsMap: Y.Map<unknown>;
  /** Private dilemma journals: never synced. */
  readonly dilemmas: EntryCollection<'dilemma'>;
  /** Harvests whose consent is "private to me", each tagged with its community id. */
  readonly privateHarvests: EntryCollection<'harvest'>;
  private stopMigrating: (() => void) | undefined;

  constructor(readonly doc: Y.Doc) {
    this.meta = doc.getMap('meta');
    this.identityMap = doc.getMap('identity');
    this.communitiesMap = doc.getMap('communities');
    this.settingsMap = doc.getMap('settings');
    this.dilemmas = new EntryCollection('dilemma', doc.getMap('dilemmas'));
    this.privateHarvests = new EntryCollection('harvest', doc.getMap('privateHarvests'));
  }

  /** Call once after the stored state has loaded, so the version is never stamped (nor entries migrated) early. */
  initialise(): SchemaCheck {
    const check = checkSchemaVersion(this.meta, PERSONAL_SCHEMA_VERSION);
    if (check.status !== 'current') return check;
    const collections = [this.dilemmas, this.privateHarvests] as unknown as EntryCollection<EntryKind>[];
    migrateEntries(collections);
    this.stopMigrating ??= migrateArrivals(collections);
    this.doc.transact(() => stampSchemaVersion(this.meta, PERSONAL_SCHEMA_VERSION));
    return check;
  }

  get identity(): Identity | null {
    const name = this.identityMap.get('name');
    const colour = this.identityMap.get('colour');
    if (typeof name !== 'string' || name.length === 0) return null;
    return { id: readString(this.identityMap, 'id'), name, colour: isMemberColour(colour) ? colour : pickMemberColour(() => 0) };
  }

  /** Sets the display name (and colour, first time); throws with a readable message if invalid. */
  setIdentity(name: string, colour?: MemberColour): Identity {
    const validName = parseField(displayNameSchema, name);
    const current = this.identityMap.get('colour');
    const chosen = colour ?? (isMemberColour(current) ? current : pickMemberColour());
    const id = readString(this.identityMap, 'id') || newId();
    this.doc.transact(() => {
      if (!this.identityMap.get('id')) this.identityMap.set('id', id);
      this.identityMap.set('name', validName);
      this.identityMap.set('colour', chosen);
    }, localOrigin);
    return { id, name: validName, colour: chosen };
  }

  get settings(): Settings {
    const language = this.settingsMap.get('language');
    const theme = this.settingsMap.get('theme');
    return {
      language: typeof language === 'string' && languageTagPattern.test(language) ? language : null,
      theme: isTheme(theme) ? theme : 'system',
    };
  }

  /** Chooses the interface language (a tag such as "it"), or `null` to follow the system. */
  setLanguage(code: string | null): void {
    if (code !== null && !languageTagPattern.test(code)) throw new CommonplaceError('languageCode', { code });
    this.doc.transact(() => {
      if (code === null) this.settingsMap.delete('language');
      else this.settingsMap.set('language', code);
    }, localOrigin);
  }

  setTheme(theme: Theme): void {
    if (!isTheme(theme)) throw new CommonplaceError('chooseTheme', { theme: String(theme) });
    this.doc.transact(() => this.settingsMap.set('theme', theme), localOrigin);
  }

  /** Communities on this device, most recently opened first. */
  get communities(): CommunityMembership[] {
    const list: CommunityMembership[] = [];
    for (const [id, map] of this.communitiesMap.entries()) {
      if (!(map instanceof Y.Map)) continue;
      list.push({ id, name: readString(map, 'name'), joinedAt: readNumber(map, 'joinedAt'), lastOpenedAt: readNumber(map, 'lastOpenedAt') });
    }
    return list.sort((a, b) => b.lastOpenedAt - a.lastOpenedAt || a.name.localeCompare(b.name));
  }

  /** Remembers a community (on create, join, restore) or refreshes its name and last-opened time. */
  rememberCommunity(id: string, name: string, opened = true, access?: CommunityAccess): void {
    this.doc.transact(() => {
      let map = this.communitiesMap.get(id);
      if (!(map instanceof Y.Map)) {
        map = new Y.Map<unknown>();
        map.set('joinedAt', Date.now());
        this.communitiesMap.set(id, map);
      }
      if (map.get('name') !== name) map.set('name', name);
      if (opened) map.set('lastOpenedAt', Date.now());
      if (access) {
        map.set('secret', access.secret);
        map.set('inviteSignaling', [...access.inviteSignaling]);
        if (access.inviteRelay) map.set('inviteRelay', access.inviteRelay);
      }
    });
  }

  /**
   * The room secret of a community and the signaling addresses its invite carried. Kept
   * only here, in the personal document, so it is never synced or put in a backup.
   */
  communityAccess(id: string): CommunityAccess | null {
    const map = this.communitiesMap.get(id);
    if (!(map instanceof Y.Map)) return null;
    const secret = readString(map, 'secret');
    if (!secret) return null;
    const signaling = map.get('inviteSignaling');
    const inviteSignaling = Array.isArray(signaling) ? signaling.filter((s): s is string => typeof s === 'string') : [];
    const inviteRelay = readString(map, 'inviteRelay');
    return inviteRelay ? { secret, inviteSignaling, inviteRelay } : { secret, inviteSignaling };
  }

  /**
   * Remembers a community from an invite, as the person chose in the join dialog: the
   * invite's servers only if they said so, and a different secret for a community already
   * here only if they said so (otherwise an InviteError, and nothing changes).
   */
  acceptInvite(invite: Invite, choices: InviteChoices = {}): CommunityAccess {
    const known = this.communitiesMap.get(invite.communityId) instanceof Y.Map;
    const access = accessAfterInvite(invite, this.communityAccess(invite.communityId), known, choices);
    const name = known ? (this.communities.find((c) => c.id === invite.communityId)?.name ?? invite.communityName) : invite.communityName;
    this.rememberCommunity(invite.communityId, name || invite.communityName, true, access);
    return access;
  }

  forgetCommunity(id: string): void {
    this.doc.transact(() => this.communitiesMap.delete(id));
  }

  /** Private harvests of one community. */
  privateHarvestsOf(communityId: string): Harvest[] {
    return this.privateHarvests.list().filter((h) => h.map.get('communityId') === communityId);
  }

  /** Undo for this person's own private edits (dilemmas, private harvests). */
  createUndoManager(): Y.UndoManager {
    return new Y.UndoManager([this.dilemmas.map, this.privateHarvests.map], { trackedOrigins: new Set([localOrigin]), captureTimeout: 600 });
  }

  /** Subscribes to any change of the personal document; returns the unsubscribe. */
  observe(listener: () => void): () => void {
    const handler = (): void => listener();
    this.doc.on('update', handler);
    return () => this.doc.off('update', handler);
  }
}
