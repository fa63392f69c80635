import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { z } from 'zod';
import { CommonplaceError } from '../CommonplaceError.js';

/**
 * An invite code carries what a new member needs to find and join a community: its id,
 * its secret (the room password) and where the inviter can be reached for signaling.
 * It ends with a checksum so a truncated or altered code is refused with a clear
 * message instead of joining a room that does not exist.
 */

export const INVITE_PREFIX = 'cp1';

const signalingUrlSchema = z.string().max(300).regex(/^wss?:\/\/[^\s/?#]+(\/[^\s]*)?$/, { error: 'bad signaling address' });

export const invitePayloadSchema = z.strictObject({
  v: z.literal(1),
  /** community id */
  c: z.string().min(8).max(64).regex(/^[A-Za-z0-9-]+$/),
  /** community name, shown until the community's own document arrives */
  n: z.string().min(1).max(200),
  /** secret */
  s: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/),
  /** signaling endpoints of the inviter */
  g: z.array(signalingUrlSchema).max(8),
  /** the community's relay, if it uses one: a new member cannot read it from the document before the first sync */
  r: signalingUrlSchema.optional(),
});

export type InvitePayload = z.infer<typeof invitePayloadSchema>;

export interface Invite {
  readonly communityId: string;
  readonly communityName: string;
  readonly secret: string;
  readonly signaling: readonly string[];
  readonly relay?: string;
}

const checksum = (body: string): string => toBase64UrlEncoded(digest(encodeUtf8(`${INVITE_PREFIX}.${body}`)).slice(0, 9));

export function encodeInvite(invite: Invite): string {
  const payload = invitePayloadSchema.parse({
    v: 1,
    c: invite.communityId,
    n: invite.communityName,
    s: invite.secret,
    g: [...invite.signaling],
    ...(invite.relay ? { r: invite.relay } : {}),
  });
  const body = toBase64UrlEncoded(encodeUtf8(JSON.stringify(payload)));
  return `${INVITE_PREFIX}.${body}.${checksum(body)}`;
}

/** Reads a pasted code; throws a CommonplaceError that says what is wrong with it. */
export function decodeInvite(code: string): Invite {
  const cleaned = code.replace(/\s+/g, '');
  if (!cleaned) throw new CommonplaceError('pasteInvite');
  if (cleaned.length > 4000) throw new CommonplaceError('inviteTooLong');
  const parts = cleaned.split('.');
  if (parts[0] !== INVITE_PREFIX) throw new CommonplaceError('notInvite');
  if (parts.length !== 3 || !parts[1] || !parts[2]) throw new CommonplaceError('inviteIncomplete');
  const [, body, sum] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(body) || checksum(body) !== sum) {
    throw new CommonplaceError('inviteChanged');
  }
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(fromBase64UrlEncoded(body)));
  } catch {
    throw new CommonplaceError('inviteDamaged');
  }
  const parsed = invitePayloadSchema.safeParse(json);
  if (!parsed.success) {
    const version = typeof json === 'object' && json !== null && 'v' in json ? (json).v : undefined;
    if (typeof version === 'number' && version > 1) throw new CommonplaceError('inviteNewer');
    throw new CommonplaceError('inviteInvalid');
  }
  const { c: communityId, n: communityName, s: secret, g: signaling, r: relay } = parsed.data;
  return relay ? { communityId, communityName, secret, signaling, relay } : { communityId, communityName, secret, signaling };
}

/** What this device already keeps for a community: its secret and the servers it was given. */
export interface StoredAccess {
  readonly secret: string;
  readonly inviteSignaling: readonly string[];
  readonly inviteRelay?: string;
}

/**
 * What joining with an invite would change on this device, worked out before anything is
 * stored, so the join dialog can say it. A community id is in every backup and old invite:
 * an invite that knows only the id must not quietly move this device to another room, nor
 * point it at servers nobody here chose.
 */
export interface InviteEffect {
  /** The community is already on this device. */
  readonly known: boolean;
  /** Known, and the invite carries a different secret: joining would swap rooms. */
  readonly replacesSecret: boolean;
  /** Servers the invite names that this device does not use for the community yet. */
  readonly newServers: readonly string[];
}

export function inviteEffect(invite: Invite, stored: StoredAccess | null, known: boolean): InviteEffect {
  const inUse = new Set([...(stored?.inviteSignaling ?? []), ...(stored?.inviteRelay ? [stored.inviteRelay] : [])]);
  const named = [...invite.signaling, ...(invite.relay ? [invite.relay] : [])];
  return {
    known,
    replacesSecret: known && stored !== null && stored.secret !== invite.secret,
    newServers: [...new Set(named)].filter((server) => !inUse.has(server)),
  };
}

/** What the person chose in the join dialog. Both default to no. */
export interface InviteChoices {
  /** Connect through the signaling servers and relay the invite names. */
  readonly useServers?: boolean;
  /** Replace the secret kept for a community already here with the invite's. */
  readonly replaceSecret?: boolean;
}

/**
 * The access to keep after joining with `invite`: the invite's servers only when the person
 * chose them; a stored secret replaced only when they said so (otherwise a CommonplaceError).
 */
export function accessAfterInvite(invite: Invite, stored: StoredAccess | null, known: boolean, choices: InviteChoices): StoredAccess {
  if (inviteEffect(invite, stored, known).replacesSecret && !choices.replaceSecret) throw new CommonplaceError('inviteSecretDiffers');
  const signaling = [...new Set([...(stored?.inviteSignaling ?? []), ...(choices.useServers ? invite.signaling : [])])].slice(0, 16);
  const relay = choices.useServers && invite.relay ? invite.relay : stored?.inviteRelay;
  return relay ? { secret: invite.secret, inviteSignaling: signaling, inviteRelay: relay } : { secret: invite.secret, inviteSignaling: signaling };
}
