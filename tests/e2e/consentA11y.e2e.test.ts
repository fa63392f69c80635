import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCommunity, signedIn } from './app.js';
import { axeViolations } from './axeCheck.js';
import { browserPerFile, patientPoll as poll } from './browserPerFile.js';

// The new dialogs and sections (who may see a harvest, the public confirmation, editing an
// item, the dilemma journal's date, responses, withdrawing) have no axe violations in the
// dark theme and in Italian too; the other files check them in English and the light theme.

const { browser, baseUrl } = browserPerFile();
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const openDialog = (page: Page) => page.locator('dialog[open]').last();

async function palette(page: Page, filter: string): Promise<void> {
  await page.locator('#main h1').focus();
  await page.keyboard.press(`${mod}+Shift+P`);
  await page.locator('dialog[open] [role="combobox"]').fill(filter);
  await poll(() => page.locator('dialog[open] [role="option"]').count()).toBe(1);
  await page.keyboard.press('Enter');
  await poll(() => page.locator('dialog[open]').count()).toBe(0);
}

describe('consent and responses, dark and in Italian', () => {
  it('have no axe violations', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(page, 'Care circle');
    await palette(page, 'dark theme');
    await poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await palette(page, 'Italiano');
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it');
    const found: string[] = [];

    // A new harvest: who may see it, and the public confirmation over it.
    await page.keyboard.press('Alt+2');
    await poll(() => page.locator('#main h1').textContent()).toBe('Raccolte');
    await page.keyboard.press(`${mod}+Shift+N`);
    await poll(() => openDialog(page).isVisible()).toBe(true);
    await page.keyboard.type('Cerchio della sera');
    found.push(...(await axeViolations(page, 'nuova raccolta')));
    await openDialog(page).locator('.consent-public input').click();
    await poll(() => page.locator('dialog[open]').count()).toBe(2);
    found.push(...(await axeViolations(page, 'conferma pubblica')));
    await openDialog(page).locator('.actions .primary').click();
    await poll(() => page.locator('dialog[open]').count()).toBe(1);
    await openDialog(page).locator('button[type="submit"]').click();
    await poll(() => page.locator('#detail-title').textContent()).toBe('Cerchio della sera');

    // An item, being edited in place.
    const detail = page.locator('#main .detail');
    await detail.locator('form.stack textarea').last().fill('Ascoltiamo prima di parlare.');
    await detail.locator('form.stack button[type="submit"]').last().click();
    await detail.locator('[data-control="edit"]').click();
    found.push(...(await axeViolations(page, 'elemento in modifica')));
    await page.keyboard.press('Escape');

    // The dilemma journal (the date of a reflection), shared; the shared copy with its responses; withdrawing.
    await page.keyboard.press('Alt+3');
    await poll(() => page.locator('#main h1').textContent()).toBe('Dilemmi');
    await page.keyboard.press(`${mod}+Shift+N`);
    await page.keyboard.type('Segnalare o aspettare?');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#detail-title').textContent()).toBe('Segnalare o aspettare?');
    found.push(...(await axeViolations(page, 'diario')));
    await detail.locator('.danger-zone .primary').click();
    await openDialog(page).locator('.actions .primary').click();
    await poll(() => page.getByRole('button', { name: /Segnalare o aspettare\?/ }).count()).toBe(2);
    await page.getByRole('button', { name: /Segnalare o aspettare\?/ }).last().click();
    await poll(() => detail.locator('.responses').count()).toBe(1);
    await detail.locator('.responses textarea').fill('Parlerei prima con lei.');
    await detail.locator('.responses button[type="submit"]').click();
    await poll(() => detail.locator('.response').count()).toBe(1);
    found.push(...(await axeViolations(page, 'dilemma condiviso con risposte')));
    await detail.locator('.danger-zone button').first().click();
    await poll(() => openDialog(page).isVisible()).toBe(true);
    expect(await openDialog(page).textContent()).toContain('I membri conservano ciò che hanno già visto o sincronizzato');
    found.push(...(await axeViolations(page, 'ritiro')));

    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
