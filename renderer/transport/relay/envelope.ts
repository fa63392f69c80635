import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { deriveFromSecret } from './memberKey.js';

/**
 * The sealed envelope the relay stores instead of a community's document. Each blob is one
 * Yjs update, snapshot or presence update, encrypted with AES-256-GCM under a key derived
 * from the community secret (HKDF, WebCrypto). The associated data binds it to the relay
 * document (so a blob copied from another community does not open), its kind, the sender
 * and the sender's sequence number (so a relay cannot relabel one blob as another).
 * Layout: version, kind, sender, sequence, iv, ciphertext (lib0 encoding, all visible to
 * the relay; only the ciphertext is secret).
 */

export const envelopeVersion = 1;

export const blobKinds = { update: 1, snapshot: 2, presence: 3 } as const;
export type BlobKind = (typeof blobKinds)[keyof typeof blobKinds];

export interface OpenedBlob {
  readonly kind: BlobKind;
  readonly sender: string;
  readonly sequence: number;
  readonly plaintext: Uint8Array;
}

export type OpenResult = { readonly ok: true; readonly blob: OpenedBlob } | { readonly ok: false; readonly reason: string };

/** The community's envelope key for one relay document; never leaves the device. */
export async function envelopeKeyFor(secret: string, documentName: string): Promise<CryptoKey> {
  const raw = await deriveFromSecret(secret, 'envelope-key', documentName, 256);
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function associatedData(documentName: string, kind: number, sender: string, sequence: number): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, 'commonplace-envelope');
  encoding.writeVarUint(encoder, envelopeVersion);
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, sender);
  encoding.writeVarUint(encoder, sequence);
  return new Uint8Array(encoding.toUint8Array(encoder));
}

export async function seal(key: CryptoKey, documentName: string, kind: BlobKind, sender: string, sequence: number, plaintext: Uint8Array): Promise<Uint8Array> {
  // A fresh random 96-bit IV per blob; under one key this stays far below GCM's 2^32 limit
  // for a community's lifetime of blobs.
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(documentName, kind, sender, sequence) }, key, new Uint8Array(plaintext));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, envelopeVersion);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, sender);
  encoding.writeVarUint(encoder, sequence);
  encoding.writeVarUint8Array(encoder, iv);
  encoding.writeVarUint8Array(encoder, new Uint8Array(ciphertext));
  return encoding.toUint8Array(encoder);
}

const isKind = (value: number): value is BlobKind => value === 1 || value === 2 || value === 3;

/** Opens a blob from the relay, or says why not. Never throws. */
export async function open(key: CryptoKey, documentName: string, blob: unknown): Promise<OpenResult> {
  if (!(blob instanceof Uint8Array)) return { ok: false, reason: 'not a sealed blob' };
  let kind: number, sender: string, sequence: number, iv: Uint8Array, ciphertext: Uint8Array;
  try {
    const decoder = decoding.createDecoder(blob);
    const version = decoding.readVarUint(decoder);
    if (version !== envelopeVersion) return { ok: false, reason: `unknown envelope version ${version}` };
    kind = decoding.readVarUint(decoder);
    sender = decoding.readVarString(decoder);
    sequence = decoding.readVarUint(decoder);
    iv = decoding.readVarUint8Array(decoder);
    ciphertext = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'trailing bytes after a sealed blob' };
  } catch {
    return { ok: false, reason: 'malformed sealed blob' };
  }
  if (!isKind(kind)) return { ok: false, reason: `unknown blob kind ${kind}` };
  if (iv.length !== 12) return { ok: false, reason: 'malformed sealed blob' };
  try {
    const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: associatedData(documentName, kind, sender, sequence) }, key, new Uint8Array(ciphertext));
    return { ok: true, blob: { kind, sender, sequence, plaintext: new Uint8Array(plaintext) } };
  } catch {
    // Tampered, sealed for another community, or sealed with another secret: GCM cannot tell which.
    return { ok: false, reason: 'sealed blob did not open (tampered, or not for this community)' };
  }
}
