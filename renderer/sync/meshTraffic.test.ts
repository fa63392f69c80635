import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { Room } from 'y-webrtc';
import * as Y from 'yjs';
import { forwardOnlyOwnTraffic } from './meshTraffic.js';

/**
 * A stand-in for y-webrtc's Room with its real message handling (y-webrtc.js `readMessage`:
 * sync, awareness query, awareness) and its real handlers, which flood everything to every
 * connection; connections deliver synchronously to the other room.
 */
class FakeRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  webrtcConns = new Map<string, { connected: boolean; peer: { send(m: Uint8Array): void } }>();
  bcconnected = false;
  /** What went to the app's other windows (y-webrtc's BroadcastChannel), and their ids. */
  readonly tabs: Uint8Array[] = [];
  readonly bcConns = new Set<string>();
  received = 0;
  _docUpdateHandler = (update: Uint8Array): void => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    this.broadcast(encoding.toUint8Array(encoder));
  };
  _awarenessUpdateHandler = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]));
    this.broadcast(encoding.toUint8Array(encoder));
  };

  constructor(readonly name: string) {}

  connect(): void {
    this.doc.on('update', this._docUpdateHandler);
    this.awareness.on('update', this._awarenessUpdateHandler);
    this.bcconnected = true;
  }

  /** y-webrtc's broadcastRoomMessage: the BroadcastChannel while connected, then every connection. */
  broadcast(message: Uint8Array): void {
    if (this.bcconnected) this.tabs.push(message);
    for (const conn of this.webrtcConns.values()) conn.peer.send(message);
  }

  /** y-webrtc's readMessage, and the reply it sends back on the same connection. */
  read(message: Uint8Array, reply: (m: Uint8Array) => void): void {
    this.received += 1;
    const decoder = decoding.createDecoder(message);
    const encoder = encoding.createEncoder();
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    } else if (type === 3) {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
    if (encoding.length(encoder) > 1) reply(encoding.toUint8Array(encoder));
  }

  asRoom(): Room {
    return this as unknown as Room;
  }
}

function link(a: FakeRoom, b: FakeRoom): void {
  a.webrtcConns.set(b.name, { connected: true, peer: { send: (m) => b.read(m, (r) => a.read(r, () => undefined)) } });
  b.webrtcConns.set(a.name, { connected: true, peer: { send: (m) => a.read(m, (r) => b.read(r, () => undefined)) } });
}

/** Two connected rooms with a connection between them. */
function connectedPair(): [FakeRoom, FakeRoom] {
  const a = new FakeRoom('a');
  const b = new FakeRoom('b');
  a.connect();
  b.connect();
  link(a, b);
  return [a, b];
}

/** Stands in for "after the next paint": what was scheduled runs on `paint()`. */
function frames() {
  const queued: (() => void)[] = [];
  return { scheduleSend: (send: () => void) => queued.push(send), paint: () => queued.splice(0).forEach((send) => send()), queued };
}

const text = (room: FakeRoom): string => room.doc.getText('story').toJSON();

describe('mesh traffic', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends each keystroke once to each peer, where flooding sent it N-1 times', () => {
    const rooms = ['a', 'b', 'c', 'd'].map((name) => new FakeRoom(name));
    for (const room of rooms) room.connect();
    for (const [i, x] of rooms.entries()) for (const y of rooms.slice(i + 1)) link(x, y);
    const [a] = rooms;
    if (!a) throw new Error('no room');

    a.doc.getText('story').insert(0, 'x');
    const flooded = rooms.slice(1).reduce((sum, room) => sum + room.received, 0);
    for (const room of rooms) room.received = 0;

    const frame = frames();
    const stops = rooms.map((room) => forwardOnlyOwnTraffic(room.asRoom(), frame));
    a.doc.getText('story').insert(1, 'y');
    frame.paint();
    const direct = rooms.slice(1).map((room) => room.received);
    expect(direct).toEqual([1, 1, 1]);
    expect(flooded).toBe(3 * 3);
    for (const room of rooms) expect(text(room)).toBe('xy');
    stops.forEach((stop) => stop());
  });

  it('sends what a frame typed once it is painted, merged, to peers and to the other windows', () => {
    const [a, b] = connectedPair();
    const frame = frames();
    a.bcConns.add('another window');
    forwardOnlyOwnTraffic(a.asRoom(), frame);
    a.doc.getText('story').insert(0, 'x');
    a.doc.getText('story').insert(1, 'y');
    // Nothing leaves before the typist's frame is drawn.
    expect(text(b)).toBe('');
    expect(a.tabs).toHaveLength(0);
    expect(frame.queued).toHaveLength(1);

    frame.paint();
    expect(text(b)).toBe('xy');
    expect(b.received).toBe(1);
    expect(a.tabs).toHaveLength(1);
    const otherWindow = new Y.Doc();
    const decoder = decoding.createDecoder(a.tabs[0] ?? new Uint8Array());
    expect(decoding.readVarUint(decoder)).toBe(0);
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), otherWindow, null);
    expect(otherWindow.getText('story').toJSON()).toBe('xy');
  });

  it('sends nothing over the channel while no other window of the app is open', () => {
    const [a, b] = connectedPair();
    const frame = frames();
    forwardOnlyOwnTraffic(a.asRoom(), frame);
    a.doc.getText('story').insert(0, 'x');
    a.awareness.setLocalStateField('user', { name: 'Amira' });
    frame.paint();
    expect(a.tabs).toHaveLength(0);
    expect(text(b)).toBe('x');
    expect(b.awareness.getStates().get(a.awareness.clientID)).toEqual({ user: { name: 'Amira' } });
    // A window opens: presence goes to it too (y-webrtc's own join sync brings it the document).
    a.bcConns.add('another window');
    a.awareness.setLocalStateField('user', { name: 'Amira O.' });
    expect(a.tabs).toHaveLength(1);
  });

  it('forwards what the relay brought, which is not from the mesh', () => {
    const [a, b] = connectedPair();
    const frame = frames();
    forwardOnlyOwnTraffic(a.asRoom(), frame);
    const fromRelay = new Y.Doc();
    fromRelay.getText('story').insert(0, 'from the relay');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(fromRelay), 'relay');
    frame.paint();
    expect(text(b)).toBe('from the relay');
  });

  it('still converges in a partial mesh, by asking each connection for what is missing', () => {
    // a - b - c: a and c never connect directly.
    const [a, b, c] = ['a', 'b', 'c'].map((name) => new FakeRoom(name)) as [FakeRoom, FakeRoom, FakeRoom];
    for (const room of [a, b, c]) room.connect();
    link(a, b);
    link(b, c);
    const frame = frames();
    for (const room of [a, b, c]) forwardOnlyOwnTraffic(room.asRoom(), { resyncMs: 5000, ...frame });
    a.doc.getText('story').insert(0, 'Held in a circle.');
    a.awareness.setLocalStateField('user', { name: 'Amira' });
    frame.paint();
    expect(text(b)).toBe('Held in a circle.');
    expect(text(c)).toBe('');
    vi.advanceTimersByTime(5000);
    expect(text(c)).toBe('Held in a circle.');
    expect(c.awareness.getStates().get(a.awareness.clientID)).toEqual({ user: { name: 'Amira' } });
  });

  it('asks nothing of a connection that is not open, and gives y-webrtc its handlers back when stopped', () => {
    const a = new FakeRoom('a');
    a.connect();
    const send = vi.fn();
    a.webrtcConns.set('closed', { connected: false, peer: { send } });
    const original = a._docUpdateHandler;
    const stop = forwardOnlyOwnTraffic(a.asRoom(), { resyncMs: 1000 });
    expect(a._docUpdateHandler).not.toBe(original);
    vi.advanceTimersByTime(3000);
    expect(send).not.toHaveBeenCalled();
    stop();
    expect(a._docUpdateHandler).toBe(original);
    a.webrtcConns.set('closed', { connected: true, peer: { send } });
    a.doc.getText('story').insert(0, 'x');
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(3000);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
