import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { storyToBlocks } from './storyBlocks.js';
import { Community } from './Community.js';
import { initialiseEntryMap } from './Entry.js';
import type { EntryCollection } from './EntryCollection.js';
import type { EntryKind } from './Entry.js';
import { migrateEntries } from './migration.js';
import { PersonalDoc } from './PersonalDoc.js';
import { appendParagraphs, isStory, storyKey, storyLines, storyToPlainText } from './richText.js';
import { stampSchemaVersion } from './schemaVersion.js';
import { storyLimits } from './storyFormat.js';

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function paragraph(text: string, attributes: Record<string, unknown> = {}): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  if (text) {
    const t = new Y.XmlText();
    t.insert(0, text, attributes);
    p.insert(0, [t]);
  }
  return p;
}

/** What an app of schema version 1 wrote: rich text as a Y.XmlFragment under `body`, lazily. */
function legacyDocument(fill?: (fragment: Y.XmlFragment) => void, harvestId = 'harvest-1'): { doc: Y.Doc; harvestId: string } {
  const doc = Community.newDoc();
  const community = new Community(doc);
  const entry = new Y.Map<unknown>();
  doc.transact(() => {
    community.meta.set('id', 'community-1');
    community.meta.set('schemaVersion', 1);
    community.harvests.map.set(harvestId, entry);
    initialiseEntryMap(entry, 'harvest', amira.id, harvestId);
    entry.set('title', 'Spring gathering');
    if (fill) {
      const fragment = new Y.XmlFragment();
      entry.set('body', fragment);
      fill(fragment);
    }
  });
  return { doc, harvestId };
}

/** A peer that loads a stored copy of `source` (its own Yjs session) and opens it with this app. */
function peer(source: Y.Doc): Community {
  const doc = Community.newDoc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  const community = new Community(doc);
  expect(community.initialise()).toEqual({ status: 'current' });
  return community;
}

function collectionsOf(community: Community): EntryCollection<EntryKind>[] {
  return [community.glossary, community.harvests, community.dilemmas, community.resourceLists];
}

describe('the story migration (schema version 2)', () => {
  it('converts the old rich text, keeping structure, marks and safe links', () => {
    const { doc, harvestId } = legacyDocument((fragment) => {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', '2');
      heading.insert(0, [new Y.XmlText('Opening')]);
      const list = new Y.XmlElement('bulletList');
      const item = new Y.XmlElement('listItem');
      const nested = new Y.XmlElement('orderedList');
      const nestedItem = new Y.XmlElement('listItem');
      const quote = new Y.XmlElement('blockquote');
      const code = new Y.XmlElement('codeBlock');
      const mixed = new Y.XmlElement('paragraph');
      fragment.insert(0, [heading, list, quote, code, new Y.XmlElement('horizontalRule'), mixed]);
      list.insert(0, [item]);
      item.insert(0, [paragraph('first', { bold: {} }), nested]);
      nested.insert(0, [nestedItem]);
      nestedItem.insert(0, [paragraph('inner')]);
      quote.insert(0, [paragraph('quoted')]);
      code.insert(0, [new Y.XmlText('a = 1\nb = 2')]);
      const before = new Y.XmlText();
      before.insert(0, 'safe', { link: { href: 'https://example.org' } });
      before.insert(4, ' unsafe', { link: { href: 'javascript:alert(1)' } });
      mixed.insert(0, [before, new Y.XmlElement('hardBreak'), new Y.XmlText('after')]);
    });
    const community = peer(doc);
    const harvest = community.harvests.get(harvestId)!;
    expect(community.meta.get('schemaVersion')).toBe(2);
    expect(isStory(harvest.map.get(storyKey.body))).toBe(true);
    expect(storyToBlocks(harvest.body)).toEqual([
      { type: 'heading', level: 2, content: [{ type: 'text', text: 'Opening', marks: {} }] },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [
          [
            { type: 'paragraph', content: [{ type: 'text', text: 'first', marks: { bold: true } }] },
            { type: 'list', ordered: true, start: 1, items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'inner', marks: {} }] }]] },
          ],
        ],
      },
      { type: 'blockquote', children: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted', marks: {} }] }] },
      { type: 'codeBlock', text: 'a = 1\nb = 2', language: '' },
      { type: 'rule' },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'safe', marks: {}, href: 'https://example.org' },
          { type: 'text', text: ' unsafe', marks: {} },
          { type: 'break' },
          { type: 'text', text: 'after', marks: {} },
        ],
      },
    ]);
    // The old fragment is left as it was.
    expect(harvest.map.get('body')).toBeInstanceOf(Y.XmlFragment);
  });

  it('two peers migrating the same entry offline make one story, and both peers\u2019 typing survives the sync', () => {
    const { doc, harvestId } = legacyDocument((fragment) => fragment.insert(0, [paragraph('The quick brown fox.'), paragraph('Second line.')]));
    const a = peer(doc);
    const b = peer(doc);
    expect(a.doc.clientID).not.toBe(b.doc.clientID);
    const bodyA = a.harvests.get(harvestId)!.body;
    const bodyB = b.harvests.get(harvestId)!.body;
    // The same structs, whoever made them: one story, not two competing ones.
    expect(bodyA._item?.id).toEqual(bodyB._item?.id);
    expect(bodyA.toDelta()).toEqual(bodyB.toDelta());
    a.doc.transact(() => bodyA.insert(0, 'Amira: ', {}));
    b.doc.transact(() => bodyB.insert('The quick brown fox.'.length, ' It ran.', {}));
    sync(a.doc, b.doc);

    const expected = 'Amira: The quick brown fox. It ran.\nSecond line.';
    expect(a.harvests.get(harvestId)!.bodyText).toBe(expected);
    expect(b.harvests.get(harvestId)!.bodyText).toBe(expected);
    expect(a.harvests.get(harvestId)!.body).toBe(bodyA);
  });

  it('14.2: two peers type offline into a harvest that had no body: both texts are kept', () => {
    const { doc, harvestId } = legacyDocument();
    const a = peer(doc);
    const b = peer(doc);
    appendParagraphs(a.harvests.get(harvestId)!.body, ['Amira wrote this offline.']);
    appendParagraphs(b.harvests.get(harvestId)!.body, ['Giulia wrote this offline.']);
    sync(a.doc, b.doc);
    for (const community of [a, b]) {
      const text = community.harvests.get(harvestId)!.bodyText;
      expect(text).toContain('Amira wrote this offline.');
      expect(text).toContain('Giulia wrote this offline.');
    }
    expect(a.harvests.get(harvestId)!.bodyText).toBe(b.harvests.get(harvestId)!.bodyText);
  });

  it('peers that saw different old text keep both versions in the one story, and lose nothing typed', () => {
    const { doc, harvestId } = legacyDocument((fragment) => fragment.insert(0, [paragraph('Version one.')]));
    const stale = Community.newDoc();
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(doc));
    // An older app's offline edit reached only B's copy before B upgraded.
    doc.transact(() => {
      const fragment = new Community(doc).harvests.get(harvestId)!.map.get('body') as Y.XmlFragment;
      ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert('Version one'.length, ', extended');
    });
    const a = peer(stale);
    const b = peer(doc);
    appendParagraphs(a.harvests.get(harvestId)!.body, ['typed by A']);
    appendParagraphs(b.harvests.get(harvestId)!.body, ['typed by B']);
    sync(a.doc, b.doc);
    const text = a.harvests.get(harvestId)!.bodyText;
    expect(text).toBe(b.harvests.get(harvestId)!.bodyText);
    for (const words of ['Version one.', 'Version one, extended.', 'typed by A', 'typed by B']) expect(text.split('\n')).toContain(words);
    // Still one container under the key.
    expect(a.harvests.get(harvestId)!.map.get(storyKey.body)).toBe(a.harvests.get(harvestId)!.body);
  });

  it('converts a story nested 9,000 deep without recursion, clamping nesting', () => {
    const { doc, harvestId } = legacyDocument((fragment) => {
      let parent: Y.XmlFragment | Y.XmlElement = fragment;
      for (let i = 0; i < 9_000; i++) {
        const list = new Y.XmlElement('bulletList');
        const item = new Y.XmlElement('listItem');
        parent.insert(parent.length, [list]);
        list.insert(0, [item]);
        item.insert(0, [paragraph(`level ${i}`)]);
        parent = item;
      }
    });
    const community = peer(doc);
    const lines = storyLines(community.harvests.get(harvestId)!.body);
    expect(lines).toHaveLength(9_000);
    expect(Math.max(...lines.map((l) => l.line.indent ?? 0))).toBe(storyLimits.maxIndent);
    expect(storyToPlainText(community.harvests.get(harvestId)!.body).split('\n').at(-1)).toBe('level 8999');
  });

  it('stops converting at its limits, so a hostile entry still opens', () => {
    const { doc, harvestId } = legacyDocument((fragment) => fragment.insert(0, Array.from({ length: 50 }, (_, i) => paragraph(`p${i}`))));
    const community = new Community(doc);
    migrateEntries(collectionsOf(community), undefined, { maxNodes: 10, maxChars: 1_000 });
    const text = community.harvests.get(harvestId)!.bodyText.split('\n');
    expect(text.length).toBeLessThan(10);
    expect(text.at(-1)).toBe('…');
  });

  it('creates missing containers with the entry\u2019s, and converts old reflections', () => {
    const { doc, harvestId } = legacyDocument();
    const personalDoc = new Y.Doc();
    const personal = new PersonalDoc(personalDoc);
    const dilemma = new Y.Map<unknown>();
    const reflection = new Y.Map<unknown>();
    personalDoc.transact(() => {
      personal.meta.set('schemaVersion', 1);
      personal.dilemmas.map.set('d1', dilemma);
      initialiseEntryMap(dilemma, 'dilemma', amira.id, 'd1');
      dilemma.set('title', 'Recording');
      const reflections = new Y.Array<unknown>();
      dilemma.set('reflections', reflections);
      reflections.push([reflection]);
      reflection.set('id', 'r1');
      reflection.set('date', '2024-05-01');
      const body = new Y.XmlFragment();
      reflection.set('body', body);
      body.insert(0, [paragraph('Still unsure.')]);
    });
    personal.initialise();
    expect(personal.dilemmas.get('d1')!.reflections.map((r) => r.text)).toEqual(['Still unsure.']);
    expect(personal.dilemmas.get('d1')!.map.get('values')).toBeInstanceOf(Y.Array);

    const community = peer(doc);
    const harvest = community.harvests.get(harvestId)!;
    for (const key of ['storytellers', 'items', 'tags']) expect(harvest.map.get(key), key).toBeInstanceOf(Y.Array);
  });

  it('migrates an old entry that arrives later from a peer, and the migration is not undoable', () => {
    const current = peer(legacyDocument().doc);
    const undo = current.createUndoManager();
    const { doc: oldApp } = legacyDocument((fragment) => fragment.insert(0, [paragraph('Written by an older app.')]), 'harvest-2');
    oldApp.transact(() => new Community(oldApp).harvests.get('harvest-2')!.map.set('place', 'Leeds'));
    Y.applyUpdate(current.doc, Y.encodeStateAsUpdate(oldApp, Y.encodeStateVector(current.doc)));
    const arrived = current.harvests.get('harvest-2')!;
    expect(arrived.bodyText).toBe('Written by an older app.');
    expect(isStory(arrived.map.get('placeText'))).toBe(true);
    expect(arrived.place).toBe('Leeds');
    expect(undo.undoStack).toHaveLength(0);
  });

  it('turns old short-field strings into typed texts, the same on every peer, so typing on both merges', () => {
    const { doc, harvestId } = legacyDocument();
    doc.transact(() => {
      const entry = new Community(doc).harvests.map.get(harvestId)!;
      entry.set('place', 'Leeds');
      entry.set('callingQuestion', 'What keeps us going?');
    });
    const a = peer(doc);
    const b = peer(doc);
    expect(a.harvests.get(harvestId)!.placeText._item?.id).toEqual(b.harvests.get(harvestId)!.placeText._item?.id);
    a.harvests.get(harvestId)!.setPlace('Leeds, UK');
    b.harvests.get(harvestId)!.setPlace('Hyde Park, Leeds');
    sync(a.doc, b.doc);
    expect(a.harvests.get(harvestId)!.place).toBe('Hyde Park, Leeds, UK');
    expect(b.harvests.get(harvestId)!.place).toBe('Hyde Park, Leeds, UK');
    expect(a.harvests.get(harvestId)!.callingQuestion).toBe('What keeps us going?');
  });

  it('leaves a document of a newer schema alone', () => {
    const { doc } = legacyDocument((fragment) => fragment.insert(0, [paragraph('Future text.')]));
    doc.transact(() => stampSchemaVersion(doc.getMap('meta'), 9));
    const before = Y.encodeStateAsUpdate(doc);
    const community = new Community(doc);
    expect(community.initialise()).toEqual({ status: 'newer', version: 9 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(community.harvests.get('harvest-1')!.bodyText).toBe('');
  });
});
