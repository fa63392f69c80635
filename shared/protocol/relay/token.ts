/**
 * The relay's member token, as text both sides agree on. A member proves it holds the
 * community secret without sending it: it signs the document name, a timestamp and a
 * random nonce with an Ed25519 key derived from the secret (renderer/transport/relay/memberKey.ts);
 * the relay keeps only the public half and checks the signature, the time and that the
 * nonce was not seen before. Pure text handling here; the cryptography lives on each side.
 */

export const relayTokenVersion = 'cp-relay-1';

/** How old (or how far in the future, for skewed clocks) a token may be. */
export const relayTokenMaxAgeMs = 2 * 60 * 1000;

/**
 * The reasons a relay gives when it refuses a member. The client shows them (see
 * relayRefusalKey); they are also what a relay operator reads in the log.
 */
export const relayRefusals = {
  notARoom: 'not a Commonplace room',
  noToken: 'no member token',
  malformedToken: 'malformed member token',
  expired: 'member token expired (check this device’s clock)',
  replayed: 'member token already used',
  notAMember: 'not a member of this community',
  full: 'this relay holds as many communities as it may',
  tooManyConnections: 'too many connections from this address',
  tooManyMessages: 'too many messages from this address',
  documentTooLarge: 'this community is over the relay’s size limit',
} as const;

export type RelayRefusal = (typeof relayRefusals)[keyof typeof relayRefusals];

export interface RelayToken {
  /** Ed25519 public key, 32 bytes as base64url. */
  readonly publicKey: string;
  /** Milliseconds since the epoch, by the member's clock. */
  readonly issuedAt: number;
  /** 16 random bytes as base64url; the relay refuses a nonce it has seen within the window. */
  readonly nonce: string;
  /** Ed25519 signature over signedText(), base64url. */
  readonly signature: string;
}

const base64url = /^[A-Za-z0-9_-]+$/;

/** The exact text a token signs: it binds the token to one relay document. */
export function signedText(documentName: string, publicKey: string, issuedAt: number, nonce: string): string {
  return `${relayTokenVersion}\n${documentName}\n${publicKey}\n${issuedAt}\n${nonce}`;
}

export function formatRelayToken(token: RelayToken): string {
  return [relayTokenVersion, token.publicKey, String(token.issuedAt), token.nonce, token.signature].join('.');
}

/** Reads a token or returns null for anything that is not exactly one (never throws). */
export function parseRelayToken(text: string): RelayToken | null {
  if (text.length > 512) return null;
  const parts = text.split('.');
  if (parts.length !== 5) return null;
  const [version, publicKey = '', issuedAtText = '', nonce = '', signature = ''] = parts;
  if (version !== relayTokenVersion) return null;
  // 32-byte key: 43 characters; 64-byte signature: 86; nonce: 16 to 64 bytes.
  if (publicKey.length !== 43 || !base64url.test(publicKey)) return null;
  if (signature.length !== 86 || !base64url.test(signature)) return null;
  if (nonce.length < 22 || nonce.length > 86 || !base64url.test(nonce)) return null;
  if (!/^\d{1,16}$/.test(issuedAtText)) return null;
  return { publicKey, issuedAt: Number(issuedAtText), nonce, signature };
}
