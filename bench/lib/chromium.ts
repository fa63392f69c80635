import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enableTestHooks, launchChromium, launchProfile } from '../../tests/e2e/chromium.js';
import { machine } from './report.js';
// Brings in the type of window.__bench (the page bundle) wherever the suites use it.
import type {} from '../page/entry.js';

/** Headless Chromium with the same flags as the end-to-end tests (no Google services, loopback only). */
export async function launch(): Promise<Browser> {
  const browser = await launchChromium();
  machine.chromium = browser.version();
  return browser;
}

/** A browser with a profile on disk, so IndexedDB is real files as in the desktop app. */
export async function launchPersistent(userDataDir: string, options: { testHooks?: boolean } = {}): Promise<BrowserContext> {
  const context = await launchProfile(userDataDir, { testHooks: options.testHooks, timeoutMs: 60_000 });
  machine.chromium = context.browser()?.version() ?? machine.chromium;
  return context;
}

export interface AppPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: string[];
}

/** A fresh browser context (so an empty IndexedDB) with the app open, test hooks on. */
export async function openApp(browser: Browser, url: string, options: { testHooks?: boolean } = {}): Promise<AppPage> {
  const context = await browser.newContext({ locale: 'en-GB', colorScheme: 'light' });
  if (options.testHooks !== false) await enableTestHooks(context);
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(url);
  return { context, page, problems };
}

export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // Our page bundle carries its own copy of Yjs, which Yjs reports; that is expected.
    // (A relay-only site refuses /signal on purpose; the browser logs each refused attempt.)
    const text = message.text();
    if (
      message.type() === 'error' &&
      !text.includes('Yjs was already imported') &&
      !/WebSocket connection to .*\/signal' failed/.test(text)
    )
      problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

const here = path.dirname(fileURLToPath(import.meta.url));
let bundle: Promise<string> | undefined;

/** bench/page/entry.ts bundled for the page: Yjs, the model, SearchIndex and the in-page probes. */
export function pageBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.join(here, '../page/entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    logLevel: 'warning',
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no page bundle');
    return file.text;
  });
  return bundle;
}

/**
 * Puts `window.__bench` into the page. Evaluated over the DevTools protocol, so the app's
 * Content-Security-Policy (no inline script) stays on and still applies to the app itself.
 */
export async function injectBench(page: Page): Promise<void> {
  const code = await pageBundle();
  await page.evaluate(code);
  await page.waitForFunction(() => '__bench' in window);
}

/** Milliseconds since the Unix epoch, high resolution, on Node's clock. */
export function nodeEpoch(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * How far the page's clock (timeOrigin + now) is ahead of Node's, from the round trip
 * with the smallest delay (as NTP does), so times taken in different renderers compare.
 */
export async function clockOffset(page: Page, rounds = 15): Promise<number> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < rounds; i++) {
    const sent = nodeEpoch();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now());
    const received = nodeEpoch();
    if (received - sent < best.rtt) best = { rtt: received - sent, offset: pageTime - (sent + received) / 2 };
  }
  return best.offset;
}

/** Fetches the app's scripts from the server each time, as a cold start reads them from disk. */
export async function disableCache(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.setCacheDisabled', { cacheDisabled: true });
}

/** A page's main thread from a starting point: wall time spent in tasks, and CPU time actually given to it. */
export interface MainThreadTime {
  /** Chrome's TaskDuration: wall-clock time inside tasks, which includes waiting for a core. */
  readonly busy: number;
  /** Chrome's ThreadTime: CPU time the main thread got. */
  readonly cpu: number;
}

/**
 * Main-thread time of a page from now on: call the returned function to read how many ms
 * its main thread has spent in tasks since, and how much CPU it got. With more renderers
 * than cores the two differ: a task waits for a core while its clock runs.
 */
export async function mainThreadMeter(page: Page): Promise<() => Promise<MainThreadTime>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const read = async (): Promise<MainThreadTime> => {
    const { metrics } = await session.send('Performance.getMetrics');
    const value = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { busy: value('TaskDuration'), cpu: value('ThreadTime') };
  };
  const start = await read();
  return async () => {
    const now = await read();
    await session.detach();
    return { busy: now.busy - start.busy, cpu: now.cpu - start.cpu };
  };
}

/** JS heap in use after a full garbage collection, in bytes. */
export async function heapAfterGc(page: Page): Promise<{ used: number; total: number }> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await session.send('HeapProfiler.collectGarbage');
  const usage = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return { used: usage.usedSize, total: usage.totalSize };
}
