import { formatRelayToken, signedText } from '../../../shared/protocol/relay/token.js';

/**
 * A community's relay signing key, derived from its secret with HKDF (WebCrypto only, so
 * it runs the same in Chromium, Electron and Node). Every member derives the same key
 * pair; the relay learns only the public half, which says nothing about the secret.
 */
export interface MemberKey {
  /** Ed25519 public key, base64url: what the relay registers for the document. */
  readonly publicKey: string;
  /** A fresh token for this document: a new timestamp and nonce each call. */
  token(now?: number): Promise<string>;
}

const encoder = new TextEncoder();

/** HKDF-SHA-256 from the community secret, separated by purpose so no two uses share a key. */
export async function deriveFromSecret(secret: string, purpose: string, documentName: string, bits: number): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits']);
  const derived = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('commonplace-relay-v1'), info: encoder.encode(`${purpose}:${documentName}`) },
    base,
    bits,
  );
  return new Uint8Array(derived);
}

// WebCrypto imports an Ed25519 private key only as PKCS#8 (or JWK); this fixed DER header
// (RFC 8410) wraps a 32-byte seed into one.
const pkcs8Ed25519Header = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function memberKeyFor(secret: string, documentName: string): Promise<MemberKey> {
  const seed = await deriveFromSecret(secret, 'member-key', documentName, 256);
  const pkcs8 = new Uint8Array(pkcs8Ed25519Header.length + seed.length);
  pkcs8.set(pkcs8Ed25519Header);
  pkcs8.set(seed, pkcs8Ed25519Header.length);
  // Extractable once, only to read the public half out of the JWK.
  const exportable = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const { x } = await crypto.subtle.exportKey('jwk', exportable);
  if (!x) throw new Error('WebCrypto gave no Ed25519 public key');
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  const publicKey = x;
  return {
    publicKey,
    async token(now = Date.now()) {
      const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
      const signature = await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, encoder.encode(signedText(documentName, publicKey, now, nonce)));
      return formatRelayToken({ publicKey, issuedAt: now, nonce, signature: toBase64Url(new Uint8Array(signature)) });
    },
  };
}
