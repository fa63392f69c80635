import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Rolling automatic backups: `<folder>/<communityId>/<timestamp>.cpbk`, keeping the newest
 * `keep` (10 by default) of each community.
 *
 * Writing is done with fs/promises, not a worker thread. The bytes arrive already encoded
 * (`encodeBackup` runs where the document lives), so what is left is file I/O, and
 * fs/promises runs each read, write, fsync and rename on libuv's thread pool: the main
 * process's event loop (and so the window) never waits on the disk. A worker would only
 * add a copy of the bytes and a thread start for every backup.
 *
 * Each file is written to a temporary name in the same folder, flushed to disk, then
 * linked into place under its final name (atomic, and never replacing another backup): a crash or a full disk leaves either the old set of backups or the
 * new one, never a half-written `.cpbk` that looks complete.
 */

export const DEFAULT_BACKUPS_KEPT = 10;
const MAX_BACKUPS_KEPT = 1000;
/** A community backup (.cpbk), or the personal document sealed with a passphrase (.cppb). */
export type BackupExtension = '.cpbk' | '.cppb';
const TEMP_SUFFIX = '.tmp';

/** A community id becomes a folder name, so only plain characters are allowed. */
const communityIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** `2024-05-01T10-20-30-123Z` and, when two land in the same millisecond, `…Z-1`. */
const backupNamePattern = (extension: BackupExtension): RegExp => new RegExp(`^(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z(?:-(\\d{1,4}))?\\${extension}$`);

export interface BackupFileInfo {
  readonly file: string;
  readonly name: string;
  /** When it was made, from its name (milliseconds since 1970). */
  readonly createdAt: number;
  readonly size: number;
}

export interface RollingBackupInput {
  /** The backups folder, typically `<userData>/backups`. */
  readonly folder: string;
  readonly communityId: string;
  readonly bytes: Uint8Array;
  /** How many backups of this community to keep, the new one included. */
  readonly keep?: number;
  /** For tests: the time to name the file by. */
  readonly now?: Date;
  /** `.cpbk` unless given. */
  readonly extension?: BackupExtension;
}

export interface RollingBackupResult {
  readonly file: string;
  /** Older backups deleted to keep only `keep`. */
  readonly removed: readonly string[];
}

function communityFolder(folder: string, communityId: string): string {
  if (!communityIdPattern.test(communityId)) throw new Error('That community id cannot be used as a backup folder name.');
  return path.join(folder, communityId);
}

function timestampName(date: Date): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-');
}

export async function writeRollingBackup(input: RollingBackupInput): Promise<RollingBackupResult> {
  const keep = input.keep ?? DEFAULT_BACKUPS_KEPT;
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_BACKUPS_KEPT) throw new Error(`Keep between 1 and ${MAX_BACKUPS_KEPT} backups.`);
  if (input.bytes.length === 0) throw new Error('Refusing to write an empty backup.');
  const dir = communityFolder(input.folder, input.communityId);
  await mkdir(dir, { recursive: true });

  const stamp = timestampName(input.now ?? new Date());
  const temporary = path.join(dir, `.${stamp}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(input.bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();

  // Never replace an existing backup: a second one in the same millisecond gets a suffix.
  // link() is atomic and fails if the name is taken (rename would silently replace it).
  let file = '';
  try {
    for (let n = 0; !file; n++) {
      const candidate = path.join(dir, `${stamp}${n === 0 ? '' : `-${n}`}${input.extension ?? '.cpbk'}`);
      try {
        await link(temporary, candidate);
        file = candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 9999) throw error;
      }
    }
  } finally {
    await unlink(temporary).catch(() => undefined);
  }

  const backups = await listBackups(input.folder, input.communityId, input.extension);
  const removed: string[] = [];
  for (const old of backups.slice(keep)) {
    if (old.file === file) continue;
    await unlink(old.file).catch(() => undefined);
    removed.push(old.file);
  }
  return { file, removed };
}

/** The backups of one community, newest first. Temporary and unrelated files are ignored. */
export async function listBackups(folder: string, communityId: string, extension: BackupExtension = '.cpbk'): Promise<BackupFileInfo[]> {
  const pattern = backupNamePattern(extension);
  const dir = communityFolder(folder, communityId);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: (BackupFileInfo & { sequence: number })[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    const [, date, hours, minutes, seconds, millis, sequence] = match;
    const createdAt = Date.parse(`${date ?? ''}T${hours ?? ''}:${minutes ?? ''}:${seconds ?? ''}.${millis ?? ''}Z`);
    if (!Number.isFinite(createdAt)) continue;
    const file = path.join(dir, name);
    try {
      const info = await stat(file);
      if (!info.isFile()) continue;
      found.push({ file, name, createdAt, size: info.size, sequence: Number(sequence ?? 0) });
    } catch {
      // Removed meanwhile: not a backup any more.
    }
  }
  return found.sort((a, b) => b.createdAt - a.createdAt || b.sequence - a.sequence).map(({ sequence: _sequence, ...info }) => info);
}

export interface CommunityBackupSource {
  readonly communityId: string;
  /** Encodes the community now (for example `encodeBackup({ community })`). */
  readonly encode: () => Uint8Array | Promise<Uint8Array>;
}

export interface AutoBackupOutcome {
  readonly communityId: string;
  readonly file?: string;
  readonly error?: string;
}

/**
 * Backs up every community, one after another so the disk is not flooded. One failing
 * community (a full disk, a bad id) is reported and does not stop the others.
 */
export async function backupAllCommunities(folder: string, sources: readonly CommunityBackupSource[], keep: number = DEFAULT_BACKUPS_KEPT): Promise<AutoBackupOutcome[]> {
  const outcomes: AutoBackupOutcome[] = [];
  for (const source of sources) {
    try {
      const result = await writeRollingBackup({ folder, communityId: source.communityId, bytes: await source.encode(), keep });
      outcomes.push({ communityId: source.communityId, file: result.file });
    } catch (error) {
      outcomes.push({ communityId: source.communityId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
