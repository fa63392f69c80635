import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Finds a Chromium to drive: CHROMIUM_PATH first, then the usual system places. We never
 * download a browser; a machine without one gets a message saying how to install it.
 */
const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (exists(configured)) return configured;
    throw new Error(`CHROMIUM_PATH is set to "${configured}", but there is no file there.`);
  }
  const found = candidates.find((candidate) => exists(candidate));
  if (found) return found;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; ' +
      'macOS: `brew install --cask chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

// Flags that keep headless Chromium from reaching out to Google's services (this
// machine's network is closed, and tests must not depend on it anyway).
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function launchChromium(options: { userDataDir?: string } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true, ...options });
}

export interface FreshPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions seen so far: a test can assert there are none. */
  readonly problems: string[];
}

export interface FreshPageOptions {
  readonly testHooks?: boolean;
  /** Runs in the page before the app's own code (a stand-in desktop bridge, for example). */
  readonly initScript?: () => void;
  /**
   * What the system tells the page (theme, motion, language, window size; en-GB and light
   * unless said), and whether the app's service worker may run.
   */
  readonly contextOptions?: Pick<BrowserContextOptions, 'colorScheme' | 'reducedMotion' | 'locale' | 'viewport' | 'deviceScaleFactor' | 'serviceWorkers'>;
  /** How long one Playwright action may take before it fails, saying which: 10 s unless said. */
  readonly actionTimeoutMs?: number;
}

/** Exposes window.__commonplace (see renderer/app/testHooks.ts) for tests that drive sync internals. */
export async function enableTestHooks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => sessionStorage.setItem('commonplace-test-hooks', '1'));
}

/** A browser with its profile on disk in `userDataDir` (IndexedDB as real files, as in the desktop app). */
export async function launchProfile(userDataDir: string, options: { testHooks?: boolean; timeoutMs?: number } = {}): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    args: chromiumArgs,
    headless: true,
    locale: 'en-GB',
    colorScheme: 'light',
  });
  context.setDefaultTimeout(options.timeoutMs ?? 10_000);
  if (options.testHooks) await enableTestHooks(context);
  return context;
}

/** A new browser context (so a fresh, empty IndexedDB) with one page open at `url`. */
export async function openFreshPage(browser: Browser, url: string, options: FreshPageOptions = {}): Promise<FreshPage> {
  const context = await browser.newContext({ locale: 'en-GB', colorScheme: 'light', ...options.contextOptions });
  if (options.testHooks) await enableTestHooks(context);
  if (options.initScript) await context.addInitScript(options.initScript);
  // Fail an action within the test's time, with Playwright's message saying which one.
  context.setDefaultTimeout(options.actionTimeoutMs ?? 10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  return { context, page, problems };
}
