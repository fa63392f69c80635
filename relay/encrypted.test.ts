import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { blobKinds, envelopeKeyFor, seal } from '../renderer/transport/relay/envelope.js';
import { memberKeyFor } from '../renderer/transport/relay/memberKey.js';
import { memberColours } from '../shared/model/colours.js';
import { relayDocumentNameFor } from '../shared/protocol/roomName.js';
import { startRelay, type RunningRelay } from './server.js';
import { startMember, type Member as RelayMember } from './testing/members.js';

// The relay client end to end: real relay, real Hocuspocus provider, real WebCrypto.
const secret = 'Z2FyZGVuLXBhdGgtc2VjcmV0LTMyLWJ5dGVzLWxvbmc';
const story = 'Amara told us how the river rose over the bakery';
const memberName = 'Tomasz Wierzbicki';

let folder: string;
const relays: RunningRelay[] = [];
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'commonplace-encrypted-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(relays.splice(0).map((relay) => relay.close()));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface Member extends RelayMember {
  /** Why each message from the relay was refused, in order. */
  readonly rejected: string[];
}

async function member(urls: string[], documentName: string, name: string, memberSecret = secret): Promise<Member> {
  const rejected: string[] = [];
  const started = await startMember({ urls, documentName, secret: memberSecret, name, memberId: name.slice(0, 8), location: null, onRejected: (reason) => rejected.push(reason) });
  cleanups.push(() => {
    started.relay.destroy();
    started.awareness.destroy();
  });
  return { ...started, rejected };
}

/** A fresh relay (its database in this run's folder) for a community called `name`, closed after the test. */
async function room(name: string): Promise<{ relay: RunningRelay; documentName: string; databasePath: string }> {
  const databasePath = path.join(folder, `${name}.sqlite`);
  const relay = await startRelay({ host: '127.0.0.1', port: 0, databasePath, warn: () => undefined });
  relays.push(relay);
  return { relay, documentName: relayDocumentNameFor(`community-${name}`, secret), databasePath };
}

/** Alice, connected in a fresh room, and what a hostile relay can do there: write to the envelope with the community's key. */
async function aliceBesideHostileRelay(name: string) {
  const { relay, documentName } = await room(name);
  const alice = await member([relay.url], documentName, 'Alice');
  await connected(alice);
  const hostile = await rawEnvelope(relay.url, documentName);
  const key = await envelopeKeyFor(secret, documentName);
  return { documentName, alice, hostile, key };
}

async function connected(m: Member): Promise<void> {
  await vi.waitFor(
    () => {
      expect(m.relay.status.state).toBe('connected');
    },
    { timeout: 10_000, interval: 20 },
  );
}

function names(m: Member): string[] {
  return [...m.awareness.getStates().values()].map((state) => (state as { user?: { name?: string } }).user?.name ?? '').sort();
}

/** A plain provider on the envelope itself: what a relay (or anyone it lets write) can do. */
async function rawEnvelope(url: string, documentName: string): Promise<{ provider: HocuspocusProvider; blobs: Y.Array<Uint8Array> }> {
  const key = await memberKeyFor(secret, documentName);
  const document = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider, name: documentName, document, token: () => key.token() });
  provider.attach();
  cleanups.push(() => {
    provider.destroy();
    websocketProvider.destroy();
  });
  await vi.waitFor(() => {
    expect(provider.isSynced).toBe(true);
  });
  return { provider, blobs: document.getArray<Uint8Array>('sealed') };
}

describe('EncryptedRelay through a real relay', { timeout: 30_000 }, () => {
  it('two members converge and see each other, and the relay database holds no plaintext', async () => {
    const { relay, documentName, databasePath } = await room('river');
    const alice = await member([relay.url], documentName, memberName);
    const bob = await member([relay.url], documentName, 'Bob Okafor');
    await Promise.all([connected(alice), connected(bob)]);

    alice.doc.getText('story').insert(0, story);
    alice.doc.getMap('glossary').set('holding space', 'staying present without fixing');
    await vi.waitFor(() => {
      expect(bob.doc.getText('story').toJSON()).toBe(story);
    });
    bob.doc.getText('story').insert(story.length, '. Everyone helped.');
    await vi.waitFor(() => {
      expect(alice.doc.getText('story').toJSON()).toBe(`${story}. Everyone helped.`);
    });
    await vi.waitFor(() => {
      expect(names(alice)).toEqual(['Bob Okafor', memberName]);
      expect(names(bob)).toEqual(['Bob Okafor', memberName]);
    });
    expect(alice.rejected.concat(bob.rejected)).toEqual([]);
    // When a member leaves, the others stop showing them.
    bob.relay.destroy();
    await vi.waitFor(() => {
      expect(names(alice)).toEqual([memberName]);
    });

    await relay.close();
    relays.length = 0;
    const stored = await readFile(databasePath);
    expect(stored.length).toBeGreaterThan(0);
    for (const word of ['river', 'bakery', 'Amara', 'holding space', 'Everyone', 'Tomasz', 'Okafor']) {
      expect(stored.includes(Buffer.from(word)), word).toBe(false);
    }
    // The envelope is there, just unreadable: it is the community's size, sealed.
    expect(stored.includes(Buffer.from(documentName))).toBe(true);
  });

  it('rejects a tampered blob and one sealed for another community, and applies neither', async () => {
    const { relay, documentName } = await room('tamper');
    const alice = await member([relay.url], documentName, 'Alice');
    await connected(alice);
    alice.doc.getText('story').insert(0, 'Original words.');
    await alice.relay.settled();

    const hostile = await rawEnvelope(relay.url, documentName);
    await vi.waitFor(() => {
      expect(hostile.blobs.length).toBeGreaterThan(0);
    });
    // The relay flips one ciphertext bit of a real blob that carries new text.
    const carrier = new Y.Doc();
    carrier.getText('story').insert(0, 'Injected words.');
    const key = await envelopeKeyFor(secret, documentName);
    const genuine = await seal(key, documentName, blobKinds.update, 'attacker', 1, Y.encodeStateAsUpdate(carrier));
    const tampered = Uint8Array.from(genuine);
    tampered[tampered.length - 1]! ^= 1;
    // A blob sealed correctly, but for another community's document (copied across).
    const elsewhere = await seal(await envelopeKeyFor(secret, 'f'.repeat(64)), 'f'.repeat(64), blobKinds.update, 'attacker', 2, Y.encodeStateAsUpdate(carrier));
    hostile.blobs.push([tampered, elsewhere, new Uint8Array([1, 2, 3])]);

    await vi.waitFor(() => {
      expect(alice.rejected).toHaveLength(3);
    });
    expect(alice.rejected[0]).toMatch(/did not open/);
    expect(alice.rejected[1]).toMatch(/did not open/);
    expect(alice.doc.getText('story').toJSON()).toBe('Original words.');

    // The untampered blob, by contrast, opens and is applied: the rejection above is the seal's doing.
    hostile.blobs.push([genuine]);
    await vi.waitFor(() => {
      expect(alice.doc.getText('story').toJSON()).toContain('Injected words.');
    });
  });

  it('rejects tampered presence and presence that claims this device, and shows neither', async () => {
    const { documentName, alice, hostile, key } = await aliceBesideHostileRelay('presence');
    // A well-sealed presence update that speaks for Alice's own client id.
    const impostor = new Awareness(new Y.Doc({ gc: true }));
    (impostor as unknown as { clientID: number }).clientID = alice.doc.clientID;
    impostor.setLocalState({ user: { name: 'Not Alice', color: memberColours[2], memberId: 'x' }, location: null });
    const claiming = await seal(key, documentName, blobKinds.presence, 'attacker', 1, encodeAwarenessUpdate(impostor, [alice.doc.clientID]));
    const tampered = Uint8Array.from(claiming);
    tampered[tampered.length - 2]! ^= 4;
    const relayAwareness = hostile.provider.awareness!;
    relayAwareness.setLocalStateField('sealed', Buffer.from(tampered).toString('base64url'));
    await vi.waitFor(() => {
      expect(alice.rejected).toEqual([expect.stringMatching(/did not open/)]);
    });
    relayAwareness.setLocalStateField('sealed', Buffer.from(claiming).toString('base64url'));
    await vi.waitFor(() => {
      expect(alice.rejected[1]).toBe('presence claiming this device');
    });
    expect(names(alice)).toEqual(['Alice']);
    impostor.destroy();
  });

  it('passes every opened update through the guard and applies none it refuses', async () => {
    const { documentName, alice, hostile, key } = await aliceBesideHostileRelay('guard');
    // A member's device gone wrong: a sealed, well-formed blob whose update is garbage.
    hostile.blobs.push([await seal(key, documentName, blobKinds.update, 'broken', 1, new Uint8Array([0xff, 0xff, 0xff, 0xff]))]);
    await vi.waitFor(() => {
      expect(alice.rejected).toEqual([expect.stringMatching(/^malformed update/)]);
    });
    expect(alice.doc.share.size).toBe(0);
  });

  it('compacts the envelope into one snapshot that a late joiner loads', async () => {
    const { relay, documentName } = await room('compact');
    const writer = await member([relay.url], documentName, 'Writer');
    const compactor = await member([relay.url], documentName, 'Compactor');
    await Promise.all([connected(writer), connected(compactor)]);
    const text = writer.doc.getText('story');
    for (let i = 0; i < 30; i++) text.insert(text.length, `line ${i}\n`);
    // Compaction runs on receipt; the compactor's envelope then holds one snapshot plus anything newer.
    const compacting = compactor.relay;
    (compacting as unknown as { options: { compactAfter: number } }).options.compactAfter = 10;
    text.insert(text.length, 'the last line');
    await vi.waitFor(() => {
      expect(compactor.doc.getText('story').toJSON()).toBe(text.toJSON());
      expect(compacting.envelope.getArray('sealed').length).toBeLessThanOrEqual(10);
    });
    const late = await member([relay.url], documentName, 'Late');
    await connected(late);
    await vi.waitFor(() => {
      expect(late.doc.getText('story').toJSON()).toBe(text.toJSON());
    });
    expect(late.relay.envelope.getArray('sealed').length).toBeLessThanOrEqual(10);
    expect(writer.rejected.concat(compactor.rejected, late.rejected)).toEqual([]);
  });

  it('reports a relay that refuses the member, with its reason', async () => {
    const { relay, documentName } = await room('refused');
    const owner = await member([relay.url], documentName, 'Owner');
    await connected(owner);
    const stranger = await member([relay.url], documentName, 'Stranger', 'another secret entirely');
    await vi.waitFor(() => {
      expect(stranger.relay.status).toEqual({ state: 'refused', url: relay.url, reason: 'not a member of this community' });
    });
    owner.doc.getText('story').insert(0, 'private');
    await owner.relay.settled();
    expect(stranger.doc.getText('story').toJSON()).toBe('');
  });
});

// Keeps the room-name helper honest for these tests: the document name is what the relay sees.
it('uses a relay document name that reveals neither the community nor the secret', () => {
  const name = relayDocumentNameFor('community-river', secret);
  expect(name).toMatch(/^[0-9a-f]{64}$/);
  expect(name).not.toBe(createHash('sha256').update('community-river').digest('hex'));
});
