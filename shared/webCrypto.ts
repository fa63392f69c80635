import { encodeUtf8 } from 'lib0/string';
import { CommonplaceError } from './CommonplaceError.js';

/**
 * The part of WebCrypto the short code needs. Node 20 and every browser the app runs in
 * have `globalThis.crypto`; shared/ is compiled without the DOM library, so its shape is
 * written out here instead of taken from lib.dom.
 */
export type Bytes = Uint8Array<ArrayBuffer>;

/** AES-GCM with associated data: what every sealed thing here (backups, short codes) uses. */
export interface AesGcmSubtle {
  encrypt(algorithm: { name: 'AES-GCM'; iv: Bytes; additionalData: Bytes }, key: never, data: Bytes): Promise<ArrayBuffer>;
  decrypt(algorithm: { name: 'AES-GCM'; iv: Bytes; additionalData: Bytes }, key: never, data: Bytes): Promise<ArrayBuffer>;
}

interface Subtle extends AesGcmSubtle {
  digest(algorithm: 'SHA-512', data: Bytes): Promise<ArrayBuffer>;
  importKey(format: 'raw', key: Bytes, algorithm: { name: 'HMAC'; hash: 'SHA-512' } | 'HKDF', extractable: false, usages: string[]): Promise<unknown>;
  sign(algorithm: 'HMAC', key: never, data: Bytes): Promise<ArrayBuffer>;
  deriveKey(
    algorithm: { name: 'HKDF'; hash: 'SHA-512'; salt: Bytes; info: Bytes },
    base: never,
    derived: { name: 'AES-GCM'; length: 256 },
    extractable: false,
    usages: ['encrypt', 'decrypt'],
  ): Promise<unknown>;
}

interface Crypto {
  readonly subtle: Subtle;
  getRandomValues<T extends Bytes>(array: T): T;
}

export function webCrypto(): Crypto {
  const found = (globalThis as { crypto?: Crypto }).crypto;
  if (!found?.subtle) throw new CommonplaceError('noWebCrypto');
  return found;
}

export function randomBytes(length: number): Bytes {
  return webCrypto().getRandomValues(new Uint8Array(length));
}

export const utf8 = (text: string): Bytes => new Uint8Array(encodeUtf8(text));

export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Compares without stopping at the first difference, so timing says nothing about where. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
