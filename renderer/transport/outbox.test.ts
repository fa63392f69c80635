import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocOutbox, outboxOf, type OutboxBatch, type UpdateSource } from './outbox.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function collector(outbox: DocOutbox, sources: UpdateSource[]): OutboxBatch[] {
  const got: OutboxBatch[] = [];
  outbox.subscribe({ sources, deliver: (batch) => got.push(batch) });
  return got;
}

describe('the outbox', () => {
  it('hands each consumer the sources it asked for, never what came from itself', async () => {
    const doc = new Y.Doc();
    const outbox = new DocOutbox(doc, queueMicrotask);
    const peers = {};
    outbox.markOrigin(peers, 'peers');
    const toPeers = collector(outbox, ['local', 'relay']);
    const toStorage = collector(outbox, ['local', 'peers', 'relay', 'windows']);

    const remote = new Y.Doc();
    remote.getText('t').insert(0, 'from a peer');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), peers);
    await tick();
    expect(toPeers).toHaveLength(0);
    expect(toStorage).toHaveLength(1);

    doc.getText('t').insert(0, 'mine ');
    await tick();
    expect(toPeers).toHaveLength(1);
    expect(toStorage).toHaveLength(2);
    // What peers are sent is exactly our edit: applied elsewhere it makes our text.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(remote));
    Y.applyUpdate(copy, toPeers[0]?.update ?? new Uint8Array());
    expect(copy.getText('t').toJSON()).toBe('mine from a peer');
  });

  it('merges the updates that waited into one, and encodes its sync message once for every consumer', async () => {
    const doc = new Y.Doc();
    const outbox = new DocOutbox(doc, queueMicrotask);
    const a = collector(outbox, ['local']);
    const b = collector(outbox, ['local']);
    doc.getText('t').insert(0, 'one ');
    doc.getText('t').insert(4, 'two');
    expect(a).toHaveLength(0);
    await tick();
    expect(a).toHaveLength(1);
    const message = a[0]?.syncMessage();
    expect(b[0]?.syncMessage()).toBe(message);
    // y-protocols' layout: messageSync, messageYjsUpdate, the update.
    const decoder = decoding.createDecoder(message ?? new Uint8Array());
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 2]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, decoding.readVarUint8Array(decoder));
    expect(copy.getText('t').toJSON()).toBe('one two');
  });

  it('is one per document, and flush hands on at once what waits', () => {
    const doc = new Y.Doc();
    const outbox = outboxOf(doc);
    expect(outboxOf(doc)).toBe(outbox);
    const got = collector(outbox, ['local']);
    doc.getText('t').insert(0, 'x');
    outbox.flush();
    expect(got).toHaveLength(1);
    outbox.destroy();
    expect(outboxOf(doc)).not.toBe(outbox);
  });
});
