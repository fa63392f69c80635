import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterNextPaint } from '../timing/afterNextPaint.js';

interface CaretState {
  readonly anchor: unknown;
  readonly head: unknown;
}

/**
 * Whether two relative positions point at the same place. With the document, they are
 * compared where they point now (the same type and index), which is what others see;
 * without it, by what they are tied to.
 */
function samePosition(a: unknown, b: unknown, doc?: Y.Doc): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  try {
    const x = Y.createRelativePositionFromJSON(a);
    const y = Y.createRelativePositionFromJSON(b);
    if (doc) {
      const here = Y.createAbsolutePositionFromRelativePosition(x, doc);
      const there = Y.createAbsolutePositionFromRelativePosition(y, doc);
      if (here && there) return here.type === there.type && here.index === there.index;
    }
    return Y.compareRelativePositions(x, y);
  } catch {
    return false;
  }
}

/**
 * The same place, tied to the character after it instead of the one before. The caret
 * plugin ties a caret to the character before it (assoc -1), so each letter typed moves
 * it to a new character and it must be published again: one presence message to every
 * peer per keystroke, and a second render on each. Tied to the next character, a caret
 * stays right as its owner types in front of it, and is published again only when it
 * really moves (a click, an arrow key, a new line).
 */
export function tiedToNext(position: unknown, doc: Y.Doc): unknown {
  try {
    const relative = Y.createRelativePositionFromJSON(position);
    if (relative.assoc >= 0) return position;
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
    return absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0) : position;
  } catch {
    return position;
  }
}

function caretTiedToNext(caret: unknown, doc: Y.Doc): unknown {
  if (!caret || typeof caret !== 'object') return caret;
  const { anchor, head } = caret as CaretState;
  return { anchor: tiedToNext(anchor, doc), head: tiedToNext(head, doc) };
}

/** Whether two caret states (`{ anchor, head }` of relative positions, or null) point at the same place (see `samePosition`). */
export function sameCaret(a: unknown, b: unknown, doc?: Y.Doc): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const x = a as CaretState;
  const y = b as CaretState;
  return samePosition(x.anchor, y.anchor, doc) && samePosition(x.head, y.head, doc);
}

/**
 * The awareness as the collaboration caret should see it.
 *
 * - TipTap's caret plugin re-publishes its caret after every remote edit, even when the
 *   caret has not moved (`force` in @tiptap/y-tiptap's cursor plugin). y-webrtc sends every
 *   such update to every peer, so with N people each keystroke cost N x N messages,
 *   encrypted and inspected. A caret is a relative position, which stays right as others
 *   type; publishing the same one again tells no one anything (others redraw carets on
 *   their own remote edits, and the awareness renews itself every 15 s), so it is dropped.
 * - Carets are tied to the character after them (`tiedToNext`) and compared by where they
 *   point now: typing in front of one does not move it, and one that someone else's
 *   typing pushed away from where its owner is (both typing at the same spot) is
 *   published again.
 * - A caret that moved is published after the keystroke's frame is painted, and only the
 *   latest one if several keys came first: publishing redraws every caret and sends to
 *   every peer, which is not worth delaying the letter on screen for.
 * - Taking the caret away (null: focus left, the editor closed) is published at once and
 *   cancels one still waiting, so no caret is left behind.
 */
export function quietCaretAwareness(awareness: Awareness, field = 'cursor', schedule: (publish: () => void) => void = afterNextPaint): Awareness {
  let waiting = false;
  let latest: unknown = null;
  const publishLatest = (): void => {
    if (!waiting) return;
    waiting = false;
    const current = awareness.getLocalState();
    if (current && !sameCaret(current[field] ?? null, latest, awareness.doc)) awareness.setLocalStateField(field, latest);
  };
  const setLocalStateField = (name: string, value: unknown): void => {
    if (name !== field) {
      awareness.setLocalStateField(name, value);
      return;
    }
    if (value === null || value === undefined) {
      waiting = false;
      const current = awareness.getLocalState();
      if (current && (current[field] ?? null) !== null) awareness.setLocalStateField(field, null);
      return;
    }
    latest = caretTiedToNext(value, awareness.doc);
    if (waiting) return;
    const current = awareness.getLocalState();
    if (current && sameCaret(current[field] ?? null, latest, awareness.doc)) return;
    waiting = true;
    schedule(publishLatest);
  };
  return new Proxy(awareness, {
    get(target, property) {
      if (property === 'setLocalStateField') return setLocalStateField;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
