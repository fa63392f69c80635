import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from './Community.js';
import { appendParagraphs } from './richText.js';
import { SearchIndex } from '../search/SearchIndex.js';

const creator = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('GlossaryEntry', () => {
  it('sets and reads back every field', () => {
    const community = Community.create({ name: 'C', creator });
    const term = community.glossary.create(creator.id, (e) => e.setTerm('  Holding space  '));
    appendParagraphs(term.definition, ['Being present', 'without judgement.']);
    term.setOtherNames(['Space holding', 'Holding the space']);
    term.setExamples(['  In the circle we held space.  ', '   ', 'Another example']);
    term.setProposedBy('Giulia');
    term.setLanguage('it-CH');
    term.setContested(true, 'Some say it is jargon.');
    term.setTags(['Care', 'care', ' practice ']);
    const read = community.glossary.get(term.id);
    expect(read?.kind).toBe('glossary');
    expect(read?.term).toBe('Holding space');
    expect(read?.title).toBe('Holding space');
    expect(read?.definitionText).toBe('Being present\nwithout judgement.');
    expect(read?.otherNames).toEqual(['Space holding', 'Holding the space']);
    expect(read?.examples).toEqual(['In the circle we held space.', 'Another example']);
    expect(read?.proposedBy).toBe('Giulia');
    expect(read?.language).toBe('it-CH');
    expect(read?.contested).toBe(true);
    expect(read?.discussion).toBe('Some say it is jargon.');
    expect(read?.tags).toEqual(['care', 'practice']);
    expect(read?.allNames).toEqual(['Holding space', 'Space holding', 'Holding the space']);
    expect(read?.createdBy).toBe(creator.id);
    term.setContested(false);
    expect(term.contested).toBe(false);
    expect(term.discussion).toBe('Some say it is jargon.');
    term.setDiscussion('Settled.');
    expect(term.discussion).toBe('Settled.');
  });

  it('refuses empty and overlong terms, bad languages and empty other names, changing nothing', () => {
    const community = Community.create({ name: 'C', creator });
    const term = community.glossary.create(creator.id, (e) => e.setTerm('Harvest'));
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => term.setTerm('   ')).toThrow('titleRequired');
    expect(() => term.setTerm('x'.repeat(201))).toThrow('titleTooLong');
    expect(() => term.setLanguage('english!')).toThrow('languageCode');
    expect(() => term.setOtherNames(['ok', ' '])).toThrow('titleRequired');
    expect(() => term.setTags(['x'.repeat(61)])).toThrow('tagTooLong');
    expect(() => term.setTags(['  '])).toThrow('tagEmpty');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(term.term).toBe('Harvest');
    expect(term.otherNames).toEqual([]);
    // Exactly 200 characters is allowed; surrounding spaces do not count.
    term.setTerm(` ${'y'.repeat(200)} `);
    expect(term.term).toBe('y'.repeat(200));
  });

  it('links one side and shows the link both ways; unlinks from either side', () => {
    const community = Community.create({ name: 'C', creator });
    const a = community.glossary.create(creator.id, (e) => e.setTerm('Circle'));
    const b = community.glossary.create(creator.id, (e) => e.setTerm('Agreement'));
    const c = community.glossary.create(creator.id, (e) => e.setTerm('Bell'));
    a.link(b.id);
    a.link(a.id); // a term never links to itself
    c.link(a.id);
    expect(a.linkedIds).toEqual([b.id]);
    expect(b.linkedIds).toEqual([]);
    expect(community.relatedTerms(a.id).map((t) => t.term)).toEqual(['Agreement', 'Bell']);
    expect(community.relatedTerms(b.id).map((t) => t.term)).toEqual(['Circle']);
    expect(community.relatedTerms(c.id).map((t) => t.term)).toEqual(['Circle']);
    // Unlink from the side that did not record the link.
    community.unlinkTerms(b.id, a.id);
    expect(a.linkedIds).toEqual([]);
    expect(community.relatedTerms(b.id)).toEqual([]);
    expect(community.relatedTerms(a.id).map((t) => t.term)).toEqual(['Bell']);
    // And from the side that did.
    community.unlinkTerms(c.id, a.id);
    expect(community.relatedTerms(a.id)).toEqual([]);
    expect(community.relatedTerms('no-such-term')).toEqual([]);
  });

  it('hides links to a deleted term', () => {
    const community = Community.create({ name: 'C', creator });
    const a = community.glossary.create(creator.id, (e) => e.setTerm('Circle'));
    const b = community.glossary.create(creator.id, (e) => e.setTerm('Agreement'));
    a.link(b.id);
    community.glossary.delete(b.id);
    expect(community.relatedTerms(a.id)).toEqual([]);
  });

  it('two people linking the same pair at once make one link', () => {
    const one = Community.create({ name: 'C', creator });
    const two = new Community(Community.newDoc());
    const a = one.glossary.create(creator.id, (e) => e.setTerm('Circle'));
    const b = one.glossary.create(creator.id, (e) => e.setTerm('Agreement'));
    sync(one.doc, two.doc);
    one.glossary.get(a.id)?.link(b.id);
    two.glossary.get(a.id)?.link(b.id);
    two.glossary.get(b.id)?.link(a.id);
    sync(one.doc, two.doc);
    expect(one.glossary.get(a.id)?.linkedIds).toEqual([b.id]);
    expect(one.relatedTerms(a.id).map((t) => t.id)).toEqual([b.id]);
    expect(two.relatedTerms(b.id).map((t) => t.id)).toEqual([a.id]);
    one.unlinkTerms(a.id, b.id);
    sync(one.doc, two.doc);
    expect(two.relatedTerms(a.id)).toEqual([]);
    expect(two.relatedTerms(b.id)).toEqual([]);
  });

  it('finds duplicate terms by term or other name, case-insensitively, as a warning only', () => {
    const community = Community.create({ name: 'C', creator });
    const first = community.glossary.create(creator.id, (e) => {
      e.setTerm('Holding space');
      e.setOtherNames(['Space holding']);
    });
    expect(community.termsNamed('  HOLDING SPACE ').map((t) => t.id)).toEqual([first.id]);
    expect(community.termsNamed('space holding').map((t) => t.id)).toEqual([first.id]);
    expect(community.termsNamed('holding')).toEqual([]);
    expect(community.termsNamed('   ')).toEqual([]);
    // Still allowed: a second entry with the same term.
    const second = community.glossary.create(creator.id, (e) => e.setTerm('Holding Space'));
    expect(community.glossary.size).toBe(2);
    expect(
      community
        .termsNamed('holding space')
        .map((t) => t.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect(community.termsNamed('holding space', second.id).map((t) => t.id)).toEqual([first.id]);
  });
});

describe('a term in several languages', () => {
  it('adds, renames and removes a language; its names count as the term’s names', () => {
    const community = Community.create({ name: 'C', creator });
    const term = community.glossary.create(creator.id, (e) => e.setTerm('Harvest'));
    expect(term.languages).toEqual([]);
    const german = term.addLanguage(' de ', 'Ernte', 'Was eine Runde hervorbringt.\nMit Zustimmung.');
    expect(german.language).toBe('de');
    term.addLanguage('pt-br', 'Colheita');
    expect(term.languages.map((l) => [l.language, l.name, l.definitionText])).toEqual([
      ['de', 'Ernte', 'Was eine Runde hervorbringt.\nMit Zustimmung.'],
      ['pt-BR', 'Colheita', ''],
    ]);
    // Its definition is a story, written like the main one.
    appendParagraphs(term.languages[1]!.definition, ['O que um círculo produz.']);
    expect(term.languages[1]?.definitionText).toBe('O que um círculo produz.');
    term.setLanguageName('PT-BR', 'Colheita de histórias');
    expect(term.allNames).toEqual(['Harvest', 'Ernte', 'Colheita de histórias']);
    expect(community.termsNamed('ernte').map((t) => t.id)).toEqual([term.id]);
    term.removeLanguage('de');
    expect(term.languages.map((l) => l.language)).toEqual(['pt-BR']);
    expect(term.allNames).toEqual(['Harvest', 'Colheita de histórias']);
  });

  it('refuses bad language tags, a language twice, an empty name and an unknown language, changing nothing', () => {
    const community = Community.create({ name: 'C', creator });
    const term = community.glossary.create(creator.id, (e) => e.setTerm('Harvest'));
    term.addLanguage('it', 'Raccolto');
    const before = Y.encodeStateAsUpdate(community.doc);
    const badTag = 'termLanguageTag';
    for (const tag of ['', '   ', 'english!', 'en--US', '123', 'e', 'x'.repeat(40), 'de_DE']) expect(() => term.addLanguage(tag, 'Name'), tag).toThrow(badTag);
    expect(() => term.addLanguage('IT', 'Raccolta')).toThrow('termLanguageTwice');
    expect(() => term.addLanguage('fr', '   ')).toThrow('titleRequired');
    expect(() => term.setLanguageName('fr', 'Récolte')).toThrow('termLanguageMissing');
    expect(() => term.removeLanguage('fr')).toThrow('termLanguageMissing');
    expect(() => term.removeLanguage('not a tag')).toThrow(badTag);
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(term.languages.map((l) => l.name)).toEqual(['Raccolto']);
  });

  it('an older entry reads as having none, and gets the same container on every peer, so languages added at once both stay', () => {
    const one = Community.create({ name: 'C', creator });
    const term = one.glossary.create(creator.id, (e) => e.setTerm('Harvest'));
    // As an app from before languages wrote it.
    one.doc.transact(() => term.map.delete('translations'));
    const two = new Community(Community.newDoc());
    sync(one.doc, two.doc);
    expect(term.languages).toEqual([]);
    expect(term.allNames).toEqual(['Harvest']);
    const before = Y.encodeStateAsUpdate(one.doc);
    expect(() => term.addLanguage('de', 'Ernte')).toThrow('storyNotUpgraded');
    expect(Y.encodeStateAsUpdate(one.doc)).toEqual(before);
    // Each peer opens it (the migration gives it its container) and adds a language, offline.
    one.initialise();
    two.initialise();
    one.glossary.get(term.id)?.addLanguage('de', 'Ernte');
    two.glossary.get(term.id)?.addLanguage('it', 'Raccolto');
    sync(one.doc, two.doc);
    expect(one.glossary.get(term.id)?.languages.map((l) => l.name)).toEqual(['Ernte', 'Raccolto']);
    expect(two.glossary.get(term.id)?.languages.map((l) => l.name)).toEqual(['Ernte', 'Raccolto']);
  });

  it('is found by search in any of its languages', () => {
    const community = Community.create({ name: 'C', creator });
    const index = new SearchIndex();
    index.addSource({ communityId: community.id, isPrivate: false, collections: [community.glossary] });
    const term = community.glossary.create(creator.id, (e) => e.setTerm('Harvest'));
    term.addLanguage('de', 'Ernte', 'Was eine Runde hervorbringt.');
    term.addLanguage('ar', 'حصاد');
    expect(index.search('ernte').map((hit) => hit.id)).toEqual([term.id]);
    expect(index.search('hervorbringt').map((hit) => hit.id)).toEqual([term.id]);
    expect(index.search('حصاد').map((hit) => hit.id)).toEqual([term.id]);
  });
});
