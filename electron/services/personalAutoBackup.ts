import { webcrypto } from 'node:crypto';
import { rename, readFile, unlink, writeFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { CommonplaceError } from '../../shared/CommonplaceError.js';
import { encryptPersonalBackup, MIN_PASSPHRASE_LENGTH } from '../../shared/backup/personalBackup.js';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { inspectUpdate } from '../../shared/protocol/peerMessages.js';
import { writeRollingBackup, type RollingBackupResult } from './autoBackup.js';

/**
 * The personal document in the desktop's automatic backups, sealed as a .cppb (the format
 * of "Back up my private things") with a passphrase the person sets once in Settings.
 *
 * The passphrase, not a derived key, is what is kept: each .cppb has its own salt, so a key
 * would only open one file. It is kept encrypted by the operating system's keychain through
 * Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret Service or
 * kwallet on Linux), in a file beside the backups; the renderer can set or clear it but
 * never read it back, and the sealing happens here, in the main process.
 */

/** The part of Electron's safeStorage this needs (tests pass a stand-in). */
export interface SecretStore {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface PassphraseKeeper {
  /** Keeps a new passphrase, or forgets it with null (automatic personal backups stop). */
  set(passphrase: string | null): Promise<void>;
  /** The kept passphrase, or null when none is set or it can no longer be opened. */
  get(): Promise<string | null>;
}

export function createPassphraseKeeper(file: string, store: SecretStore): PassphraseKeeper {
  return {
    async set(passphrase) {
      if (passphrase === null) {
        await unlink(file).catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        });
        return;
      }
      if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) throw new CommonplaceError('weakPassphrase');
      // Never written in the clear: without a keychain, refuse instead.
      if (!store.isEncryptionAvailable()) throw new CommonplaceError('noKeychain');
      const temporary = `${file}.tmp`;
      await writeFile(temporary, store.encryptString(passphrase), { mode: 0o600 });
      await rename(temporary, file);
    },
    async get() {
      let sealed: Buffer;
      try {
        sealed = await readFile(file);
      } catch {
        return null;
      }
      if (!store.isEncryptionAvailable()) return null;
      try {
        return store.decryptString(sealed);
      } catch {
        // Another user account or a reset keychain: as if none were set.
        return null;
      }
    },
  };
}

/** The folder name under the backups folder; community ids are longer, so it cannot clash. */
export const PERSONAL_BACKUP_FOLDER = 'personal';

export interface PersonalAutoBackupInput {
  readonly folder: string;
  /** The personal document's whole state (Y.encodeStateAsUpdate), from the renderer. */
  readonly state: Uint8Array;
  readonly passphrase: string;
  readonly keep: number;
  readonly appVersion?: string;
  /** For tests: faster key derivation is not allowed, but a fixed clock is. */
  readonly now?: Date;
}

/**
 * Seals the personal document and adds it to the rolling backups in
 * `<folder>/personal/<timestamp>.cppb`. The state is checked as a peer's would be (the
 * renderer could be compromised) and must read as a personal document.
 */
export async function keepPersonalBackup(input: PersonalAutoBackupInput): Promise<RollingBackupResult> {
  const verdict = inspectUpdate(input.state);
  if (!verdict.ok) throw new CommonplaceError('notPersonalDocument');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, input.state);
    const personal = new PersonalDoc(doc);
    if (!personal.identity) throw new CommonplaceError('notPersonalDocument');
    const bytes = await encryptPersonalBackup({
      personal,
      passphrase: input.passphrase,
      crypto: webcrypto,
      ...(input.appVersion ? { appVersion: input.appVersion } : {}),
      ...(input.now ? { now: input.now.getTime() } : {}),
    });
    return await writeRollingBackup({ folder: input.folder, communityId: PERSONAL_BACKUP_FOLDER, bytes, keep: input.keep, extension: '.cppb', ...(input.now ? { now: input.now } : {}) });
  } finally {
    doc.destroy();
  }
}
