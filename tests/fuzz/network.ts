/**
 * A simulated network of peers, in the spirit of Yjs's tests/testHelper.js. Each peer has
 * its own Community Y.Doc and undo manager; every local update is broadcast as a message
 * that the network may drop, delay (so reorder) or duplicate, and peers in different
 * partitions cannot reach each other. Dropped updates come back through anti-entropy: a
 * state-vector exchange like y-protocols' sync step 1 (my state vector) and step 2 (what
 * you lack), itself sent over the same unreliable network.
 */
import * as Y from 'yjs';
import { Community } from '../../shared/model/Community.js';
import type { Rng } from './prng.js';

export const networkOrigin = Symbol('fuzz-network');

export interface NetworkOptions {
  readonly peers: number;
  /** Chance that one message is lost. */
  readonly dropRate: number;
  /** Chance that one message is sent twice. */
  readonly duplicateRate: number;
  /** Largest delay of a message, in ticks; random delays reorder messages. */
  readonly maxDelay: number;
}

export const defaultNetworkOptions: NetworkOptions = { peers: 5, dropRate: 0.15, duplicateRate: 0.1, maxDelay: 8 };

type Message =
  | { readonly kind: 'update'; readonly from: number; readonly to: number; readonly at: number; readonly update: Uint8Array }
  | { readonly kind: 'sync1'; readonly from: number; readonly to: number; readonly at: number; readonly stateVector: Uint8Array }
  | { readonly kind: 'sync2'; readonly from: number; readonly to: number; readonly at: number; readonly update: Uint8Array };

export class Peer {
  readonly undo: Y.UndoManager;

  constructor(
    readonly index: number,
    readonly community: Community,
  ) {
    this.undo = community.createUndoManager();
  }

  get doc(): Y.Doc {
    return this.community.doc;
  }
}

export interface NetworkStats {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  syncs: number;
  partitions: number;
}

export class Network {
  readonly peers: Peer[];
  private queue: Message[] = [];
  private now = 0;
  /** Partition group of each peer; peers talk only within a group. */
  private groups: number[];
  /** While settling, nothing is lost or duplicated. */
  private reliable = false;
  readonly stats: NetworkStats = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, syncs: 0, partitions: 0 };

  constructor(
    readonly rng: Rng,
    readonly options: NetworkOptions = defaultNetworkOptions,
  ) {
    if (options.peers < 2) throw new Error('A network needs at least two peers.');
    const founder = Community.create({ name: 'Fuzz circle', creator: { id: 'member-0', name: 'Peer 0', colour: '#2557a7' } });
    const start = Y.encodeStateAsUpdate(founder.doc);
    this.peers = Array.from({ length: options.peers }, (_, index) => {
      const doc = Community.newDoc();
      // Fixed client ids, so a seed replays the same conflict resolutions.
      doc.clientID = 1 + index;
      Y.applyUpdate(doc, start, networkOrigin);
      const peer = new Peer(index, new Community(doc));
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== networkOrigin) this.broadcast(index, update);
      });
      return peer;
    });
    this.groups = this.peers.map(() => 0);
  }

  private connected(a: number, b: number): boolean {
    return this.groups[a] === this.groups[b];
  }

  private send(message: Message): void {
    this.stats.sent++;
    if (!this.reliable && (!this.connected(message.from, message.to) || this.rng.chance(this.options.dropRate))) {
      this.stats.dropped++;
      return;
    }
    this.queue.push(message);
    if (!this.reliable && this.rng.chance(this.options.duplicateRate)) {
      this.stats.duplicated++;
      this.queue.push({ ...message, at: this.now + this.rng.int(0, this.options.maxDelay) });
    }
  }

  private broadcast(from: number, update: Uint8Array): void {
    for (const to of this.peers.keys()) {
      if (to !== from) this.send({ kind: 'update', from, to, at: this.now + this.rng.int(0, this.options.maxDelay), update });
    }
  }

  /** Sync step 1: `from` asks `to` for what it lacks. */
  requestSync(from: number, to: number): void {
    this.stats.syncs++;
    const doc = this.peer(from).doc;
    this.send({ kind: 'sync1', from, to, at: this.now + this.rng.int(0, this.options.maxDelay), stateVector: Y.encodeStateVector(doc) });
  }

  peer(index: number): Peer {
    const peer = this.peers[index];
    if (!peer) throw new Error(`No peer ${index}.`);
    return peer;
  }

  private deliver(message: Message): void {
    // A message in flight when a partition starts is lost.
    if (!this.connected(message.from, message.to)) {
      this.stats.dropped++;
      return;
    }
    this.stats.delivered++;
    const doc = this.peer(message.to).doc;
    if (message.kind === 'sync1') {
      // Sync step 2: everything the asker lacks, including updates still pending here.
      this.send({
        kind: 'sync2',
        from: message.to,
        to: message.from,
        at: this.now + this.rng.int(0, this.options.maxDelay),
        update: Y.encodeStateAsUpdate(doc, message.stateVector),
      });
    } else {
      Y.applyUpdate(doc, message.update, networkOrigin);
    }
  }

  /** Advances time by one tick and delivers, in random order, the messages that are due. */
  tick(): void {
    this.now++;
    const due = this.queue.filter((m) => m.at <= this.now);
    if (due.length === 0) return;
    this.queue = this.queue.filter((m) => m.at > this.now);
    for (const message of this.rng.shuffle(due)) this.deliver(message);
  }

  /** Splits the peers into two or three random groups. */
  partition(): void {
    this.stats.partitions++;
    const count = this.rng.int(2, 3);
    this.groups = this.peers.map(() => this.rng.int(0, count - 1));
  }

  heal(): void {
    this.groups = this.peers.map(() => 0);
  }

  get partitioned(): boolean {
    return this.groups.some((g) => g !== this.groups[0]);
  }

  get inFlight(): number {
    return this.queue.length;
  }

  /**
   * Heals every partition, delivers what is in flight and then syncs every pair reliably
   * (step 1 and step 2 directly), as peers that reconnect would.
   */
  settle(): void {
    this.heal();
    this.reliable = true;
    while (this.queue.length > 0) {
      this.now = Math.max(this.now, ...this.queue.map((m) => m.at)) - 1;
      this.tick();
    }
    for (let round = 0; round < 2; round++) {
      for (const a of this.peers) {
        for (const b of this.peers) {
          if (a === b) continue;
          Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), networkOrigin);
        }
      }
    }
    this.reliable = false;
  }

  destroy(): void {
    for (const peer of this.peers) {
      peer.undo.destroy();
      peer.doc.destroy();
    }
  }
}
