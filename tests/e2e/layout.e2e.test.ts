import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCommunity, createEntry, editor, openKind, signIn } from './app.js';
import { launchChromium } from './chromium.js';

/**
 * Room to write (issue 19): the story's width with the navigation shown, nothing sideways
 * with a 300-character unbroken title, the folding session header, the glossary popover.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
export const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

async function fresh(viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'en-GB', colorScheme: 'light', viewport });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(baseUrl);
  await signIn(page, 'Amira Okafor', { timeout: 15_000 });
  return { context, page, problems };
}

/** How far the page or the content scrolls sideways, and what sticks out of the window. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll<HTMLElement>('button, input, select, h1, h2, h3, p, li, span, [contenteditable]')]
      .filter((el) => el.offsetParent !== null && !el.closest('.visually-hidden'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.left < -1 || box.right > width + 1;
      })
      .map((el) => el.outerHTML.slice(0, 60));
    const scrolling = [document.documentElement, ...document.querySelectorAll<HTMLElement>('#main, .sidebar')].map((el) => el.scrollWidth - el.clientWidth);
    return { scroll: Math.max(0, ...scrolling), outside };
  });

const storyWidth = (page: Page) => editor(page, 'Harvest story').evaluate((el) => Math.round(el.getBoundingClientRect().width));

describe('room to write', () => {
  it.each([
    { width: 1280, height: 800, room: 680 },
    { width: 1024, height: 768, room: 520 },
  ])('gives the story $room px or more at $width x $height with the navigation shown, and nothing goes sideways with a 300-character title', { timeout: 90_000 }, async ({ width, height, room }) => {
    const { context, page, problems } = await fresh({ width, height });
    // Names and titles are at most 200 characters (shared/model/fields.ts): the longest allowed, unbroken.
    await createCommunity(page, 'C'.repeat(200), '', { timeout: 15_000 });
    await openKind(page, 'Harvests', { timeout: 15_000 });
    const title = 'W'.repeat(200);
    await createEntry(page, 'New harvest', 'Title', title, { timeout: 15_000 });
    await editor(page, 'Harvest story').waitFor();
    // A new person meets the room without doing anything: the navigation is shown.
    expect(await page.getByRole('navigation', { name: 'Communities' }).isVisible()).toBe(true);
    console.log(`story at ${width}:`, await storyWidth(page));
    expect(await storyWidth(page)).toBeGreaterThanOrEqual(room);
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    // A 300-character unbroken word in the story wraps too.
    await editor(page, 'Harvest story').click();
    await page.keyboard.insertText('S'.repeat(300));
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    // The list, the heading and the navigation keep the title inside their columns.
    const listItem = page.getByRole('button', { name: new RegExp(title) });
    const [item, list] = await Promise.all([listItem.boundingBox(), page.locator('.kind-list').boundingBox()]);
    expect(item!.x + item!.width).toBeLessThanOrEqual(list!.x + list!.width + 1);
    // Only the content scrolls: the header and the navigation stay.
    await page.locator('#main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await page.getByRole('banner').evaluate((el) => el.getBoundingClientRect().top)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight)).toBe(0);
    if (process.env.LAYOUT_SHOTS) await page.screenshot({ path: `/tmp/surface2/layout-${width}.png` });
    expect(problems).toEqual([]);
    await context.close();
  });
});
