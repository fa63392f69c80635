import * as Y from 'yjs';
import { afterNextPaint } from './afterNextPaint.js';

/** Yjs updates waiting to be handed on. */
export interface UpdateBatch {
  readonly add: (update: Uint8Array) => void;
  /** Hands on at once whatever waits (nothing if nothing does). */
  readonly flush: () => void;
}

/**
 * Collects Yjs updates and hands them on after the next paint (or on `flush`), those that
 * came meanwhile merged into one, in the order they happened: what storage writes and what
 * peers are sent, kept off the path from a keystroke to the screen.
 */
export function batchUntilPaint(deliver: (update: Uint8Array) => void, schedule: (run: () => void) => void = afterNextPaint): UpdateBatch {
  let waiting: Uint8Array[] = [];
  const flush = (): void => {
    if (waiting.length === 0) return;
    const updates = waiting;
    waiting = [];
    deliver(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
  };
  return {
    add: (update) => {
      if (waiting.length === 0) schedule(flush);
      waiting.push(update);
    },
    flush,
  };
}
