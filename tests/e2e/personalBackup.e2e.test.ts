import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, createCommunity, createEntry, openKind, signedIn } from './app.js';
import { chooseFile, download } from './files.js';

/**
 * My private things on my other devices: the journal and the community keys leave one
 * browser profile in a passphrase-locked file and arrive in a fresh one; a wrong
 * passphrase is refused with a clear message and changes nothing.
 */
const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });
const passphrase = 'river of stories at dawn';

async function openPersonalBackup(page: Page) {
  await page.getByRole('button', { name: /^Settings for/ }).click();
  await page.getByRole('button', { name: 'Back up my private things…' }).click();
  return page.getByRole('dialog');
}

describe('encrypted personal backup', () => {
  it('restores a private journal in a fresh profile, after refusing a wrong passphrase', { timeout: 120_000 }, async () => {
    const laptop = await signedIn(browser(), baseUrl, 'Amira Okafor');
    await createCommunity(laptop.page, 'Circle of care');
    await openKind(laptop.page, 'Dilemmas');
    await createEntry(laptop.page, 'New dilemma', 'Title', 'Report or wait?');
    const saving = await openPersonalBackup(laptop.page);
    await saving.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await saving.getByLabel('Passphrase again').fill('river of stories at dusk');
    await saving.getByRole('button', { name: 'Save encrypted backup' }).click();
    await poll(() => saving.getByRole('alert').textContent()).toBe('The two passphrases are not the same. Nothing was saved.');
    await saving.getByLabel('Passphrase again').fill(passphrase);
    const file = await download(laptop.page, saving.getByRole('button', { name: 'Save encrypted backup' }));
    expect(file.name).toMatch(/^commonplace-personal-\d{4}-\d{2}-\d{2}\.cppb$/);
    // Locked: neither the journal nor the community's name can be read in it.
    expect(file.bytes.toString('latin1')).not.toMatch(/Report or wait|Circle of care/);

    const phone = await signedIn(browser(), baseUrl, 'Amira on her phone');
    const restoring = await openPersonalBackup(phone.page);
    await chooseFile(phone.page, restoring.getByRole('button', { name: 'Choose a personal backup…' }), { name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
    await restoring.getByLabel(`Passphrase of ${file.name}`).fill('river of stories at dusk');
    await restoring.getByRole('button', { name: 'Open and merge' }).click();
    await poll(() => restoring.getByRole('alert').textContent()).toBe(
      'That passphrase does not open this backup. Check it (capital letters and spaces count) and try again. Nothing was changed.',
    );
    expect(await phone.page.getByRole('navigation', { name: 'Communities' }).getByText('Circle of care').count()).toBe(0);

    await restoring.getByLabel(`Passphrase of ${file.name}`).fill(passphrase);
    await restoring.getByRole('button', { name: 'Open and merge' }).click();
    await poll(() => restoring.getByRole('status').filter({ hasText: 'Merged' }).textContent()).toBe('Merged into this device: 0 private entries before, 1 now.');
    await phone.page.keyboard.press('Escape');
    // The community (its key) and the private journal are on the phone now.
    await poll(() => phone.page.getByRole('navigation', { name: 'Communities' }).getByText('Circle of care').count()).toBe(1);
    expect(laptop.problems).toEqual([]);
    await laptop.context.close();
    await phone.context.close();
  });
});
