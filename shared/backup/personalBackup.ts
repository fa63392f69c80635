import * as Y from 'yjs';
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { z } from 'zod';
import { PERSONAL_SCHEMA_VERSION, PersonalDoc } from '../model/PersonalDoc.js';
import { importOrigin } from '../model/origins.js';
import { applyChecked, backupCorrupted, backupTruncated, checkBackupFraming } from './backupFile.js';
import { crc32 } from './crc32.js';
import { CommonplaceError } from '../CommonplaceError.js';
import type { AesGcmSubtle, Bytes } from '../webCrypto.js';

/**
 * A personal backup (.cppb): the personal document (private dilemma journals, private
 * harvests, settings, the communities one belongs to and their keys) sealed with a
 * passphrase, to restore or merge on another device. Like the community backup (backupFile.ts):
 * magic, version, CRC-32 last; all integers big-endian:
 *
 *   0  4  magic "CPPB"
 *   4  2  format version (PERSONAL_BACKUP_FORMAT_VERSION)
 *   6  4  PBKDF2-SHA-256 iterations (at least 600,000, as OWASP advises for 2023 on)
 *  10 16  salt
 *  26 12  AES-GCM nonce
 *  38  4  sealed length S
 *  42  S  AES-256-GCM of: 4-byte metadata length M, M bytes of JSON metadata, the
 *         document's Yjs state; the 42 header bytes are the additional data, so a changed
 *         header (fewer iterations, say) fails like a wrong passphrase
 *  ..  4  CRC-32 of every byte before it (a damaged copy is told apart from a wrong passphrase)
 *
 * The passphrase never leaves this function; without it the file shows only its size.
 */

export const PERSONAL_BACKUP_MAGIC = 'CPPB';
export const PERSONAL_BACKUP_FORMAT_VERSION = 1;
export const PERSONAL_BACKUP_FILE_EXTENSION = 'cppb';
export const MIN_KDF_ITERATIONS = 600_000;
/** A file may ask for more work, but not so much that opening it hangs the app. */
const MAX_KDF_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 10;
const HEADER_BYTES = 42;
const CHECKSUM_BYTES = 4;
const MAX_META_BYTES = 64 * 1024;

/** The part of WebCrypto this needs: the renderer and Node pass `globalThis.crypto`. */
export interface WebCrypto {
  readonly subtle: AesGcmSubtle & {
    importKey(format: 'raw', key: Bytes, algorithm: 'PBKDF2', extractable: false, usages: ['deriveKey']): Promise<unknown>;
    deriveKey(
      algorithm: { name: 'PBKDF2'; salt: Bytes; iterations: number; hash: 'SHA-256' },
      base: never,
      derived: { name: 'AES-GCM'; length: 256 },
      extractable: false,
      usages: ['encrypt', 'decrypt'],
    ): Promise<unknown>;
  };
  getRandomValues<T extends Bytes>(array: T): T;
}

const metaSchema = z.strictObject({
  kind: z.literal('commonplace-personal-backup'),
  createdAt: z.number().int().nonnegative(),
  schemaVersion: z.number().int().positive(),
  appVersion: z.string().max(100).optional(),
});
export type PersonalBackupMeta = z.infer<typeof metaSchema>;

/** The key is opaque here (a CryptoKey): only ever handed back to the same WebCrypto. */
async function key(crypto: WebCrypto, passphrase: string, salt: Bytes, iterations: number): Promise<never> {
  const material = await crypto.subtle.importKey('raw', new Uint8Array(encodeUtf8(passphrase.normalize('NFC'))), 'PBKDF2', false, ['deriveKey']);
  return (await crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, material as never, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])) as never;
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) {
    throw new CommonplaceError('weakPassphrase', { min: MIN_PASSPHRASE_LENGTH });
  }
}

export interface EncryptPersonalBackupInput {
  readonly personal: PersonalDoc;
  readonly passphrase: string;
  readonly crypto: WebCrypto;
  readonly appVersion?: string;
  /** More than the minimum is allowed (a slower, safer file); fewer is not. */
  readonly iterations?: number;
  readonly now?: number;
}

export async function encryptPersonalBackup(input: EncryptPersonalBackupInput): Promise<Uint8Array> {
  const { crypto, passphrase } = input;
  checkPassphrase(passphrase);
  const iterations = input.iterations ?? MIN_KDF_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_KDF_ITERATIONS || iterations > MAX_KDF_ITERATIONS) {
    throw new RangeError(`iterations must be a whole number from ${MIN_KDF_ITERATIONS} to ${MAX_KDF_ITERATIONS}`);
  }
  const meta = metaSchema.parse({
    kind: 'commonplace-personal-backup',
    createdAt: input.now ?? Date.now(),
    schemaVersion: PERSONAL_SCHEMA_VERSION,
    ...(input.appVersion === undefined ? {} : { appVersion: input.appVersion }),
  } satisfies PersonalBackupMeta);
  const metaBytes = encodeUtf8(JSON.stringify(meta));
  const update = Y.encodeStateAsUpdate(input.personal.doc);
  const plain = new Uint8Array(4 + metaBytes.length + update.length);
  new DataView(plain.buffer).setUint32(0, metaBytes.length);
  plain.set(metaBytes, 4);
  plain.set(update, 4 + metaBytes.length);

  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  // AES-GCM adds a 16-byte tag.
  const sealedLength = plain.length + 16;
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(encodeUtf8(PERSONAL_BACKUP_MAGIC), 0);
  view.setUint16(4, PERSONAL_BACKUP_FORMAT_VERSION);
  view.setUint32(6, iterations);
  header.set(salt, 10);
  header.set(iv, 26);
  view.setUint32(38, sealedLength);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, await key(crypto, passphrase, salt, iterations), plain));
  if (sealed.length !== sealedLength) throw new Error('AES-GCM returned an unexpected length');

  const total = HEADER_BYTES + sealed.length + CHECKSUM_BYTES;
  const bytes = new Uint8Array(total);
  bytes.set(header, 0);
  bytes.set(sealed, HEADER_BYTES);
  new DataView(bytes.buffer).setUint32(total - CHECKSUM_BYTES, crc32(bytes, 0, total - CHECKSUM_BYTES));
  return bytes;
}

export interface DecryptedPersonalBackup {
  readonly meta: PersonalBackupMeta;
  readonly update: Uint8Array;
}

/** Checks and opens a personal backup; throws a CommonplaceError saying what is wrong. */
export async function decryptPersonalBackup(bytes: Uint8Array, passphrase: string, crypto: WebCrypto): Promise<DecryptedPersonalBackup> {
  const { view } = checkBackupFraming(bytes, PERSONAL_BACKUP_MAGIC, 'personal backup', HEADER_BYTES, PERSONAL_BACKUP_FORMAT_VERSION);
  const truncated = backupTruncated();
  const corrupted = backupCorrupted();
  const sealedLength = view.getUint32(38);
  const expected = HEADER_BYTES + sealedLength + CHECKSUM_BYTES;
  if (bytes.length < expected) throw truncated;
  if (bytes.length > expected) throw corrupted;
  if (view.getUint32(expected - CHECKSUM_BYTES) !== crc32(bytes, 0, expected - CHECKSUM_BYTES)) throw corrupted;
  const iterations = view.getUint32(6);
  if (iterations < MIN_KDF_ITERATIONS || iterations > MAX_KDF_ITERATIONS) throw corrupted;
  if (passphrase.trim() === '') throw new CommonplaceError('wrongPassphrase');

  const header = bytes.slice(0, HEADER_BYTES);
  let plain: Uint8Array;
  try {
    const derived = await key(crypto, passphrase, header.slice(10, 26), iterations);
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: header.slice(26, 38), additionalData: header }, derived, bytes.slice(HEADER_BYTES, HEADER_BYTES + sealedLength)));
  } catch {
    // The checksum held, so the file is whole: the passphrase is what does not fit.
    throw new CommonplaceError('wrongPassphrase');
  }
  if (plain.length < 4) throw corrupted;
  const metaLength = new DataView(plain.buffer, plain.byteOffset, plain.byteLength).getUint32(0);
  if (metaLength > MAX_META_BYTES || 4 + metaLength > plain.length) throw corrupted;
  let meta: PersonalBackupMeta;
  try {
    meta = metaSchema.parse(JSON.parse(decodeUtf8(plain.subarray(4, 4 + metaLength))));
  } catch {
    throw corrupted;
  }
  return { meta, update: plain.slice(4 + metaLength) };
}

/** The backup loaded into a scratch document, checked as a peer's update would be. */
function loadChecked(backup: DecryptedPersonalBackup, base?: Uint8Array): PersonalDoc {
  const doc = new Y.Doc();
  applyChecked(doc, backup.update, base);
  const personal = new PersonalDoc(doc);
  const stored = personal.meta.get('schemaVersion');
  if (typeof stored === 'number' && stored > PERSONAL_SCHEMA_VERSION) {
    throw new CommonplaceError('backupNewerFormat');
  }
  return personal;
}

export interface PersonalMergeResult {
  /** Private dilemmas and harvests, before and after. */
  readonly entriesBefore: number;
  readonly entriesAfter: number;
}

/**
 * Opens a personal backup and merges it into this device's personal document (a CRDT
 * merge: nothing here is lost, both devices' journals are kept). Tried on a scratch copy
 * first; a wrong passphrase or a damaged file throws before anything here changes.
 */
export async function mergePersonalBackup(personal: PersonalDoc, bytes: Uint8Array, passphrase: string, crypto: WebCrypto): Promise<PersonalMergeResult> {
  const backup = await decryptPersonalBackup(bytes, passphrase, crypto);
  loadChecked(backup).doc.destroy();
  const merged = loadChecked(backup, Y.encodeStateAsUpdate(personal.doc));
  const count = (doc: PersonalDoc) => doc.dilemmas.list().length + doc.privateHarvests.list().length;
  const result = { entriesBefore: count(personal), entriesAfter: count(merged) };
  merged.doc.destroy();
  Y.applyUpdate(personal.doc, backup.update, importOrigin);
  return result;
}
