import { HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { awarenessClients, inspectAwareness, inspectUpdate, type PeerMessageVerdict, type PresenceShape } from '../../../shared/protocol/peerMessages.js';
import { GuardedRelay } from '../guardedRelay.js';
import { blobKinds, envelopeKeyFor, open, seal, type BlobKind } from './envelope.js';
import { memberKeyFor, toBase64Url, type MemberKey } from './memberKey.js';

/**
 * A community's sync through relays that cannot read it. The relay document is an envelope:
 * a Y.Array of sealed blobs (envelope.ts). This class seals every local Yjs update into it,
 * opens everyone else's, passes each through the peer guard before applying it, carries
 * presence as sealed blobs in the relay's own awareness, compacts the envelope from time to
 * time, and fails over along a list of relay URLs. See docs/ARCHITECTURE.md, "Relay".
 */

export type RelayGuard = (message: Uint8Array, kind: 'update' | 'presence') => PeerMessageVerdict;

export interface EncryptedRelayStatus {
  /**
   * connecting: no relay yet; connected: synced with `url`; unavailable: every relay failed
   * to answer since the last success (it keeps trying); refused: every relay said no, or
   * one sent what the guard refused.
   */
  readonly state: 'connecting' | 'connected' | 'unavailable' | 'refused';
  readonly url: string;
  /** The relay's refusal (relayRefusals in shared/protocol/relay/token.ts) or the guard's reason. */
  readonly reason?: string;
}

export interface EncryptedRelayOptions {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly secret: string;
  /** relayDocumentNameFor(community.id, secret). */
  readonly documentName: string;
  /** Tried in order; on losing one the next is used. */
  readonly urls: readonly string[];
  /** Defaults to inspectUpdate / inspectAwareness, the same checks as WebRTC traffic. */
  readonly guard?: RelayGuard;
  readonly onStatus?: (status: EncryptedRelayStatus) => void;
  /** A blob that did not open or that the guard refused; it was not applied. */
  readonly onRejected?: (reason: string) => void;
  /** Compact once the envelope holds more blobs than this. */
  readonly compactAfter?: number;
  /** Node has no global WebSocket before 22; pass `ws` there. */
  readonly WebSocketPolyfill?: unknown;
  /**
   * Reconnect waits with a lone relay (ms). Only the catch-up bench sets it, to measure
   * the provider's defaults (1 s doubling to 30 s) beside ours.
   */
  readonly backoff?: { readonly delay: number; readonly minDelay: number; readonly maxDelay: number };
}

const presenceField = 'sealed';

/**
 * What the envelope's own awareness may carry: nothing yet (`{}`, a provider's first state)
 * or one sealed presence blob as base64url. A relay can send nothing else to it; the
 * limits are the relay's scale (hundreds of members), not a mesh's.
 */
export const sealedPresence: PresenceShape = {
  accepts: (state) => {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) return false;
    const keys = Object.keys(state);
    if (keys.length === 0) return true;
    const sealed: unknown = (state as Record<string, unknown>)[presenceField];
    return keys.length === 1 && typeof sealed === 'string' && sealed.length <= 16 * 1024 && /^[A-Za-z0-9_-]+$/.test(sealed);
  },
  maxClients: 2000,
};

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export class EncryptedRelay {
  /** The relay document: ciphertext only. */
  readonly envelope = new Y.Doc();
  private readonly blobs = this.envelope.getArray<Uint8Array>('sealed');
  /** What the envelope holds in plaintext, to know what a reconnect must still send and to snapshot. */
  private readonly shadow = new Y.Doc();
  /** Random per session: the relay sees it, so it must not name anyone. */
  private readonly sender = toBase64Url(crypto.getRandomValues(new Uint8Array(12)));
  private sequence = 0;
  private readonly seen = new Set<string>();
  /** Blobs already opened (or rejected) here: only these may be covered by a snapshot. */
  private readonly handled = new WeakSet();
  private work: Promise<void> = Promise.resolve();
  private provider: GuardedRelay | null = null;
  private urlIndex = 0;
  private readonly refusedUrls = new Set<string>();
  private presenceOf = new Map<number, number[]>();
  private destroyed = false;
  private connectedOnce = false;
  /** Connections lost or never made since the last sync; one per URL means none answers. */
  private failuresInRow = 0;
  private readonly unreachableUrls = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  status: EncryptedRelayStatus;

  private constructor(
    private readonly options: EncryptedRelayOptions,
    private readonly key: CryptoKey,
    private readonly member: MemberKey,
  ) {
    if (options.urls.length === 0) throw new RangeError('EncryptedRelay needs at least one relay URL');
    this.status = { state: 'connecting', url: options.urls[0] ?? '' };
    options.doc.on('update', this.onLocalUpdate);
    options.awareness.on('update', this.onLocalPresence);
    this.blobs.observe(this.onBlobs);
  }

  /** Derives the keys (async WebCrypto) and connects to the first relay. */
  static async start(options: EncryptedRelayOptions): Promise<EncryptedRelay> {
    const [key, member] = await Promise.all([envelopeKeyFor(options.secret, options.documentName), memberKeyFor(options.secret, options.documentName)]);
    const relay = new EncryptedRelay(options, key, member);
    relay.connect();
    return relay;
  }

  /** Resolves once everything sealed or opened so far has been handled (for tests and shutdown). */
  settled(): Promise<void> {
    return this.work;
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => {
      this.options.onRejected?.(`relay: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private setStatus(status: EncryptedRelayStatus): void {
    this.status = status;
    this.options.onStatus?.(status);
  }

  private connect(): void {
    if (this.destroyed) return;
    const url = this.options.urls[this.urlIndex % this.options.urls.length] ?? '';
    const several = this.options.urls.length > 1;
    const websocketProvider = new HocuspocusProviderWebsocket({
      url,
      ...(this.options.WebSocketPolyfill ? { WebSocketPolyfill: this.options.WebSocketPolyfill } : {}),
      // With other relays to go to, give up on this one quickly; alone, keep retrying, but
      // never wait long: the default backoff (up to 30 s) is what made a returning member
      // catch up in 1 s one time and 15 s the next. minDelay must not exceed delay, or the
      // jittered wait goes wrong and the first attempt never happens.
      ...(several ? { maxAttempts: 2, delay: 200, minDelay: 100, maxDelay: 1000 } : (this.options.backoff ?? { delay: 250, minDelay: 100, maxDelay: 1000 })),
      onClose: () => {
        if (this.provider !== provider || provider.wasRefused) return;
        this.failuresInRow += 1;
        this.unreachableUrls.add(url);
        // Refused stays shown until a relay lets us in; otherwise, once every relay failed, unavailable.
        if (this.status.state !== 'refused') this.setStatus({ state: this.failuresInRow >= this.options.urls.length ? 'unavailable' : 'connecting', url });
        if (several) this.failOver();
      },
    });
    const provider = new GuardedRelay({
      websocketProvider,
      name: this.options.documentName,
      document: this.envelope,
      token: () => this.member.token(),
      onAuthenticationFailed: ({ reason }) => this.refusedBy(url, reason),
      // A relay shutting down gracefully closes our document but not the socket; the
      // provider would notice only when 30 s pass without a message. Close it now, so the
      // reconnect (or failover) starts at once: the slow half of the measured catch-up.
      onClose: () => {
        if (this.provider === provider && websocketProvider.status === WebSocketStatus.Connected) websocketProvider.webSocket?.close();
      },
      onSynced: ({ state }) => {
        if (!state) return;
        this.failuresInRow = 0;
        this.refusedUrls.delete(url);
        this.unreachableUrls.clear();
        this.setStatus({ state: 'connected', url });
        this.enqueue(() => this.sendWhatTheRelayLacks());
        this.sealPresence();
      },
    }, {
      presence: sealedPresence,
      // The envelope's own traffic passed the peer guard; what the blobs hold passes it again.
      onRefused: (reason) => {
        this.reject(`relay: ${reason}`);
        this.refusedBy(url, reason);
      },
    });
    provider.attach();
    provider.awareness?.on('change', this.onRelayPresence);
    this.provider = provider;
    if (this.status.state === 'connecting' || this.status.state === 'connected') this.setStatus({ state: 'connecting', url });
  }

  /**
   * A relay said no (its reason) or sent what the guard refused. It is not asked again this
   * session; once every relay has refused or cannot be reached, the refusal is what the
   * person sees, and relays that were only unreachable are still tried.
   */
  private refusedBy(url: string, reason: string): void {
    this.refusedUrls.add(url);
    if (this.options.urls.every((each) => this.refusedUrls.has(each) || this.unreachableUrls.has(each))) this.setStatus({ state: 'refused', url, reason });
    // Hocuspocus is still inside its handler for this relay's message: leave it first.
    queueMicrotask(() => this.failOver());
  }

  private failOver(): void {
    const old = this.provider;
    if (!old || this.destroyed) return;
    this.provider = null;
    this.dropRelayPresence();
    old.awareness?.off('change', this.onRelayPresence);
    old.destroy();
    old.configuration.websocketProvider.destroy();
    const urls = this.options.urls;
    let next = -1;
    for (let step = 1; step <= urls.length && next < 0; step++) {
      const index = (this.urlIndex + step) % urls.length;
      if (!this.refusedUrls.has(urls[index] ?? '')) next = index;
    }
    if (next < 0) return;
    this.urlIndex = next;
    // After a whole round of failures, wait before the next (as a lone relay's backoff does),
    // or unreachable relays would be dialled in a tight loop.
    const rounds = Math.floor(this.failuresInRow / urls.length);
    if (rounds === 0) this.connect();
    else this.retryTimer = setTimeout(() => this.connect(), Math.min(250 * 2 ** (rounds - 1), 3000));
  }

  /** Local state the envelope does not hold yet (made offline, or before the relay was added). */
  private async sendWhatTheRelayLacks(): Promise<void> {
    const shadowVector = Y.encodeStateVector(this.shadow);
    const localVector = Y.encodeStateVector(this.options.doc);
    if (this.connectedOnce && equalBytes(shadowVector, localVector)) return;
    this.connectedOnce = true;
    if (equalBytes(shadowVector, localVector)) return;
    await this.sealAndPush(blobKinds.update, Y.encodeStateAsUpdate(this.options.doc, shadowVector));
  }

  private async sealAndPush(kind: BlobKind, plaintext: Uint8Array): Promise<void> {
    const sequence = this.sequence++;
    const blob = await seal(this.key, this.options.documentName, kind, this.sender, sequence, plaintext);
    this.seen.add(`${this.sender}:${sequence}`);
    if (kind !== blobKinds.presence) Y.applyUpdate(this.shadow, plaintext);
    this.handled.add(blob);
    this.envelope.transact(() => {
      this.blobs.push([blob]);
    }, this);
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.destroyed) return;
    this.enqueue(() => this.sealAndPush(blobKinds.update, update));
  };

  private readonly onBlobs = (event: Y.YArrayEvent<Uint8Array>): void => {
    if (event.transaction.origin === this) return;
    const arrived: unknown[] = [];
    for (const change of event.changes.delta) if (change.insert) arrived.push(...(change.insert as unknown[]));
    if (arrived.length === 0) return;
    this.enqueue(async () => {
      for (const blob of arrived) await this.openAndApply(blob);
      await this.compactIfLarge();
    });
  };

  private reject(reason: string): void {
    this.options.onRejected?.(reason);
  }

  private async openAndApply(sealed: unknown): Promise<void> {
    if (typeof sealed === 'object' && sealed !== null) this.handled.add(sealed);
    const opened = await open(this.key, this.options.documentName, sealed);
    if (!opened.ok) { this.reject(opened.reason); return; }
    const { blob } = opened;
    const id = `${blob.sender}:${blob.sequence}`;
    if (this.seen.has(id)) return;
    if (blob.kind === blobKinds.presence) { this.reject('presence sealed into the document'); return; }
    const guard = this.options.guard ?? ((message) => inspectUpdate(message, this.options.doc));
    const verdict = guard(blob.plaintext, 'update');
    if (!verdict.ok) { this.reject(verdict.reason); return; }
    this.seen.add(id);
    Y.applyUpdate(this.shadow, blob.plaintext);
    Y.applyUpdate(this.options.doc, blob.plaintext, this);
  }

  /**
   * Replaces every blob this member has opened with one sealed snapshot, so the envelope
   * (and a late joiner's download) stays about the size of the community, not its history.
   * Items are deleted by identity, so blobs that arrived meanwhile, or that another member's
   * compaction already removed, are left alone.
   */
  private async compactIfLarge(): Promise<void> {
    const limit = this.options.compactAfter ?? 500;
    if (this.blobs.length <= limit || this.status.state !== 'connected') return;
    // Blobs still waiting to be opened stay: the snapshot cannot speak for them.
    const covered = this.blobs.toArray().filter((item) => this.handled.has(item));
    const snapshot = Y.encodeStateAsUpdate(this.shadow);
    const sequence = this.sequence++;
    const blob = await seal(this.key, this.options.documentName, blobKinds.snapshot, this.sender, sequence, snapshot);
    this.seen.add(`${this.sender}:${sequence}`);
    this.handled.add(blob);
    const coveredSet = new Set<object>(covered);
    this.envelope.transact(() => {
      // Back to front, so each index still points at the item it was read for.
      const now = this.blobs.toArray();
      for (let index = now.length - 1; index >= 0; index--) if (coveredSet.has(now[index] as object)) this.blobs.delete(index, 1);
      this.blobs.push([blob]);
    }, this);
  }

  private readonly onLocalPresence = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === this) return;
    const own = this.options.doc.clientID;
    if ([...added, ...updated, ...removed].includes(own)) this.sealPresence();
  };

  private sealPresence(): void {
    const update = encodeAwarenessUpdate(this.options.awareness, [this.options.doc.clientID]);
    this.enqueue(async () => {
      const sequence = this.sequence++;
      const blob = await seal(this.key, this.options.documentName, blobKinds.presence, this.sender, sequence, update);
      this.provider?.awareness?.setLocalStateField(presenceField, toBase64Url(blob));
    });
  }

  private readonly onRelayPresence = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    const relayAwareness = this.provider?.awareness;
    if (!relayAwareness) return;
    for (const client of removed) this.forgetPresence(client);
    for (const client of [...added, ...updated]) {
      if (client === relayAwareness.clientID) continue;
      const state = relayAwareness.getStates().get(client);
      const text: unknown = state?.[presenceField];
      if (typeof text !== 'string') continue;
      this.enqueue(() => this.openPresence(client, text));
    }
  };

  private async openPresence(relayClient: number, text: string): Promise<void> {
    let sealed: Uint8Array;
    try {
      sealed = fromBase64Url(text);
    } catch {
      this.reject('malformed sealed presence'); return;
    }
    const opened = await open(this.key, this.options.documentName, sealed);
    if (!opened.ok) { this.reject(opened.reason); return; }
    if (opened.blob.kind !== blobKinds.presence) { this.reject('a document blob sent as presence'); return; }
    const guard = this.options.guard ?? ((message) => inspectAwareness(message));
    const verdict = guard(opened.blob.plaintext, 'presence');
    if (!verdict.ok) { this.reject(verdict.reason); return; }
    const clients = awarenessClients(opened.blob.plaintext);
    // A member speaks only for itself: never for this device's own presence.
    if (clients.includes(this.options.doc.clientID)) { this.reject('presence claiming this device'); return; }
    this.presenceOf.set(relayClient, clients);
    applyAwarenessUpdate(this.options.awareness, opened.blob.plaintext, this);
  }

  private forgetPresence(relayClient: number): void {
    const clients = this.presenceOf.get(relayClient);
    if (!clients) return;
    this.presenceOf.delete(relayClient);
    removeAwarenessStates(this.options.awareness, clients, this);
  }

  private dropRelayPresence(): void {
    for (const client of [...this.presenceOf.keys()]) this.forgetPresence(client);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    this.options.doc.off('update', this.onLocalUpdate);
    this.options.awareness.off('update', this.onLocalPresence);
    this.blobs.unobserve(this.onBlobs);
    const provider = this.provider;
    this.provider = null;
    this.dropRelayPresence();
    if (provider) {
      provider.awareness?.off('change', this.onRelayPresence);
      provider.destroy();
      provider.configuration.websocketProvider.destroy();
    }
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
