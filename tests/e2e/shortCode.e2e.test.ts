import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type RunningWebServer } from '../../electron/services/webServer.js';
import type { SignalingLimits } from '../../electron/services/signaling.js';
import { SHORT_CODE_ALPHABET } from '../../shared/protocol/shortCode.js';
import { createCommunity, createEntry, openKind, signedIn } from './app.js';
import { launchChromium } from './chromium.js';
import { axeViolations } from './shortCodeKit.js';

/**
 * The short code for people in the room, end to end: two browser contexts (two people),
 * the app as built, and the real web server with its signaling endpoint at /signal, started
 * here so each test has its own signaling limits and counts.
 */

let browser: Browser;
const servers: RunningWebServer[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await browser.close();
});

async function site(limits: Partial<SignalingLimits> = {}): Promise<string> {
  const server = await startWebServer({ root: path.resolve('dist/renderer'), port: 0, signaling: { limits } });
  servers.push(server);
  return server.url;
}

/** A host with a community and a harvest; its Invite dialog open with a fresh short code shown. */
async function hostWithShortCode(url: string) {
  const host = await signedIn(browser, url, 'Amira');
  await createCommunity(host.page, 'Care circle');
  await openKind(host.page, 'Harvests');
  await createEntry(host.page, 'New harvest', 'Title', 'Harvest from the room');
  await host.page.getByRole('button', { name: 'Invite', exact: true }).click();
  const dialog = host.page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Make a short code' }).click();
  await expect.poll(() => dialog.getByRole('status').filter({ hasText: 'Waiting for someone to type it.' }).count(), { timeout: 15_000 }).toBe(1);
  const code = (await dialog.locator('.short-code-value').textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
  expect(await dialog.getByText(/^Valid for \d{1,2}:\d\d$/).count()).toBe(1);
  return { ...host, code, dialog };
}

/** Types a code into the Join dialog and presses Join; the dialog stays open. */
async function typeCode(page: Page, code: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  if ((await dialog.count()) === 0) await page.getByRole('button', { name: 'Join community' }).first().click();
  await dialog.getByLabel('Invite code').fill(code);
  await dialog.getByRole('button', { name: 'Join', exact: true }).click();
}

const joinError = (page: Page) => page.getByRole('dialog').getByRole('alert');

/** Another secret with the same nameplate: the wrong guess of someone who heard the first four characters. */
function wrongSecret(code: string): string {
  const last = code.at(-1) ?? '0';
  const other = SHORT_CODE_ALPHABET[(SHORT_CODE_ALPHABET.indexOf(last) + 1) % SHORT_CODE_ALPHABET.length] ?? '0';
  return `${code.slice(0, -1)}${other}`;
}

describe('short code for people in the room', () => {
  it('the right code brings the invite through the signaling endpoint; the joiner meets the community', async () => {
    const url = await site();
    const host = await hostWithShortCode(url);
    const guest = await signedIn(browser, url, 'Giulia');
    // Typed as a person might: lower case, spaces instead of dashes.
    await typeCode(guest.page, host.code.toLowerCase().replace(/-/g, ' '));
    const dialog = guest.page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('The short code worked.', { exact: false }).count(), { timeout: 20_000 }).toBe(1);
    // The long invite took its place, with the usual choice about the servers it names.
    expect(await dialog.getByLabel('Invite code').inputValue()).toMatch(/^cp1\./);
    await dialog.getByLabel('Connect through these servers').check();
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => guest.page.getByRole('navigation', { name: 'Care circle' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => host.dialog.getByRole('status').filter({ hasText: 'Used: the invite was sent.' }).count()).toBe(1);
    // And the community really arrives by sync.
    await openKind(guest.page, 'Harvests', { timeout: 30_000 });
    await expect.poll(() => guest.page.getByRole('button', { name: /Harvest from the room/ }).count(), { timeout: 30_000 }).toBe(1);

    // Used once: the same code again is refused with a clear message, and nothing changes.
    const late = await signedIn(browser, url, 'Tomás');
    await typeCode(late.page, host.code);
    await expect.poll(() => joinError(late.page).textContent(), { timeout: 20_000 }).toBe('That short code has already been used. Ask for a new one.');
    expect(await late.page.getByRole('navigation', { name: 'Care circle' }).count()).toBe(0);
    for (const context of [host.context, guest.context, late.context]) await context.close();
  });

  it('a wrong code fails with a clear message, changes nothing, and burns the code for everyone', async () => {
    const url = await site();
    const host = await hostWithShortCode(url);
    const guesser = await signedIn(browser, url, 'Mallory');
    await typeCode(guesser.page, wrongSecret(host.code));
    await expect.poll(() => joinError(guesser.page).textContent(), { timeout: 20_000 }).toBe('That short code is not right, and it can no longer be used. Ask for a new one.');
    expect(await axeViolations(guesser.page)).toEqual([]);
    expect(await guesser.page.getByRole('dialog').getByLabel('Invite code').inputValue()).toBe(wrongSecret(host.code));
    expect(await guesser.page.getByRole('navigation', { name: 'Care circle' }).count()).toBe(0);
    // The inviter is told, and the code is spent.
    await expect.poll(() => host.dialog.getByRole('status').filter({ hasText: 'Someone tried a wrong code; make a new one.' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await axeViolations(host.page)).toEqual([]);

    // Even the right code is now refused.
    const guest = await signedIn(browser, url, 'Giulia');
    await typeCode(guest.page, host.code);
    await expect.poll(() => joinError(guest.page).textContent(), { timeout: 20_000 }).toBe(
      'Someone already tried a wrong code, so that short code can no longer be used. Ask for a new one.',
    );
    expect(await guest.page.getByRole('navigation', { name: 'Care circle' }).count()).toBe(0);

    // A new code works.
    await host.dialog.getByRole('button', { name: 'Make a new short code' }).click();
    await expect.poll(() => host.dialog.locator('.short-code-value').textContent()).not.toBe(host.code);
    await expect.poll(() => host.dialog.getByRole('status').filter({ hasText: 'Waiting for someone to type it.' }).count(), { timeout: 15_000 }).toBe(1);
    const fresh = (await host.dialog.locator('.short-code-value').textContent()) ?? '';
    await typeCode(guest.page, fresh);
    await expect.poll(() => guest.page.getByRole('dialog').getByText('The short code worked.', { exact: false }).count(), { timeout: 20_000 }).toBe(1);
    for (const context of [host.context, guesser.context, guest.context]) await context.close();
  });

  it('a code nobody offers, and a malformed one, are refused clearly', async () => {
    const url = await site();
    const guest = await signedIn(browser, url, 'Giulia');
    await typeCode(guest.page, '7KQ4-M2P');
    await expect.poll(() => joinError(guest.page).textContent()).toBe('That is not a short code. A short code has 10 letters and digits, like 7KQ4-M2P-9RW.');
    await typeCode(guest.page, '7KQ4-M2P-9RW');
    await expect.poll(() => joinError(guest.page).textContent(), { timeout: 20_000 }).toBe(
      'Nobody here is offering that short code. Check it, or ask for a new one: codes last 10 minutes.',
    );
    await guest.context.close();
  });

  it('the signaling server refuses a flood of attempts from one address', async () => {
    const url = await site({ codeAttemptsPerAddress: 3, codeAttemptWindowMs: 10 * 60 * 1000 });
    const guesser = await signedIn(browser, url, 'Mallory');
    for (const code of ['AAAA-000-001', 'BBBB-000-002', 'CCCC-000-003']) {
      await typeCode(guesser.page, code);
      await expect.poll(() => joinError(guesser.page).textContent(), { timeout: 20_000 }).toMatch(/^Nobody here is offering/);
    }
    await typeCode(guesser.page, 'DDDD-000-004');
    await expect.poll(() => joinError(guesser.page).textContent(), { timeout: 20_000 }).toBe(
      'Too many short-code attempts from this device. Wait a few minutes, or use the long invite code.',
    );
    // An inviter behind the same address is refused a new code too, and says so.
    const host = await signedIn(browser, url, 'Amira');
    await createCommunity(host.page, 'Care circle');
    await host.page.getByRole('button', { name: 'Invite', exact: true }).click();
    await host.page.getByRole('dialog').getByRole('button', { name: 'Make a short code' }).click();
    await expect.poll(() => host.page.getByRole('dialog').getByRole('status').filter({ hasText: 'Too many short codes from this device for now.' }).count(), { timeout: 15_000 }).toBe(1);
    await guesser.context.close();
    await host.context.close();
  });
});
