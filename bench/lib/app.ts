import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import * as e2e from '../../tests/e2e/app.js';
// Brings in the type of window.__commonplace.
import type {} from '../../renderer/app/testHooks.js';

/**
 * Driving the app as a person does: the helpers of tests/e2e/app.ts, with timeouts for a
 * machine that also runs eight peers at once, and the few only the benchmark needs.
 */
const slow = { timeout: 60_000, interval: 50 };

export const signIn = (page: Page, name: string): Promise<void> => e2e.signIn(page, name, slow);
export const createCommunity = (page: Page, name: string): Promise<void> => e2e.createCommunity(page, name, '', slow);
export const openKind = (page: Page, kind: Parameters<typeof e2e.openKind>[1]): Promise<void> => e2e.openKind(page, kind, slow);
export const inviteCode = (page: Page): Promise<string> => e2e.inviteCode(page, slow);
export const join = (page: Page, code: string, communityName: string): Promise<void> => e2e.join(page, code, communityName, slow);

export async function createHarvest(page: Page, title: string): Promise<void> {
  await openKind(page, 'Harvests');
  await e2e.createEntry(page, 'New harvest', 'Title', title, slow);
  await storyEditorReady(page);
}

/** The editor loads on first use (a separate chunk): wait until the story's is there. */
async function storyEditorReady(page: Page): Promise<void> {
  await page.locator(`.ProseMirror[aria-label="${storyLabel}"]`).waitFor({ timeout: slow.timeout });
}

/** Opens the harvest with this title (it may first have to arrive by sync). */
export const openHarvest = (page: Page, title: string): Promise<void> => e2e.openHarvest(page, title, slow);

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
