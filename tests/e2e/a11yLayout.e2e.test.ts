import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { addTerm, chromiumForFile, createCommunity, createEntry, openKind, signIn } from './app.js';
import { openFreshPage } from './chromium.js';

/**
 * The writing surface of issue 19 under axe (WCAG 2.2 A and AA): the navigation column
 * with the community's sections, the folded and open session header, and a glossary
 * definition beside its term; in light and dark, in English and Italian.
 */
const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });


/** Each violation on one line, saying where; and proof that the rules ran on something. */
async function violations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.passes.length, screen).toBeGreaterThan(10);
  return results.violations.map((v) => `${screen}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.each(['light', 'dark'] as const)('the writing surface in %s', (theme) => {
  it('has no axe violations in English and Italian, header open and folded, with a definition shown', { timeout: 150_000 }, async () => {
    const { context, page } = await openFreshPage(browser(), baseUrl, { contextOptions: { colorScheme: theme, viewport: { width: 1280, height: 800 } }, actionTimeoutMs: 20_000 });
    await signIn(page, 'Amira Okafor', { timeout: 15_000 });
    await createCommunity(page, 'Lecturers circle', 'Teaching that changes lives', { timeout: 15_000 });
    await openKind(page, 'Glossary', { timeout: 15_000 });
    await addTerm(page, 'Holding space', 'Being present for someone without judgement.', { timeout: 15_000 });
    await openKind(page, 'Harvests', { timeout: 15_000 });
    await createEntry(page, 'New harvest', 'Title', 'Spring gathering', { timeout: 15_000 });
    await page.getByLabel('Calling question').fill('What helps us hold space for students?');
    await page.getByLabel('Calling question').press('Enter');
    // Found by place, not by name: the name changes with the language.
    const story = page.locator('.detail .rich-text');
    await story.click();
    await page.keyboard.type('We practised holding space by the river.');
    const found: string[] = [];
    found.push(...(await violations(page, `${theme}, English, session details open`)));

    const toggle = page.locator('.session-toggle');
    const tooltip = page.getByRole('tooltip');
    /** Folds the header (if open) and puts the caret in the highlighted term. */
    const foldAndPoint = async (language: string) => {
      if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
      await poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
      await story.focus();
      await page.keyboard.press('End');
      for (let i = 0; i < ' by the river.'.length + 2; i++) await page.keyboard.press('ArrowLeft');
      await poll(() => tooltip.isVisible()).toBe(true);
      found.push(...(await violations(page, `${theme}, ${language}, folded, definition shown`)));
    };
    await foldAndPoint('English');

    await page.getByRole('button', { name: /^Settings for/ }).click();
    await page.getByRole('dialog').getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it');
    await poll(() => page.locator('.session-label').textContent()).toBe('Dettagli della sessione');
    await foldAndPoint('Italian');
    await toggle.click();
    await poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    found.push(...(await violations(page, `${theme}, Italian, session details open`)));
    expect(found).toEqual([]);
    await context.close();
  });
});
