import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { peerMessageLimits } from '../../shared/protocol/peerMessages.js';

/**
 * WebRTC data channels carry messages up to the size both ends negotiated (Chromium:
 * 256 KB); a larger send fails, so a large first sync (a 414 KB update was seen) never
 * arrived. Messages above `chunkBytes` are cut into frames of that size, each starting with
 * `chunkFrame` (a type y-protocols never uses, so a message that fits in one frame goes
 * unchanged, as before), then message id, index, frame count and total length.
 *
 * The channel is ordered and reliable and a message's frames are sent together, so frames
 * arrive in sequence: anything else (a frame out of order, a different id, a total above
 * the peer message limit, more bytes than announced, a whole message arriving mid-sequence)
 * is a broken or hostile peer, and the caller drops it.
 */

export const chunkFrame = 0xc4;
export const chunkBytes = 16 * 1024;
const maxChunks = Math.ceil(peerMessageLimits.maxMessageBytes / chunkBytes);

export function toFrames(message: Uint8Array, id: number): Uint8Array[] {
  if (message.byteLength <= chunkBytes) return [message];
  const count = Math.ceil(message.byteLength / chunkBytes);
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const encoder = encoding.createEncoder();
    encoding.writeUint8(encoder, chunkFrame);
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, index);
    encoding.writeVarUint(encoder, count);
    encoding.writeVarUint(encoder, message.byteLength);
    encoding.writeUint8Array(encoder, message.subarray(index * chunkBytes, (index + 1) * chunkBytes));
    frames.push(encoding.toUint8Array(encoder));
  }
  return frames;
}

export type FrameResult = { readonly kind: 'message'; readonly message: Uint8Array } | { readonly kind: 'partial' } | { readonly kind: 'broken'; readonly reason: string };

/** Reassembles one connection's frames; one per connection. */
export class FrameReader {
  private current: { id: number; count: number; total: number; next: number; bytes: Uint8Array; filled: number } | null = null;

  read(data: Uint8Array): FrameResult {
    if (data[0] !== chunkFrame) {
      if (this.current) return this.broken('a whole message in the middle of a chunked one');
      return { kind: 'message', message: data };
    }
    try {
      const decoder = decoding.createDecoder(data);
      decoding.readUint8(decoder);
      const id = decoding.readVarUint(decoder);
      const index = decoding.readVarUint(decoder);
      const count = decoding.readVarUint(decoder);
      const total = decoding.readVarUint(decoder);
      const payload = data.subarray(decoder.pos);
      if (!this.current) {
        if (index !== 0) return this.broken('a chunk without its beginning');
        if (count < 2 || count > maxChunks || total > peerMessageLimits.maxMessageBytes || total <= chunkBytes || Math.ceil(total / chunkBytes) !== count) return this.broken(`a chunked message of ${total} bytes in ${count} chunks`);
        this.current = { id, count, total, next: 0, bytes: new Uint8Array(total), filled: 0 };
      }
      const current = this.current;
      if (id !== current.id || index !== current.next || count !== current.count || total !== current.total) return this.broken('chunks out of sequence');
      const expected = index === count - 1 ? total - current.filled : chunkBytes;
      if (payload.byteLength !== expected) return this.broken('a chunk of the wrong size');
      current.bytes.set(payload, current.filled);
      current.filled += payload.byteLength;
      current.next += 1;
      if (current.next < count) return { kind: 'partial' };
      this.current = null;
      return { kind: 'message', message: current.bytes };
    } catch (error) {
      return this.broken(`a malformed chunk (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private broken(reason: string): FrameResult {
    this.current = null;
    return { kind: 'broken', reason };
  }
}
