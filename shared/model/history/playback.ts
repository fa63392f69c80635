import type * as Y from 'yjs';
import type { Community, Member } from '../Community.js';
import type { HistoryRun } from './story.js';
import { clockOf, walkText } from './walk.js';

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

/**
 * The edits from `from` to `to` in at most `maxFrames` frames (fewer when fewer characters
 * changed). Both snapshots must be openable on this device (`openSnapshot` checks).
 */
export function playback(community: Community, text: Y.Text, from: Y.Snapshot, to: Y.Snapshot, maxFrames = 40): Playback {
  const segments: { text: string; client: number; position: number; deleted: boolean }[] = [];
  let changed = 0;
  walkText(text, from, to, (stretch) => {
    // Not yet written at `to`, or already gone at `from`: not part of this stretch.
    if (!stretch.inB || (stretch.inA && !stretch.atA)) return;
    const deleted = !stretch.atB;
    segments.push({ text: stretch.text, client: stretch.client, position: stretch.inA ? -1 : stretch.clock - clockOf(from.sv, stretch.client), deleted });
    if (!stretch.inA || deleted) changed += stretch.text.length;
  });
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
