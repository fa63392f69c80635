import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, editor } from './app.js';
import { openFreshPage } from './chromium.js';
import { focused, harvestByKeyboard, tabTo } from './keyboard.js';

/**
 * A whole harvest without the mouse (issue 19): create it, fill the session header and
 * fold it, write the story with formatting and a link (Ctrl/Cmd+K), add an insight, close
 * it, and find it all there when it is opened again.
 */
const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';


describe('a whole harvest by keyboard', () => {
  it('is created, filled, written with formatting and a link, given an insight and closed without the mouse', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await openFreshPage(browser(), baseUrl);
    await page.setViewportSize({ width: 1280, height: 800 });
    context.setDefaultTimeout(20_000);
    // Create: the shortcut, a title, who may see it, Enter; focus lands in the new harvest's first field.
    await harvestByKeyboard(page, poll);
    await poll(() => focused(page)).toBe('Title');

    // The session header: method, calling question, a storyteller; then fold it.
    await tabTo(page, (name) => name === 'Method');
    await page.keyboard.press('End');
    await tabTo(page, (name) => name === 'Calling question');
    await page.keyboard.type('What did the evening teach us?');
    await page.keyboard.press('Enter');
    await tabTo(page, (name) => name === 'Storyteller’s name');
    await page.keyboard.type('Mairi');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.chips').textContent()).toContain('Mairi');
    await tabTo(page, (name) => name.startsWith('Session details'), { back: true });
    await page.keyboard.press('Enter');
    const toggle = page.getByRole('button', { name: /^Session details/ });
    await poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    const method = await page.getByLabel('Method', { exact: true }).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.textContent);
    expect(await page.locator('.session-summary').textContent()).toContain(`${method} · 1 storyteller · What did the evening teach us?`);

    // The story, with bold, a list and a link made with Ctrl/Cmd+K.
    const story = editor(page, 'Harvest story');
    await story.waitFor();
    await tabTo(page, (name) => name === 'Harvest story');
    await page.keyboard.type('We met at ');
    await page.keyboard.press(`${mod}+b`);
    await page.keyboard.type('dusk');
    await page.keyboard.press(`${mod}+b`);
    await page.keyboard.type(' by the river notes');
    for (let i = 0; i < 'river notes'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press(`${mod}+k`);
    const dialog = page.getByRole('dialog', { name: 'Link' });
    await poll(() => focused(page)).toBe('Link address');
    await page.keyboard.type('https://example.org/river');
    await page.keyboard.press('Enter');
    await poll(() => dialog.count()).toBe(0);
    await poll(() => story.evaluate((el) => el === document.activeElement)).toBe(true);
    await poll(() => story.locator('a').count()).toBe(1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- listening first');
    await poll(() => story.locator('ul li').textContent()).toBe('listening first');
    expect(await story.locator('a').count(), 'link after the list').toBe(1);

    // An insight, from the form under the story.
    await tabTo(page, (name) => name === 'What was said or noticed');
    await page.keyboard.type('Silence made room for the quieter voices.');
    await tabTo(page, (name) => name === 'Add to harvest');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.harvest-items').textContent()).toContain('Silence made room for the quieter voices.');

    expect(await story.locator('a').count(), 'link before closing').toBe(1);
    // Close it (back to the list), then open it again by keyboard: everything is there.
    await page.keyboard.press('Alt+2');
    await poll(() => page.locator('#detail-title').count()).toBe(0);
    await tabTo(page, (name) => name.startsWith('Evening circle'));
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#detail-title').textContent()).toBe('Evening circle');
    await story.waitFor();
    expect(await story.locator('strong').textContent()).toBe('dusk');
    expect(await story.locator('a').evaluate((a) => [a.textContent, a.getAttribute('href')])).toEqual(['river notes', 'https://example.org/river']);
    expect(await story.locator('ul li').textContent()).toBe('listening first');
    expect(await page.locator('.harvest-items').textContent()).toContain('Silence made room for the quieter voices.');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(problems).toEqual([]);
    await context.close();
  });
});
