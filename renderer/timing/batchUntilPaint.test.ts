import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { batchUntilPaint } from './batchUntilPaint.js';

function edits(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('story').insert(i, 'abc'[i % 3] ?? 'x');
  return { doc, updates };
}

describe('updates held until the paint', () => {
  it('hands on what came before the paint once, merged, and schedules once per frame', () => {
    const { updates } = edits(3);
    const delivered: Uint8Array[] = [];
    const frames: (() => void)[] = [];
    const batch = batchUntilPaint((update) => delivered.push(update), (run) => frames.push(run));
    for (const update of updates) batch.add(update);
    expect(frames).toHaveLength(1);
    expect(delivered).toHaveLength(0);
    frames[0]?.();
    expect(delivered).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, delivered[0] ?? new Uint8Array());
    expect(copy.getText('story').toJSON()).toBe('abc');
    // The next edit waits for the next frame.
    batch.add(edits(1).updates[0] ?? new Uint8Array());
    expect(frames).toHaveLength(2);
  });

  it('hands on at once when flushed, and nothing when nothing waits', () => {
    const { updates } = edits(1);
    const delivered: Uint8Array[] = [];
    const frames: (() => void)[] = [];
    const batch = batchUntilPaint((update) => delivered.push(update), (run) => frames.push(run));
    batch.flush();
    expect(delivered).toHaveLength(0);
    batch.add(updates[0] ?? new Uint8Array());
    batch.flush();
    expect(delivered).toEqual([updates[0]]);
    // The frame that was scheduled finds nothing left.
    frames[0]?.();
    expect(delivered).toHaveLength(1);
  });
});
