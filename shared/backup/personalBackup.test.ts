import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PersonalDoc } from '../model/PersonalDoc.js';
import { crc32 } from './crc32.js';
import { MIN_KDF_ITERATIONS, decryptPersonalBackup, encryptPersonalBackup, mergePersonalBackup } from './personalBackup.js';
import { CommonplaceError } from '../CommonplaceError.js';

/** Real WebCrypto (Node's, the same API as the browser's) and real personal documents. */
const passphrase = 'river of stories at dawn';

function device(): PersonalDoc {
  const personal = new PersonalDoc(new Y.Doc());
  personal.initialise();
  return personal;
}

const titles = (personal: PersonalDoc) => personal.dilemmas.list().map((d) => d.title).sort();

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof CommonplaceError ? error.code : `not a CommonplaceError: ${String(error)}`;
  }
  return 'accepted';
}

describe('encrypted personal backups', () => {
  it('restores private journals and settings on another device, merging with what is there', async () => {
    const laptop = device();
    const me = laptop.setIdentity('Amira Okafor');
    laptop.setLanguage('ar');
    laptop.dilemmas.create(me.id, (d) => d.setTitle('Report or wait?'));
    const file = await encryptPersonalBackup({ personal: laptop, passphrase, crypto, now: 1_700_000_000_000 });

    // Nothing readable in the file without the passphrase.
    expect(new TextDecoder().decode(file)).not.toContain('Report or wait');
    expect(new DataView(file.buffer).getUint32(6)).toBeGreaterThanOrEqual(MIN_KDF_ITERATIONS);

    const phone = device();
    phone.setIdentity('Amira on her phone');
    phone.dilemmas.create('member-phone', (d) => d.setTitle('Marking in a hurry'));
    const result = await mergePersonalBackup(phone, file, passphrase, crypto);
    expect(result).toEqual({ entriesBefore: 1, entriesAfter: 2 });
    expect(titles(phone)).toEqual(['Marking in a hurry', 'Report or wait?']);
    expect(phone.settings.language).toBe('ar');
  });

  it('refuses a wrong or empty passphrase clearly, and changes nothing', async () => {
    const laptop = device();
    laptop.dilemmas.create('member-a', (d) => d.setTitle('Report or wait?'));
    const file = await encryptPersonalBackup({ personal: laptop, passphrase, crypto });
    const phone = device();
    phone.dilemmas.create('member-b', (d) => d.setTitle('Marking in a hurry'));
    const before = Y.encodeStateAsUpdate(phone.doc);

    expect(await refusal(() => mergePersonalBackup(phone, file, 'river of stories at dusk', crypto))).toBe('wrongPassphrase');
    expect(await refusal(() => mergePersonalBackup(phone, file, '  ', crypto))).toBe('wrongPassphrase');
    expect(Y.encodeStateAsUpdate(phone.doc)).toEqual(before);
    expect(titles(phone)).toEqual(['Marking in a hurry']);
  });

  it('tells a damaged, cut short, tampered or foreign file from a wrong passphrase', async () => {
    const file = await encryptPersonalBackup({ personal: device(), passphrase, crypto });
    const flipped = file.slice();
    flipped[50] = (flipped[50] ?? 0) ^ 1;
    expect(await refusal(() => decryptPersonalBackup(flipped, passphrase, crypto))).toBe('backupCorrupted');
    expect(await refusal(() => decryptPersonalBackup(file.slice(0, file.length - 10), passphrase, crypto))).toBe('backupTruncated');
    expect(await refusal(() => decryptPersonalBackup(new TextEncoder().encode('CPBK a community backup'), passphrase, crypto))).toBe('backupForeign');

    // A header rewritten with a fresh checksum (here: the iterations raised by one) is caught by AES-GCM's additional data.
    const tampered = file.slice();
    const view = new DataView(tampered.buffer);
    view.setUint32(6, view.getUint32(6) + 1);
    view.setUint32(tampered.length - 4, crc32(tampered, 0, tampered.length - 4));
    expect(await refusal(() => decryptPersonalBackup(tampered, passphrase, crypto))).toBe('wrongPassphrase');
    // And one that asks for too little work is not even tried.
    view.setUint32(6, 1000);
    view.setUint32(tampered.length - 4, crc32(tampered, 0, tampered.length - 4));
    expect(await refusal(() => decryptPersonalBackup(tampered, passphrase, crypto))).toBe('backupCorrupted');
  });

  it('asks for a passphrase long enough to be worth having', async () => {
    expect(await refusal(() => encryptPersonalBackup({ personal: device(), passphrase: 'short', crypto }))).toBe('weakPassphrase');
  });
});
