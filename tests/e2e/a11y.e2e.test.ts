import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addResource, addTerm, chromiumForFile, createCommunity, createEntry, editor, openKind, signIn as signInAs } from './app.js';
import { openFreshPage, type FreshPage, type FreshPageOptions } from './chromium.js';
import { focused, harvestByKeyboard, tabTo } from './keyboard.js';

/**
 * Inclusive by design: no axe violations (WCAG 2.2 A and AA rules) on every main screen in
 * light and dark, a keyboard-only journey, Italian that persists, 200% text without loss,
 * reduced motion, and the screenshots in docs/screenshots.
 */
const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const screenshots = new URL('../../docs/screenshots/', import.meta.url);
/** Room for a busy machine (expect.poll's default is one second). */
const patience = { timeout: 15_000, interval: 100 };
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, patience);
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

/** A fresh profile at first run, in a 1280 x 800 window unless `display` says otherwise. */
async function fresh(display: FreshPageOptions['contextOptions'] = {}): Promise<FreshPage> {
  // Generous: this machine is shared, and a busy CPU should not fail an accessibility check.
  const opened = await openFreshPage(browser(), baseUrl, { contextOptions: { viewport: { width: 1280, height: 800 }, ...display }, actionTimeoutMs: 20_000 });
  await poll(() => opened.page.getByLabel('Your name').isVisible()).toBe(true);
  return opened;
}

const signIn = (page: Page): Promise<void> => signInAs(page, 'Amira Okafor', patience);

/** The violations axe finds, one readable line each, so a failure says what and where. */
async function axe(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  // Proof that the rules ran on this screen, not on an empty page.
  expect(results.passes.length, screen).toBeGreaterThan(10);
  return results.violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact ?? ''}) ${v.help} at ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 4)
        .join(', ')}`,
  );
}

async function shoot(page: Page, name: string, folder: URL = screenshots): Promise<void> {
  // A stable picture without waiting: Playwright finishes transitions and hides the caret.
  await page.screenshot({ path: new URL(`${name}.png`, folder).pathname, animations: 'disabled', caret: 'hide' });
}

/** Nothing wider than the window, and every control in main inside it. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = [
      ...document.querySelectorAll<HTMLElement>(
        '#main button, #main input, #main select, #main h1, #main h2, #main p, #main [contenteditable]',
      ),
    ]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.left < -1 || box.right > width + 1;
      })
      .map((el) => el.outerHTML.slice(0, 60));
    // The content scrolls on its own (only it does): it must not scroll sideways either.
    const main = document.getElementById('main');
    const mainScroll = main ? main.scrollWidth - main.clientWidth : 0;
    return { scroll: Math.max(document.documentElement.scrollWidth - width, mainScroll), outside };
  });

const exportButton = (page: Page) => page.getByRole('button', { name: 'Export', exact: true });

describe.each(['light', 'dark'] as const)('every main screen in %s', (theme) => {
  it('has no axe violations, and is pictured for the README', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await fresh({ colorScheme: theme });
    const found: string[] = [];
    // The page follows the system: its background is the theme's --bg (tokens.css).
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(theme === 'light' ? 'rgb(247, 245, 240)' : 'rgb(22, 24, 27)');

    found.push(...(await axe(page, 'first run')));
    await signIn(page);
    found.push(...(await axe(page, 'home')));
    await shoot(page, `home-${theme}`);

    await page.getByRole('button', { name: 'New community' }).first().click();
    await poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    found.push(...(await axe(page, 'new community dialog')));
    await page.keyboard.press('Escape');
    await createCommunity(page, 'Lecturers circle', 'Teaching that changes lives');

    await openKind(page, 'Glossary');
    await addTerm(page, 'Holding space', 'Being present for someone without judgement.', patience);
    await page.getByLabel('Other names').fill('holding the space');
    await page.getByLabel('Other names').press('Enter');
    await addTerm(page, 'Harvest', 'Making what a conversation produced visible and usable.', patience);
    await page.getByRole('button', { name: /Holding space/ }).click();
    found.push(...(await axe(page, 'glossary')));
    await shoot(page, `glossary-${theme}`);

    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Spring gathering');
    await page.getByLabel('Method').selectOption('world-cafe');
    await page.getByLabel('Calling question').fill('What helps us hold space for students?');
    await page.getByLabel('Calling question').press('Enter');
    await page.getByLabel('Storyteller’s name').fill('Mairi');
    await page.getByRole('button', { name: 'Add storyteller', exact: true }).click();
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('We learned about holding space for each other by the river of stories.');
    found.push(...(await axe(page, 'harvest')));
    await page.keyboard.press(`${mod}+k`);
    await poll(() => page.getByRole('dialog', { name: 'Link' }).isVisible()).toBe(true);
    found.push(...(await axe(page, 'link dialog')));
    await page.keyboard.press('Escape');
    // Pictured as a facilitator writes: the session folded to its summary line, from the top.
    await page.getByRole('button', { name: /^Session details/ }).click();
    await page.locator('#main').evaluate((el) => el.scrollTo(0, 0));
    await shoot(page, `harvest-${theme}`);

    await openKind(page, 'Dilemmas');
    await createEntry(page, 'New dilemma', 'Title', 'Marking in a hurry');
    await page.getByRole('button', { name: 'Add reflection' }).click();
    found.push(...(await axe(page, 'dilemma')));

    await openKind(page, 'Resources');
    await createEntry(page, 'New resource list', 'Title', 'Reading for facilitators');
    await addResource(page, 'The Art of Hosting', 'https://artofhosting.org', patience);
    found.push(...(await axe(page, 'resources')));

    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await poll(() => page.getByRole('dialog').getByLabel('Invite code').inputValue()).toMatch(/^cp1\./);
    found.push(...(await axe(page, 'invite dialog')));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /^Settings for/ }).click();
    await poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    found.push(...(await axe(page, 'settings dialog')));
    await page.keyboard.press('Escape');

    await page.keyboard.press(`${mod}+Shift+P`);
    await poll(() => page.getByRole('combobox', { name: 'Find a command' }).isVisible()).toBe(true);
    found.push(...(await axe(page, 'command palette')));
    await page.keyboard.press('Escape');

    // Unconditional: a check skipped when its button is missing would pass without it.
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: /Spring gathering/ }).click();
    await exportButton(page).click();
    await poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    found.push(...(await axe(page, 'export dialog')));
    await shoot(page, `export-${theme}`);
    await page.keyboard.press('Escape');

    await page.getByRole('searchbox', { name: 'Search' }).fill('river');
    await poll(() => page.getByRole('button', { name: /Spring gathering/ }).count()).toBe(1);
    found.push(...(await axe(page, 'search results')));

    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('keyboard', () => {
  it('walks from a new community to a harvest story and the export, by keyboard alone', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await fresh();
    await harvestByKeyboard(page, poll);

    // The story's editor is loaded in the background; a person tabs once it is shown.
    await editor(page, 'Harvest story').waitFor();
    await tabTo(page, (name) => name === 'Harvest story');
    await page.keyboard.type('We sat in a circle and each told a story.');
    await poll(() => editor(page, 'Harvest story').textContent()).toContain('each told a story');

    // Every stop on the way shows where focus is.
    const unmarked = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const ring = (e: Element) => getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) >= 2;
      return ring(el) || (el.closest('.editor') !== null && ring(el.closest('.editor')!)) ? null : el.outerHTML.slice(0, 80);
    });
    expect(unmarked).toBeNull();

    await tabTo(page, (name) => name === 'Export', { limit: 80 });
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('dialog').count()).toBe(0);
    // Focus goes back to the button that opened the dialog.
    await poll(() => focused(page)).toBe('Export');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leaves focus where a key sent it when that key comes before the new page takes focus', async () => {
    const { context, page } = await fresh();
    await signIn(page);
    await createCommunity(page, 'Quick keys');
    await page.keyboard.press('Alt+4');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Resources');
    // Alt+2 and then "/" in one task, as a busy machine can deliver them: the heading of the
    // new page must not take focus back from the search field "/" went to.
    await page.evaluate(() => {
      const press = (init: KeyboardEventInit): boolean => document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
      press({ key: '2', code: 'Digit2', altKey: true });
      press({ key: '/', code: 'Slash' });
    });
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Harvests');
    // Two frames and a task after: when the heading would have been focused.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await context.close();
  });

  it(
    'has shortcuts for the four kinds and search, and a command palette that is filtered and run by keyboard',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await fresh();
      await signIn(page);
      await createCommunity(page, 'Shortcut circle');

      await page.keyboard.press('Alt+1');
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Glossary');
      await poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await page.keyboard.press('Alt+3');
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dilemmas');
      await page.keyboard.press('Alt+4');
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Resources');
      await page.keyboard.press('Alt+2');
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Harvests');
      await poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      await page.keyboard.press('/');
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
      await page.keyboard.press('Escape');
      await page.locator('#main h1').focus();
      await page.keyboard.press(`${mod}+f`);
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');

      // The palette: a combobox owning a listbox, each option with its shortcut.
      await page.keyboard.press(`${mod}+k`);
      const box = page.getByRole('combobox', { name: 'Find a command' });
      await poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      const options = page.getByRole('option');
      expect(await options.count()).toBeGreaterThan(6);
      expect(await page.getByRole('option', { name: /Go to Glossary/ }).textContent()).toContain('Alt+1');
      expect(await page.getByRole('option', { name: /New harvest/ }).textContent()).toMatch(/Ctrl\+Shift\+N|⇧⌘N/);
      await page.keyboard.type('go reso');
      await poll(() => options.count()).toBe(1);
      expect(await box.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'));
      expect(await options.first().getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('Enter');
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Resources');
      await poll(() => page.getByRole('dialog').count()).toBe(0);

      // Arrows move the active option; Escape closes and gives focus back.
      await page.locator('#main h1').focus();
      await page.keyboard.press(`${mod}+k`);
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('option', { selected: true }).count()).toBe(1);
      expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('Escape');
      await poll(() => page.getByRole('dialog').count()).toBe(0);
      await poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      // A theme from the palette, said in the live region.
      await page.keyboard.press(`${mod}+k`);
      await page.keyboard.type('dark theme');
      await page.keyboard.press('Enter');
      await poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await poll(() => page.getByTestId('announcer').textContent()).toBe('Theme: Dark.');
      await context.close();
    },
  );
});

describe('settings', () => {
  it('switches the interface to Italian, keeps it after a reload, and leaves documents as written', async () => {
    const { context, page } = await fresh();
    await signIn(page);
    await createCommunity(page, 'Circle of care');
    await page.getByRole('button', { name: /^Settings for/ }).click();
    await page.getByRole('dialog').getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByRole('button', { name: 'Nuova comunità' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
    await poll(() => page.getByTestId('announcer').textContent()).toBe('Impostazioni salvate.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Raccolte');
    // Document content is never translated.
    expect(await page.getByRole('navigation', { name: 'Circle of care' }).isVisible()).toBe(true);

    await page.reload();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Raccolte');
    expect(await page.getByRole('button', { name: 'Unisciti a una comunità' }).isVisible()).toBe(true);
    await page.getByRole('searchbox', { name: 'Cerca' }).fill('nulla');
    await poll(() => page.getByRole('status').filter({ hasText: 'risultati' }).textContent()).toBe('0 risultati');

    // And back to the system's language.
    await page.getByRole('searchbox', { name: 'Cerca' }).fill('');
    await page.getByRole('button', { name: /^Impostazioni di Amira/ }).click();
    await page.getByRole('dialog').getByLabel('Lingua').selectOption('system');
    await page.getByRole('button', { name: 'Salva' }).click();
    await poll(() => page.getByRole('button', { name: 'New community' }).isVisible()).toBe(true);
    await context.close();
  });

  it('can be chosen on the welcome screen, before anything else', async () => {
    const { context, page } = await fresh();
    await page.getByLabel('Language').selectOption('it');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ti diamo il benvenuto in Commonplace');
    await page.getByLabel('Il tuo nome').fill('Giulia Rossi');
    await page.getByRole('button', { name: 'Continua' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ciao, Giulia Rossi');
    await context.close();
  });

  it('applies a light or dark theme whatever the system says, and keeps it', async () => {
    const { context, page } = await fresh({ colorScheme: 'light' });
    await signIn(page);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(247, 245, 240)');
    await page.getByRole('button', { name: /^Settings for/ }).click();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(background).toBe('rgb(22, 24, 27)');
    await poll(() => page.getByTestId('announcer').textContent()).toBe('Your settings are saved.');
    await page.reload();
    await poll(() => page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(22, 24, 27)');
    await context.close();
  });
});

describe('reading comfort', () => {
  async function populated(page: Page): Promise<void> {
    await signIn(page);
    await createCommunity(page, 'A community with quite a long name for its sidebar');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'A spring gathering by the river, with many stories');
  }

  it('reflows text enlarged to 200% at 1280 pixels wide, losing nothing', { timeout: 60_000 }, async () => {
    const { context, page } = await fresh();
    await populated(page);
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    await openKind(page, 'Glossary');
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    await context.close();
  });

  it('reflows at 200% page zoom (1280 CSS pixels shown as 640 at double size)', { timeout: 60_000 }, async () => {
    const { context, page } = await fresh({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    await populated(page);
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    await context.close();
  });

  it.each([
    { width: 1280, height: 800, room: 680 },
    { width: 1024, height: 768, room: 540 },
  ])('gives the story room at $width x $height, with unbroken 200- and 300-character words', { timeout: 60_000 }, async ({ width, height, room }) => {
    const { context, page } = await fresh({ viewport: { width, height } });
    await signIn(page);
    await createCommunity(page, 'Room to write');
    await openKind(page, 'Harvests');
    // A title is at most 200 characters; the story takes the 300-character unbroken word.
    const title = 'W'.repeat(200);
    await createEntry(page, 'New harvest', 'Title', title);
    const story = editor(page, 'Harvest story');
    await story.click();
    await page.keyboard.insertText('W'.repeat(300));
    const storyWidth = () => story.evaluate((el) => el.getBoundingClientRect().width);
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });

    // The navigation folds away, and stays folded after a reload.
    await page.getByRole('button', { name: 'Hide the navigation' }).click();
    expect(await page.getByRole('navigation', { name: 'Communities' }).count()).toBe(0);
    expect(await storyWidth()).toBeGreaterThanOrEqual(room);
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    // Only the content scrolls: the header stays at the top.
    await page.locator('#main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await page.getByRole('banner').evaluate((el) => el.getBoundingClientRect().top)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight)).toBe(0);
    await page.reload();
    const show = page.getByRole('button', { name: 'Show the navigation' });
    await poll(() => show.isVisible()).toBe(true);
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await show.click();
    await poll(() => page.getByRole('navigation', { name: 'Communities' }).isVisible()).toBe(true);

    // Writing mode: only the entry, by shortcut and from the palette.
    await page.getByRole('button', { name: new RegExp(title) }).click();
    await story.waitFor();
    await page.keyboard.press(`${mod}+Shift+E`);
    const leave = page.getByRole('button', { name: /Leave writing mode/ });
    await poll(() => leave.isVisible()).toBe(true);
    await poll(() => page.getByTestId('announcer').textContent()).toMatch(/^Writing mode\./);
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('button', { name: new RegExp(title) }).count()).toBe(0);
    expect(await storyWidth()).toBeGreaterThanOrEqual(room);
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    expect(await axe(page, `writing mode at ${width}`)).toEqual([]);
    await leave.click();
    await poll(() => page.getByRole('banner').isVisible()).toBe(true);
    await page.keyboard.press(`${mod}+Shift+P`);
    await page.keyboard.type('writing mode');
    await page.keyboard.press('Enter');
    await poll(() => leave.isVisible()).toBe(true);
    await page.keyboard.press(`${mod}+Shift+E`);
    await poll(() => leave.count()).toBe(0);
    await context.close();
  });

  it('keeps still when the system asks for reduced motion', async () => {
    const moving = await fresh({ reducedMotion: 'no-preference' });
    const still = await fresh({ reducedMotion: 'reduce' });
    const duration = (page: Page) =>
      page.getByRole('button', { name: 'Continue' }).evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(await duration(moving.page)).toContain('0.12s');
    expect(await duration(still.page)).not.toContain('0.12s');
    await moving.context.close();
    await still.context.close();
  });

  it('has one main landmark, a banner, navigation and one h1 on each screen', async () => {
    const { context, page } = await fresh();
    await signIn(page);
    await createCommunity(page, 'Landmarks');
    const count = (selector: string) => page.locator(selector).count();
    expect(await count('main')).toBe(1);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('navigation').count()).toBeGreaterThanOrEqual(2);
    expect(await count('h1')).toBe(1);
    await context.close();
  });
});

describe('right to left', () => {
  /** Signed in, with a community and a harvest, then switched to Arabic through Settings. */
  async function inArabic(): Promise<FreshPage> {
    const opened = await fresh();
    const { page } = opened;
    await signIn(page);
    await createCommunity(page, 'Circle of care');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Spring gathering');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await page.getByRole('button', { name: /^Settings for/ }).click();
    const picker = page.getByRole('dialog').getByLabel('Language');
    // Each language in its own name.
    expect(await picker.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Deutsch', 'English', 'Español', 'Français', 'Italiano', 'العربية']),
    );
    await picker.selectOption('ar');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('الحصاد');
    return opened;
  }

  it('lays Arabic out mirrored, with nothing overflowing and no axe violations', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await inArabic();
    const found: string[] = [];
    // Mirrored: the communities sidebar stands to the right of the content.
    const box = (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    const [sidebar, main] = [await box('.sidebar'), await box('#main')];
    expect(sidebar.left).toBeGreaterThanOrEqual(main.right - 1);
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    found.push(...(await axe(page, 'harvests in Arabic')));

    await page.getByRole('button', { name: 'مسرد المصطلحات', exact: true }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('مسرد المصطلحات');
    expect(await overflow(page)).toEqual({ scroll: 0, outside: [] });
    found.push(...(await axe(page, 'glossary in Arabic')));
    await page.getByRole('button', { name: 'إعدادات Amira Okafor' }).click();
    await poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    found.push(...(await axe(page, 'settings in Arabic')));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'الحصاد', exact: true }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('الحصاد');
    // A picture to look at (not one of the README's).
    await shoot(page, 'harvest-ar', new URL(`file://${tmpdir()}/`));
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('writes Arabic into a story and a bulleted list, caret at the end, bullets on the right', { timeout: 120_000 }, async () => {
    const { context, page } = await inArabic();
    // No reload: the story editor made in English takes its Arabic name when the language changes.
    await page.getByRole('button', { name: /Spring gathering/ }).click();
    const story = editor(page, 'قصة الحصاد');
    await poll(() => story.count()).toBe(1);
    await story.click();
    expect(await story.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await page.keyboard.type('حكاية من النهر');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'قائمة نقطية' }).click();
    await page.keyboard.type('أولًا نستمع');
    await page.keyboard.press('Enter');
    await page.keyboard.type('ثم نتأمل');
    await poll(() => story.locator('li').allTextContents()).toEqual(['أولًا نستمع', 'ثم نتأمل']);
    // The caret is after the last word typed…
    const beforeCaret = await page.evaluate(() => {
      const selection = window.getSelection()!;
      return selection.focusNode?.textContent?.slice(0, selection.focusOffset);
    });
    expect(beforeCaret).toBe('ثم نتأمل');
    // …and the list is indented from the right, where Arabic starts.
    const item = await story.locator('li').first().evaluate((el) => {
      const box = el.getBoundingClientRect();
      const list = el.parentElement!.getBoundingClientRect();
      return { fromRight: list.right - box.right, fromLeft: box.left - list.left };
    });
    expect(item.fromRight).toBeGreaterThan(item.fromLeft);
    expect(await axe(page, 'story in Arabic')).toEqual([]);
    await shoot(page, 'story-ar', new URL(`file://${tmpdir()}/`));
    await context.close();
  });
});
