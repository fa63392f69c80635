import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import { communityPresence, inspectPeerMessage, type PresenceShape } from '../../shared/protocol/peerMessages.js';

/** Hocuspocus message types (provider/src/types.ts) that carry Yjs data the peer guard understands. */
const relaySync = 0;
const relayAwareness = 1;
const relayQueryAwareness = 3;

export type RelayVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks one message from the relay before Hocuspocus hands it to Yjs or the awareness.
 * A relay message is the document's name, then a y-protocols message (sync, awareness, query)
 * or one of Hocuspocus's own (auth, stateless, close, sync status, ping) that carry no
 * document data. The y-protocols part goes through the very guard WebRTC peers pass
 * (`inspectPeerMessage`), so a relay can send nothing a peer could not. `presence` says
 * what an awareness entry may hold (the envelope's is a sealed blob, not a name).
 */
export function inspectRelayMessage(data: Uint8Array, doc?: Y.Doc, presence: PresenceShape = communityPresence): RelayVerdict {
  try {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const start = decoder.pos;
    const type = decoding.readVarUint(decoder);
    if (type !== relaySync && type !== relayAwareness && type !== relayQueryAwareness) return { ok: true };
    const verdict = inspectPeerMessage(data.subarray(start), doc, presence);
    return verdict.ok ? { ok: true } : { ok: false, reason: verdict.reason };
  } catch (error) {
    return { ok: false, reason: `malformed (${error instanceof Error ? error.message : String(error)})` };
  }
}

export interface RelayGuardOptions {
  /** A message was refused; the relay connection is closed and not reopened. */
  readonly onRefused: (reason: string) => void;
  /** What the awareness may hold: the envelope's `sealedPresence`, or `communityPresence`. */
  readonly presence: PresenceShape;
}

/**
 * A Hocuspocus provider behind the same guard as peers (EncryptedRelay's connection to the
 * envelope). Written over the provider's public surface: `onMessage` is the method its
 * websocket calls with every incoming message, and `configuration` is public. A refused
 * message never reaches Yjs or the awareness, and the connection is closed with the reason
 * logged (a relay is one server: a hostile or broken one is not worth talking to again).
 */
export class GuardedRelay extends HocuspocusProvider {
  private refused = false;

  constructor(
    configuration: HocuspocusProviderConfiguration,
    private readonly guard: RelayGuardOptions,
  ) {
    super(configuration);
  }

  override onMessage(event: MessageEvent): void {
    if (this.refused) return;
    const data = toBytes(event.data);
    const verdict = data ? inspectRelayMessage(data, this.document, this.guard.presence) : ({ ok: false, reason: 'not binary' } as const);
    if (verdict.ok) {
      super.onMessage(event);
      return;
    }
    this.refused = true;
    console.warn(`Commonplace: closed the relay, which sent a message we could not accept (${verdict.reason}).`);
    this.guard.onRefused(verdict.reason);
    // After this message's turn: Hocuspocus is still inside its socket's message handler.
    queueMicrotask(() => this.configuration.websocketProvider.disconnect());
  }

  get wasRefused(): boolean {
    return this.refused;
  }
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
}
