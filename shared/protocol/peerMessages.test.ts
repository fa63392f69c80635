import fc from 'fast-check';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { inspectPeerMessage } from './peerMessages.js';

function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(state: unknown): Uint8Array {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state as Record<string, unknown>);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  return encoding.toUint8Array(encoder);
}

const realUpdate = (): Uint8Array => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello, circle');
  doc.getMap('m').set('k', { nested: [1, 2, 3] });
  return Y.encodeStateAsUpdate(doc);
};

describe('inspecting peer messages before they are applied', () => {
  it('accepts what a real peer sends', () => {
    expect(inspectPeerMessage(syncMessage(0, Y.encodeStateVector(new Y.Doc())))).toEqual({ ok: true, kind: 'sync-step-1' });
    expect(inspectPeerMessage(syncMessage(1, realUpdate()))).toEqual({ ok: true, kind: 'sync-step-2' });
    expect(inspectPeerMessage(syncMessage(2, realUpdate()))).toEqual({ ok: true, kind: 'update' });
    expect(inspectPeerMessage(awarenessMessage({ user: { name: 'Amira', color: '#2557a7', memberId: 'm1' }, location: null }))).toEqual({ ok: true, kind: 'awareness' });
    expect(inspectPeerMessage(new Uint8Array([3]))).toEqual({ ok: true, kind: 'awareness-query' });
  });

  it('refuses truncated updates, unknown types, trailing bytes and odd presence', () => {
    const update = realUpdate();
    for (let cut = 1; cut < update.length; cut += 3) {
      const verdict = inspectPeerMessage(syncMessage(2, update.slice(0, cut)));
      expect(verdict.ok, `cut at ${cut}`).toBe(false);
    }
    expect(inspectPeerMessage(new Uint8Array([])).ok).toBe(false);
    expect(inspectPeerMessage(new Uint8Array([9])).ok).toBe(false);
    expect(inspectPeerMessage(new Uint8Array([...syncMessage(2, update), 1, 2, 3])).ok).toBe(false);
    expect(inspectPeerMessage(awarenessMessage({ user: { name: '<img src=x onerror=alert(1)>'.repeat(5), color: 'red', memberId: 'x' }, location: null })).ok).toBe(false);
    expect(inspectPeerMessage(awarenessMessage({ anything: 'else' })).ok).toBe(false);
  });

  it('never throws on garbage, and garbage framed as an update is refused or applies cleanly (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 512 }), (bytes) => {
        expect(() => inspectPeerMessage(bytes)).not.toThrow();
        const framed = inspectPeerMessage(syncMessage(2, bytes));
        if (framed.ok) expect(() => Y.applyUpdate(new Y.Doc(), bytes)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it('whatever it accepts applies to a document without throwing (property over mutated real updates)', () => {
    const update = realUpdate();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(update.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (mutations) => {
        const mutated = update.slice();
        for (const [index, value] of mutations) mutated[index] = value;
        const verdict = inspectPeerMessage(syncMessage(2, mutated));
        if (verdict.ok) {
          const doc = new Y.Doc();
          expect(() => Y.applyUpdate(doc, mutated)).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });
});
