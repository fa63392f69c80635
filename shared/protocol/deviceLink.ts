import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import type * as Y from 'yjs';
import { z } from 'zod';
import { CommonplaceError } from '../CommonplaceError.js';
import type { PersonalDoc } from '../model/PersonalDoc.js';
import { localOrigin } from '../model/origins.js';
import { hex, newCommunitySecret } from './roomName.js';

/**
 * Linking a person's own devices. Linked devices share a **personal secret** (32 random
 * bytes) kept in the personal document. It names a room and is that room's password, as a
 * community secret does for a community, so the personal document syncs between those
 * devices, end-to-end encrypted, over the same mesh as communities. Anyone without the
 * secret, the signaling server included, sees an opaque room name and encrypted signaling.
 *
 * A device learns the secret from a **link code**: `cpd1.<base64url JSON>.<checksum>`,
 * given by the short code (a PAKE, see shortCode.ts) or typed or scanned as it is.
 */

export const DEVICE_LINK_PREFIX = 'cpd1';

const signalingUrl = z.string().max(300).regex(/^wss?:\/\/[^\s/?#]+(\/[^\s]*)?$/);
const linkSchema = z.strictObject({
  v: z.literal(1),
  /** the personal secret */
  s: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/),
  /** signaling endpoints of the device that made the code */
  g: z.array(signalingUrl).max(8),
});

export interface DeviceLink {
  readonly secret: string;
  readonly signaling: readonly string[];
}

const checksum = (body: string): string => toBase64UrlEncoded(digest(encodeUtf8(`${DEVICE_LINK_PREFIX}.${body}`)).slice(0, 9));

export function encodeDeviceLink(link: DeviceLink): string {
  const body = toBase64UrlEncoded(encodeUtf8(JSON.stringify(linkSchema.parse({ v: 1, s: link.secret, g: [...link.signaling].slice(0, 8) }))));
  return `${DEVICE_LINK_PREFIX}.${body}.${checksum(body)}`;
}

export function isDeviceLinkCode(text: string): boolean {
  return text.replace(/\s+/g, '').startsWith(`${DEVICE_LINK_PREFIX}.`);
}

/** Reads a link code; throws a CommonplaceError that says what is wrong with it. */
export function decodeDeviceLink(code: string): DeviceLink {
  const cleaned = code.replace(/\s+/g, '');
  if (!cleaned) throw new CommonplaceError('deviceLinkEmpty');
  const parts = cleaned.split('.');
  if (parts[0] !== DEVICE_LINK_PREFIX || cleaned.length > 4000) throw new CommonplaceError('deviceLinkNotALink');
  const [, body = '', sum = ''] = parts;
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(body) || checksum(body) !== sum) throw new CommonplaceError('deviceLinkDamaged');
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(fromBase64UrlEncoded(body)));
  } catch {
    throw new CommonplaceError('deviceLinkDamaged');
  }
  const parsed = linkSchema.safeParse(json);
  if (!parsed.success) throw new CommonplaceError('deviceLinkDamaged');
  return { secret: parsed.data.s, signaling: parsed.data.g };
}

/** The room of a person's linked devices: a hash of the secret, so only they can name it. */
export function personalRoomName(secret: string): string {
  return hex(digest(encodeUtf8(`commonplace-personal-room:${secret}`)));
}

const linkMap = (personal: PersonalDoc): Y.Map<unknown> => personal.doc.getMap('deviceLink');

/** This device's link, or null when it is linked to none. */
export function deviceLinkOf(personal: PersonalDoc): DeviceLink | null {
  const map = linkMap(personal);
  const secret = map.get('secret');
  const signaling = map.get('signaling');
  if (typeof secret !== 'string' || !linkSchema.shape.s.safeParse(secret).success) return null;
  const servers = Array.isArray(signaling) ? signaling.filter((url): url is string => typeof url === 'string' && signalingUrl.safeParse(url).success) : [];
  return { secret, signaling: servers };
}

/** The link to show another device: this device's, made now if it has none. */
export function ensureDeviceLink(personal: PersonalDoc, random: (bytes: Uint8Array) => Uint8Array): DeviceLink {
  const existing = deviceLinkOf(personal);
  if (existing) return existing;
  const secret = newCommunitySecret(random);
  personal.doc.transact(() => {
    linkMap(personal).set('secret', secret);
    linkMap(personal).set('signaling', []);
  }, localOrigin);
  return { secret, signaling: [] };
}

/** Joins the devices of a link code; an earlier link of this device is replaced. */
export function acceptDeviceLink(personal: PersonalDoc, link: DeviceLink): void {
  personal.doc.transact(() => {
    linkMap(personal).set('secret', link.secret);
    linkMap(personal).set('signaling', [...link.signaling].slice(0, 8));
  }, localOrigin);
}

export function observeDeviceLink(personal: PersonalDoc, listener: () => void): () => void {
  const map = linkMap(personal);
  map.observe(listener);
  return () => map.unobserve(listener);
}
