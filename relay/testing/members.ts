import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { EncryptedRelay, type EncryptedRelayOptions } from '../../renderer/transport/relay/EncryptedRelay.js';
import { memberColours } from '../../shared/model/colours.js';

/**
 * Simulated members for the relay's tests and benchmarks: Node processes that speak to a
 * relay exactly as the app does (the real EncryptedRelay, the real envelope encryption).
 */

/**
 * ws emits 'error' when a socket still connecting is closed (a member destroyed while it
 * retries a killed instance); browsers do not. Listen so it is not an unhandled error.
 */
export class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

export interface Member {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly relay: EncryptedRelay;
}

export interface MemberOptions extends Pick<EncryptedRelayOptions, 'urls' | 'secret' | 'documentName' | 'backoff' | 'onRejected'> {
  /** Shown in presence, and the member id there; without one the member shows no presence. */
  readonly name?: string;
  /** The member id presence carries; the name unless said. */
  readonly memberId?: string;
  /** Where presence says the member is; a harvest unless said. */
  readonly location?: string | null;
  readonly colour?: string;
}

/** A member with its own document and presence, started on the relays at `urls` (not yet necessarily connected). */
export async function startMember(options: MemberOptions): Promise<Member> {
  const { name, memberId = name, location = 'harvest:1', colour = memberColours[0], ...relayOptions } = options;
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  if (name !== undefined) awareness.setLocalState({ user: { name, color: colour, memberId }, location });
  const relay = await EncryptedRelay.start({ ...relayOptions, doc, awareness, WebSocketPolyfill: QuietWebSocket });
  return { doc, awareness, relay };
}
