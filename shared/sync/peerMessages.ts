import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { presenceSchema } from './presence.js';

/**
 * Checks a message from a peer before y-webrtc applies it. Yjs applies part of a malformed
 * update before throwing, so anything that does not decode completely is refused up front
 * and the peer is dropped; the local document is never touched by it.
 *
 * Message layout (y-webrtc over y-protocols): varuint type; 0 sync (varuint sync type:
 * 0 step 1 with a state vector, 1 step 2 or 2 update with a Yjs update), 1 awareness,
 * 3 awareness query.
 */

export const peerMessageLimits = {
  /** A whole community's first sync can be large: 10 MB of state is a big community. */
  maxMessageBytes: 64 * 1024 * 1024,
  maxAwarenessClients: 200,
  maxAwarenessStateBytes: 16 * 1024,
} as const;

export type PeerMessageVerdict = { readonly ok: true; readonly kind: string } | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): PeerMessageVerdict => ({ ok: false, reason });

export function inspectPeerMessage(message: Uint8Array): PeerMessageVerdict {
  if (!(message instanceof Uint8Array) || message.byteLength === 0) return refuse('empty or not binary');
  if (message.byteLength > peerMessageLimits.maxMessageBytes) return refuse(`too large (${message.byteLength} bytes)`);
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    let kind: string;
    switch (type) {
      case 0: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === 0) {
          Y.decodeStateVector(payload);
          kind = 'sync-step-1';
        } else if (syncType === 1 || syncType === 2) {
          // Decodes every struct and the delete set, exactly as applyUpdate would read them.
          Y.decodeUpdate(payload);
          kind = syncType === 1 ? 'sync-step-2' : 'update';
        } else {
          return refuse(`unknown sync message ${syncType}`);
        }
        break;
      }
      case 1: {
        const verdict = inspectAwareness(decoding.readVarUint8Array(decoder));
        if (!verdict.ok) return verdict;
        kind = 'awareness';
        break;
      }
      case 3:
        kind = 'awareness-query';
        break;
      default:
        return refuse(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) return refuse('trailing bytes');
    return { ok: true, kind };
  } catch (error) {
    return refuse(`malformed (${error instanceof Error ? error.message : String(error)})`);
  }
}

function inspectAwareness(update: Uint8Array): PeerMessageVerdict {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > peerMessageLimits.maxAwarenessClients) return refuse('too many presence entries');
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    const json = decoding.readVarString(decoder);
    if (json.length > peerMessageLimits.maxAwarenessStateBytes) return refuse('presence entry too large');
    const state: unknown = JSON.parse(json);
    // null means "this client left"; anything else must be presence we understand.
    if (state !== null && !presenceSchema.safeParse(state).success) return refuse('presence entry not understood');
  }
  if (decoding.hasContent(decoder)) return refuse('trailing bytes in presence');
  return { ok: true, kind: 'awareness' };
}
