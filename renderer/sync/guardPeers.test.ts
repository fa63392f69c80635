import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { guardPeers, type DroppedPeer } from './guardPeers.js';

/**
 * A stand-in for y-webrtc's room with one connection whose 'data' listener does what
 * y-webrtc's does: read a y-protocols sync message straight into the document.
 */
function fakeProvider(doc: Y.Doc) {
  const conns = new Map<string, unknown>();
  const provider = { key: Promise.resolve(null), room: { webrtcConns: conns, doc } };
  const connect = (peerId: string) => {
    const peer = new EventEmitter();
    const conn = { remotePeerId: peerId, peer, destroy: vi.fn() };
    peer.on('data', (data: Uint8Array) => {
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) === 0) syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'peer');
    });
    conns.set(peerId, conn);
    return conn;
  };
  return { provider: provider as unknown as WebrtcProvider, connect };
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function seededDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('story').insert(0, 'A story worth keeping.');
  return doc;
}

describe('guarding peers before Yjs sees their messages', () => {
  it('passes real updates through', async () => {
    const doc = new Y.Doc();
    const { provider, connect } = fakeProvider(doc);
    const dropped: DroppedPeer[] = [];
    guardPeers(provider, (d) => dropped.push(d));
    await Promise.resolve();
    const conn = connect('friend');
    conn.peer.emit('data', updateMessage(Y.encodeStateAsUpdate(seededDoc())));
    expect(doc.getText('story').toJSON()).toBe('A story worth keeping.');
    expect(dropped).toEqual([]);
  });

  it('drops a peer that sends garbage, logs it, and leaves the document unchanged (property)', async () => {
    const valid = Y.encodeStateAsUpdate(seededDoc());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
          fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => updateMessage(bytes)),
          fc.nat(valid.length - 2).map((cut) => updateMessage(valid.slice(0, cut + 1))),
        ),
        async (message) => {
          const doc = seededDoc();
          const before = Y.encodeStateAsUpdate(doc);
          const { provider, connect } = fakeProvider(doc);
          const dropped: DroppedPeer[] = [];
          guardPeers(provider, (d) => dropped.push(d));
          await Promise.resolve();
          const conn = connect('mallory');
          conn.peer.emit('data', message);
          if (dropped.length > 0) {
            expect(conn.destroy).toHaveBeenCalled();
            expect(dropped[0]?.peerId).toBe('mallory');
            expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
            // Once refused, later messages from it are ignored too.
            conn.peer.emit('data', updateMessage(Y.encodeStateAsUpdate(seededDoc())));
            expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
          } else {
            // Accepted only if it decodes completely; the story is still intact.
            expect(doc.getText('story').toJSON()).toContain('A story worth keeping.');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('a connection that opens but carries nothing', () => {
  it('is closed after a while, as is one whose handshake never completes, so y-webrtc makes a new one; one that carries data is kept', async () => {
    vi.useFakeTimers();
    try {
      const { provider, connect } = fakeProvider(seededDoc());
      guardPeers(provider, () => undefined, () => undefined, 8000, 8000);
      // The guard is installed once the room's key is ready.
      await Promise.resolve();
      const silent = connect('silent') as { peer: EventEmitter; destroy: ReturnType<typeof vi.fn>; connected?: boolean };
      const talking = connect('talking') as { peer: EventEmitter; destroy: ReturnType<typeof vi.fn>; connected?: boolean };
      for (const conn of [silent, talking]) {
        conn.connected = true;
        conn.peer.emit('connect');
      }
      const stuck = connect('stuck') as { peer: EventEmitter; destroy: ReturnType<typeof vi.fn>; connected?: boolean };
      talking.peer.emit('data', updateMessage(Y.encodeStateAsUpdate(seededDoc())));
      vi.advanceTimersByTime(7999);
      expect(stuck.destroy).not.toHaveBeenCalled();
      expect(silent.destroy).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(silent.destroy).toHaveBeenCalledTimes(1);
      expect(stuck.destroy).toHaveBeenCalledTimes(1);
      expect(talking.destroy).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
