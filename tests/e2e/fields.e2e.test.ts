import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, createEntry, joinedBy, openHarvest, whenStored, withHarvest, workOffline } from './app.js';

/**
 * Issue 14 items 3 and 4 through the real app in Chromium: short fields saved and synced
 * as typed and merged character by character, a replaced choice said out loud, and the
 * delete toast's Undo bringing back exactly the deleted harvest.
 */

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

describe('short fields and the undo toast (issue 14.3, 14.4)', () => {
  it('typing in Place is saved as typed: a reload keeps it though the field was never left', async () => {
    const a = await withHarvest(browser(), baseUrl, { harvest: 'Spring gathering', testHooks: true });
    const place = a.page.getByLabel('Place', { exact: true });
    await place.click();
    await a.page.keyboard.type('Bellinzona, the old school');
    // No Tab, no Enter, no blur: the text must already be in the document and on disk.
    await whenStored(a.page);
    await a.page.reload();
    await openHarvest(a.page, 'Spring gathering', { timeout: 30_000 });
    await expect.poll(() => a.page.getByLabel('Place', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('Bellinzona, the old school');
    await a.context.close();
  });

  it('two people editing the calling question offline both keep their words; a replaced choice says who changed it', async () => {
    const a = await withHarvest(browser(), baseUrl, { harvest: 'Live harvest', testHooks: true });
    const question = (page: Page) => page.getByLabel('Calling question');
    await question(a.page).fill('What keeps us going?');
    await a.page.getByLabel('Method').selectOption('circle');
    const b = await joinedBy(browser(), baseUrl, a.page, 'Ben', { testHooks: true });
    await openHarvest(b.page, 'Live harvest', { timeout: 30_000 });
    await expect.poll(() => question(b.page).inputValue(), { timeout: 30_000 }).toBe('What keeps us going?');

    await workOffline([a.page, b.page]);
    // Amira adds a word in the middle; Ben adds at the end; Ben also changes the method.
    await question(a.page).click();
    await question(a.page).press('Home');
    for (let i = 0; i < 'What keeps us'.length; i++) await question(a.page).press('ArrowRight');
    await a.page.keyboard.type(' all');
    await question(b.page).click();
    await question(b.page).press('End');
    await question(b.page).press('Backspace');
    await b.page.keyboard.type(', together?');
    await b.page.getByLabel('Method').selectOption('fishbowl');
    expect(await question(a.page).inputValue()).toBe('What keeps us all going?');

    await workOffline([a.page, b.page], false);
    for (const page of [a.page, b.page]) {
      await expect.poll(() => question(page).inputValue(), { timeout: 60_000 }).toBe('What keeps us all going, together?');
    }
    await expect.poll(() => a.page.getByRole('status').filter({ hasText: 'Ben changed this to Fishbowl' }).count(), { timeout: 30_000 }).toBe(1);
    await a.context.close();
    await b.context.close();
  });

  it('Undo on the delete toast brings back exactly the deleted harvest, and keeps a rename made since', async () => {
    const a = await withHarvest(browser(), baseUrl, { harvest: 'Harvest A' });
    await createEntry(a.page, 'New harvest', 'Title', 'Harvest B');
    await openHarvest(a.page, 'Harvest A');
    await a.page.getByRole('button', { name: 'Delete harvest' }).click();
    await openHarvest(a.page, 'Harvest B');
    const title = a.page.getByLabel('Title', { exact: true });
    await title.fill('Harvest B, renamed');
    await title.press('Enter');
    await a.page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    const list = a.page.getByRole('main');
    await expect.poll(() => list.getByText('Harvest A', { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => list.getByText('Harvest B, renamed', { exact: true }).count()).toBeGreaterThan(0);
    await a.context.close();
  });
});
