import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumForFile, createCommunity, inviteCode, join, signedIn, syncStatus } from './app.js';

// One member points the community at their own signaling server. Another member's app
// opens no connection to it until that person confirms, and shows who changed it.

const browser = chromiumForFile();
let attacker: Server;
let attackerUrl: string;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  // Answers nothing: only the attempt to reach it matters.
  attacker = createServer((_request, response) => response.end());
  attacker.on('upgrade', (_request, socket) => socket.destroy());
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `ws://127.0.0.1:${(attacker.address() as AddressInfo).port}/signal`;
});
afterAll(async () => {
  attacker.closeAllConnections();
  await new Promise((resolve) => attacker.close(resolve));
});

describe('server settings changed by another member', () => {
  it('wait for confirmation, name who changed them, and are used only once confirmed', async () => {
    const a = await signedIn(browser(), baseUrl, 'Amira');
    const aSockets: string[] = [];
    a.page.on('websocket', (socket) => aSockets.push(socket.url()));
    await createCommunity(a.page, 'Care circle');
    const b = await signedIn(browser(), baseUrl, 'Bruno');
    await join(b.page, await inviteCode(a.page), 'Care circle');
    await expect.poll(() => syncStatus(a.page).textContent(), { timeout: 30_000 }).toContain('1 peer');

    // Bruno adds his server.
    await b.page.getByRole('button', { name: 'Connection settings' }).click();
    await b.page.getByLabel('Signaling servers').fill(attackerUrl);
    await b.page.getByRole('button', { name: 'Save' }).click();

    // Amira's copy has it, waiting for her, with Bruno's name.
    await a.page.getByRole('button', { name: 'Connection settings' }).click();
    const dialog = a.page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Signaling servers').inputValue(), { timeout: 30_000 }).toBe(attackerUrl);
    expect(await dialog.textContent()).toContain('Waiting for your confirmation.');
    expect(await dialog.textContent()).toContain('Bruno changed this community’s servers.');
    // Her app has not tried to reach it. A fixed wait on purpose, since nothing is to happen:
    // a reconnect takes well under this.
    await a.page.waitForTimeout(2000);
    expect(aSockets.filter((url) => url.startsWith(attackerUrl))).toEqual([]);

    // Once she confirms, it is used.
    await dialog.getByRole('button', { name: 'Use these servers' }).click();
    await expect.poll(() => aSockets.filter((url) => url.startsWith(attackerUrl)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await a.context.close();
    await b.context.close();
  });
});
