import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from '../Community.js';
import { appendParagraphs } from '../richText.js';
import { importOrigin, localOrigin } from '../origins.js';
import { AutoCheckpoints, nameCheckpoint, namedCheckpoints, openSnapshot } from './checkpoints.js';
import { authorship, compareText, contributors, restoreText, textAt } from './story.js';
import { deleteToTrash, restoreFromTrash, trashItems } from './trash.js';
import { CommonplaceError } from '../../CommonplaceError.js';

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const ben = { id: 'member-ben', name: 'Ben', colour: '#b3461f' as const };

/** Two members' devices, synced by exchanging updates (as y-webrtc would). */
function pair() {
  const a = Community.create({ name: 'Circle', creator: amira });
  const b = new Community(Community.newDoc());
  sync(a, b);
  b.join(ben);
  sync(a, b);
  return { a, b };
}

function sync(x: Community, y: Community): void {
  Y.applyUpdate(y.doc, Y.encodeStateAsUpdate(x.doc, Y.encodeStateVector(y.doc)));
  Y.applyUpdate(x.doc, Y.encodeStateAsUpdate(y.doc, Y.encodeStateVector(x.doc)));
}

function type(text: Y.Text, index: number, words: string): void {
  text.doc!.transact(() => text.insert(index, words, {}), localOrigin);
}

describe('checkpoints', () => {
  it('names a checkpoint that every member sees, and reads a story as it was then', () => {
    const { a, b } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    appendParagraphs(harvest.body, ['We began in silence.']);
    nameCheckpoint(a, { name: '  End of the March circle ', by: amira.id, present: [amira.id, ben.id], entryId: harvest.id });
    type(harvest.body, 0, 'Later: ');
    sync(a, b);
    const [checkpoint] = namedCheckpoints(b);
    expect(checkpoint).toMatchObject({ name: 'End of the March circle', by: amira.id, present: [amira.id, ben.id], entryId: harvest.id });
    const onB = b.harvests.get(harvest.id)!;
    expect(onB.body.toJSON()).toBe('Later: We began in silence.\n');
    expect(textAt(onB.body, openSnapshot(b, checkpoint!))).toBe('We began in silence.\n');
  });

  it('stores only the deletions since the previous checkpoint, and reads each back exactly', () => {
    const { a, b } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    sync(a, b);
    const expected: Y.Snapshot[] = [];
    for (let session = 0; session < 6; session++) {
      for (let edit = 0; edit < 30; edit++) {
        const text = (edit % 2 ? a : b).harvests.get(harvest.id)!.body;
        type(text, Math.floor(text.length / 2), `w${session}-${edit} `);
        if (edit % 3 === 2) text.doc!.transact(() => text.delete(Math.floor(text.length / 3), 4), localOrigin);
        sync(a, b);
      }
      expected.push(Y.snapshot(a.doc));
      nameCheckpoint(a, { name: `Session ${session}`, by: amira.id });
    }
    sync(a, b);
    const checkpoints = namedCheckpoints(b);
    expect(checkpoints.map((c) => c.name)).toEqual(expected.map((_, i) => `Session ${i}`));
    checkpoints.forEach((checkpoint, i) => expect(Y.equalSnapshots(openSnapshot(b, checkpoint), expected[i]!)).toBe(true));
    const stored = a.doc.getMap<Y.Map<unknown>>('checkpoints');
    const sizes = checkpoints.map((c) => (stored.get(c.id)!.get('deletions') as Uint8Array).byteLength);
    // Later checkpoints store their own session's deletions, not all of them again.
    expect(sizes.at(-1)!).toBeLessThan(Y.encodeSnapshot(expected.at(-1)!).byteLength / 3);
  });

  it('refuses an empty or too long name and changes nothing', () => {
    const { a } = pair();
    expect(() => nameCheckpoint(a, { name: '   ', by: amira.id })).toThrow('checkpointNameEmpty');
    expect(() => nameCheckpoint(a, { name: 'x'.repeat(81), by: amira.id })).toThrow('checkpointNameLong');
    expect(namedCheckpoints(a)).toEqual([]);
  });

  it('says so when a checkpoint refers to changes this device does not have, and changes nothing', () => {
    const { a, b } = pair();
    const carla = new Community(Community.newDoc());
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    sync(a, b);
    sync(a, carla);
    // Ben writes; Amira gets his words and names a checkpoint; Carla gets only Amira's own
    // changes (Ben's are still on their way): the checkpoint names words she does not have.
    type(b.harvests.get(harvest.id)!.body, 0, 'Words Carla has not got.');
    sync(a, b);
    nameCheckpoint(a, { name: 'Ahead', by: amira.id });
    const withoutBen = Y.decodeStateVector(Y.encodeStateVector(carla.doc));
    withoutBen.set(b.doc.clientID, Y.decodeStateVector(Y.encodeStateVector(b.doc)).get(b.doc.clientID)!);
    Y.applyUpdate(carla.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(withoutBen)));
    const [checkpoint] = namedCheckpoints(carla);
    expect(checkpoint?.name).toBe('Ahead');
    const state = Y.encodeStateAsUpdate(carla.doc);
    expect(() => openSnapshot(carla, checkpoint!)).toThrow(CommonplaceError);
    expect(() => openSnapshot(carla, checkpoint!)).toThrow('checkpointAhead');
    expect(Y.encodeStateAsUpdate(carla.doc)).toEqual(state);
    expect(() => openSnapshot(carla, { snapshot: new Uint8Array([255, 255, 255]) })).toThrow('checkpointDamaged');
    // Once Ben's words arrive the checkpoint opens.
    sync(b, carla);
    expect(textAt(carla.harvests.get(harvest.id)!.body, openSnapshot(carla, checkpoint!))).toBe('Words Carla has not got.');
  });

  it('takes automatic checkpoints before editing after a pause and at most every few minutes', () => {
    const { a } = pair();
    let now = 1_000_000;
    const auto = new AutoCheckpoints(a, () => amira.id, { pauseMs: 60_000, everyMs: 300_000 }, () => now);
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    expect(auto.checkpoints).toHaveLength(1);
    // Typing continuously (every 10 s) for four minutes: no new checkpoint.
    for (let i = 0; i < 24; i++) {
      now += 10_000;
      type(harvest.body, 0, 'a');
    }
    expect(auto.checkpoints).toHaveLength(1);
    // Past five minutes of activity: one more.
    for (let i = 0; i < 8; i++) {
      now += 10_000;
      type(harvest.body, 0, 'b');
    }
    expect(auto.checkpoints).toHaveLength(2);
    // After a pause, the first edit is preceded by a checkpoint of the state before it.
    now += 120_000;
    type(harvest.body, 0, 'c');
    expect(auto.checkpoints).toHaveLength(3);
    expect(textAt(harvest.body, openSnapshot(a, auto.checkpoints[2]!)).startsWith('b')).toBe(true);
    // An import or a backup merge: the state before it is kept, whatever the timing.
    const before = harvest.body.toJSON();
    a.doc.transact(() => harvest.body.insert(0, 'Imported. ', {}), importOrigin);
    expect(auto.checkpoints).toHaveLength(4);
    expect(auto.checkpoints[3]?.reason).toBe('import');
    expect(textAt(harvest.body, openSnapshot(a, auto.checkpoints[3]!))).toBe(before);
    auto.take('restore', harvest.id);
    expect(auto.checkpoints.at(-1)).toMatchObject({ reason: 'restore', entryId: harvest.id, by: amira.id });
    auto.destroy();
  });
});

describe('who wrote what', () => {
  it('labels each run of a story and each change between checkpoints with its member', () => {
    const { a, b } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    type(harvest.body, 0, 'Amira opened. ');
    sync(a, b);
    const first = nameCheckpoint(a, { name: 'One', by: amira.id });
    const onB = b.harvests.get(harvest.id)!;
    type(onB.body, onB.body.length, 'Ben answered.');
    sync(a, b);
    a.doc.transact(() => harvest.body.delete(0, 6), localOrigin);
    const second = nameCheckpoint(a, { name: 'Two', by: amira.id });
    sync(a, b);

    expect(authorship(a, harvest.body).map((run) => [run.text, run.author?.name])).toEqual([
      ['opened. ', 'Amira'],
      ['Ben answered.', 'Ben'],
    ]);
    const diff = compareText(b, onB.body, openSnapshot(b, first), openSnapshot(b, second));
    expect(diff.map((run) => [run.text, run.change, run.author?.name ?? null])).toEqual([
      ['Amira ', 'removed', 'Amira'],
      ['opened. ', null, null],
      ['Ben answered.', 'added', 'Ben'],
    ]);
    expect(contributors(authorship(b, onB.body)).map((m) => m.name)).toEqual(['Amira', 'Ben']);
  });
});

describe('restore', () => {
  it('brings a story back to a checkpoint as a new change by the restorer, which can be undone', () => {
    const { a, b } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    appendParagraphs(harvest.body, ['We began in silence.', 'Then stories came.']);
    a.doc.transact(() => harvest.body.format(0, 2, { bold: true }), localOrigin);
    sync(a, b);
    const first = nameCheckpoint(a, { name: 'First', by: amira.id });
    const onB = b.harvests.get(harvest.id)!;
    b.doc.transact(() => {
      onB.body.delete(3, 6);
      onB.body.insert(3, 'ended', {});
      onB.body.insert(onB.body.length, 'A third line.\n', {});
    }, localOrigin);
    sync(a, b);
    const after = onB.body.toJSON();
    const result = restoreText(onB.body, openSnapshot(b, first));
    expect(onB.body.toDelta()).toEqual(harvest.body.toDelta(openSnapshot(a, first)));
    expect(result.inserted).toBeGreaterThan(0);
    sync(a, b);
    expect(harvest.body.toJSON()).toBe('We began in silence.\nThen stories came.\n');
    expect((harvest.body.toDelta() as unknown[])[0]).toEqual({ insert: 'We', attributes: { bold: true } });
    // The restored words are Ben's: he restored them.
    const runs = authorship(a, harvest.body);
    expect(runs.find((run) => run.text.includes('began'))?.author?.name).toBe('Ben');
    expect(runs.find((run) => run.text.includes('silence'))?.author?.name).toBe('Amira');
    expect(result.undo()).toBe(true);
    expect(onB.body.toJSON()).toBe(after);
    expect(result.undo()).toBe(false);
  });

  it('keeps what another member types in the passage while it is restored', () => {
    const { a, b } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    appendParagraphs(harvest.body, ['One two three four five.']);
    const first = nameCheckpoint(a, { name: 'First', by: amira.id });
    type(harvest.body, 8, 'and a half ');
    type(harvest.body, 0, 'Counting: ');
    sync(a, b);
    // Ben types inside the passage while Amira restores it (neither has the other's change yet).
    const onB = b.harvests.get(harvest.id)!;
    type(onB.body, onB.body.toJSON().indexOf('four'), 'almost ');
    restoreText(harvest.body, openSnapshot(a, first));
    sync(a, b);
    expect(harvest.body.toJSON()).toBe(onB.body.toJSON());
    expect(harvest.body.toJSON()).toBe('One two three almost four five.\n');
  });

  it('restores only a selected passage', () => {
    const { a } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    appendParagraphs(harvest.body, ['Keep this.', 'Restore this.']);
    const first = nameCheckpoint(a, { name: 'First', by: amira.id });
    a.doc.transact(() => {
      harvest.body.delete(0, 4);
      harvest.body.insert(0, 'Changed', {});
      const at = harvest.body.toJSON().indexOf('Restore');
      harvest.body.delete(at, 7);
      harvest.body.insert(at, 'Altered', {});
    }, localOrigin);
    const at = harvest.body.toJSON().indexOf('Altered');
    restoreText(harvest.body, openSnapshot(a, first), { from: at, to: at + 'Altered this.'.length });
    expect(harvest.body.toJSON()).toBe('Changed this.\nRestore this.\n');
    expect(() => restoreText(harvest.body, openSnapshot(a, first), { from: 5, to: 1000 })).toThrow('passageGone');
    expect(harvest.body.toJSON()).toBe('Changed this.\nRestore this.\n');
  });

  it('restores a passage in the middle, leaving what changed after it', () => {
    const { a } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    type(harvest.body, 0, 'Amira opened the circle.');
    const first = nameCheckpoint(a, { name: 'First', by: amira.id });
    type(harvest.body, harvest.body.length, ' Ben told a story.');
    type(harvest.body, harvest.body.length, ' Amira closed.');
    const from = harvest.body.toJSON().indexOf('Ben');
    restoreText(harvest.body, openSnapshot(a, first), { from, to: from + 'Ben told a story.'.length });
    expect(harvest.body.toJSON()).toBe('Amira opened the circle.  Amira closed.');
  });
});

describe('trash', () => {
  it('records who deleted an entry and when; another member restores it', () => {
    const { a, b } = pair();
    const term = a.glossary.create(amira.id, (g) => g.setTerm('Harvest'));
    appendParagraphs(term.definition, ['What a session leaves.']);
    const id = term.id;
    sync(a, b);
    deleteToTrash(b, 'glossary', id, ben.id);
    sync(a, b);
    expect(a.glossary.has(id)).toBe(false);
    const [item] = trashItems(a);
    expect(item).toMatchObject({ id, kind: 'glossary', title: 'Harvest', deletedBy: { name: 'Ben' } });
    expect(item!.deletedAt).toBeGreaterThan(0);
    restoreFromTrash(a, id);
    sync(a, b);
    expect(b.glossary.get(id)?.term).toBe('Harvest');
    expect(b.glossary.get(id)?.definitionText).toBe('What a session leaves.');
    expect(trashItems(b)).toEqual([]);
    expect(() => restoreFromTrash(b, id)).toThrow(CommonplaceError);
  });

  it('the delete toast undo takes the entry out of the trash too', () => {
    const { a } = pair();
    const list = a.resourceLists.create(amira.id, (r) => r.setTitle('Reading'));
    const id = list.id;
    const deletion = deleteToTrash(a, 'resourceList', id, amira.id);
    expect(trashItems(a)).toHaveLength(1);
    expect(deletion?.undo()).toBe(true);
    expect(a.resourceLists.get(id)?.title).toBe('Reading');
    expect(trashItems(a)).toEqual([]);
  });

  it('refuses to restore what is not in the trash, changing nothing', () => {
    const { a } = pair();
    const state = Y.encodeStateAsUpdate(a.doc);
    expect(() => restoreFromTrash(a, 'no-such-entry')).toThrow('trashGone');
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(state);
  });
});
