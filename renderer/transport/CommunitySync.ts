import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import type { Community } from '../../shared/model/Community.js';
import type { CommunityAccess, Identity, PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { effectiveConnectionSettings, noServers, relayUrlsOf, type ConnectionSettings } from '../../shared/protocol/connectionSettings.js';
import { presenceSchema, type Presence } from '../../shared/protocol/presence.js';
import { relayDocumentNameFor, roomNameFor } from '../../shared/protocol/roomName.js';
import { MeshRoom, type DroppedPeer } from './meshRoom.js';
import { outboxOf } from './outbox.js';
import { EncryptedRelay, type EncryptedRelayStatus } from './relay/EncryptedRelay.js';

export type { DroppedPeer };

export type ConnectionState = 'offline' | 'looking' | 'connected';

/** none: no relay configured; unavailable: no relay URL answers (still trying); refused: see relayReason. */
export type RelayState = 'none' | 'connecting' | 'connected' | 'unavailable' | 'refused';

export interface SyncStatus {
  readonly state: ConnectionState;
  /** WebRTC peers with an open data channel. */
  readonly peers: number;
  readonly relay: RelayState;
  /** Why the relay refused (a relayRefusals text from shared/protocol/relay/token.ts, or the guard's). */
  readonly relayReason?: string;
  /** More people than a mesh carries are here: everyone goes through the relay, WebRTC is off. */
  readonly largeSession: boolean;
}

/**
 * How many people present (this device included) a WebRTC mesh carries before the
 * community switches to its relay: each peer keeps a connection to every other, so 12
 * people are 66 connections, and a laptop on venue Wi-Fi struggles beyond that. Only when a
 * relay is configured, confirmed by this person and connected; the mesh comes back if the
 * relay is lost.
 */
export const meshLimit = 12;

export interface PresentMember extends Presence {
  readonly clientId: number;
}

/** Where a device can look for signaling: its own endpoint and others found on the LAN. */
export type EndpointSource = () => Promise<{ readonly local: readonly string[]; readonly discovered: readonly string[] }>;

/**
 * Live sync of one community: our WebRTC mesh (MeshRoom, y-webrtc's protocol) in a room named
 * by a hash of the community id and gated by its secret, plus an optional Hocuspocus relay,
 * both fed by the document's outbox. Presence lives in the awareness,
 * apart from the document. Every peer message is checked before Yjs sees it.
 */
export class CommunitySync {
  readonly awareness: Awareness;
  readonly dropped: DroppedPeer[] = [];
  private mesh: MeshRoom | null = null;
  private relay: EncryptedRelay | null = null;
  /** Bumped on every teardown, so a relay still deriving its keys knows it came too late. */
  private relayGeneration = 0;
  private unmarkRelay: () => void = () => undefined;
  private relayStatus: EncryptedRelayStatus | null = null;
  private largeSession = false;
  private meshSettings: { signaling: string[]; settings: ConnectionSettings } | null = null;
  private readonly listeners = new Set<() => void>();
  private settingsKey = '';
  private destroyed = false;
  private paused = false;
  /** Our presence, kept so it can be restored after a provider clears it on disconnect. */
  private presence: Presence;
  private readonly offSettings: () => void;
  private presentCache: PresentMember[] = [];
  private presentSignature = '';

  constructor(
    readonly community: Community,
    private readonly access: CommunityAccess,
    identity: Identity,
    private readonly endpoints: EndpointSource,
    /** Where this person's confirmation of the community's servers is kept; none used without it. */
    private readonly personal: PersonalDoc | null = null,
    /** Node (tests, bench) has no global WebSocket before 22. */
    private readonly WebSocketPolyfill?: unknown,
    private readonly largeSessionAt = meshLimit,
  ) {
    this.awareness = new Awareness(community.doc);
    this.presence = { user: { name: identity.name, color: identity.colour, memberId: identity.id }, since: Date.now(), location: null };
    this.awareness.setLocalState(this.presence);
    // Carets move with every keystroke and the editor draws them from the awareness itself;
    // the views (status, who's here) only need to hear when who is here, or where, changes.
    this.awareness.on('change', () => {
      const present = this.readPresent();
      const signature = presenceSignature(present);
      if (signature === this.presentSignature) return;
      this.presentSignature = signature;
      this.presentCache = present;
      this.reconsiderMesh();
      this.notify();
    });
    this.presentCache = this.readPresent();
    this.presentSignature = presenceSignature(this.presentCache);
    const settings = community.doc.getMap('connection');
    const onSettings = (): void => {
      void this.connect();
    };
    settings.observe(onSettings);
    this.offSettings = () => settings.unobserve(onSettings);
  }

  /** (Re)connects with the current servers; a no-op when nothing changed. */
  async connect(): Promise<void> {
    // Only servers this person confirmed: anyone in the community can change the settings.
    const settings = this.personal ? effectiveConnectionSettings(this.community, this.personal) : noServers;
    const found = await this.endpoints().catch(() => ({ local: [], discovered: [] }));
    if (this.destroyed) return;
    const signaling = [...new Set([...found.local, ...found.discovered, ...this.access.inviteSignaling, ...settings.signaling])];
    const relays = relayUrlsOf(settings.relay || this.access.inviteRelay || '');
    const key = JSON.stringify({ signaling, ice: settings.iceServers, relays, paused: this.paused });
    if (key === this.settingsKey) return;
    this.settingsKey = key;
    this.teardownProviders();
    if (this.awareness.getLocalState() === null) this.awareness.setLocalState(this.presence);
    if (!this.paused) {
      this.meshSettings = { signaling, settings };
      this.startWebrtc(signaling, settings);
      if (relays.length > 0) this.startRelay(relays);
    }
    this.notify();
  }

  /**
   * Stops talking to anyone while keeping the document open: edits go on locally and
   * merge when `resume` connects again (a facilitator leaving the Wi-Fi, or a test).
   */
  pause(): void {
    this.paused = true;
    this.settingsKey = '';
    void this.connect();
  }

  resume(): void {
    this.paused = false;
    this.settingsKey = '';
    void this.connect();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private startWebrtc(signaling: string[], settings: ConnectionSettings): void {
    this.mesh = new MeshRoom({
      roomName: roomNameFor(this.community.id),
      password: this.access.secret,
      signaling,
      awareness: this.awareness,
      outbox: outboxOf(this.community.doc),
      // No public STUN unless the community added servers: peers on a LAN need none.
      peerOpts: { config: { iceServers: settings.iceServers } },
      onDrop: (dropped) => {
        this.dropped.push(dropped);
        this.notify();
      },
      onChange: () => this.notify(),
    });
  }

  private startRelay(urls: string[]): void {
    const generation = this.relayGeneration;
    this.relayStatus = { state: 'connecting', url: urls[0] ?? '' };
    void EncryptedRelay.start({
      doc: this.community.doc,
      awareness: this.awareness,
      secret: this.access.secret,
      documentName: relayDocumentNameFor(this.community.id, this.access.secret),
      urls,
      ...(this.WebSocketPolyfill ? { WebSocketPolyfill: this.WebSocketPolyfill } : {}),
      onStatus: (status) => {
        if (generation !== this.relayGeneration) return;
        if (status.state === 'refused' && this.relayStatus?.state !== 'refused') console.warn(`Commonplace: the relay refused this device (${status.reason ?? ''}).`);
        this.relayStatus = status;
        this.reconsiderMesh();
        this.notify();
      },
      // A blob that did not open or passed no guard: never applied, reported like a dropped peer.
      onRejected: (reason) => {
        if (generation !== this.relayGeneration) return;
        this.dropped.push({ peerId: 'relay', reason: reason.replace(/^relay: /, ''), at: Date.now() });
        this.notify();
      },
    }).then((relay) => {
      if (generation !== this.relayGeneration || this.destroyed) {
        relay.destroy();
        return;
      }
      // What the relay brings goes on to WebRTC peers (members who reach only one of the two).
      this.unmarkRelay = outboxOf(this.community.doc).markOrigin(relay, 'relay');
      this.relay = relay;
    });
  }

  /**
   * A session that outgrew the mesh goes through the relay alone (see meshLimit); WebRTC
   * comes back when the relay is lost, so nobody is left without a way to sync.
   */
  private reconsiderMesh(): void {
    const relayUp = this.relayStatus?.state === 'connected';
    if (!this.largeSession && relayUp && this.presentCache.length > this.largeSessionAt) {
      this.largeSession = true;
      this.mesh?.destroy();
      this.mesh = null;
      // Closing the mesh takes our presence out of the shared awareness: we are still here.
      if (this.awareness.getLocalState() === null) this.awareness.setLocalState(this.presence);
    } else if (this.largeSession && !relayUp) {
      this.largeSession = false;
      if (this.meshSettings && !this.paused && !this.destroyed) this.startWebrtc(this.meshSettings.signaling, this.meshSettings.settings);
    }
  }

  status(): SyncStatus {
    const { peers, signalingUp } = this.mesh?.status() ?? { peers: 0, signalingUp: false };
    const relay = this.relayStatus?.state ?? 'none';
    const state: ConnectionState = peers > 0 || relay === 'connected' ? 'connected' : signalingUp || relay === 'connecting' ? 'looking' : 'offline';
    const reason = relay === 'refused' ? this.relayStatus?.reason : undefined;
    return { state, peers, relay, largeSession: this.largeSession, ...(reason ? { relayReason: reason } : {}) };
  }

  /** Everyone present, validated, this device first; the same array until who or where changes. */
  present(): PresentMember[] {
    return this.presentCache;
  }

  private readPresent(): PresentMember[] {
    const members: PresentMember[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      const parsed = presenceSchema.safeParse(state);
      if (parsed.success) members.push({ ...parsed.data, clientId });
    }
    return members.sort((a, b) => (a.clientId === this.awareness.clientID ? -1 : b.clientId === this.awareness.clientID ? 1 : a.user.name.localeCompare(b.user.name)));
  }

  /** Which entry this person has open, for the "who's here" list. */
  setLocation(location: string | null): void {
    this.presence = { ...this.presence, location };
    if (this.awareness.getLocalState()?.location !== location) this.awareness.setLocalStateField('location', location);
  }

  observe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private teardownProviders(): void {
    this.mesh?.destroy();
    this.mesh = null;
    this.relayGeneration += 1;
    this.relay?.destroy();
    this.unmarkRelay();
    this.unmarkRelay = () => undefined;
    this.relay = null;
    this.relayStatus = null;
    this.largeSession = false;
  }

  /** Leaves: clears our presence first so no ghost caret stays on other screens. */
  destroy(): void {
    this.destroyed = true;
    removeAwarenessStates(this.awareness, [this.community.doc.clientID], 'leaving');
    this.offSettings();
    this.teardownProviders();
    this.awareness.destroy();
  }
}

/** Who is here and where, without carets: what the views show. */
function presenceSignature(members: readonly PresentMember[]): string {
  return JSON.stringify(members.map(({ clientId, user, since, location }) => [clientId, user.name, user.color, user.memberId, since, location]));
}
