import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from './Community.js';
import type { Consent, HarvestMethod } from './Harvest.js';
import { appendParagraphs } from './richText.js';

const creator = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

describe('Harvest', () => {
  it('sets and reads back every field', () => {
    const community = Community.create({ name: 'C', creator });
    const harvest = community.harvests.create(creator.id, (h) => h.setTitle('Spring gathering'));
    harvest.setSessionDate('2024-03-21');
    harvest.setPlace('Bellinzona', false);
    harvest.setMethod('other', 'talking stick');
    harvest.setCallingQuestion('What keeps us going?');
    harvest.setThemes(['Burnout', 'hope']);
    appendParagraphs(harvest.body, ['We began in silence.', 'Then stories came.']);
    const amira = harvest.addStoryteller('Amira');
    const anonymous = harvest.addStoryteller('ignored', true);
    const itemId = harvest.addItem('quote', '  We are not alone.  ', 'Luca');
    harvest.addItem('insight', 'Rest is work too.');

    const read = community.harvests.get(harvest.id);
    expect(read?.kind).toBe('harvest');
    expect(read?.title).toBe('Spring gathering');
    expect(read?.sessionDate).toBe('2024-03-21');
    expect(read?.place).toBe('Bellinzona');
    expect(read?.online).toBe(false);
    expect(read?.method).toBe('other');
    expect(read?.methodOther).toBe('talking stick');
    expect(read?.callingQuestion).toBe('What keeps us going?');
    expect(read?.themes).toEqual(['burnout', 'hope']);
    expect(read?.tags).toEqual(['burnout', 'hope']);
    expect(read?.consent).toBe('community');
    expect(read?.bodyText).toBe('We began in silence.\nThen stories came.');
    expect(read?.storytellers).toEqual([
      { id: amira.id, name: 'Amira', anonymous: false },
      { id: anonymous.id, name: '', anonymous: true },
    ]);
    expect(read?.items).toEqual([
      { id: itemId, type: 'quote', text: 'We are not alone.', attribution: 'Luca' },
      { id: expect.any(String) as string, type: 'insight', text: 'Rest is work too.', attribution: '' },
    ]);

    harvest.setMethod('circle', 'ignored when not other');
    expect(harvest.methodOther).toBe('');
    harvest.setPlace('', true);
    expect(harvest.online).toBe(true);
    harvest.setSessionDate('');
    expect(harvest.sessionDate).toBe('');
    harvest.updateItem(itemId, { text: 'We are never alone.', type: 'insight', attribution: '' });
    expect(harvest.items[0]).toEqual({ id: itemId, type: 'insight', text: 'We are never alone.', attribution: '' });
    harvest.removeItem(itemId);
    expect(harvest.items.map((i) => i.text)).toEqual(['Rest is work too.']);
    harvest.removeStoryteller(amira.id);
    expect(harvest.storytellers.map((s) => s.id)).toEqual([anonymous.id]);
  });

  it('refuses bad input with a clear message and changes nothing', () => {
    const community = Community.create({ name: 'C', creator });
    const harvest = community.harvests.create(creator.id, (h) => h.setTitle('Gathering'));
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => harvest.setTitle('')).toThrow('titleRequired');
    expect(() => harvest.setTitle('t'.repeat(201))).toThrow('titleTooLong');
    expect(() => harvest.setSessionDate('21/03/2024')).toThrow('dateFormat');
    expect(() => harvest.setSessionDate('2024-13-01')).toThrow('dateFormat');
    expect(() => harvest.setMethod('interview' as HarvestMethod)).toThrow('chooseMethod');
    expect(() => harvest.setCallingQuestion('q'.repeat(501))).toThrow('shortTextTooLong');
    expect(() => harvest.setSharedConsent('private' as Exclude<Consent, 'private'>)).toThrow('chooseConsent');
    expect(() => harvest.addStoryteller('  ')).toThrow('storytellerName');
    expect(() => harvest.addItem('insight', '   ')).toThrow('itemEmpty');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(harvest.title).toBe('Gathering');
  });

  it('changes consent between the two shared levels as a field', () => {
    const community = Community.create({ name: 'C', creator });
    const harvest = community.harvests.create(creator.id, (h) => h.setTitle('Gathering'));
    harvest.setSharedConsent('public');
    expect(community.harvests.get(harvest.id)?.consent).toBe('public');
    harvest.setSharedConsent('community');
    expect(harvest.consent).toBe('community');
    // Something unreadable written by a peer is treated as the most restrictive shared level.
    harvest.map.set('consent', 'everyone');
    expect(harvest.consent).toBe('community');
  });

  it('a harvest created with a failing fill is not created at all', () => {
    const community = Community.create({ name: 'C', creator });
    expect(() =>
      community.harvests.create(creator.id, (h) => {
        h.setTitle('Fine');
        h.setSessionDate('not a date');
      }),
    ).toThrow('dateFormat');
    expect(community.harvests.size).toBe(0);
  });
});

describe('deleteWithUndo (14.4)', () => {
  it('brings back exactly the deleted entry, not the rename made after it', () => {
    const community = Community.create({ name: 'C', creator });
    const a = community.harvests.create(creator.id, (h) => h.setTitle('Harvest A'));
    appendParagraphs(a.body, ['What A said.']);
    const b = community.harvests.create(creator.id, (h) => h.setTitle('Harvest B'));
    const edits = community.createUndoManager();
    // Read before deleting: a deleted entry's map reads as empty.
    const { id } = a;
    const deletion = community.harvests.deleteWithUndo(id)!;
    edits.stopCapturing();
    b.setTitle('Harvest B, renamed');
    expect(community.harvests.has(id)).toBe(false);

    expect(deletion.undo()).toBe(true);
    expect(community.harvests.get(id)?.title).toBe('Harvest A');
    expect(community.harvests.get(id)?.bodyText).toBe('What A said.');
    expect(community.harvests.get(b.id)?.title).toBe('Harvest B, renamed');
    // Once only; and Ctrl+Z still undoes the rename, never the deletion.
    expect(deletion.undo()).toBe(false);
    edits.undo();
    expect(community.harvests.get(b.id)?.title).toBe('Harvest B');
    expect(community.harvests.has(id)).toBe(true);
  });

  it('restores a deleted entry on a peer too, and a forgotten deletion stays deleted', () => {
    const community = Community.create({ name: 'C', creator });
    const a = community.harvests.create(creator.id, (h) => h.setTitle('Harvest A')).id;
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(community.doc));
    const deletion = community.harvests.deleteWithUndo(a)!;
    deletion.forget();
    expect(deletion.undo()).toBe(false);
    expect(community.harvests.has(a)).toBe(false);
    expect(community.harvests.deleteWithUndo('no-such-id')).toBeNull();
    const again = community.harvests.create(creator.id, (h) => h.setTitle('Harvest C')).id;
    const second = community.harvests.deleteWithUndo(again)!;
    second.undo();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(community.doc, Y.encodeStateVector(other)));
    expect(new Community(other).harvests.get(again)?.title).toBe('Harvest C');
    expect(new Community(other).harvests.has(a)).toBe(false);
  });
});

describe('typed short fields (14.3)', () => {
  it('two people editing the calling question at once merge character by character', () => {
    const a = Community.create({ name: 'C', creator });
    const harvest = a.harvests.create(creator.id, (h) => {
      h.setTitle('Spring');
      h.setCallingQuestion('What keeps us going?');
    });
    const b = new Community(new Y.Doc());
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    harvest.setCallingQuestion('What keeps us all going?');
    b.harvests.get(harvest.id)!.setCallingQuestion('What keeps us going, together?');
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
    expect(harvest.callingQuestion).toBe('What keeps us all going, together?');
    expect(b.harvests.get(harvest.id)!.callingQuestion).toBe(harvest.callingQuestion);
  });

  it('writes as typed (spaces kept), and refuses too long a place with a clear error, changing nothing', () => {
    const community = Community.create({ name: 'C', creator });
    const harvest = community.harvests.create(creator.id, (h) => h.setTitle('Spring'));
    harvest.setPlace('Bellinzona ');
    expect(harvest.place).toBe('Bellinzona ');
    expect(harvest.placeText.toJSON()).toBe('Bellinzona ');
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => harvest.setPlace('x'.repeat(501))).toThrow('shortTextTooLong');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    harvest.setOnline(true);
    expect(harvest.online).toBe(true);
    expect(harvest.place).toBe('Bellinzona ');
  });
});

describe('insights, patterns and quotes: edited in place and reordered', () => {
  function withItems(texts: readonly string[]) {
    const community = Community.create({ name: 'C', creator });
    const harvest = community.harvests.create(creator.id, (h) => h.setTitle('Gathering'));
    const ids = texts.map((text) => harvest.addItem('insight', text));
    return { community, harvest, ids };
  }
  const texts = (h: { items: readonly { text: string }[] }) => h.items.map((item) => item.text);

  it('edits an item where it stands, with the same checks as adding one', () => {
    const { community, harvest, ids } = withItems(['We listen first.', 'Silence helps.']);
    harvest.updateItem(ids[0]!, { text: ' We listen before we speak. ', type: 'quote', attribution: 'Luca' });
    expect(harvest.items[0]).toEqual({ id: ids[0], type: 'quote', text: 'We listen before we speak.', attribution: 'Luca' });
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => harvest.updateItem(ids[1]!, { text: '  ' })).toThrow('itemEmpty');
    expect(() => harvest.updateItem(ids[1]!, { attribution: 'a'.repeat(501) })).toThrow('shortTextTooLong');
    expect(() => harvest.updateItem('gone', { text: 'x' })).toThrow('itemGone');
    expect(() => harvest.moveItem('gone', 1)).toThrow('itemGone');
    expect(() => harvest.moveItem(ids[0]!, 2 as 1)).toThrow('itemMovesOne');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });

  it('moves an item up and down one place, and not past either end', () => {
    const { community, harvest, ids } = withItems(['A', 'B', 'C', 'D']);
    expect(harvest.moveItem(ids[2]!, -1)).toBe(true);
    expect(texts(harvest)).toEqual(['A', 'C', 'B', 'D']);
    expect(harvest.moveItem(ids[2]!, -1)).toBe(true);
    expect(texts(harvest)).toEqual(['C', 'A', 'B', 'D']);
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(harvest.moveItem(ids[2]!, -1)).toBe(false);
    expect(harvest.moveItem(ids[3]!, 1)).toBe(false);
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(harvest.moveItem(ids[0]!, 1)).toBe(true);
    expect(texts(harvest)).toEqual(['C', 'B', 'A', 'D']);
    expect(harvest.moveItem(ids[0]!, 1)).toBe(true);
    expect(texts(harvest)).toEqual(['C', 'B', 'D', 'A']);
    // A new item goes last, after items moved down.
    harvest.addItem('pattern', 'E');
    expect(texts(harvest)).toEqual(['C', 'B', 'D', 'A', 'E']);
  });

  it('keeps the right order after many moves into the same gap (the fractions run out)', () => {
    const { harvest } = withItems(['A', 'B', 'C']);
    const expected = ['A', 'B', 'C'];
    for (let round = 0; round < 200; round++) {
      // The last item moves up to second place, halving the same gap every time.
      const last = harvest.items.at(-1)!;
      harvest.moveItem(last.id, -1);
      expected.splice(1, 0, expected.pop()!);
      expect(texts(harvest)).toEqual(expected);
    }
  });

  it('two people moving items at once never duplicate or lose one, and agree on the order', () => {
    const { community, harvest, ids } = withItems(['A', 'B', 'C', 'D']);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(community.doc));
    const otherHarvest = new Community(other).harvests.get(harvest.id)!;
    harvest.moveItem(ids[3]!, -1);
    otherHarvest.moveItem(ids[3]!, -1);
    otherHarvest.moveItem(ids[0]!, 1);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(community.doc));
    Y.applyUpdate(community.doc, Y.encodeStateAsUpdate(other));
    expect(texts(harvest)).toEqual(texts(otherHarvest));
    expect([...texts(harvest)].sort()).toEqual(['A', 'B', 'C', 'D']);
  });
});
