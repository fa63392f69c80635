/**
 * The bug the story binding fixes, in the app: two people hold "The quick brown fox jumps
 * over the lazy dog."; while both are offline (the app's own pause of sync) one presses
 * Enter after "brown", the other after "over". Once they reconnect both see three lines,
 * no text twice, none lost. (With the old Y.XmlFragment binding the tail was copied:
 * "The quick brown | fox jumps over the lazy dog. | the lazy dog.")
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, editor, twoInOneHarvest, workOffline } from './app.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

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

/** Two people in one new harvest (Amira made it, Giulia joined), with the test hooks to pause sync. */
const inOneHarvest = (harvest: string) => twoInOneHarvest(browser(), baseUrl, { harvest, testHooks: true });

describe('a harvest story that had no words yet, written by two people offline (issue 14.2)', () => {
  it("keeps both people's words, once each", async () => {
    const { a, b } = await inOneHarvest('Empty harvest');
    await workOffline([a.page, b.page]);
    await editor(a.page, 'Harvest story').click();
    await a.page.keyboard.type('Amira heard about the allotment.');
    await editor(b.page, 'Harvest story').click();
    await b.page.keyboard.type('Giulia heard about the river.');

    await workOffline([a.page, b.page], false);
    // Both typed at the same place (the start of an empty story), so the merge puts one
    // sentence before the other, in the same order for both; what matters is that each is
    // there exactly once.
    const count = (text: string, words: string) => text.split(words).length - 1;
    const story = async (page: Page) => (await lines(page)).join('\n');
    for (const page of [a.page, b.page]) {
      await expect.poll(async () => [count(await story(page), 'Amira heard about the allotment.'), count(await story(page), 'Giulia heard about the river.')], { timeout: 60_000 }).toEqual([1, 1]);
    }
    expect(await story(a.page)).toBe(await story(b.page));
    await a.context.close();
    await b.context.close();
  });
});

describe('a harvest story split in two places offline', () => {
  it('merges into three lines with nothing twice and nothing lost', async () => {
    const { a, b } = await inOneHarvest('Fox harvest');

    await editor(a.page, 'Harvest story').click();
    await a.page.keyboard.type(fox);
    await expect.poll(() => lines(b.page), { timeout: 30_000 }).toEqual([fox]);

    await workOffline([a.page, b.page]);
    await enterAfter(a.page, 'The quick brown '.length);
    await enterAfter(b.page, 'The quick brown fox jumps over '.length);
    expect(await lines(a.page)).toEqual(['The quick brown ', 'fox jumps over the lazy dog.']);
    expect(await lines(b.page)).toEqual(['The quick brown fox jumps over ', 'the lazy dog.']);

    await workOffline([a.page, b.page], false);
    const merged = ['The quick brown ', 'fox jumps over ', 'the lazy dog.'];
    for (const page of [a.page, b.page]) await expect.poll(() => lines(page), { timeout: 60_000 }).toEqual(merged);
    await a.context.close();
    await b.context.close();
  });
});
