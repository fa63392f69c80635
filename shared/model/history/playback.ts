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

/**
 * The edits from `from` to `to` in at most `maxFrames` frames (fewer when fewer characters
 * changed). Both snapshots must be openable on this device (`openSnapshot` checks).
 */
export function playback(community: Community, text: Y.Text, from: Y.Snapshot, to: Y.Snapshot, maxFrames = 40): Playback {
  // Per character: writer, clock, and whether it is new, deleted by `to`.
  const chars: string[] = [];
  const clients: number[] = [];
  const shown: number[] = [];
  const deleted: boolean[] = [];
  const spans = new Map<number, number>();
  for (const [client, clock] of to.sv) spans.set(client, Math.max(0, clock - clockOf(from.sv, client)));
  let changed = 0;
  const positions: number[] = [];
  for (let item = text._start; item; item = item.right) {
    const content = item.content;
    const isString = content instanceof Y.ContentString;
    if (!isString && !(content instanceof Y.ContentEmbed)) continue;
    const str = isString ? content.str : embedText;
    const { client, clock } = item.id;
    for (let i = 0; i < item.length; i++) {
      const id = Y.createID(client, clock + i);
      if (id.clock >= clockOf(to.sv, client)) continue;
      const existed = id.clock < clockOf(from.sv, client);
      if (existed && Y.isDeleted(from.ds, id)) continue;
      const gone = Y.isDeleted(to.ds, id);
      chars.push(str[i] ?? embedText);
      clients.push(client);
      // Position among this device's new characters, scaled to frames below.
      positions.push(existed ? -1 : id.clock - clockOf(from.sv, client));
      deleted.push(gone);
      if (!existed || gone) changed++;
    }
  }
  const frames = Math.max(1, Math.min(maxFrames, changed));
  for (let i = 0; i < chars.length; i++) {
    const position = positions[i] ?? -1;
    const span = spans.get(clients[i] ?? 0) ?? 1;
    shown.push(position < 0 ? 0 : Math.max(1, Math.ceil(((position + 1) / span) * frames)));
  }
  // When each deleted character disappears: at the frame the next new character written
  // after it that is kept appears (scanning from the end keeps this linear).
  const hidden: number[] = new Array<number>(chars.length).fill(frames + 1);
  let nextNew = -1;
  for (let i = chars.length - 1; i >= 0; i--) {
    const at = shown[i] ?? 0;
    if (deleted[i]) {
      const replaced = nextNew > at ? nextNew : -1;
      const typo = at > 0 ? Math.min(frames, at + 1) : frames;
      hidden[i] = replaced > 0 ? replaced : typo;
    } else if (at > 0) nextNew = at;
  }
  // The last frame must be exactly `to`: whatever is deleted there is hidden by then.
  for (let i = 0; i < chars.length; i++) if (deleted[i]) hidden[i] = Math.min(hidden[i] ?? frames, frames);

  const pieces: Piece[] = [];
  for (let i = 0; i < chars.length; i++) {
    const client = clients[i] ?? 0;
    const s = shown[i] ?? 0;
    const h = hidden[i] ?? frames + 1;
    const last = pieces.at(-1);
    if (last && last.client === client && last.shown === s && last.hidden === h) pieces[pieces.length - 1] = { ...last, text: last.text + (chars[i] ?? '') };
    else pieces.push({ text: chars[i] ?? '', client, shown: s, hidden: h });
  }
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
