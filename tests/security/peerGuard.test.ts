import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from '../../shared/model/Community.js';
import { inspectAwareness, inspectPeerMessage, inspectUpdate, peerMessageLimits } from '../../shared/protocol/peerMessages.js';
import { presenceSchema } from '../../shared/protocol/presence.js';
import { deepStoryUpdate } from './hostileContent.js';

const creator = { id: 'amira', name: 'Amira', colour: '#2557a7' as const };

function framed(type: number, build: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  build(encoder);
  return encoding.toUint8Array(encoder);
}

const updateMessage = (update: Uint8Array): Uint8Array =>
  framed(0, (encoder) => {
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
  });

/** Presence as the real awareness protocol encodes it (what a relay delivers). */
function awarenessUpdate(state: unknown): Uint8Array {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state as Record<string, unknown>);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return update;
}

/** The same, framed as a y-webrtc message. */
const presenceMessage = (state: unknown): Uint8Array => framed(1, (encoder) => encoding.writeVarUint8Array(encoder, awarenessUpdate(state)));

const user = { name: 'Mallory', color: '#2557a7', memberId: 'm1' };

/** A real caret, as y-tiptap puts Y.RelativePosition objects into the awareness state. */
function realCaret(): { anchor: unknown; head: unknown } {
  const doc = new Y.Doc();
  const text = doc.getXmlFragment('body');
  const paragraph = new Y.XmlElement('paragraph');
  text.insert(0, [paragraph]);
  const inner = new Y.XmlText('hello');
  paragraph.insert(0, [inner]);
  return { anchor: Y.createRelativePositionFromTypeIndex(inner, 2, -1), head: Y.createRelativePositionFromTypeIndex(text, 0, -1) };
}

describe('presence from peers (issue 15.1)', () => {
  it('accepts a real caret, as it travels', () => {
    expect(inspectPeerMessage(presenceMessage({ user, location: 'harvest:x', cursor: realCaret() }))).toEqual({ ok: true, kind: 'awareness' });
    expect(inspectPeerMessage(presenceMessage({ user, location: null, cursor: null }))).toEqual({ ok: true, kind: 'awareness' });
  });

  it('refuses the null caret and its friends, with a reason', () => {
    const bad = [
      { anchor: null, head: null },
      { anchor: {}, head: {} },
      { anchor: 'x', head: 1 },
      { anchor: { item: { client: 1 } }, head: { item: { client: 1, clock: 0 } } },
      { anchor: { item: { client: -1, clock: 0 } }, head: { item: { client: 1, clock: 0 } } },
      { anchor: { item: { client: 1, clock: 0.5 } }, head: { item: { client: 1, clock: 0 } } },
      { anchor: { tname: 'x'.repeat(1000) }, head: { tname: 'body' } },
      { anchor: { tname: 'body', extra: 1 }, head: { tname: 'body' } },
      { anchor: { tname: 'body' } },
    ];
    for (const cursor of bad) {
      const verdict = inspectPeerMessage(presenceMessage({ user, location: null, cursor }));
      expect(verdict, JSON.stringify(cursor)).toEqual({ ok: false, reason: 'presence entry not understood' });
    }
  });

  it('presence as a relay delivers it (the awareness update alone) gets the same answer', () => {
    expect(inspectAwareness(awarenessUpdate({ user, location: null, cursor: realCaret() }))).toEqual({ ok: true, kind: 'awareness' });
    expect(inspectAwareness(awarenessUpdate({ user, location: null, cursor: { anchor: null, head: null } }))).toEqual({ ok: false, reason: 'presence entry not understood' });
    expect(inspectAwareness(new Uint8Array([1, 2])).ok).toBe(false);
  });

  it('any caret the guard accepts resolves in a document without throwing (property)', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('body').insert(0, [new Y.XmlElement('paragraph')]);
    const id = fc.record({ client: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(null)), clock: fc.oneof(fc.nat(), fc.integer(), fc.double()) }, { requiredKeys: [] });
    // Well-formed positions too, so every run has carets the guard accepts (random shapes alone
    // are accepted so rarely that some seeds had none).
    const wellFormedId = fc.record({ client: fc.nat({ max: 2 ** 32 - 1 }), clock: fc.nat() });
    const wellFormed = fc.record({ type: fc.oneof(wellFormedId, fc.constant(null)), tname: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)), item: fc.oneof(wellFormedId, fc.constant(null)), assoc: fc.constantFrom(-1, 0) });
    const position = fc.oneof(
      wellFormed,
      fc.anything(),
      fc.record({ type: fc.oneof(id, fc.constant(null)), tname: fc.oneof(fc.string(), fc.constant(null)), item: fc.oneof(id, fc.constant(null)), assoc: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double()) }, { requiredKeys: [] }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(position, position, (anchor, head) => {
        const state = { user, location: null, cursor: { anchor, head } };
        const verdict = inspectPeerMessage(presenceMessage(state));
        expect(verdict.ok).toBe(presenceSchema.safeParse(JSON.parse(JSON.stringify(state))).success);
        if (!verdict.ok) return;
        accepted++;
        for (const json of [anchor, head]) {
          // Exactly what the caret layer does with a remote caret.
          expect(() => Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(JSON.parse(JSON.stringify(json))), doc)).not.toThrow();
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('updates from peers, relays and backups (issue 15.2)', () => {
  it('refuses the 9,000-deep story that bricked a community, saying why, and leaves the document untouched', () => {
    const attacker = Community.create({ name: 'Care circle', creator });
    const base = Y.encodeStateAsUpdate(attacker.doc);
    const update = deepStoryUpdate(attacker, 9000);
    expect(update.byteLength).toBeGreaterThan(100_000);
    expect(inspectUpdate(update)).toEqual({ ok: false, reason: `nested too deeply (more than ${peerMessageLimits.maxTypeDepth} levels)` });
    expect(inspectPeerMessage(updateMessage(update))).toEqual({ ok: false, reason: `nested too deeply (more than ${peerMessageLimits.maxTypeDepth} levels)` });
    // The same story as the whole state (a first sync, a backup) is refused too.
    expect(inspectUpdate(Y.encodeStateAsUpdate(attacker.doc)).ok).toBe(false);
    expect(inspectUpdate(base)).toEqual({ ok: true, kind: 'update' });
  });

  it('accepts a real community with deep-ish stories and many entries', () => {
    const community = Community.create({ name: 'Care circle', creator });
    for (let i = 0; i < 200; i++) community.collection('glossary').create('amira', (entry) => entry.setTerm(`Term ${i}`));
    deepStoryUpdate(community, 20);
    expect(inspectUpdate(Y.encodeStateAsUpdate(community.doc))).toEqual({ ok: true, kind: 'update' });
  });

  it('nesting is measured exactly, across items that inherit their parent from an origin (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 0, max: 4 }), (levels, siblings) => {
        const doc = new Y.Doc();
        let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('body');
        for (let level = 0; level < levels; level++) {
          const quote = new Y.XmlElement('blockquote');
          // Siblings first, so the deeper element has an origin rather than a parent id.
          for (let s = 0; s < siblings; s++) parent.insert(parent.length, [new Y.XmlElement('paragraph')]);
          parent.insert(parent.length, [quote]);
          parent = quote;
        }
        const verdict = inspectUpdate(Y.encodeStateAsUpdate(doc));
        expect(verdict.ok).toBe(levels <= peerMessageLimits.maxTypeDepth);
      }),
      { numRuns: 200 },
    );
  });

  it('nesting built up a few levels per message is measured from where it attaches (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (steps, withSiblings) => {
        const sender = new Y.Doc();
        const receiver = new Y.Doc();
        let parent: Y.XmlFragment | Y.XmlElement = sender.getXmlFragment('body');
        let total = 0;
        for (const step of steps) {
          const before = Y.encodeStateVector(sender);
          sender.transact(() => {
            for (let level = 0; level < step; level++) {
              // A sibling first, so the next level attaches by origin to an item already sent.
              if (withSiblings) parent.insert(parent.length, [new Y.XmlElement('paragraph')]);
              const quote: Y.XmlElement = new Y.XmlElement('blockquote');
              parent.insert(parent.length, [quote]);
              parent = quote;
            }
          });
          total += step;
          const update = Y.encodeStateAsUpdate(sender, before);
          const verdict = inspectUpdate(update, receiver);
          expect(verdict.ok, `at ${total} levels`).toBe(total <= peerMessageLimits.maxTypeDepth);
          if (!verdict.ok) return;
          Y.applyUpdate(receiver, update);
        }
      }),
      { numRuns: 150 },
    );
  });

  // Known gap, not claimed here: a mutated update can decode completely and still make
  // applyUpdate throw ("Unexpected case"); the mesh drops the peer when that happens.
  it('never throws on mutated real updates, and refuses with a reason (property)', () => {
    const community = Community.create({ name: 'Care circle', creator });
    const real = deepStoryUpdate(community, 10);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: real.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const mutated = real.slice();
        mutated[at] = byte;
        let verdict: ReturnType<typeof inspectUpdate> | undefined;
        expect(() => (verdict = inspectUpdate(mutated))).not.toThrow();
        if (verdict && !verdict.ok) expect(verdict.reason).toMatch(/^(malformed update|nested too deeply|too many)/);
      }),
      { numRuns: 2000 },
    );
  });
});
