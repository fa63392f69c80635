import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterNextPaint } from '../timing/afterNextPaint.js';

/** Where an update to the document came from. */
export type UpdateSource = 'local' | 'storage' | 'peers' | 'windows' | 'relay';

/** What the outbox hands a consumer: one merged update, and its sync message encoded once for all. */
export interface OutboxBatch {
  readonly update: Uint8Array;
  /** `[messageSync, messageYjsUpdate, update]` as y-protocols writes it, encoded on first use and shared. */
  readonly syncMessage: () => Uint8Array;
}

export interface OutboxConsumer {
  /** The sources this consumer is sent (never its own: what came from peers is not sent back to peers). */
  readonly sources: readonly UpdateSource[];
  readonly deliver: (batch: OutboxBatch) => void;
}

const messageSync = 0;

/**
 * The one place a document's updates leave from. Every update is heard once (one listener on
 * the document), tagged with where it came from (by the origin it was applied with), and
 * right after the frame that shows it is painted handed to each consumer that wants that
 * source: the WebRTC peers, the app's other windows, storage. Updates that waited are
 * merged once, and the sync message is encoded once for all peers and windows.
 *
 * Why after the paint: sending at once put the network send and, on a machine shared with
 * peers, every peer's work on the received keystroke in the middle of the typist drawing it,
 * which the typing benchmark showed (docs/PERFORMANCE.md, "Typing in a long harvest"). Peers
 * see an edit at most a frame later; storage writes off the path from keystroke to screen.
 *
 * The relay is the exception: HocuspocusProvider listens to the document itself and has no
 * public way to be fed instead; it sends everything but what it brought, which is the same
 * rule (see docs/ARCHITECTURE.md, Sync).
 */
export class DocOutbox {
  private readonly consumers = new Set<OutboxConsumer>();
  private readonly origins = new Map<unknown, UpdateSource>();
  private waiting: { update: Uint8Array; source: UpdateSource }[] = [];
  private scheduled = false;

  constructor(
    readonly doc: Y.Doc,
    /** When what waits is handed on (tests hand it on at once or by hand). */
    private readonly schedule: (run: () => void) => void = afterNextPaint,
  ) {
    doc.on('update', this.onUpdate);
  }

  /** Updates applied with this origin came from `source` (a provider's own token, storage's persistence). */
  markOrigin(origin: unknown, source: UpdateSource): () => void {
    this.origins.set(origin, source);
    return () => this.origins.delete(origin);
  }

  subscribe(consumer: OutboxConsumer): () => void {
    this.consumers.add(consumer);
    return () => this.consumers.delete(consumer);
  }

  /** Hands on at once what waits (before a page hides, a provider closes, a test reads). */
  flush = (): void => {
    this.scheduled = false;
    if (this.waiting.length === 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    const all = once(() => merge(waiting.map((entry) => entry.update)));
    const shared = batchOf(all);
    for (const consumer of this.consumers) {
      const wanted = waiting.filter((entry) => consumer.sources.includes(entry.source));
      if (wanted.length === 0) continue;
      // Usually every update of a task has one source: the shared batch, encoded once.
      consumer.deliver(wanted.length === waiting.length ? shared : batchOf(once(() => merge(wanted.map((entry) => entry.update)))));
    }
  };

  destroy(): void {
    this.flush();
    this.doc.off('update', this.onUpdate);
    this.consumers.clear();
    outboxes.delete(this.doc);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.waiting.push({ update, source: this.origins.get(origin) ?? 'local' });
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(this.flush);
  };
}

const outboxes = new WeakMap<Y.Doc, DocOutbox>();

/** Whether the document has its outbox yet (making one adds a listener Yjs encodes updates for). */
export function hasOutbox(doc: Y.Doc): boolean {
  return outboxes.has(doc);
}

/** The document's outbox, shared by its storage and its sync. */
export function outboxOf(doc: Y.Doc): DocOutbox {
  let outbox = outboxes.get(doc);
  if (!outbox) {
    outbox = new DocOutbox(doc);
    outboxes.set(doc, outbox);
  }
  return outbox;
}

function merge(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

function batchOf(update: () => Uint8Array): OutboxBatch {
  const message = once(() => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeUpdate(encoder, update());
    return encoding.toUint8Array(encoder);
  });
  return {
    get update() {
      return update();
    },
    syncMessage: message,
  };
}
