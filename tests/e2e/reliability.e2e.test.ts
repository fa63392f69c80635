import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { Community } from '../../shared/model/Community.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';
import { chromiumForFile, createCommunity, createEntry, editor, editorText, openKind, signedIn, withHarvest } from './app.js';
import { launchProfile } from './chromium.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

/** Figures go to the test output, for docs/ARCHITECTURE.md "Reliability figures". */
function report(line: string): void {
  process.stdout.write(`[reliability] ${line}\n`);
}

// ---------------------------------------------------------------------------------------
// 1. Crash safety: type, kill the whole browser hard, reopen the same profile.
// ---------------------------------------------------------------------------------------

interface Profile {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Process group of the browser (Playwright starts Chromium as a group leader on Linux and macOS). */
  readonly pid: number;
}

async function openProfile(userDataDir: string): Promise<Profile> {
  const context = await launchProfile(userDataDir, { testHooks: true });
  const owner = context.browser();
  if (!owner) throw new Error('A persistent context should have a browser.');
  // Playwright's client has no process handle for a persistent context; Chromium itself says which process is the browser.
  const session = await owner.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  const pid = processInfo.find((info) => info.type === 'browser')?.id;
  if (!pid) throw new Error('Chromium did not report its browser process.');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(baseUrl);
  return { context, page, pid };
}

/**
 * SIGKILL to the browser's whole process group at once: the browser, its storage service,
 * renderers and GPU process die together, with no unload, no pagehide and no flush.
 */
async function killHard(profile: Profile): Promise<void> {
  const closed = new Promise<void>((resolve) => profile.context.once('close', () => resolve()));
  try {
    process.kill(-profile.pid, 'SIGKILL');
  } catch {
    process.kill(profile.pid, 'SIGKILL');
  }
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

const alphabet = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Asks the app (through the test hooks) how long the story is in its document now, then
 * waits until every write made before that has committed to IndexedDB. Returns that
 * length: from then on, a crash must not lose any of it.
 */
async function storedStoryLength(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const workspace = window.__commonplace?.workspace;
    const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
    if (!opened) throw new Error('no community');
    const length = (opened.community.harvests.list()[0]?.bodyText ?? '').length;
    await opened.stored.whenStored();
    return length;
  });
}

interface CrashRun {
  readonly typedBeforeKill: number;
  readonly persisted: number;
  /** Story characters the app had confirmed stored (committed) before the kill. */
  readonly confirmedStored: number;
  /** Time from the earliest acknowledged keystroke that was lost to the kill; 0 when none was lost. */
  readonly lossWindowMs: number;
  /** Time from the last acknowledged keystroke to the kill. */
  readonly lastKeyToKillMs: number;
  readonly fieldKept: boolean;
}

/**
 * Types a field (committed with Enter), then keystrokes into the harvest story as fast as
 * the browser takes them, recording when each was acknowledged, while asking the app again
 * and again what it has committed to storage; kills the browser at `killAfterMs` into the
 * typing (or, with `settle`, first stops typing and waits for the app to say all is stored);
 * reopens the profile and counts what is there.
 */
async function crashRun(killAfterMs: number, settle = false): Promise<CrashRun> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'commonplace-crash-'));
  try {
    const first = await openProfile(userDataDir);
    const { page } = first;
    await page.getByLabel('Your name').fill('Amira Okafor');
    await page.getByRole('button', { name: 'Continue' }).click();
    await createCommunity(page, 'Crash circle');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Riverside session');
    const question = `What did we learn at ${killAfterMs}?`;
    await page.getByLabel('Calling question').fill(question);
    await page.getByLabel('Calling question').press('Enter');
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('Story:');

    // Each keystroke's time is taken when Chromium acknowledges it (the page has handled it).
    const acknowledged: number[] = [];
    let killed = false;
    // A function, so the loops read the flag set after they started.
    const isKilled = (): boolean => killed;
    let confirmedStored = 0;
    const started = performance.now();
    const typing = (async () => {
      for (let i = 0; !isKilled() && performance.now() - started < killAfterMs; i += 1) {
        await page.keyboard.type(alphabet.charAt(i % alphabet.length));
        if (!isKilled()) acknowledged.push(performance.now());
      }
    })().catch(() => undefined);
    const confirming = (async () => {
      while (!isKilled()) {
        const length = await storedStoryLength(page);
        // The answer came back from a live browser, so the commit happened before the kill.
        confirmedStored = Math.max(confirmedStored, length - 'Story:'.length);
      }
    })().catch(() => undefined);
    if (settle) {
      await typing;
      confirmedStored = (await storedStoryLength(page)) - 'Story:'.length;
    } else {
      while (performance.now() - started < killAfterMs) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const killedAt = performance.now();
    killed = true;
    await killHard(first);
    await Promise.all([typing, confirming]);
    const typedBeforeKill = acknowledged.length;

    const second = await openProfile(userDataDir);
    try {
      const nav = second.page.getByRole('navigation', { name: 'Crash circle' });
      await nav.waitFor({ timeout: 20_000 }).catch(async () => {
        throw new Error(`After the crash the app shows: ${(await second.page.locator('body').innerText()).slice(0, 400)}`);
      });
      await openKind(second.page, 'Harvests');
      await second.page.getByRole('button', { name: /Riverside session/ }).click();
      const body = await editorText(second.page, 'Harvest story');
      const fieldKept = (await second.page.getByLabel('Calling question').inputValue()) === question;
      expect(body.startsWith('Story:')).toBe(true);
      const tail = body.slice('Story:'.length);
      // What was kept is exactly a prefix of what was typed: no hole, nothing out of order.
      const expected = Array.from({ length: tail.length }, (_, i) => alphabet.charAt(i % alphabet.length)).join('');
      expect(tail).toBe(expected);
      const persisted = tail.length;
      const firstLost = acknowledged[persisted];
      const last = acknowledged.at(-1) ?? started;
      return {
        typedBeforeKill,
        persisted,
        confirmedStored,
        lossWindowMs: firstLost === undefined ? 0 : killedAt - firstLost,
        lastKeyToKillMs: killedAt - last,
        fieldKept,
      };
    } finally {
      await second.context.close();
    }
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

describe('nothing lost: crashes', () => {
  it('keeps everything the app had stored when the browser is killed, whatever the timing', async () => {
    const runs: CrashRun[] = [];
    for (const [killAfterMs, settle] of [
      [600, true],
      [500, false],
      [900, false],
      [1300, false],
    ] as const) {
      const run = await crashRun(killAfterMs, settle);
      report(`crash run (${settle ? 'typed, stored, then killed' : `killed ${killAfterMs} ms into typing`}): ${JSON.stringify(run)}`);
      runs.push(run);
    }
    const window = Math.max(...runs.map((run) => run.lossWindowMs));
    report(`crash-loss window over ${runs.length} runs: max ${window.toFixed(1)} ms; keystrokes acknowledged before the kill ${runs.map((r) => r.typedBeforeKill).join(', ')}; confirmed stored ${runs.map((r) => r.confirmedStored).join(', ')}; kept ${runs.map((r) => r.persisted).join(', ')}`);
    for (const run of runs) {
      expect(run.fieldKept).toBe(true);
      // Enough keystrokes in flight to measure, even on a loaded machine.
      expect(run.typedBeforeKill).toBeGreaterThan(5);
      // Nothing the app had committed is lost. How much was still on its way at the kill
      // (the window) depends on the machine's load: it is measured and reported above, and
      // in docs/ARCHITECTURE.md, not asserted.
      expect(run.persisted).toBeGreaterThanOrEqual(run.confirmedStored);
    }
    // Typed, then stored: the kill loses nothing at all.
    expect(runs[0]?.persisted).toBe(runs[0]?.typedBeforeKill);
  }, 240_000);
});

// ---------------------------------------------------------------------------------------
// 2. Storage growth: thousands of edits and many reloads stay near the encoded state.
// ---------------------------------------------------------------------------------------

/** The community's y-indexeddb 'updates' store, read straight from IndexedDB. */
function readStoredUpdates(page: Page, communityId: string): Promise<number[][]> {
  return page.evaluate(
    (name) =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
          request.onerror = () => reject(request.error ?? new Error('read failed'));
          request.onsuccess = () => {
            db.close();
            resolve((request.result as Uint8Array[]).map((update) => Array.from(update)));
          };
        };
      }),
    `commonplace-community-${communityId}`,
  );
}

interface Growth {
  readonly storedBytes: number;
  readonly storedUpdates: number;
  readonly stateBytes: number;
  readonly factor: number;
  readonly bodyText: string;
  /** The story as rebuilt in Node from nothing but the stored updates. */
  readonly storedBodyText: string;
}

async function measureGrowth(page: Page): Promise<Growth> {
  const inPage = await page.evaluate(async () => {
    const workspace = window.__commonplace?.workspace;
    const id = workspace?.personal.communities[0]?.id ?? '';
    const opened = await workspace?.openCommunity(id);
    if (!opened) throw new Error('no community');
    const figures = await opened.stored.measure();
    return { id, stateBytes: figures.stateBytes, bodyText: opened.community.harvests.list()[0]?.bodyText ?? '' };
  });
  const updates = await readStoredUpdates(page, inPage.id);
  const rebuilt = Community.newDoc();
  for (const update of updates) Y.applyUpdate(rebuilt, Uint8Array.from(update));
  const storedBytes = updates.reduce((sum, update) => sum + update.length, 0);
  return {
    storedBytes,
    storedUpdates: updates.length,
    stateBytes: inPage.stateBytes,
    factor: storedBytes / inPage.stateBytes,
    bodyText: inPage.bodyText,
    storedBodyText: new Community(rebuilt).harvests.list()[0]?.bodyText ?? '',
  };
}

describe('nothing lost: storage growth', () => {
  it('keeps a community store within 3x its encoded state after 3,000 edits and 10 reloads', async () => {
    const { context, page, problems } = await withHarvest(browser(), baseUrl, { name: 'Amira Okafor', community: 'Growth circle', harvest: 'Long session', testHooks: true });
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('Begin.');
    await expect.poll(() => editorText(page, 'Harvest story')).toBe('Begin.');

    // 3,000 edits, each its own Yjs transaction (so its own stored update), in bursts like
    // typing: mostly one character, some deletions, some field changes.
    const edits = 3000;
    let rawUpdateBytes = 0;
    for (let burst = 0; burst < 30; burst += 1) {
      rawUpdateBytes += await page.evaluate(
        async ({ burst, size }) => {
          const workspace = window.__commonplace?.workspace;
          const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
          const harvest = opened?.community.harvests.list()[0];
          if (!opened || !harvest) throw new Error('no harvest');
          const text = harvest.body;
          let bytes = 0;
          const count = (update: Uint8Array): void => {
            bytes += update.byteLength;
          };
          opened.community.doc.on('update', count);
          for (let i = 0; i < size; i += 1) {
            const n = burst * size + i;
            if (n % 10 === 9) text.delete(text.length - 1, 1);
            else if (n % 50 === 25) harvest.setCallingQuestion(`Question ${n}`);
            else text.insert(text.length, String.fromCharCode(97 + (n % 26)));
          }
          opened.community.doc.off('update', count);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return bytes;
        },
        { burst, size: edits / 30 },
      );
    }
    // Measured at once, while y-indexeddb's own trim (1 s after the last of 500 updates) has not run.
    const duringEdits = await measureGrowth(page);
    report(`growth right after ${edits} edits in bursts: ${JSON.stringify({ ...duringEdits, bodyText: undefined, storedBodyText: undefined })}`);
    expect(duringEdits.factor).toBeLessThanOrEqual(3);
    // A fixed wait on purpose: the store is compacted when the page is idle, and this is
    // what it holds after a quiet while.
    await page.waitForTimeout(3000);
    const afterEdits = await measureGrowth(page);
    report(`growth after ${edits} edits (no reload): ${JSON.stringify({ ...afterEdits, bodyText: undefined, storedBodyText: undefined })}; the edits' own updates: ${rawUpdateBytes} bytes = ${(rawUpdateBytes / afterEdits.stateBytes).toFixed(1)}x the state`);
    expect(afterEdits.storedBodyText).toBe(afterEdits.bodyText);
    expect(afterEdits.factor).toBeLessThanOrEqual(3);

    const reloads = 10;
    for (let i = 0; i < reloads; i += 1) {
      await page.reload();
      await expect.poll(() => page.getByRole('navigation', { name: 'Growth circle' }).isVisible()).toBe(true);
      // A little typing in each session too.
      await openKind(page, 'Harvests');
      await page.getByRole('button', { name: /Long session/ }).click();
      await editor(page, 'Harvest story').click();
      await page.keyboard.press('End');
      await page.keyboard.type(` r${i}`);
    }
    // A quiet while again (see above), for the compaction that follows idle time.
    await page.waitForTimeout(3000);
    const afterReloads = await measureGrowth(page);
    report(`growth after ${edits} edits and ${reloads} reloads: ${JSON.stringify({ ...afterReloads, bodyText: undefined, storedBodyText: undefined })}`);
    expect(afterReloads.bodyText).toContain(' r9');
    expect(afterReloads.storedBodyText).toBe(afterReloads.bodyText);
    expect(afterReloads.factor).toBeLessThanOrEqual(3);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

// ---------------------------------------------------------------------------------------
// 3. Storage failures are shown to the person, with what to do.
// ---------------------------------------------------------------------------------------

const problemHeading = 'Commonplace cannot open its storage on this device';

describe('nothing lost: storage failures are explained', () => {
  for (const [variant, script] of [
    ['missing', () => Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined })],
    [
      'refused',
      () =>
        Object.defineProperty(window, 'indexedDB', {
          configurable: true,
          get: () => {
            throw new DOMException('The user denied permission to access the database.', 'SecurityError');
          },
        }),
    ],
  ] as const) {
    it(`says what to do when IndexedDB is ${variant}`, async () => {
      const context = await browser().newContext({ locale: 'en-GB' });
      await context.addInitScript(script);
      const page = await context.newPage();
      await page.goto(baseUrl);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: problemHeading }).isVisible()).toBe(true);
      const message = await page.getByRole('alert').textContent();
      expect(message).toContain("This window cannot use the browser's local storage");
      expect(message).toContain('Open Commonplace in a normal window, or use the desktop app.');
      expect(await page.getByText('Nothing stored on this device has been changed or lost.').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
      await context.close();
    });
  }

  it('says another window holds the storage when opening is blocked, and opens once it lets go', async () => {
    const context = await browser().newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(20_000);
    // Another window (a page of the same origin) holds the database and ignores requests to let go...
    const holder = await context.newPage();
    await holder.goto(`${baseUrl}/holder.txt`);
    await holder.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('commonplace-probe');
          request.onerror = () => reject(request.error ?? new Error('open failed'));
          request.onsuccess = () => {
            (window as unknown as { held: IDBDatabase }).held = request.result;
            request.result.onversionchange = () => undefined;
            resolve();
          };
        }),
    );
    // ...while a third (say, a newer Commonplace) waits to upgrade it: every open on this origin now queues.
    const upgrader = await context.newPage();
    await upgrader.goto(`${baseUrl}/upgrader.txt`);
    const blocked = await upgrader.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const request = indexedDB.open('commonplace-probe', 2);
          request.onblocked = () => resolve(true);
          request.onsuccess = () => request.result.close();
        }),
    );
    expect(blocked).toBe(true);

    const page = await context.newPage();
    await page.goto(baseUrl);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: problemHeading }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByRole('alert').textContent()).toContain('Another Commonplace window or tab is holding the storage');
    expect(await page.getByRole('alert').textContent()).toContain('then choose Try again');

    // The other window closes: Try again opens Commonplace.
    await holder.close();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByLabel('Your name').isVisible(), { timeout: 20_000 }).toBe(true);
    await context.close();
  }, 90_000);

  /**
   * While `window.__diskFull` is true every IndexedDB add and put throws QuotaExceededError;
   * while `window.__writesAbort` is true each is accepted and then its transaction aborts
   * (as a commit the browser refuses arrives: an abort event, no exception).
   */
  function fillDiskScript(): void {
    const flags = window as unknown as { __diskFull?: boolean; __writesAbort?: boolean };
    for (const method of ['add', 'put'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
        if (flags.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        const request = original.apply(this, args);
        if (flags.__writesAbort) this.transaction.abort();
        return request;
      };
    }
  }

  async function storyPage() {
    const fresh = await signedIn(browser(), baseUrl, 'Amira Okafor', { testHooks: true });
    await fresh.context.addInitScript(fillDiskScript);
    await fresh.page.reload();
    await expect.poll(() => fresh.page.getByRole('heading', { level: 1 }).textContent()).toContain('Amira Okafor');
    await createCommunity(fresh.page, 'Full disk circle');
    await openKind(fresh.page, 'Harvests');
    await createEntry(fresh.page, 'New harvest', 'Title', 'Kept anyway');
    await editor(fresh.page, 'Harvest story').click();
    await fresh.page.keyboard.type('Saved before. ');
    return fresh;
  }

  async function expectSaveAlert(page: Page): Promise<void> {
    const alert = page.locator('.storage-alert[role="alert"]');
    await expect.poll(() => alert.isVisible()).toBe(true);
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Commonplace could not save your latest changes on this device.');
    expect(text).toContain('The device is out of space. Your changes are still in this window, so keep it open');
    expect(text).toContain('free some disk space');
    expect(text).toContain('“Back up community”: in the desktop app, those backup files are your second copy');
  }

  it('tells the person when the disk is full while typing, keeps the work and saves it once there is room', async () => {
    const { context, page } = await storyPage();
    await page.evaluate(() => {
      (window as unknown as { __diskFull: boolean }).__diskFull = true;
    });
    await page.keyboard.type('Typed while the disk was full.');
    await expectSaveAlert(page);
    // Typing still works: the edit is in the open document.
    await expect.poll(() => editorText(page, 'Harvest story')).toBe('Saved before. Typed while the disk was full.');
    await page.getByRole('button', { name: 'Try again now' }).click();
    await expectSaveAlert(page);

    // Space is freed: trying again writes everything, and says so. On a loaded machine the
    // automatic retry (5 s after the first failure) may get there before the click does.
    await page.evaluate(() => {
      (window as unknown as { __diskFull: boolean }).__diskFull = false;
    });
    await page
      .getByRole('button', { name: 'Try again now' })
      .click({ timeout: 3000 })
      .catch(() => undefined);
    await expect.poll(() => page.locator('.storage-alert[role="status"]').textContent()).toContain('Saved again: everything you wrote is stored on this device.');
    expect(await page.locator('.storage-alert[role="alert"]').count()).toBe(0);

    await page.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Full disk circle' }).isVisible()).toBe(true);
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: /Kept anyway/ }).click();
    await expect.poll(() => editorText(page, 'Harvest story')).toBe('Saved before. Typed while the disk was full.');
    await context.close();
  });

  it('tells the person when writes are refused after the fact, and saves everything once they are accepted', async () => {
    const { context, page, problems } = await storyPage();
    await page.evaluate(() => {
      (window as unknown as { __writesAbort: boolean }).__writesAbort = true;
    });
    await page.keyboard.type('Written while every commit failed.');
    const alert = page.locator('.storage-alert[role="alert"]');
    await expect.poll(() => alert.isVisible()).toBe(true);
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Commonplace could not save your latest changes on this device.');
    expect(text).toContain('Your changes are still in this window, so keep it open: Commonplace tries again every few seconds.');
    expect(text).toContain('second copy');
    await page.evaluate(() => {
      (window as unknown as { __writesAbort: boolean }).__writesAbort = false;
    });
    // No click: the automatic retry stores everything.
    await expect.poll(() => page.locator('.storage-alert[role="status"]').textContent(), { timeout: 20_000 }).toContain('Saved again');
    await page.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Full disk circle' }).isVisible()).toBe(true);
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: /Kept anyway/ }).click();
    await expect.poll(() => editorText(page, 'Harvest story')).toBe('Saved before. Written while every commit failed.');
    // Reported on screen, not left as uncaught errors in the console.
    expect(problems.filter((problem) => problem.includes('AbortError'))).toEqual([]);
    await context.close();
  }, 60_000);
});
