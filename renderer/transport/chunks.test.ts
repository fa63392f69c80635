import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { chunkBytes, chunkFrame, FrameReader, toFrames } from './chunks.js';

/** A real Yjs update of about `bytes` bytes, as a first sync of a big community would carry. */
function bigUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('story').insert(0, 'x'.repeat(bytes));
  return Y.encodeStateAsUpdate(doc);
}

function frame(id: number, index: number, count: number, total: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, chunkFrame);
  for (const n of [id, index, count, total]) encoding.writeVarUint(encoder, n);
  encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

describe('large messages over a data channel, in frames', () => {
  it('sends a small message unchanged and a 1 MB update as 16 KB frames that reassemble exactly', () => {
    const small = new Uint8Array([0, 0, 1, 0]);
    expect(toFrames(small, 0)).toEqual([small]);
    const update = bigUpdate(1024 * 1024);
    const frames = toFrames(update, 7);
    expect(frames.length).toBe(Math.ceil(update.byteLength / chunkBytes));
    expect(Math.max(...frames.map((f) => f.byteLength))).toBeLessThan(chunkBytes + 32);
    const reader = new FrameReader();
    const results = frames.map((f) => reader.read(f));
    expect(results.slice(0, -1).every((r) => r.kind === 'partial')).toBe(true);
    const last = results.at(-1);
    // Compared as one Buffer: toEqual walks a megabyte byte by byte for seconds.
    expect(last?.kind === 'message' && Buffer.from(last.message).equals(Buffer.from(update))).toBe(true);
    // And the next message on the same connection reads as usual.
    expect(reader.read(small)).toEqual({ kind: 'message', message: small });
  });

  const payload = new Uint8Array(chunkBytes);
  for (const [what, frames] of [
    ['a chunk without its beginning', [frame(1, 1, 2, chunkBytes + 1, new Uint8Array(1))]],
    ['chunks out of order', [frame(1, 0, 3, 2 * chunkBytes + 1, payload), frame(1, 2, 3, 2 * chunkBytes + 1, new Uint8Array(1))]],
    ['another message id mid-sequence', [frame(1, 0, 2, chunkBytes + 1, payload), frame(2, 1, 2, chunkBytes + 1, new Uint8Array(1))]],
    ['a total over the peer message limit', [frame(1, 0, 5000, 5000 * chunkBytes, payload)]],
    ['more bytes than announced', [frame(1, 0, 2, chunkBytes + 1, payload), frame(1, 1, 2, chunkBytes + 1, new Uint8Array(5))]],
    ['a whole message inside a chunked one', [frame(1, 0, 2, chunkBytes + 1, payload), new Uint8Array([0, 0, 1, 0])]],
    ['a truncated header', [new Uint8Array([chunkFrame, 0x80])]],
  ] as const) {
    it(`calls ${what} broken (the peer is dropped)`, () => {
      const reader = new FrameReader();
      const results = frames.map((f) => reader.read(f));
      expect(results.at(-1)?.kind).toBe('broken');
    });
  }
});
