import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { isRoomName, refusedRoomReason, startRelay, type RelayOptions, type RunningRelay } from './server.js';

let folder: string;
const relays: RunningRelay[] = [];
const providers: HocuspocusProvider[] = [];
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'commonplace-relay-'));
});
afterEach(async () => {
  for (const provider of providers.splice(0)) disconnect(provider);
  await Promise.all(relays.splice(0).map((relay) => relay.close()));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const room = (community: string): string => createHash('sha256').update(community).digest('hex');

async function relayAt(databasePath: string, options: Partial<RelayOptions> = {}): Promise<{ relay: RunningRelay; warnings: string[] }> {
  const warnings: string[] = [];
  const relay = await startRelay({ host: '127.0.0.1', port: 0, databasePath, warn: (message) => warnings.push(message), ...options });
  relays.push(relay);
  return { relay, warnings };
}

interface ProviderEvents {
  readonly failures: string[];
  readonly closeCodes: number[];
}

function connect(url: string, name: string, document = new Y.Doc()): { provider: HocuspocusProvider; events: ProviderEvents } {
  const events: ProviderEvents = { failures: [], closeCodes: [] };
  // Node 20 has no global WebSocket; the provider takes an implementation.
  const websocketProvider = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: WebSocket,
    onClose: ({ event }) => events.closeCodes.push(event.code),
  });
  const provider = new HocuspocusProvider({
    websocketProvider,
    name,
    document,
    onAuthenticationFailed: ({ reason }) => events.failures.push(reason),
  });
  // With a websocketProvider of its own making, the provider does not attach itself.
  provider.attach();
  providers.push(provider);
  return { provider, events };
}

function disconnect(provider: HocuspocusProvider): void {
  provider.destroy();
  provider.configuration.websocketProvider.destroy();
}

async function synced(provider: HocuspocusProvider): Promise<void> {
  await vi.waitFor(
    () => {
      expect(provider.isSynced).toBe(true);
    },
    { timeout: 5000, interval: 10 },
  );
}

describe('relay', () => {
  it('syncs a document between two clients and keeps it across a restart', async () => {
    const databasePath = path.join(folder, 'restart.sqlite');
    const name = room('community-1');
    const first = await relayAt(databasePath);
    const alice = connect(first.relay.url, name);
    const bob = connect(first.relay.url, name);
    await Promise.all([synced(alice.provider), synced(bob.provider)]);

    alice.provider.document.getMap('glossary').set('holding space', 'staying present without fixing');
    await vi.waitFor(() => {
      expect(bob.provider.document.getMap('glossary').get('holding space')).toBe('staying present without fixing');
    });
    bob.provider.document.getText('story').insert(0, 'We met in the village hall.');
    await vi.waitFor(() => {
      expect(alice.provider.document.getText('story').toJSON()).toBe('We met in the village hall.');
    });

    disconnect(alice.provider);
    disconnect(bob.provider);
    await first.relay.close();

    const second = await relayAt(databasePath);
    const carol = connect(second.relay.url, name);
    await synced(carol.provider);
    expect(carol.provider.document.getMap('glossary').get('holding space')).toBe('staying present without fixing');
    expect(carol.provider.document.getText('story').toJSON()).toBe('We met in the village hall.');
    expect(first.warnings.concat(second.warnings)).toEqual([]);
  });

  it('refuses a document whose name is not a Commonplace room, and still serves rooms on the same relay', async () => {
    const { relay, warnings } = await relayAt(path.join(folder, 'refuse.sqlite'));
    const intruder = connect(relay.url, 'my-notes');
    await vi.waitFor(() => {
      expect(intruder.events.failures[0]).toBe(refusedRoomReason);
    });
    expect(intruder.provider.isSynced).toBe(false);
    expect(warnings[0]).toBe(`relay: refused document "my-notes": ${refusedRoomReason}`);

    const member = connect(relay.url, room('community-2'));
    await synced(member.provider);
  });

  it('closes a connection that sends a message over the size limit', async () => {
    const { relay } = await relayAt(path.join(folder, 'size.sqlite'), { maxMessageBytes: 16 * 1024 });
    const name = room('community-3');
    const writer = connect(relay.url, name);
    await synced(writer.provider);
    // crossws reports the refused frame through console.error; keep test output clean.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      writer.provider.document.getText('story').insert(0, 'x'.repeat(64 * 1024));
      await vi.waitFor(() => {
        expect(writer.events.closeCodes).toContain(1009);
      });
    } finally {
      consoleError.mockRestore();
    }
    disconnect(writer.provider);

    const reader = connect(relay.url, name);
    await synced(reader.provider);
    expect(reader.provider.document.getText('story').toJSON()).toBe('');
  });

  it('answers GET /health with 200 and anything else with no details', async () => {
    const { relay } = await relayAt(path.join(folder, 'health.sqlite'));
    const health = await fetch(`http://127.0.0.1:${relay.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });

  it('fails clearly when the port is taken', async () => {
    const { relay } = await relayAt(path.join(folder, 'port.sqlite'));
    await expect(startRelay({ port: relay.port, databasePath: path.join(folder, 'port-2.sqlite') })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('room names', () => {
  it('accepts lowercase hex of 32 to 64 characters only', () => {
    expect(isRoomName('a'.repeat(32))).toBe(true);
    expect(isRoomName(room('x'))).toBe(true);
    expect(isRoomName('0123456789abcdef'.repeat(4))).toBe(true);
    for (const name of ['a'.repeat(31), 'a'.repeat(65), 'A'.repeat(40), `${'a'.repeat(39)}g`, `${'a'.repeat(40)}\n`, '', '../'.repeat(12)]) {
      expect(isRoomName(name), JSON.stringify(name)).toBe(false);
    }
  });
});
