import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { encodeUtf8 } from 'lib0/string';

/**
 * The room password's encryption, byte for byte as y-webrtc does it (its src/crypto.js,
 * which its package does not export): AES-GCM with a key derived by PBKDF2 from the
 * community secret, salted with the room name. Signaling servers and the browser's other
 * windows only ever see what this produced, and only holders of the invite can read it.
 */
export function deriveRoomKey(secret: string, roomName: string): Promise<CryptoKey> {
  return crypto.subtle
    .importKey('raw', encodeUtf8(secret), 'PBKDF2', false, ['deriveKey'])
    .then((material) =>
      crypto.subtle.deriveKey({ name: 'PBKDF2', salt: encodeUtf8(roomName), iterations: 100_000, hash: 'SHA-256' }, material, { name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']),
    );
}

export async function encrypt(data: Uint8Array<ArrayBuffer>, key: CryptoKey): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, 'AES-GCM');
  encoding.writeVarUint8Array(encoder, iv);
  encoding.writeVarUint8Array(encoder, new Uint8Array(cipher));
  return encoding.toUint8Array(encoder);
}

/** Rejects what was not encrypted with this key (another community, a stranger, a tampered message). */
export async function decrypt(data: Uint8Array, key: CryptoKey): Promise<Uint8Array> {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarString(decoder) !== 'AES-GCM') throw new Error('Unknown encryption algorithm');
  // Copies: WebCrypto takes plain ArrayBuffer-backed views.
  const iv = new Uint8Array(decoding.readVarUint8Array(decoder));
  const cipher = new Uint8Array(decoding.readVarUint8Array(decoder));
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher));
}

export function encryptJson(data: unknown, key: CryptoKey): Promise<Uint8Array> {
  const encoder = encoding.createEncoder();
  encoding.writeAny(encoder, data as never);
  return encrypt(new Uint8Array(encoding.toUint8Array(encoder)), key);
}

export async function decryptJson(data: Uint8Array, key: CryptoKey): Promise<unknown> {
  return decoding.readAny(decoding.createDecoder(await decrypt(data, key)));
}
