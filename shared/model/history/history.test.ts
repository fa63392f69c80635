import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from '../Community.js';
import { appendParagraphs } from '../richText.js';
import { importOrigin, localOrigin } from '../origins.js';
import { AutoCheckpoints, checkpointNow, nameCheckpoint, namedCheckpoints, openSnapshot } from './checkpoints.js';
import { addedByIn, entryTexts, listAt, restoreEntry } from './entry.js';
import { playback } from './playback.js';
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

const plain = (runs: readonly { text: string }[]): string => runs.map((r) => r.text).join('');

describe('automatic checkpoints kept on this device', () => {
  it('brings back stored checkpoints in order, skipping what is not one', () => {
    const { a } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    const stored = checkpointNow(a, { reason: 'editing', by: amira.id, entryId: harvest.id });
    type(harvest.body, 0, 'Later words.');
    const auto = new AutoCheckpoints(a, () => amira.id);
    let told = 0;
    auto.observe(() => told++);
    // As IndexedDB gives it back (a structured clone), plus damage.
    auto.remember([structuredClone(stored), { id: 'x', at: 'soon', reason: 'editing', snapshot: new Uint8Array() }, null, { ...stored, reason: 'named' }]);
    expect(auto.checkpoints.map((c) => c.id)).toEqual([stored.id]);
    expect(told).toBe(1);
    expect(textAt(harvest.body, openSnapshot(a, auto.checkpoints[0]!))).toBe('');
    auto.remember([stored]);
    expect(auto.checkpoints).toHaveLength(1);
    expect(told).toBe(1);
    auto.destroy();
  });
});

describe('playing the edits back', () => {
  it('goes from the text at one checkpoint to the text at the next, each writer in their order', () => {
    const { a, b } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    type(harvest.body, 0, 'We began. ');
    sync(a, b);
    const first = nameCheckpoint(a, { name: 'One', by: amira.id });
    const onB = b.harvests.get(harvest.id)!;
    for (const word of ['Ben ', 'told ', 'a ', 'story. ']) type(onB.body, onB.body.length, word);
    sync(a, b);
    // A typo typed and taken back, and an old word replaced.
    type(harvest.body, harvest.body.length, 'Amira closd');
    a.doc.transact(() => harvest.body.delete(harvest.body.length - 5, 5), localOrigin);
    type(harvest.body, harvest.body.length, 'closed.');
    a.doc.transact(() => {
      harvest.body.delete(3, 5);
      harvest.body.insert(3, 'started', {});
    }, localOrigin);
    const second = nameCheckpoint(a, { name: 'Two', by: amira.id });
    sync(a, b);
    const from = openSnapshot(b, first);
    const to = openSnapshot(b, second);
    const play = playback(b, onB.body, from, to, 10);
    expect(play.frames).toBe(10);
    expect(plain(play.at(0))).toBe(textAt(onB.body, from));
    expect(plain(play.at(play.frames))).toBe(textAt(onB.body, to));
    expect(plain(play.at(play.frames))).toBe('We started. Ben told a story. Amira closed.');
    const frames = Array.from({ length: play.frames + 1 }, (_, f) => plain(play.at(f)));
    // Ben's words appear in the order he wrote them, and the typo shows in between.
    const benAt = (words: string): number => frames.findIndex((f) => f.includes(words));
    expect(benAt('Ben ')).toBeGreaterThan(0);
    expect(benAt('Ben told a story.')).toBeGreaterThanOrEqual(benAt('Ben '));
    expect(frames.some((f) => f.includes('closd'))).toBe(true);
    // Every run names its writer.
    const last = play.at(play.frames);
    expect(last.map((r) => [r.text, r.author?.name])).toContainEqual(['Ben told a story. ', 'Ben']);
    // Out of range frames read as the ends.
    expect(plain(play.at(-5))).toBe(frames[0]);
    expect(plain(play.at(99))).toBe(frames.at(-1));
  });

  it('starts and ends exactly at the two checkpoints, whatever was typed and deleted across them', () => {
    const { a, b } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    sync(a, b);
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const snapshots: Y.Snapshot[] = [Y.snapshot(a.doc)];
    for (let round = 0; round < 6; round++) {
      for (let edit = 0; edit < 40; edit++) {
        const text = (random(2) ? a : b).harvests.get(harvest.id)!.body;
        text.doc!.transact(() => {
          if (random(3) === 0 && text.length > 4) text.delete(random(text.length - 3), 1 + random(3));
          else text.insert(random(text.length + 1), ['we ', 'listen ', 'x', 'again. '][random(4)]!, {});
        }, localOrigin);
        if (random(4) === 0) sync(a, b);
      }
      sync(a, b);
      snapshots.push(Y.snapshot(a.doc));
    }
    for (let i = 0; i + 1 < snapshots.length; i++) {
      for (const [from, to, forward] of [[snapshots[i]!, snapshots[i + 1]!, true], [snapshots[0]!, snapshots[i + 1]!, true], [snapshots[i + 1]!, snapshots[0]!, false]] as const) {
        // The read-only walk reads exactly what Yjs's own toDelta(snapshot, prevSnapshot) does.
        const yjs = (harvest.body.toDelta(to, from, (type: string, id: Y.ID) => ({ type, user: id.client })) as { insert: string; attributes?: { ychange?: { type: string; user: number } } }[]).map((op) => [
          op.insert,
          op.attributes?.ychange?.type ?? null,
          op.attributes?.ychange ? a.authorOf(op.attributes.ychange.user)?.name : undefined,
        ]);
        const joined = (rows: (string | null | undefined)[][]): string => JSON.stringify(rows.reduce<(string | null | undefined)[][]>((acc, row) => {
          const last = acc.at(-1);
          if (last && last[1] === row[1] && last[2] === row[2]) last[0] = `${last[0] ?? ''}${row[0] ?? ''}`;
          else acc.push([...row]);
          return acc;
        }, []));
        expect(joined(compareText(a, harvest.body, from, to).map((r) => [r.text, r.change, r.change ? r.author?.name : undefined]))).toBe(joined(yjs));
        expect(textAt(harvest.body, to)).toBe((harvest.body.toDelta(to) as { insert: string }[]).map((op) => op.insert).join(''));
        if (!forward) continue;
        const play = playback(a, harvest.body, from, to, 12);
        expect(plain(play.at(0))).toBe(textAt(harvest.body, from));
        expect(plain(play.at(play.frames))).toBe(textAt(harvest.body, to));
      }
    }
  });

  it('has one frame when nothing changed', () => {
    const { a } = pair();
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('March circle'));
    type(harvest.body, 0, 'Still.');
    const s = Y.snapshot(a.doc);
    const play = playback(a, harvest.body, s, s);
    expect(play.frames).toBe(1);
    expect(plain(play.at(1))).toBe('Still.');
  });
});

describe('the history of a whole entry', () => {
  it('lists a dilemma’s reflections and a list’s resources at a checkpoint, added and removed, with who added each', () => {
    const { a, b } = pair();
    const dilemma = a.dilemmas.create(amira.id, (d) => d.setTitle('Who decides?'));
    const first = dilemma.addReflection('2026-03-01');
    appendParagraphs(first.body, ['We listened first.']);
    sync(a, b);
    const one = nameCheckpoint(a, { name: 'One', by: amira.id });
    const onB = b.dilemmas.get(dilemma.id)!;
    const second = onB.addReflection('2026-03-08');
    appendParagraphs(second.body, ['Ben wondered aloud.']);
    sync(a, b);
    dilemma.removeReflection(first.id);
    const two = nameCheckpoint(a, { name: 'Two', by: amira.id });
    sync(a, b);

    const byId = addedByIn(b, onB.map, 'reflections');
    expect(byId.get(second.id)?.name).toBe('Ben');
    const compared = listAt(b, onB.map, 'reflections', openSnapshot(b, two), openSnapshot(b, one));
    expect(compared.map((i) => [i.label, i.change, i.addedBy?.name])).toEqual([
      ['2026-03-01: We listened first.', 'removed', 'Amira'],
      ['2026-03-08: Ben wondered aloud.', 'added', 'Ben'],
    ]);
    expect(listAt(b, onB.map, 'reflections', openSnapshot(b, one)).map((i) => [i.label, i.change])).toEqual([['2026-03-01: We listened first.', null]]);
    expect(entryTexts(onB.map).map((t) => [t.field, t.date])).toEqual([
      ['context', ''],
      ['decided', ''],
      ['learned', ''],
      ['reflection', '2026-03-08'],
    ]);

    const list = a.resourceLists.create(amira.id, (r) => r.setTitle('Reading'));
    list.addResource({ title: 'The Art of Hosting' });
    sync(a, b);
    const onBList = b.resourceLists.get(list.id)!;
    onBList.addResource({ title: 'Braiding Sweetgrass', why: 'Reciprocity' });
    sync(a, b);
    expect([...addedByIn(a, list.map, 'resources').values()].map((m) => m?.name)).toEqual(['Amira', 'Ben']);
  });

  it('restores a whole entry to a checkpoint, lists included, as one change that can be undone; others’ typing survives', () => {
    const { a, b } = pair();
    const list = a.resourceLists.create(amira.id, (r) => r.setTitle('Reading'));
    list.setDescription('Books we love.');
    const keep = list.addResource({ title: 'The Art of Hosting', tags: ['hosting'] });
    const lose = list.addResource({ title: 'Open Space', why: 'Self-organising' });
    sync(a, b);
    const one = nameCheckpoint(a, { name: 'One', by: amira.id });
    list.removeResource(lose);
    list.updateResource(keep, { title: 'Art of Hosting (2nd ed.)', tags: ['hosting', 'books'] });
    list.addResource({ title: 'Later addition' });
    list.setTitle('Readings');
    list.setDescription('Books and films we love.');
    sync(a, b);
    const before = JSON.stringify(list.map.toJSON());

    // Ben types in the description while Amira restores (neither has the other's change yet).
    const onB = b.resourceLists.get(list.id)!;
    type(onB.descriptionText, 0, 'Ben: ');
    const result = restoreEntry(list.map, openSnapshot(a, one));
    expect(result.inserted).toBeGreaterThan(0);
    expect(list.title).toBe('Reading');
    expect(list.resources.map((r) => [r.title, r.why, r.tags])).toEqual([
      ['The Art of Hosting', '', ['hosting']],
      ['Open Space', 'Self-organising', []],
    ]);
    expect(list.description).toBe('Books we love.');
    sync(a, b);
    expect(onB.description).toBe('Ben: Books we love.');
    expect(onB.resources.map((r) => r.title)).toEqual(['The Art of Hosting', 'Open Space']);
    // The put-back resource is Amira's now: she restored it.
    expect(addedByIn(b, onB.map, 'resources').get(lose)?.name).toBe('Amira');

    expect(result.undo()).toBe(true);
    expect(list.title).toBe('Readings');
    expect(list.resources.map((r) => r.title)).toEqual(['Art of Hosting (2nd ed.)', 'Later addition']);
    expect(list.description).toBe('Ben: Books and films we love.');
    expect(JSON.stringify(list.map.toJSON())).not.toBe(before);
  });

  it('never brings back an older consent or a storyteller’s name', () => {
    const { a } = pair();
    const harvest = a.harvests.create(amira.id, (h) => {
      h.setTitle('March circle');
      h.setSharedConsent('public');
    });
    const named = harvest.addStoryteller('Giulia');
    const early = nameCheckpoint(a, { name: 'Early', by: amira.id });
    // Giulia asks to stay anonymous; the harvest is kept to the community.
    harvest.removeStoryteller(named.id);
    harvest.addStoryteller('', true);
    harvest.setSharedConsent('community');
    harvest.setTitle('Renamed');
    restoreEntry(harvest.map, openSnapshot(a, early));
    expect(harvest.title).toBe('March circle');
    expect(harvest.consent).toBe('community');
    expect(harvest.storytellers.map((s) => [s.name, s.anonymous])).toEqual([['', true]]);
  });

  it('refuses an entry that did not exist yet at the checkpoint, changing nothing', () => {
    const { a } = pair();
    const early = nameCheckpoint(a, { name: 'Early', by: amira.id });
    const term = a.glossary.create(amira.id, (g) => g.setTerm('Harvest'));
    const state = Y.encodeStateAsUpdate(a.doc);
    expect(() => restoreEntry(term.map, openSnapshot(a, early))).toThrow('entryNotYet');
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(state);
  });
});
