import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { addTerm, chooseColour, chromiumForFile, createCommunity, createEntry, editor, inviteCode, join, openHarvest, openKind, signIn } from './app.js';
import { openFreshPage, type FreshPage } from './chromium.js';

/**
 * Room to write (issue 19): the story's width with the navigation shown, nothing sideways
 * with a 300-character unbroken title, the folding session header, the glossary popover.
 */
const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });


async function fresh(viewport = { width: 1280, height: 800 }): Promise<FreshPage> {
  const opened = await openFreshPage(browser(), baseUrl, { contextOptions: { viewport }, actionTimeoutMs: 20_000 });
  await signIn(opened.page, 'Amira Okafor', { timeout: 15_000 });
  return opened;
}

async function inCommunity(): Promise<Awaited<ReturnType<typeof fresh>>> {
  const opened = await fresh();
  await createCommunity(opened.page, 'Lecturers circle', '', { timeout: 15_000 });
  return opened;
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
    const scrolling = [document.documentElement, ...document.querySelectorAll<HTMLElement>('#main, .sidebar')].map(
      (el) => el.scrollWidth - el.clientWidth,
    );
    return { scroll: Math.max(0, ...scrolling), outside };
  });

const storyWidth = (page: Page) => editor(page, 'Harvest story').evaluate((el) => Math.round(el.getBoundingClientRect().width));

describe('room to write', () => {
  it.each([
    { width: 1280, height: 800, room: 680 },
    { width: 1024, height: 768, room: 520 },
  ])(
    'gives the story $room px or more at $width x $height with the navigation shown, and nothing goes sideways with a 300-character title',
    { timeout: 90_000 },
    async ({ width, height, room }) => {
      const { context, page, problems } = await fresh({ width, height });
      // Names and titles are at most 200 characters (shared/model/fields.ts): the longest allowed, unbroken.
      await createCommunity(page, 'C'.repeat(200), '', { timeout: 15_000 });
      await openKind(page, 'Harvests', { timeout: 15_000 });
      const title = 'W'.repeat(200);
      await createEntry(page, 'New harvest', 'Title', title, { timeout: 15_000 });
      await editor(page, 'Harvest story').waitFor();
      // A new person meets the room without doing anything: the navigation is shown.
      expect(await page.getByRole('navigation', { name: 'Communities' }).isVisible()).toBe(true);
      expect(await storyWidth(page)).toBeGreaterThanOrEqual(room);
      expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
      // A 300-character unbroken calling question: the folded summary keeps it to one line.
      await page.getByLabel('Calling question').fill('Q'.repeat(300));
      await page.getByLabel('Calling question').press('Enter');
      await page.getByRole('button', { name: /^Session details/ }).click();
      await poll(() => page.getByRole('button', { name: /^Session details/ }).getAttribute('aria-expanded')).toBe('false');
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
    },
  );
});

describe('the session header', () => {
  it('folds the session details into one summary line, by mouse or keyboard, remembered on this device', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await inCommunity();
    await openKind(page, 'Harvests', { timeout: 15_000 });
    await createEntry(page, 'New harvest', 'Title', 'Spring gathering', { timeout: 15_000 });
    await page.getByLabel('Method').selectOption('world-cafe');
    await page.getByLabel('Calling question').fill('What helps us hold space?');
    await page.getByLabel('Calling question').press('Enter');
    await page.getByLabel('Storyteller’s name').fill('Mairi');
    await page.getByRole('button', { name: 'Add storyteller', exact: true }).click();
    const toggle = page.getByRole('button', { name: /^Session details/ });
    const storyTop = () => editor(page, 'Harvest story').evaluate((el) => Math.round(el.getBoundingClientRect().top));
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const openTop = await storyTop();

    // Folded: one line says the session; its fields are out of sight and out of the Tab order.
    await toggle.click();
    await poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    const summary = page.locator('.session-summary');
    const today = await page.evaluate(() => new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }));
    expect(await summary.textContent()).toBe(`${today} · World Café · 1 storyteller · What helps us hold space?`);
    expect(await summary.evaluate((el) => el.getClientRects().length)).toBe(1);
    expect(await page.getByLabel('Calling question').isVisible()).toBe(false);
    const foldedTop = await storyTop();
    expect(openTop - foldedTop).toBeGreaterThan(200);

    // Remembered on this device, for every harvest.
    await page.reload();
    await openHarvest(page, 'Spring gathering');
    await poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await createEntry(page, 'New harvest', 'Title', 'Autumn gathering', { timeout: 15_000 });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.session-summary').textContent()).toBe(`${today} · Circle`);

    // By keyboard: Enter and Space open and fold it, focus stays on it.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByLabel('Calling question').isVisible()).toBe(true);
    await page.keyboard.press('Space');
    await poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a glossary term in a story', () => {
  it('shows its definition beside the term on hover and with the caret in it; Escape closes it', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await inCommunity();
    await openKind(page, 'Glossary', { timeout: 15_000 });
    await addTerm(page, 'Holding space', 'Being present for someone without judgement.', { timeout: 15_000 });
    await openKind(page, 'Harvests', { timeout: 15_000 });
    await createEntry(page, 'New harvest', 'Title', 'Spring gathering', { timeout: 15_000 });
    const story = editor(page, 'Harvest story');
    await story.click();
    await page.keyboard.type('We practised holding space by the river, all afternoon long.');
    const term = page.locator('.glossary-term', { hasText: 'holding space' });
    await poll(() => term.count()).toBe(1);
    const tooltip = page.getByRole('tooltip');
    // The caret is at the end, not in the term: nothing shows.
    expect(await tooltip.count()).toBe(0);

    /** Where the definition stands against the term and the editor. */
    const placement = async () => {
      const [word, tip, box] = await Promise.all([term.boundingBox(), tooltip.boundingBox(), page.locator('.editor').boundingBox()]);
      return {
        underTheTerm: tip!.y >= word!.y + word!.height - 1 && tip!.y <= word!.y + word!.height + 12,
        besideTheTerm: tip!.x <= word!.x + word!.width && tip!.x + tip!.width >= word!.x,
        insideTheEditor: tip!.x >= box!.x - 1 && tip!.x + tip!.width <= box!.x + box!.width + 1 && tip!.y < box!.y + box!.height,
      };
    };
    const beside = { underTheTerm: true, besideTheTerm: true, insideTheEditor: true };

    // Hover.
    await term.hover();
    await poll(() => tooltip.textContent()).toBe('Holding space Being present for someone without judgement.');
    expect(await placement()).toEqual(beside);
    await page.mouse.move(5, 5);
    await poll(() => tooltip.count()).toBe(0);

    // Keyboard: the caret walks into the term.
    await story.focus();
    await page.keyboard.press('End');
    const back = 'by the river, all afternoon long.'.length + 3;
    for (let i = 0; i < back; i++) await page.keyboard.press('ArrowLeft');
    await poll(() => tooltip.textContent()).toBe('Holding space Being present for someone without judgement.');
    expect(await placement()).toEqual(beside);
    expect(await story.getAttribute('aria-describedby')).toBe(await tooltip.getAttribute('id'));
    await page.keyboard.press('Escape');
    await poll(() => tooltip.count()).toBe(0);
    expect(await story.getAttribute('aria-describedby')).toBeNull();
    // Escape only closed it: the caret is where it was, the story unchanged.
    await page.keyboard.type('X');
    expect(await story.textContent()).toContain('holding spaXce by the river');
    // Out of the term, nothing shows; back in, it shows again.
    await page.keyboard.press('End');
    await poll(() => tooltip.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('colours of the people here', () => {
  it('shows two people who chose the same colour in distinct colours, the same on both screens, without changing their choice', { timeout: 150_000 }, async () => {
    const raspberry = 'rgb(180, 35, 107)';
    /** Signed in, with colour 1 (raspberry) chosen in Settings. */
    const person = async (name: string) => {
      const opened = await fresh();
      await opened.page.getByRole('button', { name: /^Settings for/ }).click();
      await opened.page.getByRole('dialog').getByLabel('Your name').fill(name);
      await opened.page.getByRole('button', { name: 'Save' }).click();
      await poll(() => opened.page.getByRole('dialog').count()).toBe(0);
      await chooseColour(opened.page, 1, { timeout: 15_000 });
      return opened;
    };
    const a = await person('Amira');
    await createCommunity(a.page, 'Care circle', '', { timeout: 15_000 });
    await openKind(a.page, 'Harvests', { timeout: 15_000 });
    await createEntry(a.page, 'New harvest', 'Title', 'Live harvest', { timeout: 15_000 });
    const code = await inviteCode(a.page, { timeout: 15_000 });
    const b = await person('Giulia');
    await join(b.page, code, 'Care circle', { timeout: 30_000 });
    for (const page of [a.page, b.page]) await openHarvest(page, 'Live harvest', { timeout: 30_000 });

    /** Each present person's name and shown colour, in "Who's here". */
    const shown = (page: Page) =>
      page.locator('.who-is-here li').evaluateAll((items) =>
        Object.fromEntries(items.map((li) => [li.querySelector('.who-name')!.textContent.replace(/ \(you\)$/, ''), getComputedStyle(li.querySelector('.swatch')!).backgroundColor])),
      );
    await poll(async () => Object.keys(await shown(a.page)).sort()).toEqual(['Amira', 'Giulia']);
    await poll(async () => Object.keys(await shown(b.page)).sort()).toEqual(['Amira', 'Giulia']);
    const onA = await shown(a.page);
    // Amira came first and keeps her raspberry; Giulia is shown in another colour, on both screens.
    expect(onA.Amira).toBe(raspberry);
    expect(onA.Giulia).not.toBe(raspberry);
    expect(await shown(b.page)).toEqual(onA);

    // Her caret on Amira's screen is in the colour she is shown in.
    await editor(b.page, 'Harvest story').click();
    await b.page.keyboard.type('Giulia was here.');
    const caret = a.page.locator('.collaboration-carets__label', { hasText: 'Giulia' });
    await poll(() => caret.count()).toBe(1);
    expect(await caret.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(onA.Giulia);

    // Only the display changed: both still have the colour they chose.
    for (const page of [a.page, b.page]) {
      expect(await page.locator('.app-header .who .swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(raspberry);
    }
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
