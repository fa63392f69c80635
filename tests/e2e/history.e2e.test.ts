/**
 * The journey of a harvest in the app, two members in two browser contexts: they write over
 * three sessions, naming a checkpoint after each; the history shows the checkpoints, the
 * comparison shows each one's words with their name; the first version is restored (the
 * other member sees it) and the restore is undone, then only a selected passage is. Then a term one member deletes is
 * restored from the trash by the other.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, createEntry, editor, editorText, openKind, twoInOneHarvest } from './app.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const patience = { timeout: 30_000 };

const story = 'Harvest story';

/** Axe's WCAG 2.2 A and AA rules on what is shown (the open dialog): one line per violation. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function typeAtEnd(page: Page, words: string): Promise<void> {
  await editor(page, story).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(words);
}

async function openHistory(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

async function nameCheckpoint(page: Page, name: string): Promise<void> {
  await openHistory(page);
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name for a checkpoint of how things are now').fill(name);
  await dialog.getByRole('button', { name: 'Name this checkpoint' }).click();
  await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Checkpoint named');
  await closeDialog(page);
}

/** The compare list's option for a checkpoint, by its name. */
async function compareWith(page: Page, name: string): Promise<void> {
  const select = page.getByRole('dialog').getByLabel('Compare with');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
}

describe('the journey of a harvest', () => {
  it('two members, three sessions: checkpoints, who wrote what, restore and undo', async () => {
    const { a, b } = await twoInOneHarvest(browser(), baseUrl, { harvest: 'March circle', guest: 'Ben', patience });

    // Session one: Amira opens.
    await typeAtEnd(a.page, 'Amira opened the circle.');
    await expect.poll(() => editorText(b.page, story), patience).toBe('Amira opened the circle.');
    await nameCheckpoint(a.page, 'First session');
    // Session two: Ben tells a story.
    await typeAtEnd(b.page, ' Ben told a story.');
    await expect.poll(() => editorText(a.page, story), patience).toBe('Amira opened the circle. Ben told a story.');
    await nameCheckpoint(b.page, 'Second session');
    // Session three: Amira closes.
    await typeAtEnd(a.page, ' Amira closed.');
    const full = 'Amira opened the circle. Ben told a story. Amira closed.';
    await expect.poll(() => editorText(b.page, story), patience).toBe(full);
    await nameCheckpoint(a.page, 'Third session');

    // Ben's history shows all three named checkpoints, whoever set them.
    await openHistory(b.page);
    const history = b.page.getByRole('dialog');
    for (const name of ['First session', 'Second session', 'Third session']) {
      await expect.poll(() => history.getByRole('button', { name: new RegExp(name) }).count(), patience).toBe(1);
    }
    // Open the second session read-only: the text as it was then.
    await history.getByRole('button', { name: /Second session/ }).click();
    await expect.poll(() => history.getByTestId('history-text').innerText()).toContain('Ben told a story.');
    await expect.poll(() => history.getByTestId('history-text').innerText()).not.toContain('Amira closed.');
    await expect.poll(() => history.getByLabel('Move through the checkpoints').getAttribute('aria-valuetext')).toContain('Second session');
    // Who wrote what at that checkpoint: each run with its writer's name in the accessible text.
    const authored = history.locator('.history-authored');
    expect(await authored.evaluateAll((els) => els.map((el) => el.textContent))).toEqual(['written by Amira: Amira opened the circle.', 'written by Ben:  Ben told a story.']);
    // The scrubber moves through the checkpoints by keyboard too.
    await history.getByLabel('Move through the checkpoints').press('End');
    await expect.poll(() => history.getByTestId('history-text').innerText()).toContain('Amira closed.');
    await history.getByRole('button', { name: /Second session/ }).click();
    // Compared with the first session: Ben's words are added, with his name (not only his colour).
    await compareWith(b.page, 'First session');
    const added = history.locator('ins');
    await expect.poll(() => added.count()).toBe(1);
    expect(await added.innerText()).toContain('Ben told a story.');
    expect(await added.locator('.visually-hidden').textContent()).toBe('added by Ben: ');
    expect(await added.getAttribute('style')).toMatch(/border-color/);
    // From the first to the third session: each one's words with their own name.
    await history.getByRole('button', { name: /Third session/ }).click();
    await expect.poll(() => added.count()).toBe(2);
    expect(await added.evaluateAll((els) => els.map((el) => [el.textContent]))).toEqual([['added by Ben:  Ben told a story.'], ['added by Amira:  Amira closed.']]);
    expect(await axeViolations(b.page)).toEqual([]);
    await closeDialog(b.page);

    // Amira restores the first session; Ben sees it; then she undoes the restore.
    await openHistory(a.page);
    const mine = a.page.getByRole('dialog');
    await mine.getByRole('button', { name: /First session/ }).click();
    await mine.getByRole('button', { name: 'Restore to this checkpoint' }).click();
    await expect.poll(() => editorText(a.page, story), patience).toBe('Amira opened the circle.');
    await expect.poll(() => editorText(b.page, story), patience).toBe('Amira opened the circle.');
    await mine.getByRole('button', { name: 'Undo the restore' }).click();
    await expect.poll(() => editorText(a.page, story), patience).toBe(full);
    await expect.poll(() => editorText(b.page, story), patience).toBe(full);

    // Only a passage: Ben's sentence goes back to the first session, Amira's closing stays.
    await mine.getByRole('button', { name: 'Now', exact: true }).click();
    await mine.getByTestId('history-text').evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0 || node.parentElement?.closest('.visually-hidden')) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
        return;
      }
    }, 'Ben told a story.');
    const target = mine.getByLabel('Restore “Ben told a story.” to');
    await expect.poll(() => target.count()).toBe(1);
    await target.selectOption((await target.locator('option', { hasText: 'First session' }).getAttribute('value')) ?? '');
    await mine.getByRole('button', { name: 'Restore the selected passage' }).click();
    const passageRestored = 'Amira opened the circle.  Amira closed.';
    await expect.poll(() => editorText(a.page, story), patience).toBe(passageRestored);
    await expect.poll(() => editorText(b.page, story), patience).toBe(passageRestored);
    await mine.getByRole('button', { name: 'Undo the restore' }).click();
    await expect.poll(() => editorText(b.page, story), patience).toBe(full);
    await closeDialog(a.page);

    // A term Amira deletes, Ben brings back from the trash.
    await openKind(a.page, 'Glossary');
    await createEntry(a.page, 'New term', 'Term', 'Holding space');
    await openKind(b.page, 'Glossary');
    const term = (page: Page) => page.getByRole('button', { name: /Holding space/ });
    await expect.poll(() => term(b.page).count(), patience).toBe(1);
    await a.page.getByRole('button', { name: 'Delete term' }).click();
    await expect.poll(() => term(b.page).count(), patience).toBe(0);
    await b.page.getByRole('button', { name: 'Trash', exact: true }).click();
    const trash = b.page.getByRole('dialog');
    await expect.poll(() => trash.getByRole('listitem').first().innerText(), patience).toMatch(/Holding space[\s\S]*deleted by Amira/);
    await trash.getByRole('button', { name: 'Restore “Holding space”' }).click();
    await expect.poll(() => trash.getByRole('status').textContent()).toContain('is back');
    await closeDialog(b.page);
    await expect.poll(() => term(a.page).count(), patience).toBe(1);
    await expect.poll(() => term(b.page).count(), patience).toBe(1);
    await a.page.context().close();
    await b.page.context().close();
  }, 180_000);
});
