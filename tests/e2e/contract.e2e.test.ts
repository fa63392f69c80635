import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumForFile } from './app.js';

/**
 * Contract tests: our storage and our WebRTC mesh against the real y-indexeddb and y-webrtc
 * in Chromium (tests/e2e/contract/page.ts). What existing devices stored with y-indexeddb
 * must open with ours and the other way round; a y-webrtc peer and ours must find each
 * other through the same signaling server, with the room password, and sync both ways.
 */

interface Contract {
  theirsAppend(name: string, text: string): Promise<string>;
  theirsRead(name: string): Promise<string>;
  oursAppend(name: string, text: string, compact: boolean): Promise<{ text: string; records: number }>;
  loadedIsNotLocal(name: string): Promise<{ text: string; handedOn: number }>;
  join(kind: 'theirs' | 'ours', signaling: string, room: string, password: string, name: string): void;
  type(text: string): void;
  read(): string;
  present(): string[];
  leave(): void;
}
declare global {
  interface Window {
    __contract: Contract;
  }
}

const browser = chromiumForFile();
let code: string;
const baseUrl = inject('baseUrl');
const signaling = `${baseUrl.replace(/^http/, 'ws')}/signal`;

beforeAll(async () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const result = await build({ entryPoints: [path.join(here, 'contract/page.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'warning' });
  code = result.outputFiles[0]?.text ?? '';
});

async function contractPage(context?: BrowserContext): Promise<{ context: BrowserContext; page: Page }> {
  // The 404 page's Content-Security-Policy forbids eval, which zod tests for while our bundle
  // is evaluated over DevTools (allowed there) and then uses outside it: no CSP here.
  const own = context ?? (await browser().newContext({ bypassCSP: true }));
  const page = await own.newPage();
  // Same origin as the app (its IndexedDB, its signaling), without the app running.
  await page.goto(`${baseUrl}/contract.txt`);
  await page.evaluate(code);
  return { context: own, page };
}

describe('storage: ours and y-indexeddb read each other’s databases', () => {
  it('opens what y-indexeddb stored, appends, and y-indexeddb reads it back, compacted or not', async () => {
    const { context, page } = await contractPage();
    const name = 'contract-storage';
    expect(await page.evaluate((n) => window.__contract.theirsAppend(n, 'Written by y-indexeddb. '), name)).toBe('Written by y-indexeddb. ');
    const ours = await page.evaluate((n) => window.__contract.oursAppend(n, 'Then by us. ', false), name);
    expect(ours.text).toBe('Written by y-indexeddb. Then by us. ');
    expect(await page.evaluate((n) => window.__contract.theirsRead(n), name)).toBe('Written by y-indexeddb. Then by us. ');
    expect(await page.evaluate((n) => window.__contract.theirsAppend(n, 'Again by y-indexeddb. '), name)).toBe('Written by y-indexeddb. Then by us. Again by y-indexeddb. ');
    const compacted = await page.evaluate((n) => window.__contract.oursAppend(n, 'Compacted.', true), name);
    expect(compacted.records).toBe(1);
    expect(await page.evaluate((n) => window.__contract.theirsRead(n), name)).toBe('Written by y-indexeddb. Then by us. Again by y-indexeddb. Compacted.');
    // Opened again with sync already listening: the stored state is not handed on as one's own edit.
    expect(await page.evaluate((n) => window.__contract.loadedIsNotLocal(n), name)).toEqual({ text: 'Written by y-indexeddb. Then by us. Again by y-indexeddb. Compacted.', handedOn: 0 });
    await context.close();
  });
});

describe('WebRTC: our mesh and y-webrtc speak the same protocol (two browser contexts)', () => {
  it('find each other with the room password and sync text and presence both ways', async () => {
    const room = `contract-${Date.now()}`;
    const theirs = await contractPage();
    const ours = await contractPage();
    await theirs.page.evaluate(([s, r]) => window.__contract.join('theirs', s, r, 'the secret', 'Yan'), [signaling, room] as const);
    await ours.page.evaluate(([s, r]) => window.__contract.join('ours', s, r, 'the secret', 'Ours'), [signaling, room] as const);
    await ours.page.evaluate(() => window.__contract.type('From ours. '));
    await expect.poll(() => theirs.page.evaluate(() => window.__contract.read()), { timeout: 30_000 }).toBe('From ours. ');
    await theirs.page.evaluate(() => window.__contract.type('From y-webrtc.'));
    await expect.poll(() => ours.page.evaluate(() => window.__contract.read()), { timeout: 30_000 }).toBe('From ours. From y-webrtc.');
    await expect.poll(() => ours.page.evaluate(() => window.__contract.present()), { timeout: 30_000 }).toEqual(['Ours', 'Yan']);
    await expect.poll(() => theirs.page.evaluate(() => window.__contract.present()), { timeout: 30_000 }).toEqual(['Ours', 'Yan']);
    await theirs.context.close();
    await ours.context.close();
  });

  it('a y-webrtc peer with another password never gets through', async () => {
    const room = `contract-wrong-${Date.now()}`;
    const theirs = await contractPage();
    const ours = await contractPage();
    await theirs.page.evaluate(([s, r]) => window.__contract.join('theirs', s, r, 'not the secret', 'Yan'), [signaling, room] as const);
    await ours.page.evaluate(([s, r]) => window.__contract.join('ours', s, r, 'the secret', 'Ours'), [signaling, room] as const);
    await theirs.page.evaluate(() => window.__contract.type('Should not arrive.'));
    // A fixed wait on purpose: this proves something does not happen within a time. With
    // the right password the first test connects in about a second.
    await ours.page.waitForTimeout(5000);
    expect(await ours.page.evaluate(() => window.__contract.read())).toBe('');
    expect(await ours.page.evaluate(() => window.__contract.present())).toEqual(['Ours']);
    await theirs.context.close();
    await ours.context.close();
  });
});
