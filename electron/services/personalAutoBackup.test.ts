import { webcrypto } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptPersonalBackup, type WebCrypto } from '../../shared/backup/personalBackup.js';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { createPassphraseKeeper, keepPersonalBackup, PERSONAL_BACKUP_FOLDER, type SecretStore } from './personalAutoBackup.js';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));
async function folder(): Promise<string> {
  const made = await mkdtemp(path.join(tmpdir(), 'commonplace-personal-backup-'));
  folders.push(made);
  return made;
}

/** Stands in for the OS keychain: reversible, but not the clear text, and it can be "unavailable". */
function keychain(available = true): SecretStore & { available: boolean } {
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
    decryptString: (sealed) => Buffer.from(sealed.map((byte) => byte ^ 0x5a)).toString('utf8'),
  };
}

const passphrase = 'river of stories at dawn';

function journal(): Uint8Array {
  const personal = new PersonalDoc(new Y.Doc());
  personal.initialise();
  personal.setIdentity('Amira Okafor');
  personal.dilemmas.create('me', (d) => d.setTitle('Report or wait?'));
  return Y.encodeStateAsUpdate(personal.doc);
}

describe('the passphrase kept for automatic personal backups', () => {
  it('is kept sealed by the keychain, read back, and forgotten', async () => {
    const file = path.join(await folder(), 'personal-backup-passphrase');
    const keeper = createPassphraseKeeper(file, keychain());
    expect(await keeper.get()).toBeNull();
    await keeper.set(passphrase);
    expect((await readFile(file)).toString('utf8')).not.toContain('river');
    expect(await keeper.get()).toBe(passphrase);
    await keeper.set(null);
    expect(await keeper.get()).toBeNull();
    await keeper.set(null); // forgetting twice is fine
  });

  it('refuses a short passphrase, and refuses to keep one without a keychain, changing nothing', async () => {
    const file = path.join(await folder(), 'personal-backup-passphrase');
    const store = keychain();
    const keeper = createPassphraseKeeper(file, store);
    await keeper.set(passphrase);
    await expect(keeper.set('short')).rejects.toMatchObject({ code: 'weakPassphrase' });
    store.available = false;
    await expect(keeper.set('another long passphrase')).rejects.toMatchObject({ code: 'noKeychain' });
    store.available = true;
    expect(await keeper.get()).toBe(passphrase);
  });
});

describe('automatic personal backups', () => {
  it('writes a .cppb that only the passphrase opens, and keeps the newest N', async () => {
    const backups = await folder();
    const state = journal();
    for (let minute = 0; minute < 3; minute += 1) {
      await keepPersonalBackup({ folder: backups, state, passphrase, keep: 2, now: new Date(Date.UTC(2026, 11, 4, 22, minute)) });
    }
    const names = await readdir(path.join(backups, PERSONAL_BACKUP_FOLDER));
    expect(names.sort()).toEqual(['2026-12-04T22-01-00-000Z.cppb', '2026-12-04T22-02-00-000Z.cppb']);
    const bytes = new Uint8Array(await readFile(path.join(backups, PERSONAL_BACKUP_FOLDER, names[1] ?? '')));
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/Report or wait|Amira/);
    const crypto = webcrypto as unknown as WebCrypto;
    await expect(decryptPersonalBackup(bytes, 'not the passphrase at all', crypto)).rejects.toThrow();
    const opened = await decryptPersonalBackup(bytes, passphrase, crypto);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, opened.update);
    expect(new PersonalDoc(restored).dilemmas.list().map((d) => d.title)).toEqual(['Report or wait?']);
  }, 30_000);

  it('refuses what is not a personal document, writing nothing', async () => {
    const backups = await folder();
    await expect(keepPersonalBackup({ folder: backups, state: new Uint8Array([1, 2, 3]), passphrase, keep: 2 })).rejects.toMatchObject({ code: 'notPersonalDocument' });
    await expect(keepPersonalBackup({ folder: backups, state: Y.encodeStateAsUpdate(new Y.Doc()), passphrase, keep: 2 })).rejects.toMatchObject({ code: 'notPersonalDocument' });
    expect(await readdir(backups)).toEqual([]);
  });
});
