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

/**
 * @param doc the document the message would be applied to, so an update's nesting counts
 * the levels it builds on; without it, parents outside the update count as roots.
 */
export function inspectPeerMessage(message: Uint8Array, doc?: Y.Doc, presence: PresenceShape = communityPresence): PeerMessageVerdict {
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
          const verdict = inspectUpdate(payload, doc);
          if (!verdict.ok) return verdict;
          kind = syncType === 1 ? 'sync-step-2' : 'update';
        } else {
          return refuse(`unknown sync message ${syncType}`);
        }
        break;
      }
      case 1: {
        const verdict = inspectAwareness(decoding.readVarUint8Array(decoder), presence);
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
 * the size and nesting limits above. With `doc`, the document it would be applied to,
 * nesting is measured from where the update attaches in it. Never throws.
 */
export function inspectUpdate(update: Uint8Array, doc?: Y.Doc): PeerMessageVerdict {
  let structs: (Y.Item | Y.GC | Y.Skip)[];
  try {
    // Decodes every struct and the delete set.
    structs = Y.decodeUpdate(update).structs;
  } catch (error) {
    return refuse(`malformed update (${error instanceof Error ? error.message : String(error)})`);
  }
  if (structs.length > peerMessageLimits.maxStructs) return refuse(`too many changes in one update (${structs.length})`);
  const depth = deepestNesting(structs, doc);
  if (depth.types > peerMessageLimits.maxTypes) return refuse(`too many shared types in one update (${depth.types})`);
  if (depth.depth > peerMessageLimits.maxTypeDepth) return refuse(`nested too deeply (more than ${peerMessageLimits.maxTypeDepth} levels)`);
  return { ok: true, kind: 'update' };
}

/**
 * How deep the shared types created by these structs nest, following parent ids inside
 * the update. An item without parent info lives beside its origin (or right origin), so
 * those are followed too. A parent outside the update is looked up in `doc` when given
 * (so nesting cannot be built up a few levels per message), else counted as a root.
 * Iterative with memoised answers: a 9,000-deep chain or a 100,000-item sibling chain both
 * cost linear time.
 */
function deepestNesting(structs: readonly (Y.Item | Y.GC | Y.Skip)[], doc: Y.Doc | undefined): { depth: number; types: number } {
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
  // What contains each item: a type created in this update, or the depth of one already
  // in the document (0 for a root, or for anything unknown).
  const container = new Map<Y.Item, Y.Item | number>();
  const containerOf = (start: Y.Item): Y.Item | number => {
    const path = new Set<Y.Item>();
    let current: Y.Item = start;
    let found: Y.Item | number = 0;
    for (;;) {
      const known = container.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.add(current);
      const parent: unknown = current.parent;
      if (parent instanceof Y.ID) {
        found = typeItems.get(`${parent.client}:${parent.clock}`) ?? depthInDocument(doc, parent, 'type');
        break;
      }
      if (parent !== null) break; // a root type, named
      const origin: Y.ID | null = current.origin ?? current.rightOrigin;
      if (!origin) break;
      const next: Y.Item | undefined = itemAt(origin);
      if (next === undefined) {
        found = depthInDocument(doc, origin, 'sibling');
        break;
      }
      // A crafted update can make origins go round in a loop: that has no parent here.
      if (path.has(next)) break;
      current = next;
    }
    for (const item of path) container.set(item, found);
    return found;
  };
  const depths = new Map<Y.Item, number>();
  let deepest = 0;
  for (const typeItem of typeItems.values()) {
    const path: Y.Item[] = [];
    let current: Y.Item | number = typeItem;
    let base = 0;
    while (typeof current !== 'number') {
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
      if (typeof current === 'number') base = current;
    }
    for (let i = path.length - 1; i >= 0; i--) depths.set(path[i] as Y.Item, ++base);
    deepest = Math.max(deepest, base);
  }
  return { depth: deepest, types: typeItems.size };
}

/**
 * How deep an existing item of `doc` sits: for `type`, the depth of the type that item
 * holds; for `sibling`, of the type the item is in. 0 when not found. Stops counting just
 * past the limit, so a document that already holds deep content costs little.
 */
function depthInDocument(doc: Y.Doc | undefined, id: Y.ID, as: 'type' | 'sibling'): number {
  if (!doc || Y.getState(doc.store, id.client) <= id.clock) return 0;
  let item: Y.Item | Y.GC;
  try {
    item = Y.getItem(doc.store, id);
  } catch {
    return 0;
  }
  if (!(item instanceof Y.Item)) return 0;
  let type: Y.AbstractType<unknown> | null = as === 'type' ? (item.content instanceof Y.ContentType ? (item.content.type as Y.AbstractType<unknown>) : null) : item.parent instanceof Y.AbstractType ? (item.parent as Y.AbstractType<unknown>) : null;
  let depth = 0;
  // A root type (no item of its own) is depth 0, as in the update's own count.
  while (type?._item && depth <= peerMessageLimits.maxTypeDepth) {
    depth++;
    const parent: unknown = type._item.parent;
    type = parent instanceof Y.AbstractType ? (parent as Y.AbstractType<unknown>) : null;
  }
  return depth;
}

/**
 * What a presence entry may look like: a community's presence (name, colour, where), or,
 * in a relay's envelope, a sealed blob (renderer/transport/relay). Null (left) is always fine.
 */
export interface PresenceShape {
  readonly accepts: (state: unknown) => boolean;
  readonly maxClients: number;
}

export const communityPresence: PresenceShape = {
  accepts: (state) => presenceSchema.safeParse(state).success,
  maxClients: peerMessageLimits.maxAwarenessClients,
};

/**
 * Checks a y-protocols awareness update (presence) from anyone else: the same bytes arrive
 * inside a y-webrtc message and from a relay. Never throws.
 */
export function inspectAwareness(update: Uint8Array, presence: PresenceShape = communityPresence): PeerMessageVerdict {
  try {
    return readAwareness(update, presence);
  } catch (error) {
    return refuse(`malformed presence (${error instanceof Error ? error.message : String(error)})`);
  }
}

function readAwareness(update: Uint8Array, presence: PresenceShape): PeerMessageVerdict {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > presence.maxClients) return refuse('too many presence entries');
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    const json = decoding.readVarString(decoder);
    if (json.length > peerMessageLimits.maxAwarenessStateBytes) return refuse('presence entry too large');
    const state: unknown = JSON.parse(json);
    // null means "this client left"; anything else must be presence we understand.
    if (state !== null && !presence.accepts(state)) return refuse('presence entry not understood');
  }
  if (decoding.hasContent(decoder)) return refuse('trailing bytes in presence');
  return { ok: true, kind: 'awareness' };
}

/**
 * The client ids an awareness update speaks for (call it on an update the guard accepted),
 * so the presence a peer or relay brought can be removed when its sender leaves.
 */
export function awarenessClients(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const clients: number[] = [];
  for (let i = 0; i < count; i++) {
    clients.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return clients;
}
