import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCommunity, createEntry, editor, openKind, signedIn } from './app.js';
import { launchChromium } from './chromium.js';

// Issue 20, cross-pollination: one person in two communities offers a term and a harvest
// from one to the other. The copy says where it came from and links back; a private harvest
// is refused; a "this community" harvest goes only once the person confirms, in a sentence
// naming the other community.

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

const lewes = 'Transition Town Lewes';
const bologna = 'Orti di Bologna';

async function openCommunity(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Communities' }).getByRole('button', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('navigation', { name }).isVisible()).toBe(true);
}

/** What axe (WCAG 2.2 A and AA) finds on the screen as it is, one line per rule. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens the offer dialog of the entry shown and offers it to `to`, ticking the confirmation when asked. */
async function offer(page: Page, to: string): Promise<void> {
  await page.getByRole('button', { name: 'Offer to another community…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Offer to').selectOption({ label: to });
  await dialog.getByRole('button', { name: 'Offer', exact: true }).click();
}

describe('offering across communities', () => {
  it('offers a term and a harvest with their provenance, refuses a private harvest, and asks to confirm a "this community" one', async () => {
    const { page, context, problems } = await signedIn(browser, baseUrl, 'Amira');
    await createCommunity(page, bologna);
    await createCommunity(page, lewes);

    // A term, offered and opened in the other community.
    await openKind(page, 'Glossary');
    await createEntry(page, 'New term', 'Term', 'Holding space');
    await offer(page, bologna);
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe(`Offered to ${bologna}.`);
    await dialog.getByRole('button', { name: `Open it in ${bologna}` }).click();
    await expect.poll(() => page.getByRole('navigation', { name: bologna }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Holding space');
    await expect.poll(() => page.locator('.provenance').textContent()).toMatch(new RegExp(`^Offered from ${lewes} by Amira on .*2\\d{3}`));
    // The same term is in both now: each shows the other.
    await expect.poll(() => page.locator('.also-in').textContent()).toBe(`Also in${lewes} (Holding space)`);
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Compare definitions' }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('region').count()).toBe(2);
    await page.keyboard.press('Escape');
    // The link back opens the original, where Amira is a member too.
    await page.getByRole('button', { name: `Open the original in ${lewes}` }).click();
    await expect.poll(() => page.getByRole('navigation', { name: lewes }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Holding space');
    expect(await page.locator('.provenance').count()).toBe(0);

    // A harvest for "this community" only: refused until the confirmation naming Bologna is ticked.
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Circle on care');
    await offer(page, bologna);
    const confirmation = dialog.getByRole('checkbox');
    await confirmation.waitFor();
    expect(await violations(page)).toEqual([]);
    expect(await confirmation.evaluate((box) => box.closest('label')?.textContent)).toBe(
      `This harvest was shared with ${lewes} only. Its storytellers agreed that it may also go to ${bologna}.`,
    );
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Please confirm that its storytellers agreed');
    await confirmation.check();
    await dialog.getByRole('button', { name: 'Offer', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe(`Offered to ${bologna}.`);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    // A private harvest: the model refuses it, whatever the dialog is asked.
    await page.getByRole('button', { name: 'New harvest', exact: true }).click();
    await dialog.getByLabel('Title', { exact: true }).fill('Hard story');
    await dialog.getByRole('radio', { name: /Private to me/ }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Hard story');
    await offer(page, bologna);
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('A private harvest stays with you: it cannot be offered to another community.');
    await page.keyboard.press('Escape');

    // In Bologna: the confirmed harvest with its provenance, never the private one.
    await openCommunity(page, bologna);
    await openKind(page, 'Harvests');
    await expect.poll(() => page.getByRole('button', { name: /Circle on care/ }).count()).toBe(1);
    expect(await page.getByText('Hard story').count()).toBe(0);
    await page.getByRole('button', { name: /Circle on care/ }).click();
    await expect.poll(() => page.locator('.provenance').textContent()).toMatch(new RegExp(`^Offered from ${lewes} by Amira on `));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives a term a name in another language: refused tags say why, the entry marks its language, stories and search find it', async () => {
    const { page, context, problems } = await signedIn(browser, baseUrl, 'Amira');
    await createCommunity(page, bologna);
    await openKind(page, 'Glossary');
    await createEntry(page, 'New term', 'Term', 'Harvest');
    const add = page.getByRole('form', { name: 'Add a language' });
    await add.getByLabel('Language code (such as de or pt-BR)').fill('english!');
    await add.getByLabel('The term in that language').fill('Ernte');
    await add.getByRole('button', { name: 'Add a language' }).click();
    await expect.poll(() => add.getByRole('alert').textContent()).toBe('Please give a language code such as de, fr or pt-BR.');
    expect(await page.getByRole('group', { name: /\(de\)/ }).count()).toBe(0);
    await add.getByLabel('Language code (such as de or pt-BR)').fill('de');
    await add.getByRole('button', { name: 'Add a language' }).click();
    const german = page.getByRole('group', { name: 'German (de)' });
    await expect.poll(() => german.getByLabel('Name in German (de)').inputValue()).toBe('Ernte');
    expect(await german.getByLabel('Name in German (de)').getAttribute('lang')).toBe('de');
    const definition = editor(page, 'Definition in German (de)');
    await definition.waitFor();
    expect(await definition.getAttribute('lang')).toBe('de');
    await definition.click();
    await page.keyboard.type('Was eine Runde hervorbringt.');
    expect(await violations(page)).toEqual([]);

    // A story in German highlights the term by its German name.
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Sommerrunde');
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('Die Ernte war gut.');
    await expect.poll(() => page.locator('.glossary-term').allTextContents()).toEqual(['Ernte']);

    // And search finds the term by its German definition.
    await page.getByRole('searchbox', { name: 'Search' }).fill('hervorbringt');
    await expect
      .poll(
        () =>
          page
            .locator('.hits')
            .getByRole('button', { name: /^Harvest/ })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('offers one resource as a list of its own; the same link shows "Also in" on the entry and in search', async () => {
    const { page, context, problems } = await signedIn(browser, baseUrl, 'Amira');
    await createCommunity(page, bologna);
    await createCommunity(page, lewes);
    await openKind(page, 'Resources');
    await createEntry(page, 'New resource list', 'Title', 'Facilitation reading');
    await page.getByRole('button', { name: 'Add resource' }).click();
    const form = page.getByRole('form', { name: 'Add resource' });
    await form.getByLabel('Title', { exact: true }).fill('Art of Hosting');
    await form.getByLabel('Link', { exact: true }).fill('https://artofhosting.org/');
    await form.getByRole('button', { name: 'Add resource' }).click();
    await page.getByRole('button', { name: 'Offer “Art of Hosting” to another community…' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Offer “Art of Hosting” to another community');
    await dialog.getByLabel('Offer to').selectOption({ label: bologna });
    await dialog.getByRole('button', { name: 'Offer', exact: true }).click();
    await dialog.getByRole('button', { name: `Open it in ${bologna}` }).click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Art of Hosting');
    await expect.poll(() => page.locator('.provenance').textContent()).toMatch(new RegExp(`^Offered from ${lewes} by Amira on `));
    await expect.poll(() => page.locator('.also-in').textContent()).toBe(`Also in${lewes} (Facilitation reading)`);

    // Search: each of the two lists says where else the link is.
    await page.getByRole('searchbox', { name: 'Search' }).fill('hosting');
    const hits = page.locator('.hits > li');
    await expect.poll(() => hits.count(), { timeout: 15_000 }).toBe(2);
    await expect
      .poll(() => hits.locator('.also-in').allTextContents())
      .toEqual(expect.arrayContaining([`Also in${lewes} (Facilitation reading)`, `Also in${bologna} (Art of Hosting)`]));
    await hits
      .locator('.also-in')
      .getByRole('button', { name: `${lewes} (Facilitation reading)` })
      .click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Facilitation reading');
    expect(problems).toEqual([]);
    await context.close();
  });
});
