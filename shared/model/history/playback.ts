import * as Y from 'yjs';
import type { Community, Member } from '../Community.js';
import type { HistoryRun } from './story.js';

/**
 * Playing the edits back between two checkpoints, as Etherpad's timeslider does.
 *
 * Yjs records no time per edit, only who wrote each character and in what order each
 * device wrote its own (its clock), and which characters were deleted by a checkpoint. So
 * the frames are rebuilt from that: every device's characters written between the two
 * checkpoints appear in its own order, all devices advancing together (they wrote in the
 * same session); a deleted character disappears when the text written in its place
 * appears (a word replaced), or, when nothing was written there, right after it was
 * written (a typo) or at the end (an older passage removed). The first frame is exactly
 * the text at `from` and the last exactly the text at `to`.
 *
 * It walks the text's items once (Yjs keeps them in document order, deleted ones too since
 * gc is off): linear in what the story ever held, then each frame is linear in its pieces.
 */

/** A run of characters that appear and disappear at the same frames, by one writer. */
interface Piece {
  readonly text: string;
  readonly client: number;
  /** The first frame showing it (0: already there at `from`). */
  readonly shown: number;
  /** The first frame no longer showing it (`frames + 1`: still there at `to`). */
  readonly hidden: number;
}

export interface Playback {
  /** Frames after the first: frame 0 is the text at `from`, frame `frames` the text at `to`. */
  readonly frames: number;
  /** The text at a frame, each run with who wrote it. */
  at(frame: number): HistoryRun[];
}

/** Embeds (a hard line break) read as a line break, as in `textAt`. */
const embedText = '\n';

function clockOf(sv: Map<number, number>, client: number): number {
  return sv.get(client) ?? 0;
}

type DeleteRanges = Y.Snapshot['ds'];

/** The clocks in (start, end) where the deletions of `client` in `ds` begin or end. */
function deletionCuts(ds: DeleteRanges, client: number, start: number, end: number, cuts: number[]): void {
  const ranges = ds.clients.get(client);
  if (!ranges || ranges.length === 0) return;
  // The first range that ends after `start` (they are sorted and merged).
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid];
    if (range && range.clock + range.len <= start) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < ranges.length; i++) {
    const range = ranges[i];
    if (!range || range.clock >= end) break;
    if (range.clock > start) cuts.push(range.clock);
    if (range.clock + range.len < end) cuts.push(range.clock + range.len);
  }
}

/** A run of one item's characters that is alike at both checkpoints. */
interface Segment {
  readonly text: string;
  readonly client: number;
  /** Its first clock minus the writer's clock at `from`; -1 when it existed at `from`. */
  readonly position: number;
  readonly deleted: boolean;
}

/**
 * The edits from `from` to `to` in at most `maxFrames` frames (fewer when fewer characters
 * changed). Both snapshots must be openable on this device (`openSnapshot` checks).
 */
export function playback(community: Community, text: Y.Text, from: Y.Snapshot, to: Y.Snapshot, maxFrames = 40): Playback {
  // Each item is cut where its characters stop being alike (where a checkpoint's state
  // vector or one of its deletions falls inside it), so the work is per item, not per character.
  const segments: Segment[] = [];
  let changed = 0;
  const cuts: number[] = [];
  for (let item = text._start; item; item = item.right) {
    const content = item.content;
    const isString = content instanceof Y.ContentString;
    if (!isString && !(content instanceof Y.ContentEmbed)) continue;
    const { client, clock } = item.id;
    const end = Math.min(clock + item.length, clockOf(to.sv, client));
    if (end <= clock) continue;
    const before = clockOf(from.sv, client);
    cuts.length = 0;
    cuts.push(clock, end);
    if (before > clock && before < end) cuts.push(before);
    deletionCuts(from.ds, client, clock, end, cuts);
    deletionCuts(to.ds, client, clock, end, cuts);
    cuts.sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const start = cuts[i] ?? 0;
      const stop = cuts[i + 1] ?? 0;
      if (stop <= start) continue;
      const id = Y.createID(client, start);
      const existed = start < before;
      if (existed && Y.isDeleted(from.ds, id)) continue;
      const deleted = Y.isDeleted(to.ds, id);
      const str = isString ? content.str.slice(start - clock, stop - clock) : embedText;
      segments.push({ text: str, client, position: existed ? -1 : start - before, deleted });
      if (!existed || deleted) changed += str.length;
    }
  }
  const frames = Math.max(1, Math.min(maxFrames, changed));
  const spans = new Map<number, number>();
  for (const [client, clock] of to.sv) spans.set(client, Math.max(1, clock - clockOf(from.sv, client)));
  // A new character at position p of its writer's span appears at frame ceil((p+1)/span*frames).
  const chunks: { text: string; client: number; shown: number; deleted: boolean }[] = [];
  for (const segment of segments) {
    if (segment.position < 0) {
      chunks.push({ text: segment.text, client: segment.client, shown: 0, deleted: segment.deleted });
      continue;
    }
    const span = spans.get(segment.client) ?? 1;
    const frameOf = (offset: number): number => Math.max(1, Math.ceil(((segment.position + offset + 1) / span) * frames));
    let offset = 0;
    while (offset < segment.text.length) {
      const frame = frameOf(offset);
      // The last character of this segment still shown at `frame`.
      const lastClock = Math.floor((frame / frames) * span) - 1 - segment.position;
      const next = Math.min(segment.text.length, Math.max(offset + 1, lastClock + 1));
      chunks.push({ text: segment.text.slice(offset, next), client: segment.client, shown: frame, deleted: segment.deleted });
      offset = next;
    }
  }
  // When each deleted chunk disappears: at the frame the next new text after it that is
  // kept appears (a word replaced); otherwise right after it was written (a typo), or at
  // the end for older text. By the last frame everything deleted at `to` is gone.
  const hidden: number[] = new Array<number>(chunks.length).fill(frames + 1);
  let nextNew = -1;
  for (let i = chunks.length - 1; i >= 0; i--) {
    const chunk = chunks[i];
    if (!chunk) continue;
    if (chunk.deleted) {
      const replaced = nextNew > chunk.shown ? nextNew : -1;
      const typo = chunk.shown > 0 ? chunk.shown + 1 : frames;
      hidden[i] = Math.min(frames, replaced > 0 ? replaced : typo);
    } else if (chunk.shown > 0) nextNew = chunk.shown;
  }

  const pieces: Piece[] = [];
  chunks.forEach((chunk, i) => {
    const h = hidden[i] ?? frames + 1;
    const last = pieces.at(-1);
    if (last && last.client === chunk.client && last.shown === chunk.shown && last.hidden === h) pieces[pieces.length - 1] = { ...last, text: last.text + chunk.text };
    else pieces.push({ text: chunk.text, client: chunk.client, shown: chunk.shown, hidden: h });
  });
  const authors = new Map<number, Member | null>();
  const authorOf = (client: number): Member | null => {
    if (!authors.has(client)) authors.set(client, community.authorOf(client) ?? null);
    return authors.get(client) ?? null;
  };
  return {
    frames,
    at(frame: number): HistoryRun[] {
      const f = Math.max(0, Math.min(frames, Math.round(frame)));
      const runs: HistoryRun[] = [];
      for (const piece of pieces) {
        if (piece.shown > f || piece.hidden <= f) continue;
        const author = authorOf(piece.client);
        const last = runs.at(-1);
        if (last && last.author?.id === author?.id) runs[runs.length - 1] = { ...last, text: last.text + piece.text };
        else runs.push({ text: piece.text, change: null, author });
      }
      return runs;
    },
  };
}
