import { Awareness } from 'y-protocols/awareness';
import type { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { deviceLinkOf, observeDeviceLink, personalRoomName } from '../../shared/protocol/deviceLink.js';
import type { EndpointSource } from './CommunitySync.js';
import { MeshRoom } from './meshRoom.js';
import { outboxOf } from './outbox.js';

/**
 * Syncs the personal document between this person's linked devices (deviceLink.ts): the
 * same mesh, outbox and peer guard as a community, in the room named by the personal
 * secret and gated by it. No presence is sent: there is nobody to show it to.
 */
export class PersonalSync {
  private mesh: MeshRoom | null = null;
  private readonly awareness: Awareness;
  private key = '';
  private destroyed = false;
  private readonly listeners = new Set<() => void>();
  private readonly offLink: () => void;

  constructor(
    private readonly personal: PersonalDoc,
    private readonly endpoints: EndpointSource,
  ) {
    this.awareness = new Awareness(personal.doc);
    this.awareness.setLocalState(null);
    this.offLink = observeDeviceLink(personal, () => void this.connect());
  }

  /** Starts, restarts with a new link or servers, or does nothing when nothing changed. */
  async connect(): Promise<void> {
    const link = deviceLinkOf(this.personal);
    const found = link ? await this.endpoints().catch(() => ({ local: [], discovered: [] })) : { local: [], discovered: [] };
    if (this.destroyed) return;
    const signaling = link ? [...new Set([...found.local, ...found.discovered, ...link.signaling])] : [];
    const key = JSON.stringify({ secret: link?.secret, signaling });
    if (key === this.key) return;
    this.key = key;
    this.mesh?.destroy();
    this.mesh = null;
    if (link) {
      this.mesh = new MeshRoom({
        roomName: personalRoomName(link.secret),
        password: link.secret,
        signaling,
        awareness: this.awareness,
        outbox: outboxOf(this.personal.doc),
        peerOpts: { config: { iceServers: [] } },
        onChange: () => this.notify(),
      });
    }
    this.notify();
  }

  /** How many of this person's other devices are connected now. */
  get devices(): number {
    return this.mesh?.status().peers ?? 0;
  }

  get linked(): boolean {
    return deviceLinkOf(this.personal) !== null;
  }

  observe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  destroy(): void {
    this.destroyed = true;
    this.offLink();
    this.mesh?.destroy();
    this.mesh = null;
    this.awareness.destroy();
  }
}

const running = new WeakMap<PersonalDoc, PersonalSync>();

/** The one PersonalSync of this window's personal document, started on first use. */
export function personalSyncFor(personal: PersonalDoc, endpoints: EndpointSource): PersonalSync {
  let sync = running.get(personal);
  if (!sync) {
    sync = new PersonalSync(personal, endpoints);
    running.set(personal, sync);
    void sync.connect();
  }
  return sync;
}
