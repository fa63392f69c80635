import * as Y from 'yjs';

/**
 * Walking a text's Yjs items once to see each character at two snapshots, without the
 * transaction `toDelta(snapshot)` opens to split (and then merge back) every item a
 * snapshot cuts through, for the whole document, on every call: the walk cuts each item
 * itself, where a snapshot's state vector or one of its deletions falls inside it, so the
 * work is per item, not per character, and the document is only read.
 */

/** Embeds (a hard line break) read as a line break, as in `textAt`. */
const embedText = '\n';

export function clockOf(sv: Map<number, number>, client: number): number {
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

/** Characters of one item that are alike at both snapshots. */
export interface Stretch {
  readonly text: string;
  readonly client: number;
  readonly clock: number;
  /** Written by `a` (its state vector includes it), and visible there (written, not deleted). */
  readonly inA: boolean;
  readonly atA: boolean;
  readonly inB: boolean;
  readonly atB: boolean;
}

/**
 * Calls `visit` for every stretch of `text` in document order (deleted ones too: the
 * document keeps them, gc is off). Embeds read as a line break; formatting marks are skipped.
 */
export function walkText(text: Y.Text, a: Y.Snapshot, b: Y.Snapshot, visit: (stretch: Stretch) => void): void {
  const cuts: number[] = [];
  for (let item = text._start; item; item = item.right) {
    const content = item.content;
    const isString = content instanceof Y.ContentString;
    if (!isString && !(content instanceof Y.ContentEmbed)) continue;
    const { client, clock } = item.id;
    const end = clock + item.length;
    const svA = clockOf(a.sv, client);
    const svB = clockOf(b.sv, client);
    // Written after both: nothing to see (the common case for the newest items).
    if (clock >= svA && clock >= svB) continue;
    cuts.length = 0;
    cuts.push(clock, end);
    if (svA > clock && svA < end) cuts.push(svA);
    if (svB > clock && svB < end) cuts.push(svB);
    deletionCuts(a.ds, client, clock, end, cuts);
    deletionCuts(b.ds, client, clock, end, cuts);
    if (cuts.length > 2) cuts.sort((x, y) => x - y);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const start = cuts[i] ?? 0;
      const stop = cuts[i + 1] ?? 0;
      if (stop <= start) continue;
      const id = Y.createID(client, start);
      const inA = start < svA;
      const inB = start < svB;
      if (!inA && !inB) continue;
      visit({
        text: isString ? content.str.slice(start - clock, stop - clock) : embedText,
        client,
        clock: start,
        inA,
        atA: inA && !Y.isDeleted(a.ds, id),
        inB,
        atB: inB && !Y.isDeleted(b.ds, id),
      });
    }
  }
}
