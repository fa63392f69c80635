import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCommunity, createEntry, openKind, signedIn } from './app.js';
import { axeViolations } from './axeCheck.js';
import { browserPerFile, patientPoll } from './browserPerFile.js';

// A harvest's insights, patterns and quotes are edited where they stand and reordered by
// buttons or by keyboard (Alt+Up/Down), keeping their attribution and keeping focus.

const { browser, baseUrl } = browserPerFile();
const poll = <T>(read: () => T | Promise<T>) => patientPoll(read);

const items = (page: Page) => page.locator('.harvest-items > li');
const order = (page: Page) => items(page).evaluateAll((lis) => lis.map((li) => li.querySelector('p, blockquote')?.textContent ?? ''));
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

async function addItem(page: Page, kind: string, text: string, by = ''): Promise<void> {
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: kind });
  await page.getByLabel('What was said or noticed').fill(text);
  await page.getByLabel('Said by (optional)').fill(by);
  await page.getByRole('button', { name: 'Add to harvest' }).click();
  await poll(() => order(page)).toContain(text);
}

describe('insights, patterns and quotes', () => {
  it('are edited in place and reordered by buttons and by keyboard', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(page, 'Care circle');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Evening circle');
    await addItem(page, 'Insight', 'We listen first.');
    // Added: focus is back in the text, ready for the next thing said.
    expect(await page.getByLabel('What was said or noticed').evaluate((el) => el === document.activeElement)).toBe(true);
    await addItem(page, 'Pattern', 'Silence before speaking.');
    await addItem(page, 'Quote', 'We are not alone.', 'Luca');
    expect(await order(page)).toEqual(['We listen first.', 'Silence before speaking.', 'We are not alone.']);

    // Edit in place: the words and who said them; an emptied text is refused, Escape keeps the item.
    await page.getByRole('button', { name: 'Edit: Silence before speaking.' }).click();
    const editing = page.getByRole('form', { name: 'Edit this item' });
    await poll(() => focused(page)).toBe('Silence before speaking.');
    await editing.getByLabel('What was said or noticed').fill('  ');
    await editing.getByRole('button', { name: 'Save' }).click();
    await poll(() => editing.getByRole('alert').textContent()).toContain('Please write the insight, pattern or quote first.');
    expect(await axeViolations(page, 'harvest item being edited')).toEqual([]);
    await editing.getByLabel('What was said or noticed').press('Escape');
    await poll(() => editing.count()).toBe(0);
    expect(await order(page)).toEqual(['We listen first.', 'Silence before speaking.', 'We are not alone.']);
    await page.getByRole('button', { name: 'Edit: Silence before speaking.' }).click();
    await editing.getByLabel('What was said or noticed').fill('Silence before speaking helps.');
    await editing.getByLabel('Said by (optional)').fill('Giulia');
    await editing.getByRole('button', { name: 'Save' }).click();
    await poll(() => order(page)).toEqual(['We listen first.', 'Silence before speaking helps.', 'We are not alone.']);
    expect(await items(page).nth(1).textContent()).toContain('— Giulia');
    expect(await focused(page)).toContain('Edit');

    // Buttons: the quote moves up; the first item cannot move further up.
    await page.getByRole('button', { name: 'Move up: We are not alone.' }).click();
    await poll(() => order(page)).toEqual(['We listen first.', 'We are not alone.', 'Silence before speaking helps.']);
    expect(await page.getByRole('button', { name: 'Move up: We listen first.' }).isDisabled()).toBe(true);
    expect(await focused(page)).toBe('Move up: We are not alone.');

    // Keyboard: Alt+Up and Alt+Down move the item whose control has focus, and focus stays with it.
    await page.keyboard.press('Alt+ArrowUp');
    await poll(() => order(page)).toEqual(['We are not alone.', 'We listen first.', 'Silence before speaking helps.']);
    // First now, so "move up" is disabled: focus goes to its twin, still on the same item.
    expect(await focused(page)).toBe('Move down: We are not alone.');
    await page.getByRole('button', { name: 'Edit: We listen first.' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await poll(() => order(page)).toEqual(['We are not alone.', 'Silence before speaking helps.', 'We listen first.']);
    expect(await focused(page)).toContain('We listen first.');
    expect(await page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('“We listen first.” is now 3 of 3.'));
    expect(await items(page).first().textContent()).toContain('— Luca');
    expect(await axeViolations(page, 'harvest items')).toEqual([]);

    // The order is the document's, not the screen's.
    await page.reload();
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: /Evening circle/ }).click();
    await poll(() => order(page)).toEqual(['We are not alone.', 'Silence before speaking helps.', 'We listen first.']);
    expect(problems).toEqual([]);
    await context.close();
  });
});
