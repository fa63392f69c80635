import * as Y from 'yjs';
import type { Community, Member } from '../Community.js';
import { localOrigin } from '../origins.js';
import { walkText } from './walk.js';
import { assertStoryWritable } from './writable.js';
import { CommonplaceError } from '../../CommonplaceError.js';

/**
 * Reading a story (or any `Y.Text`) at a checkpoint, comparing two checkpoints with each
 * change labelled by who wrote it, and restoring a story or a passage to a checkpoint.
 * Reading follows Yjs's `toDelta(snapshot, prevSnapshot, computeYChange)`, as y-prosemirror
 * renders its snapshots, through one read-only walk of the text's items (walk.ts);
 * restoring applies the difference with Yjs's own `toDelta(snapshot)`.
 */

export type ChangeKind = 'added' | 'removed';

/** A run of text: unchanged, or added/removed, with the member who wrote it. */
export interface HistoryRun {
  readonly text: string;
  readonly change: ChangeKind | null;
  /** Who wrote these characters (for removed text: who had written what was removed). */
  readonly author: Member | null;
}

type DeltaOp = { insert: string | object; attributes?: Record<string, unknown> };

/**
 * What `text` shows at `from` and at `to`, as runs: characters visible at only one are marked
 * added or removed with who wrote them (`withAuthors`: every run gets its writer).
 */
function runsBetween(community: Community, text: Y.Text, from: Y.Snapshot, to: Y.Snapshot, withAuthors: boolean): HistoryRun[] {
  const runs: HistoryRun[] = [];
  const authors = new Map<number, Member | null>();
  const authorOf = (client: number): Member | null => {
    if (!authors.has(client)) authors.set(client, community.authorOf(client) ?? null);
    return authors.get(client) ?? null;
  };
  walkText(text, from, to, (stretch) => {
    if (!stretch.atA && !stretch.atB) return;
    const change: ChangeKind | null = stretch.atB && !stretch.atA ? 'added' : stretch.atA && !stretch.atB ? 'removed' : null;
    const author = change || withAuthors ? authorOf(stretch.client) : null;
    const last = runs.at(-1);
    if (last && last.change === change && last.author?.id === author?.id) runs[runs.length - 1] = { ...last, text: last.text + stretch.text };
    else runs.push({ text: stretch.text, change, author });
  });
  return runs;
}

/** The plain text of `text` as it was at `snapshot`. */
export function textAt(text: Y.Text, snapshot: Y.Snapshot): string {
  let out = '';
  walkText(text, snapshot, snapshot, (stretch) => {
    if (stretch.atA) out += stretch.text;
  });
  return out;
}

/**
 * What changed from `from` to `to`: every character visible at either, marked added or
 * removed with who wrote it. Unchanged text has no author here (see `authorship`). The
 * same reading as Yjs's `toDelta(to, from, computeYChange)` (how y-prosemirror renders
 * snapshots), without its transaction over the whole document.
 */
export function compareText(community: Community, text: Y.Text, from: Y.Snapshot, to: Y.Snapshot): HistoryRun[] {
  return runsBetween(community, text, from, to, false);
}

/** Who wrote what in `text` (now, or at `at`): every run with its member. */
export function authorship(community: Community, text: Y.Text, at: Y.Snapshot = Y.snapshot(text.doc ?? new Y.Doc())): HistoryRun[] {
  return runsBetween(community, text, at, at, true);
}

/** Every member who wrote some of the text, in order of first appearance. */
export function contributors(runs: readonly HistoryRun[]): Member[] {
  const seen = new Map<string, Member>();
  for (const run of runs) if (run.author && !seen.has(run.author.id)) seen.set(run.author.id, run.author);
  return [...seen.values()];
}

/** A unit of text with its attributes: characters compare equal only with equal formatting. */
interface Token {
  readonly insert: string | object;
  readonly attributes: Record<string, unknown>;
  readonly key: string;
  readonly length: number;
}

function tokens(delta: readonly DeltaOp[]): Token[] {
  const list: Token[] = [];
  for (const op of delta) {
    const attributes = op.attributes ?? {};
    const attributeKey = JSON.stringify(attributes);
    if (typeof op.insert !== 'string') {
      list.push({ insert: op.insert, attributes, key: `\u0000${JSON.stringify(op.insert)}${attributeKey}`, length: 1 });
      continue;
    }
    // Words, runs of spaces and single other characters: a diff by word reads as a person
    // would describe the change and keeps the unchanged words (and who wrote them).
    for (const piece of op.insert.match(/\p{L}[\p{L}\p{N}'’-]*|\p{N}+| +|[^]/gu) ?? []) {
      list.push({ insert: piece, attributes, key: piece + attributeKey, length: piece.length });
    }
  }
  return list;
}

type Edit = { readonly kind: 'keep' | 'delete' | 'insert'; readonly token: Token };

/** The token at `index`, which the diff's bounds guarantee exists. */
function tokenAt(list: readonly Token[], index: number): Token {
  const token = list[index];
  if (!token) throw new RangeError(`No token at ${index}.`);
  return token;
}

/** Myers' O(ND) diff of two token lists; past `maxD` differences it replaces the middle whole. */
function diffTokens(a: readonly Token[], b: readonly Token[], maxD = 4000): Edit[] {
  const same = (i: number, j: number): boolean => a[i]?.key === b[j]?.key;
  let start = 0;
  while (start < a.length && start < b.length && same(start, start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && same(endA - 1, endB - 1)) {
    endA--;
    endB--;
  }
  const head: Edit[] = a.slice(0, start).map((token) => ({ kind: 'keep', token }));
  const tail: Edit[] = a.slice(endA).map((token) => ({ kind: 'keep', token }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v: number[] = new Array<number>(2 * max + 3).fill(0);
  const get = (array: readonly number[], k: number): number => array[offset + k] ?? 0;
  const fromAbove = (array: readonly number[], k: number, d: number): boolean => k === -d || (k !== d && get(array, k - 1) < get(array, k + 1));
  const trace: number[][] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = fromAbove(v, k, d) ? get(v, k + 1) : get(v, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && midA[x]?.key === midB[y]?.key) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    return [...head, ...midA.map((token): Edit => ({ kind: 'delete', token })), ...midB.map((token): Edit => ({ kind: 'insert', token })), ...tail];
  }
  const middle: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] ?? [];
    const k = x - y;
    const prevK = fromAbove(prev, k, d) ? k + 1 : k - 1;
    const prevX = get(prev, prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      middle.push({ kind: 'keep', token: tokenAt(midA, x) });
    }
    if (x === prevX) {
      y--;
      middle.push({ kind: 'insert', token: tokenAt(midB, y) });
    } else {
      x--;
      middle.push({ kind: 'delete', token: tokenAt(midA, x) });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    middle.push({ kind: 'keep', token: tokenAt(midA, x) });
  }
  middle.reverse();
  return [...head, ...middle, ...tail];
}

/** A passage of the current text, in characters: [from, to). */
export interface Passage {
  readonly from: number;
  readonly to: number;
}

export interface RestoreResult {
  readonly inserted: number;
  readonly deleted: number;
  /** Undoes exactly this restore (false when nothing is left to undo). */
  readonly undo: () => boolean;
}

/**
 * Brings `text` (or only `passage` of it) back to how it was at `snapshot`, as a new change:
 * the difference from now to then is applied as ordinary edits with the local origin, so it
 * merges with what others type meanwhile (their words survive), is attributed to whoever
 * restored, and Ctrl+Z or the returned `undo` takes it back.
 */
export function restoreText(text: Y.Text, snapshot: Y.Snapshot, passage?: Passage): RestoreResult {
  assertStoryWritable(text);
  const doc = text.doc;
  if (!doc) throw new CommonplaceError('historyNotWritable');
  if (passage && !(Number.isInteger(passage.from) && Number.isInteger(passage.to) && passage.from >= 0 && passage.from <= passage.to && passage.to <= text.length)) {
    throw new CommonplaceError('passageGone');
  }
  // One undo manager for this restore only: it stops tracking once the restore is applied,
  // so its undo never takes back typing done afterwards.
  const manager = new Y.UndoManager(text, { trackedOrigins: new Set([localOrigin]), captureTimeout: 0 });
  let counts = { inserted: 0, deleted: 0 };
  doc.transact(() => {
    counts = applyTextRestore(text, snapshot, passage);
  }, localOrigin);
  return settleRestore(manager, counts.inserted, counts.deleted);
}

/**
 * The edits that bring `text` (or `passage` of it) back to `snapshot`, applied inside the
 * caller's transaction. Exported for restoring a whole entry (entry.ts).
 */
export function applyTextRestore(text: Y.Text, snapshot: Y.Snapshot, passage?: Passage): { inserted: number; deleted: number } {
  const edits = diffTokens(tokens(text.toDelta() as DeltaOp[]), tokens(text.toDelta(snapshot) as DeltaOp[]));
  const inside = (index: number, length: number): boolean => !passage || (index < passage.to && index + length > passage.from) || (length === 0 && index >= passage.from && index <= passage.to);
  let inserted = 0;
  let deleted = 0;
  // `index` is where the next token is in the text as it is being changed; `original` is
  // where it was before, which is what the passage is measured in.
  let index = 0;
  let original = 0;
  for (const edit of edits) {
    const { token } = edit;
    if (edit.kind === 'keep') {
      index += token.length;
      original += token.length;
    } else if (edit.kind === 'delete') {
      if (inside(original, token.length)) {
        text.delete(index, token.length);
        deleted += token.length;
      } else index += token.length;
      original += token.length;
    } else if (inside(original, 0)) {
      if (typeof token.insert === 'string') text.insert(index, token.insert, { ...token.attributes });
      else text.insertEmbed(index, token.insert, { ...token.attributes });
      index += token.length;
      inserted += token.length;
    }
  }
  return { inserted, deleted };
}

/** A restore's result: `manager` stops tracking now, so its undo takes back exactly the restore. */
export function settleRestore(manager: Y.UndoManager, inserted: number, deleted: number): RestoreResult {
  manager.trackedOrigins.clear();
  let settled = inserted + deleted === 0;
  if (settled) manager.destroy();
  return {
    inserted,
    deleted,
    undo: () => {
      if (settled) return false;
      settled = true;
      const undone = manager.undo() !== null;
      manager.destroy();
      return undone;
    },
  };
}
