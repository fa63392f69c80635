import { WebSocketStatus, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import { Server, type Extension } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { communityPresence, type PresenceShape } from '../../shared/protocol/peerMessages.js';
import { GuardedRelay, inspectRelayMessage } from './guardedRelay.js';
import { sealedPresence } from './relay/EncryptedRelay.js';

/**
 * Contract tests against the real HocuspocusProvider (under our guard) and a real
 * @hocuspocus/server on loopback: an upgrade of either that changes the wire format or the
 * provider's `onMessage`/`destroy` contract fails here.
 */

const presence = (name: string) => ({ user: { name, color: '#1f6f8b', memberId: name }, location: null });

const running: { server: Server; relays: GuardedRelay[] }[] = [];

async function startRelay(extensions: Extension[] = []): Promise<{ url: string; open: (doc: Y.Doc, awareness: Awareness, presence?: PresenceShape) => { relay: GuardedRelay; refused: Promise<string> } }> {
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false, extensions });
  await server.listen();
  const entry = { server, relays: [] as GuardedRelay[] };
  running.push(entry);
  const url = `ws://127.0.0.1:${server.address.port}`;
  return {
    url,
    open: (doc, awareness, presence) => {
      let onRefused: (reason: string) => void = () => undefined;
      const refused = new Promise<string>((resolve) => (onRefused = resolve));
      const relay = new GuardedRelay({ url, name: 'room', document: doc, awareness, WebSocketPolyfill: WebSocket } as HocuspocusProviderConfiguration, { onRefused, presence: presence ?? communityPresence });
      entry.relays.push(relay);
      return { relay, refused };
    },
  };
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const { server, relays } of running.splice(0)) {
    for (const relay of relays) relay.destroy();
    await server.destroy();
  }
});

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

/** A relay that, once a client is connected, sends it `message` for the client's document. */
const hostile = (message: (documentName: string) => Uint8Array): Extension => ({
  connected: ({ connection, documentName }) => {
    // After the client's first sync round, as a relay that turned hostile later would.
    setTimeout(() => connection.send(message(documentName)), 100);
    return Promise.resolve();
  },
});

/** An update that Yjs applies in part before throwing: the text is in, the delete set is cut off. */
function halfAnUpdate(): Uint8Array {
  const evil = new Y.Doc();
  evil.getText('t').insert(0, 'EVIL');
  const update = Y.encodeStateAsUpdate(evil);
  return update.subarray(0, update.byteLength - 1);
}

const relayMessage = (documentName: string, type: number, payload: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  payload(encoder);
  return encoding.toUint8Array(encoder);
};

/** y-protocols' "update" sync message body. */
const writeUpdate =
  (update: Uint8Array) =>
  (encoder: encoding.Encoder): void => {
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
  };

describe('the relay (real Hocuspocus server and provider)', () => {
  it('syncs text and presence between two members', async () => {
    const { open } = await startRelay();
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const [awA, awB] = [new Awareness(a), new Awareness(b)];
    awA.setLocalState(presence('Ada'));
    awB.setLocalState(presence('Ben'));
    open(a, awA);
    open(b, awB);
    a.getText('t').insert(0, 'hello');
    await until(() => b.getText('t').toJSON() === 'hello');
    await until(() => awB.getStates().has(a.clientID));
  });

  it('lets through sealed presence in an envelope, and refuses readable presence there', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { open } = await startRelay();
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const [awA, awB] = [new Awareness(a), new Awareness(b)];
    awA.setLocalState({ sealed: 'AAEC_-' });
    awB.setLocalState({});
    open(a, awA, sealedPresence);
    const { relay: relayB, refused } = open(b, awB, sealedPresence);
    await until(() => awB.getStates().get(a.clientID)?.sealed === 'AAEC_-');
    expect(relayB.wasRefused).toBe(false);
    // A name in the clear is not what an envelope carries: the member's relay is closed.
    awA.setLocalState(presence('Ada'));
    expect(await refused).toMatch(/presence entry not understood/);
    expect(awB.getStates().get(a.clientID)).toEqual({ sealed: 'AAEC_-' });
  });

  it('refuses a malformed update from a hostile relay: the document is unchanged and the relay closed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { open } = await startRelay([hostile((name) => relayMessage(name, 0, writeUpdate(halfAnUpdate())))]);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'ours');
    const awareness = new Awareness(doc);
    awareness.setLocalState(presence('Ada'));
    const { relay, refused } = open(doc, awareness);
    expect(await refused).toMatch(/malformed/);
    expect(doc.getText('t').toJSON()).toBe('ours');
    expect(relay.wasRefused).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/closed the relay.*malformed/));
    await until(() => relay.configuration.websocketProvider.status === WebSocketStatus.Disconnected);
  });

  it('refuses a presence entry we do not understand: no one is added to who is here', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const forger = new Awareness(new Y.Doc());
    forger.setLocalState({ user: { name: 'Mallory' }, cursor: { anchor: null, head: null } });
    const { open } = await startRelay([hostile((name) => relayMessage(name, 1, (e) => encoding.writeVarUint8Array(e, encodeAwarenessUpdate(forger, [forger.clientID]))))]);
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState(presence('Ada'));
    const { refused } = open(doc, awareness);
    expect(await refused).toMatch(/presence/);
    expect([...awareness.getStates().keys()]).toEqual([doc.clientID]);
  });
});

describe('inspectRelayMessage', () => {
  const name = 'room';
  it('lets Hocuspocus control messages and well-formed sync through', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    expect(inspectRelayMessage(relayMessage(name, 0, writeUpdate(Y.encodeStateAsUpdate(doc))))).toEqual({ ok: true });
    expect(inspectRelayMessage(relayMessage(name, 5, (e) => encoding.writeVarString(e, 'hello')))).toEqual({ ok: true });
    expect(inspectRelayMessage(relayMessage(name, 3, () => undefined))).toEqual({ ok: true });
  });

  it('refuses what a peer could not send, and bytes that are not a relay message', () => {
    expect(inspectRelayMessage(relayMessage(name, 0, writeUpdate(halfAnUpdate())))).toMatchObject({ ok: false });
    expect(inspectRelayMessage(relayMessage(name, 0, (e) => encoding.writeVarUint(e, 9)))).toMatchObject({ ok: false });
    expect(inspectRelayMessage(new Uint8Array([200]))).toMatchObject({ ok: false });
  });
});
