import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCommunity, createEntry, editor, openKind, signedIn } from './app.js';
import { axeViolations } from './axeCheck.js';
import { browserPerFile, patientPoll as poll } from './browserPerFile.js';

// The keyboard: the command palette offers every action, its shortcut does not take Ctrl/Cmd+K
// from the editor (a link there), and the editor's toolbar is one Tab stop moved by arrows.

const { browser, baseUrl } = browserPerFile();
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** The palette's own options (a form on the page may have a select with options too). */
const paletteOptions = (page: Page) => page.locator('dialog[open]').getByRole('option');
const dialogTitle = (page: Page) => page.locator('dialog[open] h2').last().textContent();
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

/** Opens the palette with its shortcut, filters it and runs the only command left. */
async function run(page: Page, filter: string): Promise<void> {
  await page.keyboard.press(`${mod}+Shift+P`);
  const box = page.getByRole('combobox', { name: 'Find a command' });
  await poll(() => box.isVisible()).toBe(true);
  await box.fill(filter);
  await expect.poll(() => paletteOptions(page).allTextContents(), { timeout: 15_000, message: filter }).toHaveLength(1);
  await page.keyboard.press('Enter');
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await poll(() => page.locator('dialog[open]').count()).toBe(0);
}

describe('the command palette', () => {
  it('offers every action, and each one opens what its button opens', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(page, 'Second circle');
    await createCommunity(page, 'Care circle');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Evening circle');
    await editor(page, 'Harvest story').waitFor();

    await page.locator('#main h1').focus();
    await page.keyboard.press(`${mod}+Shift+P`);
    await poll(() => paletteOptions(page).count()).toBeGreaterThan(10);
    const labels = await paletteOptions(page).allTextContents();
    for (const wanted of [
      'New term',
      'New harvest',
      'New dilemma',
      'New resource list',
      'Export',
      'Import',
      'Back up community',
      'Restore or merge backup',
      'Invite',
      'Join community',
      'New community',
      'Open Second circle',
      'Your settings',
      'History of this story',
      'Trash',
      'Writing mode: only the entry',
      'Search all communities',
    ]) {
      expect(labels.some((label) => label.startsWith(wanted)), wanted).toBe(true);
    }
    expect(await axeViolations(page, 'command palette')).toEqual([]);
    await closeDialog(page);

    // Each opens its dialog, as its button would.
    for (const [filter, title] of [
      ['export', 'Export from Care circle'],
      ['import', 'Import into Care circle'],
      ['back up community', 'Back up Care circle'],
      ['restore', 'Restore or merge a backup'],
      ['invite', 'Invite someone to Care circle'],
      ['history of this story', 'History of “Evening circle”'],
      ['trash', 'Trash'],
      ['your settings', 'Your settings'],
      ['join community', 'Join a community'],
    ] as const) {
      await page.locator('#main h1').focus();
      await run(page, filter);
      await poll(() => dialogTitle(page)).toBe(title);
      await closeDialog(page);
    }

    // "New …" of another kind goes there and asks for the new entry; focus then goes to its first field.
    await run(page, 'new dilemma');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dilemmas');
    await poll(() => dialogTitle(page)).toBe('New dilemma');
    await page.keyboard.type('Report or wait?');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#detail-title').textContent()).toBe('Report or wait?');
    await poll(() => page.evaluate(() => document.activeElement === document.querySelector('#main .detail :is(input, textarea, select, [contenteditable="true"]):not([disabled])'))).toBe(true);

    // Switch community.
    await run(page, 'open second');
    await poll(() => page.getByRole('navigation', { name: 'Second circle' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leaves Ctrl/Cmd+K to the editor (a link) and opens with Ctrl/Cmd+Shift+P there', { timeout: 60_000 }, async () => {
    const { context, page } = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(page, 'Care circle');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Evening circle');
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('Our circle');
    await page.keyboard.press(`${mod}+k`);
    await poll(() => dialogTitle(page)).not.toBe(null);
    expect(await page.getByRole('combobox', { name: 'Find a command' }).count()).toBe(0);
    expect(await page.locator('dialog[open]').getByRole('textbox').count()).toBeGreaterThan(0);
    await closeDialog(page);
    await editor(page, 'Harvest story').click();
    await page.keyboard.press(`${mod}+Shift+P`);
    await poll(() => page.getByRole('combobox', { name: 'Find a command' }).isVisible()).toBe(true);
    await context.close();
  });
});

describe('the editor toolbar', () => {
  it('is one Tab stop; arrows, Home and End move within it', { timeout: 60_000 }, async () => {
    const { context, page } = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(page, 'Care circle');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Evening circle');
    const toolbar = page.getByRole('toolbar', { name: /Harvest story/ });
    await toolbar.waitFor();
    const stops = () => toolbar.locator('button').evaluateAll((buttons) => buttons.filter((b) => (b as HTMLButtonElement).tabIndex === 0).length);
    expect(await stops()).toBe(1);

    // Into the toolbar from the story by Shift+Tab, then arrows; Tab leaves it at once.
    await editor(page, 'Harvest story').click();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Bold');
    await page.keyboard.press('ArrowRight');
    expect(await focusedName(page)).toBe('Italic');
    await page.keyboard.press('End');
    expect(await focusedName(page)).toMatch(/link/i);
    await page.keyboard.press('ArrowRight');
    expect(await focusedName(page)).toBe('Bold');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedName(page)).toMatch(/link/i);
    await page.keyboard.press('Home');
    expect(await focusedName(page)).toBe('Bold');
    await page.keyboard.press('ArrowRight');
    expect(await stops()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Harvest story');
    // Back in: the toolbar remembers the button last used.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Italic');
    await context.close();
  });
});
