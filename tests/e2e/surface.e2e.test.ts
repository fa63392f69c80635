import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, createCommunity, createEntry, editor, openKind, signedIn, withHarvest } from './app.js';

/** The writing surface a facilitator uses live: links, the toolbar, shortcuts (issue 19). */
const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

const harvest = (title: string) => withHarvest(browser(), baseUrl, { name: 'Amira Okafor', community: 'Lecturers circle', harvest: title });

const storyLinks = (page: Page) =>
  editor(page, 'Harvest story').evaluate((el) => Array.from(el.querySelectorAll('a')).map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));

describe('links in a story', () => {
  it('Ctrl/Cmd+K in the story opens an in-app link dialog; a refused address changes nothing; an empty one removes the link', { timeout: 60_000 }, async () => {
    const { context, page } = await harvest('Spring gathering');
    // Electron does not implement these: a call to one would be a silent failure in the desktop app.
    await page.evaluate(() => {
      const fail = (name: string) => () => {
        throw new Error(`${name} was called`);
      };
      window.prompt = fail('prompt');
      window.alert = fail('alert');
      window.confirm = fail('confirm');
    });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    const story = editor(page, 'Harvest story');
    await story.click();
    await page.keyboard.type('Read the river notes');
    for (let i = 0; i < 'river notes'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press(`${mod}+k`);
    const dialog = page.getByRole('dialog', { name: 'Link' });
    await poll(() => dialog.isVisible()).toBe(true);
    // Not the command palette: the editor took the key.
    expect(await page.getByRole('combobox', { name: 'Find a command' }).count()).toBe(0);
    const address = dialog.getByLabel('Link address');
    await poll(() => address.evaluate((el) => el === document.activeElement)).toBe(true);

    await address.fill('javascript:alert(1)');
    await page.keyboard.press('Enter');
    await poll(() => dialog.getByRole('alert').textContent()).toBe('Only web (http, https) and email (mailto) links can be opened.');
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await storyLinks(page)).toEqual([]);

    await address.fill('https://example.org/river');
    await page.keyboard.press('Enter');
    await poll(() => dialog.count()).toBe(0);
    await poll(() => storyLinks(page)).toEqual([{ text: 'river notes', href: 'https://example.org/river' }]);
    // Focus is back in the story, ready to type.
    expect(await story.evaluate((el) => el.contains(document.activeElement))).toBe(true);

    // The toolbar button opens the same dialog, with the current address; emptied, it removes the link.
    // The caret is after the link (so typing goes on outside it): step back into it.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await poll(() => dialog.getByLabel('Link address').inputValue()).toBe('https://example.org/river');
    await dialog.getByLabel('Link address').fill('');
    await page.keyboard.press('Enter');
    await poll(() => storyLinks(page)).toEqual([]);
    expect(await story.textContent()).toBe('Read the river notes');

    // Nothing selected: the address becomes the linked text.
    await story.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' at ');
    await page.keyboard.press(`${mod}+k`);
    await dialog.getByLabel('Link address').fill('mailto:mairi@example.org');
    await page.keyboard.press('Enter');
    await poll(() => storyLinks(page)).toEqual([{ text: 'mailto:mairi@example.org', href: 'mailto:mairi@example.org' }]);

    // The palette still opens from inside the story, with its own shortcut.
    await story.click();
    await page.keyboard.press(`${mod}+Shift+P`);
    await poll(() => page.getByRole('combobox', { name: 'Find a command' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    // And with Ctrl/Cmd+K outside the story.
    await page.locator('#main h1').focus();
    await page.keyboard.press(`${mod}+k`);
    await poll(() => page.getByRole('combobox', { name: 'Find a command' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the editor toolbar', () => {
  it('is one Tab stop; arrows, Home and End move between its buttons', { timeout: 60_000 }, async () => {
    const { context, page } = await harvest('Toolbar walk');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting for Harvest story' });
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
    await toolbar.getByRole('button', { name: 'Bold' }).focus();
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Italic');
    await page.keyboard.press('End');
    expect(await focused()).toBe('Link');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Bold');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('Link');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    // One Tab leaves the toolbar for the story; Shift+Tab comes back to the button last used.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Harvest story');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Italic');
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
    await context.close();
  });
});

describe('typing shortcuts', () => {
  it('turns "- ", "1. ", "> " and "# " into a list, a numbered list, a quote and a heading, typed at 10 ms a key', { timeout: 90_000 }, async () => {
    const { context, page } = await harvest('Fast hands');
    const story = editor(page, 'Harvest story');
    await story.click();
    const rounds = 6;
    // The first key of each new line comes right after Enter, with no pause: Chromium once
    // left the caret before it and the rest of the line went in front (storyBinding.ts).
    const enter = (): Promise<void> => page.keyboard.press('Enter');
    for (let round = 0; round < rounds; round++) {
      await page.keyboard.type(`- point ${round}`, { delay: 10 });
      await enter();
      await enter(); // leaves the list
      await page.keyboard.type(`1. step ${round}`, { delay: 10 });
      await enter();
      await enter();
      await page.keyboard.type(`> said ${round}`, { delay: 10 });
      await enter();
      await enter();
      await page.keyboard.type(`# part ${round}`, { delay: 10 });
      await enter();
    }
    const shape = await story.evaluate((el) => ({
      bullets: [...el.querySelectorAll('ul > li')].map((li) => li.textContent),
      numbered: [...el.querySelectorAll('ol > li')].map((li) => li.textContent),
      quotes: [...el.querySelectorAll('blockquote')].map((q) => q.textContent),
      headings: [...el.querySelectorAll('h1, h2, h3')].map((h) => h.textContent),
    }));
    const each = (word: string) => Array.from({ length: rounds }, (_, round) => `${word} ${round}`);
    expect(shape).toEqual({ bullets: each('point'), numbered: each('step'), quotes: each('said'), headings: each('part') });
    await context.close();
  });
});

describe('pasting from a web page or Word', () => {
  it('pastes a table as one line per row and leaves pictures out, saying so politely', { timeout: 60_000 }, async () => {
    const { context, page } = await harvest('Pasted notes');
    const story = editor(page, 'Harvest story');
    await story.click();
    // A paste event as the browser sends it, with the clipboard's HTML.
    const paste = (html: string) =>
      story.evaluate((el, pasted) => {
        const data = new DataTransfer();
        data.setData('text/html', pasted);
        data.setData('text/plain', 'plain');
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, html);
    await paste('<p>Table from the workshop</p><table><tr><th>Who</th><th>Said</th></tr><tr><td>Mairi</td><td>Listen first</td></tr></table><p>A <img src="https://example.org/river.png" alt="river"> picture</p>');
    await poll(() => story.evaluate((el) => [...el.querySelectorAll('p')].map((p) => p.textContent))).toEqual([
      'Table from the workshop',
      'Who · Said',
      'Mairi · Listen first',
      'A picture',
    ]);
    expect(await story.locator('img, table').count()).toBe(0);
    const announcer = page.getByTestId('announcer');
    await poll(() => announcer.textContent()).toBe('The table was pasted as text: one line per row. The picture was left out: a story holds text only.');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    await context.close();
  });
});

describe('after creating', () => {
  it.each([
    ['Glossary', 'New term', 'Term', 'Holding space'],
    ['Harvests', 'New harvest', 'Title', 'Spring gathering'],
    ['Dilemmas', 'New dilemma', 'Title', 'Marking in a hurry'],
    ['Resources', 'New resource list', 'Title', 'Reading for facilitators'],
  ] as const)('%s: focus goes to the new entry’s first field', { timeout: 60_000 }, async (kind, button, field, value) => {
    const { context, page } = await signedIn(browser(), baseUrl);
    await createCommunity(page, 'Focus circle');
    await openKind(page, kind);
    await createEntry(page, button, field, value);
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        const first = document.querySelector('#main .detail :is(input, textarea, select, [contenteditable="true"]):not([disabled])');
        return { inDetail: Boolean(active?.closest('#main .detail')), first: active === first, tag: active?.tagName };
      });
    await poll(focused).toMatchObject({ inDetail: true, first: true });
    await context.close();
  });

  it('a refused name keeps the dialog open and the focus in it, creating nothing', { timeout: 60_000 }, async () => {
    const { context, page } = await harvest('Only one');
    await page.getByRole('button', { name: 'New harvest', exact: true }).click();
    await page.getByRole('dialog').getByLabel('Title', { exact: true }).fill('W'.repeat(201));
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('dialog').getByRole('alert').isVisible()).toBe(true);
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('list', { name: 'Harvests' }).getByRole('listitem').count()).toBe(1);
    await context.close();
  });
});

describe('presence in what is private', () => {
  it('publishes no caret while writing in a private harvest, and does in a community one', { timeout: 60_000 }, async () => {
    const { context, page } = await signedIn(browser(), baseUrl, 'Amira Okafor', { testHooks: true });
    await createCommunity(page, 'Presence circle');
    await openKind(page, 'Harvests');
    const ownCaret = () =>
      page.evaluate(async () => {
        const workspace = window.__commonplace?.workspace;
        const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
        return Boolean((opened?.sync?.awareness.getLocalState() as { cursor?: unknown } | null)?.cursor);
      });

    await createEntry(page, 'New harvest', 'Title', 'Shared notes');
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('Seen by the circle.');
    await poll(ownCaret).toBe(true);

    await page.getByRole('button', { name: 'New harvest', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title', { exact: true }).fill('My own notes');
    await dialog.getByRole('radio', { name: /Private to me/ }).check();
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await poll(() => page.locator('#detail-title').textContent()).toBe('My own notes');
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('Only for me.');
    await poll(() => editor(page, 'Harvest story').textContent()).toBe('Only for me.');
    expect(await ownCaret()).toBe(false);
    await context.close();
  });
});
