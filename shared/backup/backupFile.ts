import * as Y from 'yjs';
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { z } from 'zod';
import { Community, COMMUNITY_SCHEMA_VERSION } from '../model/Community.js';
import { entryKinds } from '../model/Entry.js';
import { importOrigin } from '../model/origins.js';
import { inspectUpdate } from '../protocol/peerMessages.js';
import { crc32 } from './crc32.js';
import { CommonplaceError } from '../CommonplaceError.js';

/**
 * A backup file (.cpbk): everything about one community in one file that two offline
 * laptops can exchange and merge. Layout, all integers big-endian:
 *
 *   0  4  magic "CPBK"
 *   4  2  format version (BACKUP_FORMAT_VERSION)
 *   6  4  metadata length M
 *  10  4  update length U
 *  14  M  metadata, UTF-8 JSON (validated with zod on the way in)
 *  ..  U  the community's whole Yjs state (Y.encodeStateAsUpdate)
 *  ..  4  CRC-32 of every byte before it
 *
 * Merging is a CRDT merge: applying a backup to a copy that was edited apart keeps both
 * sides' edits, in whichever direction it is done.
 */

export const BACKUP_MAGIC = 'CPBK';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_FILE_EXTENSION = 'cpbk';
const HEADER_BYTES = 14;
const CHECKSUM_BYTES = 4;
/** Metadata is small; a larger claim means a damaged or hostile file. */
const MAX_META_BYTES = 64 * 1024;

const profileSchema = z.strictObject({ name: z.string().max(500), domain: z.string().max(500), place: z.string().max(500) });

export const backupMetaSchema = z.strictObject({
  kind: z.literal('commonplace-backup'),
  communityId: z.string().min(1).max(200),
  profile: profileSchema,
  /** Milliseconds since 1970. */
  createdAt: z.number().int().nonnegative(),
  /** The community document's schema version when the backup was made. */
  schemaVersion: z.number().int().positive(),
  /** The app that made it, when known. */
  appVersion: z.string().max(100).optional(),
  /** Only when the person chose to include it (for example the room key to rejoin sync). */
  secret: z.string().min(1).max(10_000).optional(),
});
export type BackupMeta = z.infer<typeof backupMetaSchema>;

export interface DecodedBackup {
  readonly meta: BackupMeta;
  readonly update: Uint8Array;
}

export interface EncodeBackupInput {
  readonly community: Community;
  /** Written into the file only when given; never otherwise. */
  readonly includeSecret?: string | undefined;
  readonly appVersion?: string;
  /** For tests: when the backup was made. */
  readonly now?: number;
}

export function encodeBackup(input: EncodeBackupInput): Uint8Array {
  const { community } = input;
  if (!community.id) throw new CommonplaceError('backupNotACommunity');
  const storedVersion = community.meta.get('schemaVersion');
  const meta = backupMetaSchema.parse({
    kind: 'commonplace-backup',
    communityId: community.id,
    profile: community.profile,
    createdAt: input.now ?? Date.now(),
    schemaVersion: typeof storedVersion === 'number' && storedVersion > 0 ? storedVersion : COMMUNITY_SCHEMA_VERSION,
    ...(input.appVersion === undefined ? {} : { appVersion: input.appVersion }),
    ...(input.includeSecret === undefined ? {} : { secret: input.includeSecret }),
  } satisfies BackupMeta);
  const metaBytes = encodeUtf8(JSON.stringify(meta));
  const update = Y.encodeStateAsUpdate(community.doc);
  const total = HEADER_BYTES + metaBytes.length + update.length + CHECKSUM_BYTES;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(encodeUtf8(BACKUP_MAGIC), 0);
  view.setUint16(4, BACKUP_FORMAT_VERSION);
  view.setUint32(6, metaBytes.length);
  view.setUint32(10, update.length);
  bytes.set(metaBytes, HEADER_BYTES);
  bytes.set(update, HEADER_BYTES + metaBytes.length);
  view.setUint32(total - CHECKSUM_BYTES, crc32(bytes, 0, total - CHECKSUM_BYTES));
  return bytes;
}

/**
 * The checks every Commonplace backup format starts with, in the order that gives the
 * person the truest reason: not ours at all, cut short, from a newer app, damaged.
 */
export function checkBackupFraming(bytes: Uint8Array, magic: string, what: string, headerBytes: number, newestVersion: number): { view: DataView; version: number } {
  const magicBytes = encodeUtf8(magic);
  const foreign = new CommonplaceError('backupForeign', { what });
  for (let i = 0; i < magicBytes.length; i++) {
    if (i >= bytes.length) throw bytes.length === 0 ? new CommonplaceError('backupTruncated') : foreign;
    if (bytes[i] !== magicBytes[i]) throw foreign;
  }
  if (bytes.length < headerBytes + CHECKSUM_BYTES) throw backupTruncated();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4);
  if (version > newestVersion) {
    throw new CommonplaceError('backupNewerFormat');
  }
  if (version < 1) throw backupCorrupted();
  return { view, version };
}

export const backupTruncated = () => new CommonplaceError('backupTruncated');
export const backupCorrupted = () => new CommonplaceError('backupCorrupted');

/** Reads and checks a backup file; throws a CommonplaceError saying what is wrong with it. */
export function decodeBackup(bytes: Uint8Array): DecodedBackup {
  const { view } = checkBackupFraming(bytes, BACKUP_MAGIC, 'backup', HEADER_BYTES, BACKUP_FORMAT_VERSION);
  const truncated = backupTruncated();
  const corrupted = backupCorrupted();
  const metaLength = view.getUint32(6);
  const updateLength = view.getUint32(10);
  if (metaLength > MAX_META_BYTES) throw corrupted;
  const expected = HEADER_BYTES + metaLength + updateLength + CHECKSUM_BYTES;
  if (bytes.length < expected) throw truncated;
  if (bytes.length > expected) throw corrupted;
  if (view.getUint32(expected - CHECKSUM_BYTES) !== crc32(bytes, 0, expected - CHECKSUM_BYTES)) throw corrupted;
  let meta: BackupMeta;
  try {
    meta = backupMetaSchema.parse(JSON.parse(decodeUtf8(bytes.subarray(HEADER_BYTES, HEADER_BYTES + metaLength))));
  } catch {
    throw corrupted;
  }
  // A copy, so the caller's buffer can be reused without changing the backup.
  const update = bytes.slice(HEADER_BYTES + metaLength, HEADER_BYTES + metaLength + updateLength);
  return { meta, update };
}

/**
 * Applies a backup's state (after `base`, when merging) to a scratch document, with the same
 * check as everything that arrives from a peer: a forged backup must not carry the story
 * nested thousands deep that would break the document on every device.
 */
export function applyChecked(doc: Y.Doc, update: Uint8Array, base?: Uint8Array): void {
  const invalid = backupCorrupted();
  const verdict = inspectUpdate(update);
  if (!verdict.ok) {
    if (verdict.reason.startsWith('malformed')) throw invalid;
    throw new CommonplaceError('backupUnsafe');
  }
  try {
    if (base) Y.applyUpdate(doc, base);
    Y.applyUpdate(doc, update);
  } catch {
    throw invalid;
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) throw invalid;
}

/**
 * Loads a backup's state into a fresh document and checks it is a well-formed community:
 * every update decoded with nothing missing, the id the metadata claims, a schema this app
 * understands, every entry a map of its kind.
 */
function loadChecked(backup: DecodedBackup, base?: Uint8Array): Community {
  const doc = Community.newDoc();
  applyChecked(doc, backup.update, base);
  const community = new Community(doc);
  if (community.id !== backup.meta.communityId) {
    throw new CommonplaceError('backupNotACommunity');
  }
  const stored = community.meta.get('schemaVersion');
  if (typeof stored === 'number' && stored > COMMUNITY_SCHEMA_VERSION) {
    throw new CommonplaceError('backupNewerCommunity');
  }
  for (const kind of entryKinds) {
    for (const [id, value] of community.collection(kind).map.entries()) {
      if (!(value instanceof Y.Map) || value.get('id') !== id) throw new CommonplaceError('backupNotACommunity');
    }
  }
  return community;
}

function asDecoded(backup: Uint8Array | DecodedBackup): DecodedBackup {
  return backup instanceof Uint8Array ? decodeBackup(backup) : backup;
}

export interface MergeResult {
  /** Entries of every kind before and after the merge. */
  readonly entriesBefore: number;
  readonly entriesAfter: number;
}

/**
 * Merges a backup of the same community into it. The merge is tried on a scratch copy
 * first and checked; only then is it applied to the real document (as `importOrigin`, so
 * it is not on this person's undo stack). A backup of another community is refused.
 */
export function mergeBackup(community: Community, backup: Uint8Array | DecodedBackup): MergeResult {
  const decoded = asDecoded(backup);
  if (decoded.meta.communityId !== community.id) {
    throw new CommonplaceError('backupDifferentCommunity', { name: decoded.meta.profile.name });
  }
  // The backup alone must be a well-formed copy of this community...
  loadChecked(decoded);
  // ...and so must the result of merging it, which is what the real document will become.
  const merged = loadChecked(decoded, Y.encodeStateAsUpdate(community.doc));
  const entriesBefore = community.allEntries().length;
  const entriesAfter = merged.allEntries().length;
  merged.doc.destroy();
  Y.applyUpdate(community.doc, decoded.update, importOrigin);
  return { entriesBefore, entriesAfter };
}

/** A backup as a community of its own (restoring on a new device, or a community not here). */
export function restoreAsNewCommunity(backup: Uint8Array | DecodedBackup): Community {
  return loadChecked(asDecoded(backup));
}
