import path from 'node:path';
import { fromBase64 } from 'lib0/buffer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type RunningWebServer } from '../../electron/services/webServer.js';
import { personalRoomName } from '../../shared/protocol/deviceLink.js';
import { decryptJson, deriveRoomKey } from '../../renderer/transport/roomCrypto.js';
import { createCommunity, createEntry, openKind, signedIn } from './app.js';
import { launchChromium } from './chromium.js';
import { axeViolations } from './shortCodeKit.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';

/**
 * Link my devices: two browser contexts stand for one person's laptop and phone. They pair
 * with the short code through the real signaling endpoint, and the personal document (a
 * private dilemma journal) then syncs between them. A third party that knows the personal
 * room's name listens on its topic and gets nothing it can read.
 */

let browser: Browser;
let server: RunningWebServer;
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });

beforeAll(async () => {
  browser = await launchChromium();
  server = await startWebServer({ root: path.resolve('dist/renderer'), port: 0 });
});
afterAll(async () => {
  await server.close();
  await browser.close();
});

async function openLinking(page: Page) {
  await page.getByRole('button', { name: /^Settings for/ }).click();
  await page.getByRole('button', { name: 'Link my devices…' }).click();
  return page.getByRole('dialog');
}

describe('linking my devices', () => {
  it('pairs two devices of the same person; a private dilemma written on one appears on the other, and back', { timeout: 120_000 }, async () => {
    const laptop = await signedIn(browser, server.url, 'Amira Okafor', { testHooks: true });
    await createCommunity(laptop.page, 'Circle of care');
    await openKind(laptop.page, 'Dilemmas');
    await createEntry(laptop.page, 'New dilemma', 'Title', 'Report or wait?');

    const offering = await openLinking(laptop.page);
    await poll(() => offering.getByText('This device is not linked to another yet.').count()).toBe(0);
    await offering.getByRole('button', { name: 'Make a short code' }).click();
    await poll(() => offering.getByRole('status').filter({ hasText: 'Waiting for someone to type it.' }).count()).toBe(1);
    const code = (await offering.locator('.short-code-value').textContent()) ?? '';

    // Another person, whose app page learns the personal room's name (never shown; read here
    // through the test hooks, then only the name kept), listens on its signaling topic.
    const secret = await laptop.page.evaluate(() => window.__commonplace?.workspace.personal.doc.getMap('deviceLink').get('secret') as string);
    const roomName = personalRoomName(secret);
    const stranger = await signedIn(browser, server.url, 'Mallory');
    await stranger.page.evaluate(
      (topic) =>
        new Promise<void>((resolve) => {
          const heard: string[] = [];
          (window as unknown as { heard: string[] }).heard = heard;
          const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/signal`);
          socket.onmessage = (event) => heard.push(String(event.data));
          socket.onopen = () => {
            socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
            resolve();
          };
        }),
      roomName,
    );

    const phone = await signedIn(browser, server.url, 'Amira on her phone');
    const accepting = await openLinking(phone.page);
    // A wrong code first: refused clearly, nothing linked.
    await accepting.getByLabel('Code from your other device').fill('cpd1.nonsense.x');
    await accepting.getByRole('button', { name: 'Link', exact: true }).click();
    await poll(() => accepting.getByRole('alert').textContent()).toBe('This link code is damaged or incomplete. Copy all of it again.');
    await accepting.getByLabel('Code from your other device').fill(code);
    await accepting.getByRole('button', { name: 'Link', exact: true }).click();
    await poll(() => accepting.getByRole('status').filter({ hasText: 'Linked. Your private things arrive' }).count()).toBe(1);
    await poll(() => offering.getByRole('status').filter({ hasText: 'Used: your other device is linked.' }).count()).toBe(1);
    expect(await axeViolations(laptop.page)).toEqual([]);
    expect(await axeViolations(phone.page)).toEqual([]);
    await poll(() => accepting.getByRole('status').filter({ hasText: 'of your other devices is connected now' }).textContent()).toBe('Linked: 1 of your other devices is connected now.');
    await phone.page.keyboard.press('Escape');
    await laptop.page.keyboard.press('Escape');

    // The phone now has the community (its key came in the personal document) and the journal.
    await poll(() => phone.page.getByRole('navigation', { name: 'Communities' }).getByText('Circle of care').count()).toBe(1);
    await phone.page.getByRole('navigation', { name: 'Communities' }).getByText('Circle of care').click();
    await openKind(phone.page, 'Dilemmas', { timeout: 30_000 });
    await poll(() => phone.page.getByRole('button', { name: /Report or wait\?/ }).count()).toBe(1);

    // Written on the phone, read on the laptop.
    await createEntry(phone.page, 'New dilemma', 'Title', 'Ask the circle first?');
    await poll(() => laptop.page.getByRole('button', { name: /Ask the circle first\?/ }).count()).toBe(1);

    // The stranger saw the devices meet in that room, and nothing it could read.
    const heard = await stranger.page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    const published = heard.map((text) => JSON.parse(text) as Record<string, unknown>).filter((m) => m.type === 'publish' && m.topic === roomName);
    expect(published.length).toBeGreaterThan(0);
    const texts = heard.join('\n');
    expect(texts).not.toMatch(/Report or wait|Ask the circle|Circle of care|Amira/);
    const guessed = await deriveRoomKey('a guess at the secret', roomName);
    for (const message of published) {
      await expect(decryptJson(fromBase64(message.data as string), guessed)).rejects.toThrow();
    }
    // Only the secret opens them (so the check above could have failed).
    const real = await deriveRoomKey(secret, roomName);
    expect(await decryptJson(fromBase64(published[0]?.data as string), real)).toMatchObject({ type: expect.any(String) as string });
    expect(laptop.problems).toEqual([]);
    // Nor did the stranger's own app get any of it: it has no dilemma and no community.
    expect(await stranger.page.getByRole('navigation', { name: 'Communities' }).getByText('Circle of care').count()).toBe(0);
    await laptop.context.close();
    await phone.context.close();
    await stranger.context.close();
  });
});
