import * as encoding from 'lib0/encoding';
import type { Room, WebrtcConn } from 'y-webrtc';
import * as syncProtocol from 'y-protocols/sync';
import { afterNextPaint } from '../timing/afterNextPaint.js';
import { batchUntilPaint } from '../timing/batchUntilPaint.js';

/** y-webrtc's message types (y-webrtc.js): a Yjs sync message, and "send me everyone's presence". */
const messageSync = 0;
const messageQueryAwareness = 3;

export interface MeshTrafficOptions {
  /** How often each open connection is asked for what we lack (state vector) and for presence. */
  readonly resyncMs?: number;
  /** When one's own edits are sent (default: after the next paint). */
  readonly scheduleSend?: (send: () => void) => void;
}

type UpdateHandler = (update: Uint8Array, origin: unknown) => void;
type AwarenessHandler = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;

/**
 * y-webrtc forwards every update and every presence change it receives to all its other
 * peers (flooding, so that a partial mesh still delivers). Peers of a community connect
 * to each other directly (a full mesh up to y-webrtc's 20+ connections), so every
 * keystroke by one of N people arrived N-1 times at each of the others, each copy decoded,
 * inspected and applied for nothing: with 8 people, 49 messages a keystroke instead of 7.
 *
 * Here the room forwards only what did not come from the mesh (our own edits, and what
 * the relay brings, which bridges relay-only members to the mesh). Delivery in a partial
 * mesh, which flooding gave, comes instead from asking each open connection every
 * `resyncMs` for what we lack (Yjs sync step 1: the peer answers with only the missing
 * updates, usually nothing) and for everyone's presence.
 *
 * Edits are sent once the frame that shows them is painted, what a frame typed merged into
 * one message. Sending at once put the network send and, worse, every peer's work on the
 * received keystroke (decrypting, applying, drawing) in the middle of the typist drawing
 * it: with three peers on the same two cores, keystroke to screen was 12 ms at the median
 * and 20 ms at p95; sent after the paint, 6.5 and 9 ms. Peers see it a frame later (the
 * 8-peer p95 went from 35 to 38 ms, within the 50 ms budget).
 *
 * y-webrtc also sends every edit and presence change to the app's other windows on this
 * machine, over an encrypted BroadcastChannel; encrypting and posting cost 0.6 ms of every
 * keystroke even with no other window open. Nothing goes over the channel now while no
 * other window is there.
 *
 * Call once the room exists (after `provider.key`); returns a function that stops it.
 */
export function forwardOnlyOwnTraffic(room: Room, options: MeshTrafficOptions = {}): () => void {
  const { resyncMs = 5000, scheduleSend = afterNextPaint } = options;
  const doc = room.doc;
  const awareness = room.awareness;
  const originalDoc = room._docUpdateHandler as UpdateHandler;
  const originalAwareness = room._awarenessUpdateHandler as AwarenessHandler;
  // y-webrtc's handler sends to the BroadcastChannel when `bcconnected`, and to every
  // connection in `webrtcConns`, synchronously: hiding the channel sends to peers only.
  const toPeersOnly = (send: () => void): void => {
    const tabs = room.bcconnected;
    room.bcconnected = false;
    try {
      send();
    } finally {
      room.bcconnected = tabs;
    }
  };
  // y-webrtc keeps the ids of the app's other windows on this machine in `bcConns` (a
  // window announces itself over the channel when it connects, before asking for what it
  // lacks, and the others answer). With none, nothing need go over the channel: a window
  // that opens later asks for everything.
  const otherWindows = (): boolean => room.bcconnected && room.bcConns.size > 0;
  const sendOwn = (send: () => void): void => (otherWindows() ? send() : toPeersOnly(send));
  const outgoing = batchUntilPaint((update) => sendOwn(() => originalDoc(update, null)), scheduleSend);
  const ownUpdates: UpdateHandler = (update, origin) => {
    if (origin !== room) outgoing.add(update);
  };
  const ownPresence: AwarenessHandler = (changes, origin) => {
    if (origin !== room) sendOwn(() => originalAwareness(changes, origin));
  };
  // y-webrtc (dis)connects the room's handlers by these properties: swap them in place,
  // and on the document and awareness too while the room is connected.
  const swap = (updates: UpdateHandler, presence: AwarenessHandler): void => {
    const connected = room.bcconnected;
    if (connected) {
      doc.off('update', room._docUpdateHandler);
      awareness.off('update', room._awarenessUpdateHandler);
    }
    room._docUpdateHandler = updates;
    room._awarenessUpdateHandler = presence;
    if (connected) {
      doc.on('update', updates);
      awareness.on('update', presence);
    }
  };
  swap(ownUpdates, ownPresence);

  const resync = (): void => {
    if (!room.bcconnected) return;
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, messageSync);
    syncProtocol.writeSyncStep1(step1, doc);
    const query = encoding.createEncoder();
    encoding.writeVarUint(query, messageQueryAwareness);
    for (const conn of room.webrtcConns.values()) sendIfOpen(conn, [encoding.toUint8Array(step1), encoding.toUint8Array(query)]);
  };
  const timer = setInterval(resync, resyncMs);
  return () => {
    clearInterval(timer);
    outgoing.flush();
    if (room._docUpdateHandler === ownUpdates) swap(originalDoc, originalAwareness);
  };
}

function sendIfOpen(conn: WebrtcConn, messages: Uint8Array[]): void {
  if (!conn.connected) return;
  try {
    // simple-peer, typed `any` by y-webrtc.
    const peer = conn.peer as { send(data: Uint8Array): void };
    for (const message of messages) peer.send(message);
  } catch {
    // A connection closing as we send: y-webrtc cleans it up, and the next round asks again.
  }
}
