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
  /**
   * How deep shared types may nest inside one update. A community is maps of entries with
   * a few fields each, five or six levels; a story nested 9,000 levels deep (190 KB)
   * overflowed every recursive walker and bricked the community on every device.
   */
  maxTypeDepth: 64,
  /** Shared types (maps, texts, arrays) and structs in one update: a big community is far below both. */
  maxTypes: 500_000,
  maxStructs: 4_000_000,
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
          const verdict = inspectUpdate(payload);
          if (!verdict.ok) return verdict;
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

/**
 * Checks a Yjs update (v1) from anyone else (a peer, a relay, a backup file) before it is
 * applied: it must decode completely, exactly as applyUpdate would read it, and stay within
 * the size and nesting limits above. Never throws.
 */
export function inspectUpdate(update: Uint8Array): PeerMessageVerdict {
  let structs: (Y.Item | Y.GC | Y.Skip)[];
  try {
    // Decodes every struct and the delete set.
    structs = Y.decodeUpdate(update).structs;
  } catch (error) {
    return refuse(`malformed update (${error instanceof Error ? error.message : String(error)})`);
  }
  if (structs.length > peerMessageLimits.maxStructs) return refuse(`too many changes in one update (${structs.length})`);
  const depth = deepestNesting(structs);
  if (depth.types > peerMessageLimits.maxTypes) return refuse(`too many shared types in one update (${depth.types})`);
  if (depth.depth > peerMessageLimits.maxTypeDepth) return refuse(`nested too deeply (more than ${peerMessageLimits.maxTypeDepth} levels)`);
  return { ok: true, kind: 'update' };
}

/**
 * How deep the shared types created by these structs nest, following parent ids inside
 * the update. An item without parent info lives beside its origin (or right origin), so
 * those are followed too; a parent outside the update counts as a root. Iterative with
 * memoised answers: a 9,000-deep chain or a 100,000-item sibling chain both cost linear time.
 */
function deepestNesting(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): { depth: number; types: number } {
  const byClient = new Map<number, Y.Item[]>();
  const typeItems = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    let list = byClient.get(struct.id.client);
    if (!list) byClient.set(struct.id.client, (list = []));
    list.push(struct);
    if (struct.content instanceof Y.ContentType) typeItems.set(`${struct.id.client}:${struct.id.clock}`, struct);
  }
  /** The item of this update that holds `id` (an item may span several clocks). */
  const itemAt = (id: Y.ID): Y.Item | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const item = list[middle] as Y.Item;
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return undefined;
  };
  // The type (an item of this update) that contains each item; null for a root or outside.
  const container = new Map<Y.Item, Y.Item | null>();
  const containerOf = (start: Y.Item): Y.Item | null => {
    const path = new Set<Y.Item>();
    let current: Y.Item = start;
    let found: Y.Item | null = null;
    for (;;) {
      const known = container.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.add(current);
      const parent: unknown = current.parent;
      if (parent instanceof Y.ID) {
        found = typeItems.get(`${parent.client}:${parent.clock}`) ?? null;
        break;
      }
      if (parent !== null) break; // a root type, named
      const origin: Y.ID | null = current.origin ?? current.rightOrigin;
      const next: Y.Item | undefined = origin ? itemAt(origin) : undefined;
      // A crafted update can make origins go round in a loop: that has no parent here.
      if (next === undefined || path.has(next)) break;
      current = next;
    }
    for (const item of path) container.set(item, found);
    return found;
  };
  const depths = new Map<Y.Item, number>();
  let deepest = 0;
  for (const typeItem of typeItems.values()) {
    const path: Y.Item[] = [];
    let current: Y.Item | null = typeItem;
    let base = 0;
    while (current) {
      const known = depths.get(current);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (path.length > peerMessageLimits.maxTypeDepth || path.includes(current)) {
        // Deep enough to refuse (or a loop of parents, which Yjs could never resolve).
        return { depth: path.length + base, types: typeItems.size };
      }
      path.push(current);
      current = containerOf(current);
    }
    for (let i = path.length - 1; i >= 0; i--) depths.set(path[i] as Y.Item, ++base);
    deepest = Math.max(deepest, base);
  }
  return { depth: deepest, types: typeItems.size };
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
