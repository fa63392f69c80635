import type { Page } from 'playwright-core';
import { expect } from 'vitest';
// Brings in the type of window.__commonplace.
import type {} from '../../renderer/app/testHooks.js';

/**
 * Driving the app as a person does, like tests/e2e/app.ts, with timeouts for a machine that
 * also runs eight peers at once.
 */
const slow = { timeout: 60_000, interval: 50 };

export async function signIn(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), slow).toContain(name);
}

export async function createCommunity(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New community' }).first().click();
  await page.getByLabel('Community name').fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect.poll(() => page.getByRole('navigation', { name }).isVisible(), slow).toBe(true);
}

export async function openKind(page: Page, kind: 'Glossary' | 'Harvests' | 'Dilemmas' | 'Resources'): Promise<void> {
  await page.getByRole('button', { name: kind, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: kind }).isVisible(), slow).toBe(true);
}

export async function createHarvest(page: Page, title: string): Promise<void> {
  await openKind(page, 'Harvests');
  await page.getByRole('button', { name: 'New harvest', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Title', { exact: true }).fill(title);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('dialog').count(), slow).toBe(0);
  await expect.poll(() => page.locator('#detail-title').textContent(), slow).toBe(title);
  await storyEditorReady(page);
}

/** The editor loads on first use (a separate chunk): wait until the story's is there. */
async function storyEditorReady(page: Page): Promise<void> {
  await page.locator(`.ProseMirror[aria-label="${storyLabel}"]`).waitFor({ timeout: slow.timeout });
}

/** Opens the harvest with this title (it may first have to arrive by sync). */
export async function openHarvest(page: Page, title: string): Promise<void> {
  await openKind(page, 'Harvests');
  const item = page.getByRole('button', { name: new RegExp(title) });
  await expect.poll(() => item.count(), slow).toBe(1);
  await item.click();
  await expect.poll(() => page.locator('#detail-title').textContent(), slow).toBe(title);
  await storyEditorReady(page);
}

export async function inviteCode(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const field = page.getByRole('dialog').getByLabel('Invite code');
  await expect.poll(() => field.inputValue(), slow).toMatch(/^cp1\./);
  const code = await field.inputValue();
  await page.keyboard.press('Escape');
  return code;
}

export async function join(page: Page, code: string, communityName: string): Promise<void> {
  await page.getByRole('button', { name: 'Join community' }).first().click();
  await page.getByRole('dialog').getByLabel('Invite code').fill(code);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect.poll(() => page.getByRole('navigation', { name: communityName }).isVisible(), slow).toBe(true);
}

/** Sets the relay in Connection settings, as a facilitator would for a large session. */
export async function useRelay(page: Page, relayUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Connection settings' }).click();
  await page.getByLabel('Relay server (Hocuspocus) for large sessions').fill(relayUrl);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('.sync-status').textContent(), slow).toContain('relay connected');
}

export async function waitForPeers(page: Page, peers: number): Promise<void> {
  const text = peers === 1 ? '1 peer' : `${peers} peers`;
  await expect.poll(() => page.locator('.sync-status').textContent(), slow).toContain(text);
}

export const storyLabel = 'Harvest story';

export { slow };
