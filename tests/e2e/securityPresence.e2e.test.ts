import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCommunity, createEntry, editor, editorText, inviteCode, join, openHarvest, openKind, signedIn, syncStatus } from './app.js';
import { launchChromium } from './chromium.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';

let browser: Browser;
const baseUrl = inject('baseUrl');
const patience = { timeout: 30_000 };

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

describe('a member sends a caret that cannot be drawn (issue 15.1)', () => {
  it('the victim keeps seeing remote edits, and its next keystroke deletes nothing', async () => {
    const amira = await signedIn(browser, baseUrl, 'Amira');
    await createCommunity(amira.page, 'Care circle');
    await openKind(amira.page, 'Harvests');
    await createEntry(amira.page, 'New harvest', 'Title', 'Live harvest');
    const code = await inviteCode(amira.page);
    const carla = await signedIn(browser, baseUrl, 'Carla');
    await join(carla.page, code, 'Care circle');
    await openHarvest(carla.page, 'Live harvest', patience);
    const mallory = await signedIn(browser, baseUrl, 'Mallory', { testHooks: true });
    await join(mallory.page, code, 'Care circle');
    await expect.poll(() => syncStatus(amira.page).textContent(), patience).toContain('2 peers');
    await editor(amira.page, 'Harvest story').click();

    await editor(carla.page, 'Harvest story').click();
    await carla.page.keyboard.type('Carla before. ');
    await expect.poll(() => editorText(amira.page, 'Harvest story'), patience).toContain('Carla before.');

    // Mallory's app, changed: its presence carries a caret of nulls, through the real awareness.
    await mallory.page.evaluate(async () => {
      const workspace = window.__commonplace?.workspace;
      const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
      opened?.sync?.awareness.setLocalStateField('cursor', { anchor: null, head: null });
    });
    // Amira's guard refuses that presence and disconnects its sender.
    await expect.poll(() => syncStatus(amira.page).textContent(), patience).toContain('1 peer');

    await carla.page.keyboard.type('Carla after. ');
    await expect.poll(() => editorText(amira.page, 'Harvest story'), patience).toContain('Carla after.');
    await amira.page.keyboard.press('End');
    await amira.page.keyboard.type('Amira.');
    for (const page of [amira.page, carla.page]) {
      await expect.poll(() => editorText(page, 'Harvest story'), patience).toMatch(/(?=.*Carla before\.)(?=.*Carla after\.)(?=.*Amira\.)/);
    }
    expect(await editorText(amira.page, 'Harvest story')).toBe(await editorText(carla.page, 'Harvest story'));
    for (const peer of [amira, carla, mallory]) await peer.context.close();
  });
});
