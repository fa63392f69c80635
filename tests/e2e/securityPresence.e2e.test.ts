import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, editor, editorText, joinedBy, syncStatus, twoInOneHarvest } from './app.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const patience = { timeout: 30_000 };

describe('a member sends a caret that cannot be drawn (issue 15.1)', () => {
  it('the victim keeps seeing remote edits, and its next keystroke deletes nothing', async () => {
    const { a: amira, b: carla } = await twoInOneHarvest(browser(), baseUrl, { harvest: 'Live harvest', guest: 'Carla', patience });
    const mallory = await joinedBy(browser(), baseUrl, amira.page, 'Mallory', { testHooks: true, peers: 2, patience });
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
