import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { memberKeyFor } from '../renderer/transport/relay/memberKey.js';
import { relayRefusals } from '../shared/protocol/relay/token.js';
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
  /** Reasons the relay gave when it closed this document (the socket may stay open). */
  readonly closeReasons: string[];
}

type Token = string | (() => Promise<string>);

/** A member's token source: a fresh signed token on every (re)connection. */
async function memberToken(secret: string, name: string): Promise<() => Promise<string>> {
  const key = await memberKeyFor(secret, name);
  return () => key.token();
}

function connect(url: string, name: string, token: Token, document = new Y.Doc()): { provider: HocuspocusProvider; events: ProviderEvents } {
  const events: ProviderEvents = { failures: [], closeCodes: [], closeReasons: [] };
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
    token,
    onAuthenticationFailed: ({ reason }) => events.failures.push(reason),
    onClose: ({ event }) => events.closeReasons.push(event.reason),
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
    const token = await memberToken('secret-1', name);
    const alice = connect(first.relay.url, name, token);
    const bob = connect(first.relay.url, name, token);
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
    const carol = connect(second.relay.url, name, token);
    await synced(carol.provider);
    expect(carol.provider.document.getMap('glossary').get('holding space')).toBe('staying present without fixing');
    expect(carol.provider.document.getText('story').toJSON()).toBe('We met in the village hall.');
    expect(first.warnings.concat(second.warnings)).toEqual([expect.stringMatching(/registered the member key/)]);
  });

  it('refuses a document whose name is not a Commonplace room, and still serves rooms on the same relay', async () => {
    const { relay, warnings } = await relayAt(path.join(folder, 'refuse.sqlite'));
    const intruder = connect(relay.url, 'my-notes', await memberToken('s', 'my-notes'));
    await vi.waitFor(() => {
      expect(intruder.events.failures[0]).toBe(refusedRoomReason);
    });
    expect(intruder.provider.isSynced).toBe(false);
    expect(warnings[0]).toBe(`relay: refused document "my-notes": ${refusedRoomReason}`);

    const member = connect(relay.url, room('community-2'), await memberToken('secret-2', room('community-2')));
    await synced(member.provider);
  });

  it('closes a connection that sends a message over the size limit', async () => {
    const { relay } = await relayAt(path.join(folder, 'size.sqlite'), { maxMessageBytes: 16 * 1024 });
    const name = room('community-3');
    const token = await memberToken('secret-3', name);
    const writer = connect(relay.url, name, token);
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

    const reader = connect(relay.url, name, token);
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

describe('members only', () => {
  async function failure(events: ProviderEvents): Promise<string> {
    await vi.waitFor(() => {
      expect(events.failures.length).toBeGreaterThan(0);
    });
    return events.failures[0]!;
  }

  /** A relay with one community whose member wrote a story into it. */
  async function communityWithStory(file: string, options: Partial<RelayOptions> = {}) {
    const { relay, warnings } = await relayAt(path.join(folder, file), options);
    const name = room(file);
    const token = await memberToken('the community secret', name);
    const member = connect(relay.url, name, token);
    await synced(member.provider);
    member.provider.document.getText('story').insert(0, 'Amara told us about the flood.');
    await vi.waitFor(() => {
      expect(member.provider.hasUnsyncedChanges).toBe(false);
    });
    return { relay, warnings, name, token };
  }

  it('refuses a stranger who knows the document name, and gives it nothing to read', async () => {
    const { relay, name, warnings } = await communityWithStory('stranger.sqlite');
    const attempts: [Token, string][] = [
      ['', relayRefusals.noToken],
      ['anything', relayRefusals.malformedToken],
      [await memberToken('a guessed secret', name), relayRefusals.notAMember],
    ];
    for (const [token, reason] of attempts) {
      const stranger = connect(relay.url, name, token);
      expect(await failure(stranger.events)).toBe(reason);
      // Writes from a refused connection go nowhere.
      stranger.provider.document.getText('story').insert(0, 'Graffiti. ');
      expect(stranger.provider.isSynced).toBe(false);
      expect(stranger.provider.document.getText('story').toJSON()).toBe('Graffiti. ');
    }
    expect(warnings.filter((warning) => warning.includes('refused'))).toHaveLength(3);
    const member = connect(relay.url, name, await memberToken('the community secret', name));
    await synced(member.provider);
    expect(member.provider.document.getText('story').toJSON()).toBe('Amara told us about the flood.');
  });

  it('refuses an expired token, a replayed one and one signed for another community', async () => {
    const { relay, name } = await communityWithStory('tokens.sqlite');
    const key = await memberKeyFor('the community secret', name);

    const old = connect(relay.url, name, await key.token(Date.now() - 3 * 60 * 1000));
    expect(await failure(old.events)).toBe(relayRefusals.expired);

    const once = await key.token();
    const first = connect(relay.url, name, once);
    await synced(first.provider);
    const replay = connect(relay.url, name, once);
    expect(await failure(replay.events)).toBe(relayRefusals.replayed);

    const other = room('another community');
    const otherKey = await memberKeyFor('the community secret', other);
    const borrowed = connect(relay.url, name, await otherKey.token());
    expect(await failure(borrowed.events)).toBe(relayRefusals.notAMember);
  });

  it('registers only operator keys when trust on first use is off', async () => {
    const name = room('operator');
    const key = await memberKeyFor('operator secret', name);
    const { relay } = await relayAt(path.join(folder, 'operator.sqlite'), { trustOnFirstUse: false, memberKeys: new Map([[name, key.publicKey]]) });
    const member = connect(relay.url, name, () => key.token());
    await synced(member.provider);
    const newcomer = room('unregistered');
    const stranger = connect(relay.url, newcomer, await memberToken('s', newcomer));
    expect(await failure(stranger.events)).toBe(relayRefusals.notAMember);
  });

  it('refuses a new community once it holds maxDocuments', async () => {
    const { relay } = await communityWithStory('full.sqlite', { maxDocuments: 1 });
    const second = room('second');
    const late = connect(relay.url, second, await memberToken('s2', second));
    expect(await failure(late.events)).toBe(relayRefusals.full);
  });

  it('refuses writes that would take a document past maxDocumentBytes, and keeps what it had', async () => {
    const { relay, name, token, warnings } = await communityWithStory('cap.sqlite', { maxDocumentBytes: 4 * 1024 });
    const writer = connect(relay.url, name, token);
    await synced(writer.provider);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      writer.provider.document.getText('story').insert(0, 'x'.repeat(8 * 1024));
      await vi.waitFor(() => {
        expect(writer.events.closeReasons).toContain(relayRefusals.documentTooLarge);
      });
    } finally {
      consoleError.mockRestore();
    }
    expect(warnings.some((warning) => warning.includes(relayRefusals.documentTooLarge))).toBe(true);
    const reader = connect(relay.url, name, token);
    await synced(reader.provider);
    expect(reader.provider.document.getText('story').toJSON()).toBe('Amara told us about the flood.');
  });

  it('refuses connections past maxConnectionsPerAddress', async () => {
    const { relay, warnings } = await relayAt(path.join(folder, 'conns.sqlite'), { maxConnectionsPerAddress: 1 });
    const first = new WebSocket(relay.url);
    await new Promise((resolve) => first.once('open', resolve));
    const second = new WebSocket(relay.url);
    const status = await new Promise<number | undefined>((resolve) => second.once('unexpected-response', (_request, response) => resolve(response.statusCode)));
    expect(status).toBe(429);
    expect(warnings[0]).toContain(relayRefusals.tooManyConnections);
    first.close();
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
