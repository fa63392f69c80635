import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { announceSignaling, browseSignaling, createInstanceId, type SignalingEndpoint, type Stoppable } from '../../electron/services/lanDiscovery.js';
import { startLanSignaling } from '../../electron/services/lanHost.js';
import { SignalingCloseCode, startSignalingServer, type RunningSignalingServer, type SignalingLimits } from '../../electron/services/signaling.js';
import { startWebServer } from '../../electron/services/webServer.js';
import { connectClient, type TestClient } from '../unit/support/wsClient.js';

// Attacks on the signaling servers, with real ws clients on loopback. Linux routes all of
// 127.0.0.0/8 to loopback, so 127.0.0.2 stands in for a second device.

const closers: (() => Promise<void>)[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve(limits: Partial<SignalingLimits>): Promise<{ server: RunningSignalingServer; warnings: string[] }> {
  const warnings: string[] = [];
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, limits, warn: (message) => warnings.push(message) });
  closers.push(() => server.close());
  return { server, warnings };
}

async function connect(url: string, options?: ClientOptions): Promise<TestClient> {
  const client = await connectClient(url, options);
  clients.push(client);
  return client;
}

/**
 * The HTTP status an upgrade got: 101 when it opened. An opened socket is closed at once,
 * or with `keep` held open until the file's tests end.
 */
function upgradeStatus(url: string, options: ClientOptions = {}, keep = false): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      if (!keep) socket.terminate();
      else
        closers.push(() => {
          socket.terminate();
          return Promise.resolve();
        });
    });
    socket.on('error', reject);
  });
}

describe('signaling slot exhaustion', () => {
  it('one address cannot take every connection slot: a second device still gets in', async () => {
    const { server, warnings } = await serve({ maxConnections: 8, maxConnectionsPerAddress: 3 });
    const held: number[] = [];
    // The attacker opens connections until it is refused (or has them all).
    for (let i = 0; i < 8; i += 1) {
      const status = await upgradeStatus(server.url, { localAddress: '127.0.0.1' }, true);
      held.push(status);
      if (status !== 101) break;
    }
    expect(held.filter((status) => status === 101)).toHaveLength(3);
    expect(held.at(-1)).toBe(503);
    expect(warnings.join('\n')).toMatch(/already 3 connections from that address/);
    const other = await connect(server.url, { localAddress: '127.0.0.2' });
    other.send({ type: 'subscribe', topics: ['room'] });
    await other.sync();
  });

  it('closes a connection that never subscribes, and keeps one that did', async () => {
    const { server, warnings } = await serve({ subscribeDeadlineMs: 150 });
    const squatter = await connect(server.url);
    const member = await connect(server.url);
    member.send({ type: 'subscribe', topics: ['room'] });
    await member.sync();
    expect(await squatter.closed).toEqual({ code: SignalingCloseCode.policyViolation, reason: 'no subscribe within 150 ms' });
    expect(warnings.join('\n')).toMatch(/no subscribe within 150 ms/);
    expect(member.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('pong frames do not keep a silent connection: only application messages count', async () => {
    const { server, warnings } = await serve({ idleTimeoutMs: 200 });
    // ws answers WebSocket pings by itself (autoPong), as browsers do.
    const silent = await connect(server.url);
    silent.send({ type: 'subscribe', topics: ['room'] });
    const talking = await connect(server.url);
    talking.send({ type: 'subscribe', topics: ['room'] });
    // y-webrtc's own JSON ping, as lib0/websocket sends after a silence.
    const pinging = setInterval(() => {
      talking.send({ type: 'ping' });
    }, 40);
    try {
      expect((await silent.closed).code).toBe(1006);
      expect(warnings.join('\n')).toMatch(/idle for more than 200 ms/);
      expect(talking.socket.readyState).toBe(WebSocket.OPEN);
      await talking.sync();
    } finally {
      clearInterval(pinging);
    }
  });
});

describe('signaling Origin check', () => {
  it("the web server's /signal serves its own pages, the app and non-browser clients, and no other site", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'commonplace-origin-'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Commonplace</title>');
    const warnings: string[] = [];
    const web = await startWebServer({ root, port: 0, signaling: { warn: (message) => warnings.push(message) } });
    closers.push(() => web.close());
    const url = `${web.url.replace(/^http/, 'ws')}/signal`;
    expect(await upgradeStatus(url, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { origin: 'null' })).toBe(403);
    expect(warnings.join('\n')).toMatch(/origin "https:\/\/evil.example" is not allowed/);
    expect(await upgradeStatus(url, { origin: web.url })).toBe(101);
    expect(await upgradeStatus(url, { origin: 'app://commonplace' })).toBe(101);
    expect(await upgradeStatus(url)).toBe(101);
    expect(web.signaling?.stats().topics).toBe(0);
  });

  it('the LAN server accepts the app and the origins it was given, and refuses web pages', async () => {
    const lan = await startLanSignaling({ host: '127.0.0.1', allowedOrigins: ['http://localhost:5173'], warn: () => undefined });
    closers.push(() => lan.stop());
    const url = `ws://127.0.0.1:${lan.port}`;
    expect(await upgradeStatus(url, { origin: 'http://192.168.1.20:8080' })).toBe(403);
    expect(await upgradeStatus(url, { origin: 'app://commonplace' })).toBe(101);
    expect(await upgradeStatus(url, { origin: 'http://localhost:5173' })).toBe(101);
    expect(await upgradeStatus(url)).toBe(101);
  });
});

describe('signaling endpoints found by mDNS', () => {
  const stoppables: Stoppable[] = [];
  afterEach(async () => {
    for (const stoppable of stoppables.splice(0).reverse()) await stoppable.stop();
  });

  it('holds at most the cap, however many a device announces', async () => {
    const ups: SignalingEndpoint[] = [];
    const warnings: string[] = [];
    stoppables.push(browseSignaling({ onUp: (endpoint) => ups.push(endpoint), onDown: () => undefined, maxEndpoints: 2 }, { warn: (message) => warnings.push(message) }));
    for (let i = 0; i < 4; i += 1) {
      stoppables.push(announceSignaling({ port: 6100 + i, instanceId: createInstanceId(), name: `Flood ${i}` }, { warn: () => undefined }));
    }
    await vi.waitFor(
      () => {
        expect(warnings.join('\n')).toMatch(/already 2 signaling servers found/);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(ups).toHaveLength(2);
  });
});
