import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import { toBase64UrlEncoded } from 'lib0/buffer';

/**
 * The y-webrtc room (and relay document) for a community: a hash of its id, so the
 * signaling server and relay never learn the community's name, only an opaque token.
 */
export function roomNameFor(communityId: string): string {
  return hex(digest(encodeUtf8(`commonplace-room:${communityId}`)));
}

/**
 * The relay's document name. Unlike the WebRTC room name (which signaling servers see),
 * it also hashes the secret: the relay does not check who connects, so its document name
 * must itself be something only people holding the invite can compute.
 */
export function relayDocumentNameFor(communityId: string, secret: string): string {
  return hex(digest(encodeUtf8(`commonplace-relay:${communityId}:${secret}`)));
}

export const hex = (bytes: Uint8Array): string => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/** 32 random bytes as base64url: the y-webrtc password that gates a community's room. */
export function newCommunitySecret(random: (bytes: Uint8Array) => Uint8Array): string {
  return toBase64UrlEncoded(random(new Uint8Array(32)));
}
