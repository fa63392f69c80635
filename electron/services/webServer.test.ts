import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectClient, refusedStatus } from '../../tests/unit/support/wsClient.js';
import { contentSecurityPolicy } from './contentSecurity.js';
import { SignalingCloseCode } from './signaling.js';
import { startWebServer, type RunningWebServer } from './webServer.js';

let root: string;
let running: RunningWebServer;
const warnings: string[] = [];
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'commonplace-web-'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Commonplace</title>');
  running = await startWebServer({ root, port: 0, signaling: { limits: { maxTopicsPerConnection: 2 }, warn: (message) => warnings.push(message) } });
});
afterAll(() => running.close());

const signalUrl = (server: RunningWebServer, pathname = '/signal'): string => `${server.url.replace(/^http/, 'ws')}${pathname}`;

describe('web server', () => {
  it('serves the renderer on loopback with the CSP and security headers', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${running.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Commonplace');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(`${running.url}/`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers 404 for missing assets', async () => {
    expect((await fetch(`${running.url}/assets/missing.js`)).status).toBe(404);
  });

  it('fails clearly when the port is taken', async () => {
    const port = Number(new URL(running.url).port);
    await expect(startWebServer({ root: '.', port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('web server signaling at /signal', () => {
  it('relays y-webrtc signaling on the page\'s own origin', async () => {
    const [alice, bob] = await Promise.all([connectClient(signalUrl(running)), connectClient(signalUrl(running))]);
    alice.send({ type: 'subscribe', topics: ['room'] });
    bob.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([alice.sync(), bob.sync()]);
    alice.send({ type: 'publish', topic: 'room', data: 'offer' });
    await vi.waitFor(() => {
      expect(bob.messages).toEqual([{ type: 'publish', topic: 'room', data: 'offer', clients: 2 }]);
    });
    await Promise.all([alice.close(), bob.close()]);
  });

  it('accepts a query string on /signal and applies the limits it was given', async () => {
    const client = await connectClient(signalUrl(running, '/signal?room=x'));
    client.send({ type: 'subscribe', topics: ['a', 'b', 'c'] });
    expect(await client.closed).toEqual({ code: SignalingCloseCode.policyViolation, reason: 'more than 2 topics' });
    expect(warnings.join('\n')).toMatch(/more than 2 topics/);
  });

  it('refuses upgrades on any other path, and keeps serving pages', async () => {
    for (const pathname of ['/', '/signal/', '/signals', '/assets/x']) {
      expect(await refusedStatus(signalUrl(running, pathname)), pathname).toBe(404);
    }
    expect((await fetch(`${running.url}/`)).status).toBe(200);
  });

  it('refuses every upgrade when signaling is switched off', async () => {
    const plain = await startWebServer({ root, port: 0, signaling: false });
    try {
      expect(plain.signaling).toBeUndefined();
      await expect(refusedStatus(signalUrl(plain))).rejects.toThrow(/socket hang up/);
      expect((await fetch(`${plain.url}/`)).status).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('closes signaling connections when it stops', async () => {
    const own = await startWebServer({ root, port: 0, signaling: { warn: () => undefined } });
    const client = await connectClient(signalUrl(own));
    await own.close();
    expect((await client.closed).code).toBe(SignalingCloseCode.goingAway);
  });
});
