import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterNextPaint } from '../timing/afterNextPaint.js';

interface CaretState {
  readonly anchor: unknown;
  readonly head: unknown;
}

function samePosition(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  try {
    return Y.compareRelativePositions(Y.createRelativePositionFromJSON(a), Y.createRelativePositionFromJSON(b));
  } catch {
    return false;
  }
}

/** Whether two caret states (`{ anchor, head }` of relative positions, or null) point at the same place. */
export function sameCaret(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const x = a as CaretState;
  const y = b as CaretState;
  return samePosition(x.anchor, y.anchor) && samePosition(x.head, y.head);
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
    if (current && !sameCaret(current[field] ?? null, latest)) awareness.setLocalStateField(field, latest);
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
    latest = value;
    if (waiting) return;
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
