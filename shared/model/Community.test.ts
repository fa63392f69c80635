import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { COMMUNITY_SCHEMA_VERSION, Community } from './Community.js';
import { appendParagraphs } from './richText.js';
import { stampSchemaVersion } from './schemaVersion.js';

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
    expect(() => community.harvests.create(creator.id, (h) => h.setTitle('   '))).toThrow('titleRequired');
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

describe('Community: undo, schema version, bad input, tags', () => {
  it('undo restores a deleted entry with its rich text, and only the local peer undoes', () => {
    const a = Community.create({ name: 'C', creator });
    const b = new Community(Community.newDoc());
    sync(a.doc, b.doc);
    const undoA = a.createUndoManager();
    const undoB = b.createUndoManager();
    const harvest = a.harvests.create(creator.id, (h) => h.setTitle('Spring gathering'));
    appendParagraphs(harvest.body, ['We began in silence.']);
    const id = harvest.id;
    sync(a.doc, b.doc);
    undoA.stopCapturing();
    // A remote edit by b, then a local delete by a.
    b.harvests.get(id)?.setCallingQuestion('What keeps us going?');
    sync(a.doc, b.doc);
    a.harvests.delete(id);
    sync(a.doc, b.doc);
    expect(b.harvests.has(id)).toBe(false);
    // b has nothing of its own to undo about the delete.
    expect(undoB.canUndo()).toBe(true); // its calling question
    undoA.undo();
    expect(a.harvests.get(id)?.bodyText).toBe('We began in silence.');
    expect(a.harvests.get(id)?.title).toBe('Spring gathering');
    expect(a.harvests.get(id)?.callingQuestion).toBe('What keeps us going?');
    sync(a.doc, b.doc);
    expect(b.harvests.get(id)?.bodyText).toBe('We began in silence.');
    expect(b.harvests.map.toJSON()).toEqual(a.harvests.map.toJSON());
  });

  it('undo reverts my field edit and keeps a remote one', () => {
    const a = Community.create({ name: 'C', creator });
    const b = new Community(Community.newDoc());
    const term = a.glossary.create(creator.id, (e) => e.setTerm('Circle'));
    sync(a.doc, b.doc);
    const undoA = a.createUndoManager();
    a.glossary.get(term.id)?.setTerm('Talking circle');
    b.glossary.get(term.id)?.setProposedBy('Luca');
    sync(a.doc, b.doc);
    expect(undoA.undoStack).toHaveLength(1);
    undoA.undo();
    sync(a.doc, b.doc);
    for (const side of [a, b]) {
      expect(side.glossary.get(term.id)?.term).toBe('Circle');
      expect(side.glossary.get(term.id)?.proposedBy).toBe('Luca');
    }
    expect(undoA.canUndo()).toBe(false);
  });

  it('remote updates never enter the undo stack', () => {
    const a = Community.create({ name: 'C', creator });
    const b = new Community(Community.newDoc());
    sync(a.doc, b.doc);
    const undoA = a.createUndoManager();
    b.harvests.create('member-b', (h) => h.setTitle('Theirs'));
    sync(a.doc, b.doc);
    expect(undoA.canUndo()).toBe(false);
    expect(undoA.undo()).toBeNull();
    expect(a.harvests.list().map((h) => h.title)).toEqual(['Theirs']);
  });

  it('reports a document with a newer schema as newer and does not rewrite it', () => {
    const source = Community.create({ name: 'Future', creator });
    stampSchemaVersion(source.meta, COMMUNITY_SCHEMA_VERSION + 1); // as a newer app does: with its mark
    const loaded = new Community(Community.newDoc());
    Y.applyUpdate(loaded.doc, Y.encodeStateAsUpdate(source.doc));
    let updates = 0;
    loaded.doc.on('update', () => updates++);
    expect(loaded.initialise()).toEqual({ status: 'newer', version: COMMUNITY_SCHEMA_VERSION + 1 });
    expect(loaded.meta.get('schemaVersion')).toBe(COMMUNITY_SCHEMA_VERSION + 1);
    expect(updates).toBe(0);
  });

  it('stamps an older document with the current version, but not an empty one still loading', () => {
    const old = Community.create({ name: 'Old', creator });
    old.meta.set('schemaVersion', 0);
    expect(old.initialise()).toEqual({ status: 'current' });
    expect(old.meta.get('schemaVersion')).toBe(COMMUNITY_SCHEMA_VERSION);
    const empty = new Community(Community.newDoc());
    expect(empty.initialise()).toEqual({ status: 'current' });
    expect(empty.meta.has('schemaVersion')).toBe(false);
  });

  it('refuses empty and overlong names and titles with a clear message, changing nothing', () => {
    expect(() => Community.create({ name: '  ', creator })).toThrow('titleRequired');
    expect(() => Community.create({ name: 'n'.repeat(201), creator })).toThrow('titleTooLong');
    const community = Community.create({ name: 'C', domain: 'Care', creator });
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => community.setProfile({ name: '' })).toThrow('titleRequired');
    expect(() => community.setProfile({ name: 'Fine', domain: 'd'.repeat(501) })).toThrow('shortTextTooLong');
    expect(() => community.glossary.create(creator.id, (e) => e.setTerm(''))).toThrow('titleRequired');
    expect(() => community.dilemmas.create(creator.id, (d) => d.setTitle('t'.repeat(201)))).toThrow('titleTooLong');
    expect(() => community.resourceLists.create(creator.id, (l) => l.addResource({ title: 'x', link: 'javascript:alert(1)' }))).toThrow('webLinkOnly');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(community.profile).toEqual({ name: 'C', domain: 'Care', place: '' });
    expect(community.allEntries()).toEqual([]);
  });

  it('shares tags across kinds, including the tags of resources', () => {
    const community = Community.create({ name: 'C', creator });
    community.glossary.create(creator.id, (e) => {
      e.setTerm('Circle');
      e.setTags(['Practice', 'care']);
    });
    community.harvests.create(creator.id, (h) => {
      h.setTitle('Gathering');
      h.setThemes(['care', 'hope']);
    });
    community.dilemmas.create(creator.id, (d) => {
      d.setTitle('Dilemma');
      d.setTags(['ethics']);
    });
    const list = community.resourceLists.create(creator.id, (l) => l.setTitle('Reading'));
    list.addResource({ title: 'Book', tags: ['Books', 'care'] });
    expect(community.allTags()).toEqual(['books', 'care', 'ethics', 'hope', 'practice']);
    expect(community.allEntries()).toHaveLength(4);
  });

  it('updates its profile and members', () => {
    const community = Community.create({ name: 'C', creator });
    community.setProfile({ domain: 'Care that does no harm', place: 'Ticino' });
    expect(community.profile).toEqual({ name: 'C', domain: 'Care that does no harm', place: 'Ticino' });
    community.join({ id: 'member-luca', name: ' Luca ', colour: '#7a4fb3' });
    community.join({ id: creator.id, name: 'Amira K.', colour: '#2557a7' });
    expect(community.members.map((m) => [m.id, m.name])).toEqual([
      [creator.id, 'Amira K.'],
      ['member-luca', 'Luca'],
    ]);
    expect(community.member('member-luca')?.colour).toBe('#7a4fb3');
    expect(community.authors.get(String(community.doc.clientID))).toBe(creator.id);
  });
});

describe('Community.observe', () => {
  it('skips typing in a story but reports fields, structure and glossary definitions', () => {
    const c = Community.create({ name: 'C', creator });
    const harvest = c.harvests.create(creator.id, (h) => h.setTitle('Story'));
    const term = c.glossary.create(creator.id, (e) => e.setTerm('Circle'));
    let calls = 0;
    c.observe(() => (calls += 1));
    appendParagraphs(harvest.body, ['typing in the story']);
    expect(calls).toBe(0);
    harvest.setTitle('Story, renamed');
    expect(calls).toBe(1);
    appendParagraphs(term.definition, ['a way of meeting']);
    expect(calls).toBe(2);
  });
});

describe('Community.observeOverwrites', () => {
  it('tells this person when someone else replaces a choice they made, and who', () => {
    const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
    const ben = { id: 'member-ben', name: 'Ben', colour: '#2557a7' as const };
    const a = Community.create({ name: 'C', creator: amira });
    a.join(amira);
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('Spring'));
    harvest.setMethod('circle');
    const b = new Community(new Y.Doc());
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    b.join(ben);
    const seen: { key: string; by: string | undefined; value: unknown }[] = [];
    const stop = a.observeOverwrites(harvest, ['method', 'consent'], amira.id, (o) => seen.push({ key: o.key, by: o.by?.name, value: o.value }));
    b.harvests.get(harvest.id)!.setMethod('fishbowl');
    b.harvests.get(harvest.id)!.setSharedConsent('public');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
    // Amira never chose a consent here, so only the method is reported.
    expect(seen).toEqual([{ key: 'method', by: 'Ben', value: 'fishbowl' }]);
    harvest.setMethod('open-space');
    expect(seen).toHaveLength(1);
    stop();
  });
});
