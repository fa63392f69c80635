import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCommunity, createEntry, openKind, signedIn } from './app.js';
import { axeViolations } from './axeCheck.js';
import { browserPerFile, patientPoll } from './browserPerFile.js';

// Consent is asked, not assumed: a new harvest is written only once the person chose who may
// see it, and "May be shared publicly" is never set by a stray arrow key, only by a confirmation.

const { browser, baseUrl } = browserPerFile();
const poll = <T>(read: () => T | Promise<T>) => patientPoll(read);

const harvestsListed = (page: Page) => page.getByRole('list', { name: 'Harvests' }).getByRole('listitem').count();
const focusedLabel = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '');

/** Presses every arrow key a few times wherever focus is (a radio group: each press checks a radio). */
async function arrowAround(page: Page): Promise<void> {
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowLeft', 'ArrowUp', 'ArrowDown']) {
    await page.keyboard.press(key);
  }
}

describe('creating a harvest asks who may see it', () => {
  it('writes nothing until a level is chosen, and public only through its confirmation', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(page, 'Care circle');
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: 'New harvest', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New harvest' });
    await dialog.getByLabel('Title', { exact: true }).fill('Evening circle');
    const radios = dialog.getByRole('radio');
    const publicBox = dialog.getByRole('checkbox', { name: /May be shared publicly/ });

    // Nothing is pre-selected, and Enter refuses (with the reason) instead of assuming.
    expect(await radios.count()).toBe(2);
    for (const radio of await radios.all()) expect(await radio.isChecked()).toBe(false);
    expect(await publicBox.isChecked()).toBe(false);
    expect(await axeViolations(page, 'new harvest dialog')).toEqual([]);
    await page.keyboard.press('Enter');
    await poll(() => dialog.getByRole('alert').textContent()).toContain('Please choose who may see this harvest.');
    expect(await harvestsListed(page)).toBe(0);
    expect(await page.getByText('No harvests yet').isVisible()).toBe(true);

    // Into the group by Tab, then every arrow key: the arrows move between the radios only.
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toContain('Private to me');
    await arrowAround(page);
    expect(await publicBox.isChecked()).toBe(false);
    expect(await page.getByRole('dialog').count()).toBe(1);
    await dialog.getByRole('radio', { name: /This community/ }).check();

    // Public asks first, saying what it means; Cancel (and Escape) leave the level chosen before.
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toContain('May be shared publicly');
    await page.keyboard.press('Space');
    const confirm = page.getByRole('dialog', { name: 'May this harvest be shared publicly?' });
    await poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.textContent()).toContain('people who are not members');
    expect(await axeViolations(page, 'public confirmation')).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => confirm.count()).toBe(0);
    expect(await publicBox.isChecked()).toBe(false);
    expect(await dialog.getByRole('radio', { name: /This community/ }).isChecked()).toBe(true);
    await publicBox.press('Space');
    await poll(() => confirm.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => confirm.count()).toBe(0);
    expect(await dialog.isVisible()).toBe(true);
    expect(await publicBox.isChecked()).toBe(false);

    // Confirmed: public, and the harvest is created as such.
    await publicBox.press('Space');
    await confirm.getByRole('button', { name: 'Yes, every storyteller agreed' }).click();
    await poll(() => publicBox.isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: /This community/ }).isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await poll(() => page.locator('#detail-title').textContent()).toBe('Evening circle');
    expect(await page.getByRole('list', { name: 'Harvests' }).textContent()).toContain('Public');
    expect(await page.locator('#main .detail').getByRole('checkbox', { name: /May be shared publicly/ }).isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('changing an existing harvest’s consent: arrows never make it public, cancel keeps the level', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(page, 'Care circle');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Morning circle');
    const detail = page.locator('#main .detail');
    const list = page.getByRole('list', { name: 'Harvests' });
    const publicBox = detail.getByRole('checkbox', { name: /May be shared publicly/ });
    expect(await detail.getByRole('radio', { name: /This community/ }).isChecked()).toBe(true);

    // Arrowing onto "Private to me" asks first (it moves the harvest); Escape keeps it shared.
    await detail.getByRole('radio', { name: /This community/ }).focus();
    await page.keyboard.press('ArrowUp');
    const toPrivate = page.getByRole('dialog', { name: 'Change who may see this harvest' });
    await poll(() => toPrivate.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => toPrivate.count()).toBe(0);
    expect(await detail.getByRole('radio', { name: /This community/ }).isChecked()).toBe(true);
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      // Landing on "Private to me" asks again: say no each time.
      if (await toPrivate.isVisible()) await page.keyboard.press('Escape');
      await poll(() => toPrivate.count()).toBe(0);
    }
    expect(await publicBox.isChecked()).toBe(false);
    expect(await detail.getByRole('radio', { name: /This community/ }).isChecked()).toBe(true);
    expect(await list.textContent()).not.toContain('Public');

    // Public: cancel leaves "This community"; confirm makes it public; unchecking goes back.
    await publicBox.click();
    const confirm = page.getByRole('dialog', { name: 'May this harvest be shared publicly?' });
    await poll(() => confirm.isVisible()).toBe(true);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => confirm.count()).toBe(0);
    expect(await publicBox.isChecked()).toBe(false);
    expect(await detail.getByRole('radio', { name: /This community/ }).isChecked()).toBe(true);
    expect(await list.textContent()).toContain('Community');

    await publicBox.press('Space');
    await confirm.getByRole('button', { name: 'Yes, every storyteller agreed' }).click();
    await poll(() => list.textContent()).toContain('Public');
    expect(await publicBox.isChecked()).toBe(true);
    await publicBox.press('Space');
    await poll(() => list.textContent()).toContain('Community');
    expect(await publicBox.isChecked()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});
