import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCommunity, createEntry, inviteCode, join, openHarvest, openKind, pauseSync, signedIn, syncStatus } from './app.js';
import { launchChromium } from './chromium.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';

/**
 * Issue 14 items 3 and 4 through the real app in Chromium: short fields saved and synced
 * as typed and merged character by character, a replaced choice said out loud, and the
 * delete toast's Undo bringing back exactly the deleted harvest.
 */

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

const pause = pauseSync;

/** Resolves once everything this page's community holds is in its IndexedDB. */
const whenStored = (page: Page): Promise<void> =>
  page.evaluate(async () => {
    const workspace = window.__commonplace?.workspace;
    const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
    await opened?.stored.whenStored();
  });

describe('short fields and the undo toast (issue 14.3, 14.4)', () => {
  it('typing in Place is saved as typed: a reload keeps it though the field was never left', async () => {
    const a = await signedIn(browser, baseUrl, 'Amira', { testHooks: true });
    await createCommunity(a.page, 'Care circle');
    await openKind(a.page, 'Harvests');
    await createEntry(a.page, 'New harvest', 'Title', 'Spring gathering');
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
    const a = await signedIn(browser, baseUrl, 'Amira', { testHooks: true });
    await createCommunity(a.page, 'Care circle');
    await openKind(a.page, 'Harvests');
    await createEntry(a.page, 'New harvest', 'Title', 'Live harvest');
    const question = (page: Page) => page.getByLabel('Calling question');
    await question(a.page).fill('What keeps us going?');
    await a.page.getByLabel('Method').selectOption('circle');
    const code = await inviteCode(a.page);
    const b = await signedIn(browser, baseUrl, 'Ben', { testHooks: true });
    await join(b.page, code, 'Care circle');
    await openHarvest(b.page, 'Live harvest', { timeout: 30_000 });
    await expect.poll(() => question(b.page).inputValue(), { timeout: 30_000 }).toBe('What keeps us going?');
    await expect.poll(() => syncStatus(a.page).textContent(), { timeout: 30_000 }).toContain('1 peer');

    await pause(a.page, true);
    await pause(b.page, true);
    await expect.poll(() => syncStatus(a.page).textContent()).toContain('Offline');
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

    await pause(a.page, false);
    await pause(b.page, false);
    for (const page of [a.page, b.page]) {
      await expect.poll(() => question(page).inputValue(), { timeout: 60_000 }).toBe('What keeps us all going, together?');
    }
    await expect.poll(() => a.page.getByRole('status').filter({ hasText: 'Ben changed this to Fishbowl' }).count(), { timeout: 30_000 }).toBe(1);
    await a.context.close();
    await b.context.close();
  });

  it('Undo on the delete toast brings back exactly the deleted harvest, and keeps a rename made since', async () => {
    const a = await signedIn(browser, baseUrl, 'Amira');
    await createCommunity(a.page, 'Care circle');
    await openKind(a.page, 'Harvests');
    await createEntry(a.page, 'New harvest', 'Title', 'Harvest A');
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
