/**
 * The bug the story binding fixes, in the app: two people hold "The quick brown fox jumps
 * over the lazy dog."; while both are offline (the app's own pause of sync) one presses
 * Enter after "brown", the other after "over". Once they reconnect both see three lines,
 * no text twice, none lost. (With the old Y.XmlFragment binding the tail was copied:
 * "The quick brown | fox jumps over the lazy dog. | the lazy dog.")
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCommunity, createEntry, editor, inviteCode, join, openHarvest, openKind, pauseSync as pause, signedIn, syncStatus } from './app.js';
import { launchChromium } from './chromium.js';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

const fox = 'The quick brown fox jumps over the lazy dog.';

/** The story's lines as shown, without other people's caret labels. */
const lines = (page: Page) =>
  editor(page, 'Harvest story')
    .locator('p')
    .evaluateAll((paragraphs) =>
      paragraphs.map((p) => {
        const copy = p.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
        return copy.textContent;
      }),
    );

/**
 * Puts the caret after the first `count` characters of the story (as a click there would:
 * the browser's selection, which the editor follows) and presses Enter. Arrow keys would
 * also stop at other people's caret labels.
 */
async function enterAfter(page: Page, count: number): Promise<void> {
  await editor(page, 'Harvest story').click();
  await editor(page, 'Harvest story').evaluate((root, offset) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement?.closest('.collaboration-carets__caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let left = offset;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (left <= length) {
        window.getSelection()?.collapse(node, left);
        return;
      }
      left -= length;
    }
  }, count);
  await expect.poll(() => page.evaluate(() => window.getSelection()?.anchorOffset)).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
}

describe('a harvest story split in two places offline', () => {
  it('merges into three lines with nothing twice and nothing lost', async () => {
    const a = await signedIn(browser, baseUrl, 'Amira', { testHooks: true });
    await createCommunity(a.page, 'Care circle');
    await openKind(a.page, 'Harvests');
    await createEntry(a.page, 'New harvest', 'Title', 'Fox harvest');
    const code = await inviteCode(a.page);
    const b = await signedIn(browser, baseUrl, 'Giulia', { testHooks: true });
    await join(b.page, code, 'Care circle');
    await openHarvest(b.page, 'Fox harvest', { timeout: 30_000 });
    await expect.poll(() => syncStatus(a.page).textContent(), { timeout: 30_000 }).toContain('1 peer');

    await editor(a.page, 'Harvest story').click();
    await a.page.keyboard.type(fox);
    await expect.poll(() => lines(b.page), { timeout: 30_000 }).toEqual([fox]);

    await pause(a.page, true);
    await pause(b.page, true);
    await expect.poll(() => syncStatus(a.page).textContent()).toContain('Offline');
    await enterAfter(a.page, 'The quick brown '.length);
    await enterAfter(b.page, 'The quick brown fox jumps over '.length);
    expect(await lines(a.page)).toEqual(['The quick brown ', 'fox jumps over the lazy dog.']);
    expect(await lines(b.page)).toEqual(['The quick brown fox jumps over ', 'the lazy dog.']);

    await pause(a.page, false);
    await pause(b.page, false);
    const merged = ['The quick brown ', 'fox jumps over ', 'the lazy dog.'];
    for (const page of [a.page, b.page]) await expect.poll(() => lines(page), { timeout: 60_000 }).toEqual(merged);
    await a.context.close();
    await b.context.close();
  });
});
