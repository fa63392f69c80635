import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, createCommunity, signedIn } from './app.js';

/**
 * Network optional, also in the browser: after one visit, the browser build opens with no
 * network at all (its service worker keeps the app shell; IndexedDB keeps the communities).
 */
const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

const controlled = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null);

describe('the browser build with no network', () => {
  it('reloads offline into the app, with the community written before', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    await poll(() => controlled(page)).toBe('activated');
    await createCommunity(page, 'Transition Town Lewes', 'Food, energy and each other');

    // Only our own files are kept: nothing from another origin, nothing fetched at run time.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(5);
    expect(cached.filter((url) => !url.startsWith(`${baseUrl}/`))).toEqual([]);
    expect(cached.some((url) => /\/assets\/export\.worker-[\w-]+\.js/.test(url))).toBe(true);

    await context.setOffline(true);
    const response = await page.reload();
    // The page came from the service worker's cache, not the network.
    expect(response?.fromServiceWorker()).toBe(true);
    // The app, where the person left it: in the community, which came back from IndexedDB.
    await poll(() => page.getByRole('navigation', { name: 'Transition Town Lewes' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Harvests');
    expect(await page.getByRole('button', { name: /^Settings for Amira Okafor/ }).isVisible()).toBe(true);
    // Chromium itself logs that the signaling socket cannot connect; that is being offline, not a fault.
    expect(problems.filter((text) => !/^WebSocket connection to .* net::ERR_INTERNET_DISCONNECTED$/.test(text))).toEqual([]);
    await context.close();
  });

  it('without its service worker, the same reload is the browser’s error page (so the test above can fail)', { timeout: 60_000 }, async () => {
    const context = await browser().newContext({ locale: 'en-GB', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await poll(() => page.getByLabel('Your name').isVisible()).toBe(true);
    await context.setOffline(true);
    await page.reload().catch(() => undefined); // net::ERR_INTERNET_DISCONNECTED
    expect(await page.getByLabel('Your name').count()).toBe(0);
    await context.close();
  });
});
