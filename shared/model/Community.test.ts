import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from './Community.js';
import { appendParagraphs } from './richText.js';

const creator = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('Community', () => {
  it('creates a community with a profile, a schema version and its creator as member', () => {
    const community = Community.create({ name: 'Trauma-informed care network', domain: 'Care that does no harm', creator });
    expect(community.profile).toEqual({ name: 'Trauma-informed care network', domain: 'Care that does no harm', place: '' });
    expect(community.members.map((m) => m.name)).toEqual(['Amira']);
    expect(community.initialise()).toEqual({ status: 'current' });
    expect(community.doc.gc).toBe(false);
  });

  it('keeps all four kinds and finds them again after an encode/decode round trip', () => {
    const community = Community.create({ name: 'Lecturers circle', creator });
    const term = community.glossary.create(creator.id, (e) => e.setTerm('Holding space'));
    appendParagraphs(term.definition, ['Being present without judgement.']);
    const harvest = community.harvests.create(creator.id, (h) => {
      h.setTitle('Spring gathering');
      h.setMethod('world-cafe');
    });
    appendParagraphs(harvest.body, ['We talked about holding space for each other.']);
    community.resourceLists.create(creator.id, (l) => l.setTitle('Reading')).addResource({ title: 'A book', link: 'https://example.org' });
    const copy = new Community(new Y.Doc());
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(community.doc));
    expect(copy.glossary.get(term.id)?.definitionText).toBe('Being present without judgement.');
    expect(copy.harvests.get(harvest.id)?.method).toBe('world-cafe');
    expect(copy.harvests.get(harvest.id)?.bodyText).toContain('holding space');
    expect(copy.resourceLists.list()[0]?.resources[0]?.link).toBe('https://example.org');
  });

  it('a failed create leaves nothing behind', () => {
    const community = Community.create({ name: 'C', creator });
    expect(() => community.harvests.create(creator.id, (h) => h.setTitle('   '))).toThrow(/give it a title/);
    expect(community.harvests.size).toBe(0);
  });

  it('undoes only local edits', () => {
    const a = Community.create({ name: 'C', creator });
    const b = new Community(new Y.Doc({ gc: false }));
    sync(a.doc, b.doc);
    const undo = a.createUndoManager();
    a.glossary.create(creator.id, (e) => e.setTerm('Mine'));
    b.glossary.create('member-b', (e) => e.setTerm('Theirs'));
    sync(a.doc, b.doc);
    expect(a.glossary.list().map((e) => e.term).sort()).toEqual(['Mine', 'Theirs']);
    undo.undo();
    expect(a.glossary.list().map((e) => e.term)).toEqual(['Theirs']);
    undo.redo();
    expect(a.glossary.list().map((e) => e.term).sort()).toEqual(['Mine', 'Theirs']);
  });
});
