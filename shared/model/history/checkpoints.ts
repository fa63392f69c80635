import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { z } from 'zod';
import type { Community, Member } from '../Community.js';
import { newId } from '../Entry.js';
import { parseField, readNumber, readString } from '../fields.js';
import { importOrigin, localOrigin } from '../origins.js';
import { CommonplaceError, refusal } from '../../CommonplaceError.js';

/**
 * Checkpoints: points in a community's history a person can open, compare and restore to.
 * Each is a Yjs snapshot (the state vector and the deletions at that moment): the document
 * keeps every change (`gc: false`), so a snapshot is enough to read any story as it was,
 * and a checkpoint costs a few dozen bytes, not a copy of the text.
 *
 * Named checkpoints ("End of the March circle") live in the community document under
 * `checkpoints`, so every member sees them. Automatic ones stay on this device
 * (`AutoCheckpoints`): a checkpoint every few minutes from every device would be noise.
 */

export const checkpointNameSchema = z
  .string()
  .trim()
  .min(1, refusal('checkpointNameEmpty'))
  .max(80, refusal('checkpointNameLong'));

export type CheckpointReason = 'named' | 'editing' | 'restore' | 'import' | 'backup';

export interface Checkpoint {
  readonly id: string;
  /** The name a person gave it; empty for an automatic one. */
  readonly name: string;
  readonly reason: CheckpointReason;
  readonly at: number;
  /** The member who set it (empty when unknown). */
  readonly by: string;
  /** Members present (connected) when it was set. */
  readonly present: readonly string[];
  /** The entry it was set from, if any (a checkpoint covers the whole community). */
  readonly entryId: string;
  readonly snapshot: Uint8Array;
}

export function checkpointsMap(community: Community): Y.Map<Y.Map<unknown>> {
  return community.doc.getMap('checkpoints');
}

/**
 * Deletions only grow, so a named checkpoint stores its state vector and only the deletions
 * made since the checkpoint it builds on (`base`): a whole delete set per checkpoint would be
 * most of its size (kilobytes in a long-edited story, 10-70% of the document over 20-50
 * checkpoints), the difference is a few bytes per edit session. Decoded ones are kept here.
 */
const decoded = new WeakMap<Y.Doc, Map<string, Uint8Array | null>>();

type DeleteRanges = Y.Snapshot['ds'];

/**
 * The deletions in `ds` that are not in `base` (both sorted and merged, as Yjs keeps them),
 * encoded as a snapshot with no state vector (Yjs's own format, read by `Y.decodeSnapshot`:
 * Yjs does not export a way to build a delete set range by range).
 */
function deletionsSince(ds: DeleteRanges, base: DeleteRanges): Uint8Array {
  const added = new Map<number, { clock: number; len: number }[]>();
  for (const [client, ranges] of ds.clients) {
    const old = base.clients.get(client) ?? [];
    const kept: { clock: number; len: number }[] = [];
    let j = 0;
    for (const range of ranges) {
      let start = range.clock;
      const end = range.clock + range.len;
      while (start < end) {
        while (j < old.length && (old[j]?.clock ?? 0) + (old[j]?.len ?? 0) <= start) j++;
        const next = old[j];
        if (!next || next.clock >= end) {
          kept.push({ clock: start, len: end - start });
          break;
        }
        if (next.clock > start) kept.push({ clock: start, len: next.clock - start });
        start = Math.max(start, next.clock + next.len);
      }
    }
    if (kept.length > 0) added.set(client, kept);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, added.size);
  for (const [client, ranges] of added) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.len);
    }
  }
  // The (empty) state vector that ends a snapshot.
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

/** The full encoded snapshot of a stored checkpoint, following its chain of bases; null if a base is missing. */
function storedSnapshot(checkpoints: Y.Map<Y.Map<unknown>>, id: string, cache: Map<string, Uint8Array | null>, depth = 0): Uint8Array | null {
  if (cache.has(id)) return cache.get(id) ?? null;
  const map = checkpoints.get(id);
  let result: Uint8Array | null = null;
  if (map instanceof Y.Map && depth < 10_000) {
    const full = map.get('snapshot');
    const sv = map.get('sv');
    const deletions = map.get('deletions');
    const base = map.get('base');
    if (full instanceof Uint8Array) result = full;
    else if (sv instanceof Uint8Array && deletions instanceof Uint8Array && typeof base === 'string') {
      try {
        const own = Y.decodeSnapshot(deletions).ds;
        const baseSnapshot = base ? storedSnapshot(checkpoints, base, cache, depth + 1) : Y.encodeSnapshot(Y.emptySnapshot);
        if (baseSnapshot) result = Y.encodeSnapshot(Y.createSnapshot(Y.mergeDeleteSets([Y.decodeSnapshot(baseSnapshot).ds, own]), Y.decodeStateVector(sv)));
      } catch {
        result = null;
      }
    }
  }
  // A missing base may still arrive: only what was found is kept.
  if (result) cache.set(id, result);
  return result;
}

function readCheckpoint(id: string, map: Y.Map<unknown>, snapshot: Uint8Array | null): Checkpoint | null {
  const present = map.get('present');
  return {
    id,
    name: readString(map, 'name'),
    reason: 'named',
    at: readNumber(map, 'at'),
    by: readString(map, 'by'),
    present: Array.isArray(present) ? present.filter((p): p is string => typeof p === 'string') : [],
    entryId: readString(map, 'entryId'),
    // A checkpoint whose base has not arrived reads as one referring to changes not here.
    snapshot: snapshot ?? Y.encodeSnapshot(Y.createSnapshot(Y.createDeleteSet(), new Map([[-1, Number.MAX_SAFE_INTEGER]]))),
  };
}

/** Every named checkpoint, oldest first. */
export function namedCheckpoints(community: Community): Checkpoint[] {
  const list: Checkpoint[] = [];
  const stored = checkpointsMap(community);
  let cache = decoded.get(community.doc);
  if (!cache) decoded.set(community.doc, (cache = new Map<string, Uint8Array | null>()));
  for (const [id, map] of stored.entries()) {
    if (!(map instanceof Y.Map)) continue;
    const checkpoint = readCheckpoint(id, map, storedSnapshot(stored, id, cache));
    if (checkpoint) list.push(checkpoint);
  }
  return list.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** The community as it is now, as a checkpoint not yet stored. */
export function checkpointNow(community: Community, input: { name?: string; reason: CheckpointReason; by: string; present?: readonly string[]; entryId?: string }): Checkpoint {
  return {
    id: newId(),
    name: input.name ?? '',
    reason: input.reason,
    at: Date.now(),
    by: input.by,
    present: [...new Set(input.present ?? [])],
    entryId: input.entryId ?? '',
    snapshot: Y.encodeSnapshot(Y.snapshot(community.doc)),
  };
}

/** Names the community's current state; the name is checked first (1 to 80 characters). */
export function nameCheckpoint(community: Community, input: { name: string; by: string; present?: readonly string[]; entryId?: string }): Checkpoint {
  const name = parseField(checkpointNameSchema, input.name);
  const checkpoint = checkpointNow(community, { ...input, name, reason: 'named' });
  // Built on the latest named checkpoint this device can open (its deletions are ours too).
  const now = Y.decodeSnapshot(checkpoint.snapshot);
  const base = namedCheckpoints(community)
    .reverse()
    .find((c) => isOpenable(community, Y.decodeSnapshot(c.snapshot)));
  const deletions = deletionsSince(now.ds, base ? Y.decodeSnapshot(base.snapshot).ds : Y.createDeleteSet());
  community.doc.transact(() => {
    const map = new Y.Map<unknown>();
    checkpointsMap(community).set(checkpoint.id, map);
    map.set('name', checkpoint.name);
    map.set('at', checkpoint.at);
    map.set('by', checkpoint.by);
    map.set('present', [...checkpoint.present]);
    map.set('entryId', checkpoint.entryId);
    map.set('sv', Y.encodeStateVector(now.sv));
    map.set('base', base?.id ?? '');
    map.set('deletions', deletions);
  }, localOrigin);
  return checkpoint;
}

/** Renames a named checkpoint (same rules as naming it). */
export function renameCheckpoint(community: Community, id: string, name: string): void {
  const clean = parseField(checkpointNameSchema, name);
  const map = checkpointsMap(community).get(id);
  if (!(map instanceof Y.Map)) throw new CommonplaceError('checkpointGone');
  community.doc.transact(() => map.set('name', clean), localOrigin);
}

/**
 * The snapshot of a checkpoint, checked against what this device has: a peer's checkpoint
 * can name changes that have not arrived yet, and reading it then would silently show a
 * wrong past. Throws `CheckpointUnavailableError` with a message a person can act on.
 */
export function openSnapshot(community: Community, checkpoint: Pick<Checkpoint, 'snapshot'>): Y.Snapshot {
  let snapshot: Y.Snapshot;
  try {
    snapshot = Y.decodeSnapshot(checkpoint.snapshot);
  } catch {
    throw new CommonplaceError('checkpointDamaged');
  }
  if (!isOpenable(community, snapshot)) {
    throw new CommonplaceError('checkpointAhead');
  }
  return snapshot;
}

function isOpenable(community: Community, snapshot: Y.Snapshot): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(community.doc));
  for (const [client, clock] of snapshot.sv) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

/** The members present, by id, for display. */
export function presentMembers(community: Community, checkpoint: Pick<Checkpoint, 'present'>): Member[] {
  return checkpoint.present.flatMap((id) => community.member(id) ?? []);
}

export interface AutoCheckpointTiming {
  /** Editing after this long without a local edit starts a new checkpoint. */
  readonly pauseMs: number;
  /** During continuous editing, at most one checkpoint this often. */
  readonly everyMs: number;
}

export const defaultAutoTiming: AutoCheckpointTiming = { pauseMs: 60_000, everyMs: 5 * 60_000 };

/**
 * Automatic checkpoints on this device: taken just before the first local edit after a
 * pause (so the state before a session's edits can be got back), at most every few minutes
 * of continuous editing, before every import and backup merge (transactions with
 * `importOrigin`), and on request before a restore. The most recent `limit` are kept; the
 * renderer stores them on this device (`remember` brings back what it stored), never in
 * the community document.
 */
export class AutoCheckpoints {
  private readonly list: Checkpoint[] = [];
  private lastEdit = -Infinity;
  private lastTaken = -Infinity;
  private pending: Checkpoint | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly stop: () => void;
  /** Who is connected now (member ids), recorded with each checkpoint; set by whoever knows. */
  present: () => readonly string[] = () => [];

  constructor(
    private readonly community: Community,
    private readonly by: () => string,
    private readonly timing: AutoCheckpointTiming = defaultAutoTiming,
    private readonly now: () => number = Date.now,
    // Each keeps the whole delete set (88 KB for the 9.9 MB, 1,000-entry bench community,
    // a few KB for a usual one): a hundred sessions back is plenty, named ones stay forever.
    private readonly limit = 100,
  ) {
    // Before a local transaction changes anything, the state it is about to change is the
    // one worth keeping: take the snapshot in beforeTransaction, keep it if it changed.
    const before = (transaction: Y.Transaction): void => {
      // An import or a backup merge (both `importOrigin`) can change a lot at once: the state
      // before it is always kept.
      if (transaction.origin === importOrigin) {
        this.pending = checkpointNow(this.community, { reason: 'import', by: this.by(), present: this.present() });
        return;
      }
      if (transaction.origin !== localOrigin) return;
      const at = this.now();
      if (at - this.lastEdit >= this.timing.pauseMs || at - this.lastTaken >= this.timing.everyMs) {
        this.pending = checkpointNow(this.community, { reason: 'editing', by: this.by(), present: this.present() });
      }
    };
    const after = (transaction: Y.Transaction): void => {
      const changed = transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0;
      if (transaction.origin === importOrigin) {
        if (changed && this.pending) this.add(this.pending);
        this.pending = null;
        return;
      }
      if (transaction.origin !== localOrigin) return;
      if (!changed) {
        this.pending = null;
        return;
      }
      const at = this.now();
      if (this.pending) {
        this.add(this.pending);
        this.lastTaken = at;
      }
      this.pending = null;
      this.lastEdit = at;
    };
    community.doc.on('beforeTransaction', before);
    community.doc.on('afterTransaction', after);
    this.stop = () => {
      community.doc.off('beforeTransaction', before);
      community.doc.off('afterTransaction', after);
    };
  }

  /**
   * Adds checkpoints stored earlier on this device (after a reload), keeping the order by
   * time and the limit; ones already known, and anything that is not a checkpoint, are
   * skipped (storage is not trusted to hold what we wrote).
   */
  remember(stored: readonly unknown[]): void {
    const known = new Set(this.list.map((c) => c.id));
    const found = stored.flatMap((value) => {
      const checkpoint = asStoredCheckpoint(value);
      return checkpoint && !known.has(checkpoint.id) ? [checkpoint] : [];
    });
    if (found.length === 0) return;
    this.list.push(...found);
    this.list.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    if (this.list.length > this.limit) this.list.splice(0, this.list.length - this.limit);
    for (const listener of this.listeners) listener();
  }

  /** Takes a checkpoint now (before a restore, an import, a backup merge). */
  take(reason: Exclude<CheckpointReason, 'named'>, entryId = ''): Checkpoint {
    const checkpoint = checkpointNow(this.community, { reason, by: this.by(), entryId, present: this.present() });
    this.add(checkpoint);
    return checkpoint;
  }

  get checkpoints(): readonly Checkpoint[] {
    return this.list;
  }

  observe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.stop();
    this.listeners.clear();
  }

  private add(checkpoint: Checkpoint): void {
    this.list.push(checkpoint);
    if (this.list.length > this.limit) this.list.splice(0, this.list.length - this.limit);
    for (const listener of this.listeners) listener();
  }
}

const autoReasons: readonly CheckpointReason[] = ['editing', 'restore', 'import', 'backup'];

/** A stored automatic checkpoint read back, or null when it is not one. */
function asStoredCheckpoint(value: unknown): Checkpoint | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !v.id || typeof v.at !== 'number' || !Number.isFinite(v.at)) return null;
  if (!autoReasons.includes(v.reason as CheckpointReason) || !(v.snapshot instanceof Uint8Array)) return null;
  return {
    id: v.id,
    name: '',
    reason: v.reason as CheckpointReason,
    at: v.at,
    by: typeof v.by === 'string' ? v.by : '',
    present: Array.isArray(v.present) ? v.present.filter((p): p is string => typeof p === 'string') : [],
    entryId: typeof v.entryId === 'string' ? v.entryId : '',
    snapshot: v.snapshot,
  };
}
