import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openFreshPage, type FreshPage, type FreshPageOptions } from './chromium.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';

/**
 * How long the helpers wait for the app to show what they did: Vitest's default here; the
 * benchmark passes a longer one, for a machine that also runs eight peers at once.
 */
export interface Patience {
  readonly timeout?: number;
  readonly interval?: number;
}

/**
 * The Chromium a test file drives: launched before the file's tests and closed after them
 * (one per file, so files run side by side). Call the returned function inside a test.
 */
export function chromiumForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is launched in beforeAll: ask for the browser inside a test, not while the file loads.');
    return browser;
  };
}

/** A fresh profile that has passed first run with `name`. */
export async function signedIn(browser: Browser, baseUrl: string, name = 'Amira Okafor', options: FreshPageOptions = {}): Promise<FreshPage> {
  const fresh = await openFreshPage(browser, baseUrl, options);
  await signIn(fresh.page, name);
  return fresh;
}

/** Passes first run with `name`. */
export async function signIn(page: Page, name: string, patience: Patience = {}): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), patience).toContain(name);
}

/** Chooses colour `number` (1 to 8) in Settings, as a person would, and saves. */
export async function chooseColour(page: Page, number: number, patience: Patience = {}): Promise<void> {
  await page.getByRole('button', { name: /^Settings for/ }).click();
  await page.getByRole('dialog').getByLabel(`Colour ${number}`, { exact: true }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.getByRole('dialog').count(), patience).toBe(0);
}

export async function createCommunity(page: Page, name: string, domain = '', patience: Patience = {}): Promise<void> {
  await page.getByRole('button', { name: 'New community' }).first().click();
  await page.getByLabel('Community name').fill(name);
  if (domain) await page.getByLabel('What we share a concern for').fill(domain);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect.poll(() => page.getByRole('navigation', { name }).isVisible(), patience).toBe(true);
}

export async function openKind(page: Page, kind: 'Glossary' | 'Harvests' | 'Dilemmas' | 'Resources', patience: Patience = {}): Promise<void> {
  await page.getByRole('button', { name: kind, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: kind }).isVisible(), patience).toBe(true);
}

/**
 * Creates an entry through its "New …" dialog, typing the name and pressing Enter. A harvest
 * asks who may see it first (nothing is pre-selected): `consent` is the level's label.
 */
export async function createEntry(page: Page, button: string, field: string, value: string, options: Patience & { consent?: string } = {}): Promise<void> {
  const { consent = 'This community', ...patience } = options;
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('dialog').getByLabel(field, { exact: true }).fill(value);
  if (button === 'New harvest') await page.getByRole('dialog').getByRole('radio', { name: new RegExp(consent) }).check();
  await page.getByRole('dialog').getByLabel(field, { exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('dialog').count(), patience).toBe(0);
  await expect.poll(() => page.locator('#detail-title').textContent(), patience).toBe(value);
}

/**
 * Opens the harvest with this title (it may first have to arrive by sync) and waits for its
 * story's editor, which loads on first use.
 */
export async function openHarvest(page: Page, title: string, patience: Patience = {}): Promise<void> {
  await openKind(page, 'Harvests', patience);
  const item = page.getByRole('button', { name: new RegExp(title) });
  await expect.poll(() => item.count(), patience).toBe(1);
  await item.click();
  await expect.poll(() => page.locator('#detail-title').textContent(), patience).toBe(title);
  await editor(page, 'Harvest story').waitFor({ timeout: patience.timeout });
}

/** Adds a glossary term through "New term" and writes its definition (the Glossary is open). */
export async function addTerm(page: Page, term: string, definition: string, patience: Patience = {}): Promise<void> {
  await createEntry(page, 'New term', 'Term', term, patience);
  await editor(page, 'Definition').click();
  await page.keyboard.type(definition);
}

/** Adds a resource with a link to the open resource list, and waits for its link to show. */
export async function addResource(page: Page, title: string, link: string, patience: Patience = {}): Promise<void> {
  await page.getByRole('button', { name: 'Add resource' }).click();
  await page.getByLabel('Title', { exact: true }).last().fill(title);
  await page.getByLabel('Link').fill(link);
  await page.getByRole('button', { name: 'Add resource' }).click();
  await expect.poll(() => page.getByRole('link', { name: title }).isVisible(), patience).toBe(true);
}

export function editor(page: Page, name: string) {
  return page.getByRole('textbox', { name, exact: true });
}

/** Opens the Invite dialog and returns the code it shows. */
export async function inviteCode(page: Page, patience: Patience = {}): Promise<string> {
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const field = page.getByRole('dialog').getByLabel('Invite code');
  await expect.poll(() => field.inputValue(), patience).toMatch(/^cp1\./);
  const code = await field.inputValue();
  await page.keyboard.press('Escape');
  return code;
}

/**
 * Joins with a code through the "Join community" dialog, as someone who trusts their
 * inviter: the servers the invite names are ticked (they are off unless chosen).
 */
export async function join(page: Page, code: string, communityName: string, options: Patience & { useServers?: boolean } = {}): Promise<void> {
  const { useServers = true, ...patience } = options;
  await page.getByRole('button', { name: 'Join community' }).first().click();
  await page.getByRole('dialog').getByLabel('Invite code').fill(code);
  const servers = page.getByRole('dialog').getByLabel('Connect through these servers');
  if (useServers && (await servers.count()) > 0) await servers.check();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect.poll(() => page.getByRole('navigation', { name: communityName }).isVisible(), patience).toBe(true);
}

export function syncStatus(page: Page) {
  return page.locator('.sync-status');
}

/** The text of a rich-text editor, without other people's caret labels. */
export function editorText(page: Page, name: string): Promise<string> {
  return editor(page, name).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent;
  });
}

/**
 * Takes each page offline with the app's own pause of sync and waits until each says so,
 * or brings each back (needs the test hooks).
 */
export async function workOffline(pages: readonly Page[], offline = true): Promise<void> {
  for (const page of pages) await pauseSync(page, offline);
  if (offline) for (const page of pages) await expect.poll(() => syncStatus(page).textContent()).toContain('Offline');
}

/** The app's own pause of sync (as the connection menu's "work offline"); needs the test hooks. */
export const pauseSync = (page: Page, paused: boolean): Promise<void> =>
  page.evaluate(async (p) => {
    const workspace = window.__commonplace?.workspace;
    const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
    if (p) opened?.sync?.pause();
    else opened?.sync?.resume();
  }, paused);

/**
 * Resolves once every edit so far (the personal document and each community opened) has
 * committed to IndexedDB: wait for this, not for a guessed time, before a reload. Needs
 * the test hooks (`signedIn(..., { testHooks: true })`).
 */
export async function whenStored(page: Page): Promise<void> {
  const hooked = await page.evaluate(async () => {
    const hooks = window.__commonplace;
    if (!hooks) return false;
    await hooks.whenStored();
    return true;
  });
  if (!hooked) throw new Error('whenStored needs the test hooks: open the page with { testHooks: true }.');
}

export interface HarvestOptions {
  /** Who signs in (first run's "Your name"). */
  readonly name?: string;
  readonly community?: string;
  /** The title of the new harvest, which is left open. */
  readonly harvest: string;
  readonly testHooks?: boolean;
}

/** A fresh profile, signed in, in a new community with a new harvest open. */
export async function withHarvest(browser: Browser, baseUrl: string, options: HarvestOptions): Promise<FreshPage> {
  const { name = 'Amira', community = 'Care circle', harvest, testHooks = false } = options;
  const fresh = await signedIn(browser, baseUrl, name, { testHooks });
  await createCommunity(fresh.page, community);
  await openKind(fresh.page, 'Harvests');
  await createEntry(fresh.page, 'New harvest', 'Title', harvest);
  return fresh;
}

/**
 * Another person (a fresh profile signed in as `name`) joins the community open on `host`'s
 * page through its invite code; resolves once the host counts them as a connected peer.
 */
export async function joinedBy(
  browser: Browser,
  baseUrl: string,
  host: Page,
  name: string,
  options: { community?: string; testHooks?: boolean; peers?: number; patience?: Patience } = {},
): Promise<FreshPage & { code: string }> {
  const { community = 'Care circle', testHooks = false, peers = 1, patience = { timeout: 30_000 } } = options;
  const code = await inviteCode(host, patience);
  const guest = await signedIn(browser, baseUrl, name, { testHooks });
  await join(guest.page, code, community, patience);
  await expect.poll(() => syncStatus(host).textContent(), patience).toContain(peers === 1 ? '1 peer' : `${peers} peers`);
  return { ...guest, code };
}

/**
 * Two people in one new harvest: the first (Amira unless named) made the community and the
 * harvest; the second joined and has it open; both are connected.
 */
export async function twoInOneHarvest(
  browser: Browser,
  baseUrl: string,
  options: HarvestOptions & { guest?: string; patience?: Patience },
): Promise<{ a: FreshPage; b: FreshPage; code: string }> {
  const { guest = 'Giulia', patience = { timeout: 30_000 }, ...harvest } = options;
  const a = await withHarvest(browser, baseUrl, harvest);
  const b = await joinedBy(browser, baseUrl, a.page, guest, { ...(harvest.community ? { community: harvest.community } : {}), testHooks: harvest.testHooks ?? false, patience });
  await openHarvest(b.page, harvest.harvest, patience);
  return { a, b, code: b.code };
}
