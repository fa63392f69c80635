// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- simple-peer ships no types; this names ours for every tsconfig that reaches this file.
/// <reference path="./simplePeer.d.ts" />
import * as bc from 'lib0/broadcastchannel';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { uuidv4 } from 'lib0/random';
import SimplePeer from 'simple-peer/simplepeer.min.js';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { awarenessClients, inspectPeerMessage } from '../../shared/protocol/peerMessages.js';
import { FrameReader, toFrames } from './chunks.js';
import type { DocOutbox } from './outbox.js';
import { decrypt, decryptJson, deriveRoomKey, encrypt, encryptJson } from './roomCrypto.js';
import { SignalingClient } from './signaling.js';

/** y-webrtc's message types over a data channel (y-protocols inside). */
const messageSync = 0;
const messageAwareness = 1;
const messageQueryAwareness = 3;

export interface DroppedPeer {
  readonly peerId: string;
  readonly reason: string;
  readonly at: number;
}

export interface MeshOptions {
  readonly roomName: string;
  /** The community secret: encrypts signaling and the other windows' channel, as y-webrtc's room password does. */
  readonly password: string;
  readonly signaling: readonly string[];
  readonly awareness: Awareness;
  readonly outbox: DocOutbox;
  readonly peerOpts?: { readonly config?: RTCConfiguration };
  /** A peer sent something the guard refused, or that failed to apply: it is disconnected and refused. */
  readonly onDrop?: (dropped: DroppedPeer) => void;
  /** Connections or signaling came or went. */
  readonly onChange?: () => void;
  /** Above this many connections a room stops answering announcements (y-webrtc: 20 to 34). */
  readonly maxConns?: number;
  /** Close a connection whose handshake has not completed by then (a TURN relay on a slow network takes seconds). */
  readonly handshakeMs?: number;
  /** Close an open channel that has carried nothing by then (both sides speak the moment it opens). */
  readonly silentAfterMs?: number;
  /** How often each connection is asked for what we lack, in case the mesh is not full. */
  readonly catchUpMs?: number;
}

interface Connection {
  readonly peer: SimplePeer;
  readonly remotePeerId: string;
  connected: boolean;
  heard: boolean;
  glareToken: number | undefined;
  /** Presence clients learned over this connection: removed when it closes, not 30 s later. */
  readonly clients: Set<number>;
  watchdog: ReturnType<typeof setTimeout> | undefined;
  /** Large messages travel in frames (chunks.ts): this reassembles the peer's. */
  readonly frames: FrameReader;
  /** Id of the next large message we send on this connection. */
  nextMessageId: number;
}

/**
 * WebRTC sync of one document, ours end to end over public pieces: y-webrtc's signaling
 * protocol (subscribe/publish on a signaling server, messages encrypted with the room
 * password exactly as y-webrtc does, so its servers work unchanged), simple-peer for the
 * connections, y-protocols for sync and presence, lib0's BroadcastChannel for the app's
 * other windows. It exists because y-webrtc gives no hook to check what a peer sends
 * before Yjs applies it, and forwards every received update to every other peer.
 *
 * Here every message from a peer or a window passes `inspectPeerMessage` before it reaches
 * the document or the awareness; a peer whose message is refused or fails to apply is
 * disconnected and refused until the room closes. What is sent comes from the document's
 * outbox: our own edits and what the relay brought, once each, encoded once for all.
 */
export class MeshRoom {
  readonly peerId = uuidv4();
  readonly dropped: DroppedPeer[] = [];
  private readonly conns = new Map<string, Connection>();
  private readonly refused = new Set<string>();
  private readonly otherWindows = new Set<string>();
  private readonly signalingConns: SignalingClient[] = [];
  private readonly key: Promise<CryptoKey>;
  private readonly doc: Y.Doc;
  private readonly maxConns: number;
  private readonly unsubscribe: (() => void)[] = [];
  private catchUp: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  /** The origin our applied updates and presence carry, so the outbox and presence know where they came from. */
  readonly windowsOrigin = { from: 'windows' };

  constructor(private readonly options: MeshOptions) {
    this.doc = options.outbox.doc;
    this.maxConns = options.maxConns ?? 20 + Math.floor(Math.random() * 15);
    this.key = deriveRoomKey(options.password, options.roomName);
    this.unsubscribe.push(options.outbox.markOrigin(this, 'peers'), options.outbox.markOrigin(this.windowsOrigin, 'windows'));
    void this.key.then(() => {
      if (!this.closed) this.open();
    });
  }

  /** Open data channels, and whether any signaling server is reachable. */
  status(): { readonly peers: number; readonly signalingUp: boolean } {
    let peers = 0;
    for (const conn of this.conns.values()) if (conn.connected) peers += 1;
    return { peers, signalingUp: this.signalingConns.some((conn) => conn.connected) };
  }

  /** Sends raw bytes to every open connection (what the outbox does with encoded messages). */
  sendToPeers(message: Uint8Array): void {
    for (const conn of this.conns.values()) send(conn, message);
  }

  private open(): void {
    const { outbox, awareness } = this.options;
    this.unsubscribe.push(
      outbox.subscribe({ sources: ['local', 'relay'], deliver: (batch) => this.sendToPeers(batch.syncMessage()) }),
      outbox.subscribe({
        sources: ['local'],
        deliver: (batch) => {
          // Nothing to encrypt and post while no other window is open (it costs every keystroke).
          if (this.otherWindows.size > 0) this.toWindows(batch.syncMessage());
        },
      }),
    );
    awareness.on('update', this.onPresence);
    bc.subscribe(this.options.roomName, this.fromWindow);
    this.toWindowsHello(true);
    // What a window opened on this device lacks, and what it holds, as y-webrtc does.
    this.toWindows(syncStep1(this.doc));
    this.toWindows(syncStep2(this.doc));
    this.toWindows(queryAwareness());
    this.toWindows(awarenessMessage(awareness, [this.doc.clientID]));
    for (const url of this.options.signaling) this.connectSignaling(url);
    const catchUpMs = this.options.catchUpMs ?? 15_000;
    this.catchUp = setInterval(() => {
      const step1 = syncStep1(this.doc);
      for (const conn of this.conns.values()) send(conn, step1);
    }, catchUpMs);
  }

  private connectSignaling(url: string): void {
    const conn: SignalingClient = new SignalingClient(url, {
      onOpen: () => {
        conn.send({ type: 'subscribe', topics: [this.options.roomName] });
        void this.publish(conn, { type: 'announce', from: this.peerId });
        this.options.onChange?.();
      },
      onClose: () => this.options.onChange?.(),
      onMessage: (message) => void this.onSignal(conn, message),
    });
    this.signalingConns.push(conn);
  }

  private async publish(conn: SignalingClient, data: Record<string, unknown>): Promise<void> {
    const sealed = await encryptJson(data, await this.key);
    if (conn.connected) conn.send({ type: 'publish', topic: this.options.roomName, data: toBase64(sealed) });
  }

  /** Announces us on every reachable server again (after a connection closed, y-webrtc's way to find each other anew). */
  private announce(): void {
    if (this.closed) return;
    for (const conn of this.signalingConns) {
      if (!conn.connected) continue;
      conn.send({ type: 'subscribe', topics: [this.options.roomName] });
      if (this.conns.size < this.maxConns) void this.publish(conn, { type: 'announce', from: this.peerId });
    }
  }

  private async onSignal(signaling: SignalingClient, message: unknown): Promise<void> {
    if (this.closed || !isRecord(message) || message.type !== 'publish' || message.topic !== this.options.roomName || typeof message.data !== 'string') return;
    let data: unknown;
    try {
      // Anything not sealed with our room's key (a stranger, a wrong secret) fails here.
      data = await decryptJson(fromBase64(message.data), await this.key);
    } catch {
      return;
    }
    if (this.isClosed() || !isRecord(data) || typeof data.from !== 'string' || data.from === this.peerId) return;
    if ((data.to !== undefined && data.to !== this.peerId) || this.otherWindows.has(data.from) || this.refused.has(data.from)) return;
    const from = data.from;
    if (data.type === 'announce') {
      if (this.conns.size < this.maxConns && !this.conns.has(from)) this.connectPeer(signaling, from, true);
      return;
    }
    if (data.type !== 'signal' || data.to !== this.peerId || !isRecord(data.signal)) return;
    const existing = this.conns.get(from);
    // Both sides may offer at once (glare): the older offer wins, as in y-webrtc.
    if (data.signal.type === 'offer' && existing) {
      if (existing.glareToken !== undefined && typeof data.token === 'number' && existing.glareToken > data.token) return;
      existing.glareToken = undefined;
    }
    if (data.signal.type === 'answer' && existing) existing.glareToken = undefined;
    const conn = existing ?? this.connectPeer(signaling, from, false);
    try {
      conn.peer.signal(data.signal);
    } catch {
      conn.peer.destroy();
    }
  }

  private connectPeer(signaling: SignalingClient, remotePeerId: string, initiator: boolean): Connection {
    const peer = new SimplePeer({ initiator, ...this.options.peerOpts });
    const conn: Connection = { peer, remotePeerId, connected: false, heard: false, glareToken: undefined, clients: new Set(), watchdog: undefined, frames: new FrameReader(), nextMessageId: 0 };
    this.conns.set(remotePeerId, conn);
    // A handshake that never completes would hold the slot for good (seen when two peers
    // come back at the same moment): close it, and both announce and try anew.
    conn.watchdog = setTimeout(() => {
      if (!conn.connected) peer.destroy();
    }, this.options.handshakeMs ?? 10_000);
    peer.on('signal', (signal) => {
      conn.glareToken ??= Date.now() + Math.random();
      void this.publish(signaling, { to: remotePeerId, from: this.peerId, type: 'signal', token: conn.glareToken, signal });
    });
    peer.on('connect', () => {
      conn.connected = true;
      clearTimeout(conn.watchdog);
      conn.watchdog = setTimeout(() => {
        if (!conn.heard && conn.connected) peer.destroy();
      }, this.options.silentAfterMs ?? 8000);
      send(conn, syncStep1(this.doc));
      const { awareness } = this.options;
      if (awareness.getStates().size > 0) send(conn, awarenessMessage(awareness, [...awareness.getStates().keys()]));
      this.options.onChange?.();
    });
    peer.on('close', () => this.closeConnection(conn));
    peer.on('error', () => this.closeConnection(conn));
    peer.on('data', (data) => this.fromPeer(conn, data));
    return conn;
  }

  private closeConnection(conn: Connection): void {
    clearTimeout(conn.watchdog);
    conn.connected = false;
    if (this.conns.get(conn.remotePeerId) !== conn) return;
    this.conns.delete(conn.remotePeerId);
    conn.peer.destroy();
    const gone = [...conn.clients].filter((client) => client !== this.doc.clientID && !this.heardElsewhere(client));
    if (gone.length > 0) removeAwarenessStates(this.options.awareness, gone, this);
    this.options.onChange?.();
    this.announce();
  }

  private heardElsewhere(client: number): boolean {
    for (const conn of this.conns.values()) if (conn.clients.has(client)) return true;
    return false;
  }

  private fromPeer(conn: Connection, frame: Uint8Array): void {
    conn.heard = true;
    if (this.refused.has(conn.remotePeerId)) return;
    const framed = conn.frames.read(frame);
    if (framed.kind === 'partial') return;
    if (framed.kind === 'broken') {
      this.drop(conn, framed.reason);
      return;
    }
    const data = framed.message;
    const verdict = inspectPeerMessage(data, this.doc);
    if (!verdict.ok) {
      this.drop(conn, verdict.reason);
      return;
    }
    try {
      const reply = this.read(data, this, conn.clients);
      if (reply) send(conn, reply);
    } catch (error) {
      this.drop(conn, `failed to apply (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private drop(conn: Connection, reason: string): void {
    this.refused.add(conn.remotePeerId);
    const dropped = { peerId: conn.remotePeerId, reason, at: Date.now() };
    this.dropped.push(dropped);
    console.warn(`Commonplace: disconnected a peer that sent a message we could not accept (${reason}).`);
    this.options.onDrop?.(dropped);
    conn.peer.destroy();
    this.closeConnection(conn);
  }

  /** Applies one checked message; returns the reply it asks for, if any. */
  private read(data: Uint8Array, origin: unknown, clients: Set<number> | null): Uint8Array | null {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, origin);
      return syncType === syncProtocol.messageYjsSyncStep1 ? encoding.toUint8Array(encoder) : null;
    }
    if (type === messageAwareness) {
      const update = decoding.readVarUint8Array(decoder);
      if (clients) for (const client of awarenessClients(update)) clients.add(client);
      applyAwarenessUpdate(this.options.awareness, update, origin);
      return null;
    }
    if (type === messageQueryAwareness) {
      const { awareness } = this.options;
      return awarenessMessage(awareness, [...awareness.getStates().keys()]);
    }
    return null;
  }

  /** Presence changes go to peers unless they came from peers (no flooding), and to other windows. */
  private readonly onPresence = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === this || origin === this.windowsOrigin) return;
    // Relay-only members move carets too: nothing to encode while no one here listens.
    if (this.conns.size === 0 && this.otherWindows.size === 0) return;
    const clients = [...changes.added, ...changes.updated, ...changes.removed];
    const message = awarenessMessage(this.options.awareness, clients);
    this.sendToPeers(message);
    if (this.otherWindows.size > 0) this.toWindows(message);
  };

  // The app's other windows on this device: one encrypted BroadcastChannel named after the
  // room. Each message starts with the sender's id (lib0 also hands a window its own
  // messages) and a kind: 0 hello/goodbye, 1 a y-protocols message.

  private toWindows(message: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.peerId);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, message);
    void this.seal(encoding.toUint8Array(encoder));
  }

  private toWindowsHello(present: boolean): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.peerId);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, present ? 1 : 0);
    void this.seal(encoding.toUint8Array(encoder));
  }

  private async seal(plain: Uint8Array<ArrayBuffer>): Promise<void> {
    const sealed = await encrypt(plain, await this.key);
    bc.publish(this.options.roomName, sealed);
  }

  private readonly fromWindow = (data: unknown): void => {
    void (async () => {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : null;
      if (!bytes || this.closed) return;
      let plain: Uint8Array;
      try {
        plain = await decrypt(bytes, await this.key);
      } catch {
        return;
      }
      const decoder = decoding.createDecoder(plain);
      const from = decoding.readVarString(decoder);
      if (from === this.peerId || this.isClosed()) return;
      const kind = decoding.readVarUint(decoder);
      if (kind === 0) {
        const present = decoding.readVarUint(decoder) === 1;
        if (present === this.otherWindows.has(from)) return;
        if (present) {
          this.otherWindows.add(from);
          // A window on this device syncs over the channel, not over WebRTC.
          this.conns.get(from)?.peer.destroy();
        } else this.otherWindows.delete(from);
        this.toWindowsHello(true);
        this.options.onChange?.();
        return;
      }
      const message = decoding.readVarUint8Array(decoder);
      const verdict = inspectPeerMessage(message, this.doc);
      if (!verdict.ok) {
        console.warn(`Commonplace: ignored a message from another window that we could not accept (${verdict.reason}).`);
        return;
      }
      try {
        const reply = this.read(message, this.windowsOrigin, null);
        if (reply) this.toWindows(reply);
      } catch (error) {
        console.warn(`Commonplace: a message from another window failed to apply (${error instanceof Error ? error.message : String(error)}).`);
      }
    })();
  };

  /** A method, not the field: it changes while a message waits for decryption. */
  private isClosed(): boolean {
    return this.closed;
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.catchUp);
    this.options.outbox.flush();
    for (const stop of this.unsubscribe) stop();
    // Others drop our caret at once instead of after presence times out (sent by onPresence);
    // CommunitySync sets it again when it reconnects.
    removeAwarenessStates(this.options.awareness, [this.doc.clientID], 'leaving');
    this.options.awareness.off('update', this.onPresence);
    void this.key.then(() => {
      this.toWindowsHello(false);
      bc.unsubscribe(this.options.roomName, this.fromWindow);
    });
    for (const conn of [...this.conns.values()]) {
      clearTimeout(conn.watchdog);
      conn.peer.destroy();
    }
    this.conns.clear();
    for (const conn of this.signalingConns) {
      if (conn.connected) conn.send({ type: 'unsubscribe', topics: [this.options.roomName] });
      conn.destroy();
    }
  }
}

function send(conn: Connection, message: Uint8Array): void {
  // A channel we heard from is open even if simple-peer has not said 'connect' yet (it
  // waits for connection stats first): the peer's sync step 1 can arrive before, and its
  // answer must not be lost (it was, once in five resumes in the bench, until the next catch-up).
  if (!conn.connected && !conn.heard) return;
  try {
    for (const frame of toFrames(message, conn.nextMessageId++)) conn.peer.send(frame);
  } catch {
    // A channel closing as we send: its close event cleans up, and the peer catches up on reconnect.
  }
}

function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function syncStep2(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeSyncStep2(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function queryAwareness(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageQueryAwareness);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(awareness: Awareness, clients: number[]): Uint8Array {
  return awarenessEnvelope(encodeAwarenessUpdate(awareness, clients));
}

function awarenessEnvelope(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
