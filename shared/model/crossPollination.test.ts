import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from './Community.js';
import { offerEntry, provenanceOf, RelatedAcross, type OfferRequest } from './crossPollination.js';
import { PersonalDoc } from './PersonalDoc.js';
import { createPrivateHarvest } from './privateHarvest.js';
import { appendParagraphs } from './richText.js';
import { shareDilemma } from './sharing.js';

/** Amira belongs to two communities on this device. */
function setup() {
  const personal = new PersonalDoc(new Y.Doc());
  const amira = personal.setIdentity('Amira', '#2557a7');
  const lewes = Community.create({ name: 'Transition Town Lewes', creator: amira });
  const bologna = Community.create({ name: 'Orti di Bologna', creator: amira });
  personal.rememberCommunity(lewes.id, lewes.profile.name);
  personal.rememberCommunity(bologna.id, bologna.profile.name);
  return { personal, amira, lewes, bologna };
}

const unchanged = (doc: Y.Doc) => {
  const before = Y.encodeStateVector(doc);
  return () => expect(Y.encodeStateVector(doc)).toEqual(before);
};

describe('offering an entry to another community', () => {
  it('makes a new glossary term there, with its own id and history, carrying where it came from', () => {
    const { personal, amira, lewes, bologna } = setup();
    const other = lewes.glossary.create(amira.id, (e) => e.setTerm('Commons'));
    const term = lewes.glossary.create(amira.id, (e) => {
      e.setTerm('Holding space');
      e.setOtherNames(['Space holding']);
    });
    appendParagraphs(term.definition, ['Being present without judgement.']);
    term.addLanguage('it', 'Tenere lo spazio', 'Esserci senza giudicare.');
    term.link(other.id);
    const before = Date.now();

    const copy = offerEntry({ personal, from: lewes, kind: 'glossary', entryId: term.id, to: bologna });

    expect(copy.id).not.toBe(term.id);
    expect(bologna.glossary.get(copy.id)?.term).toBe('Holding space');
    expect(copy.definitionText).toBe('Being present without judgement.');
    expect(copy.otherNames).toEqual(['Space holding']);
    // Its other languages travel with it, as stories of the copy's own.
    expect(copy.languages.map((l) => [l.language, l.name, l.definitionText])).toEqual([['it', 'Tenere lo spazio', 'Esserci senza giudicare.']]);
    expect(copy.languages[0]?.definition).not.toBe(term.languages[0]?.definition);
    // Links name terms of the other community: not carried.
    expect(copy.linkedIds).toEqual([]);
    const provenance = provenanceOf(copy);
    expect(provenance).toMatchObject({
      communityId: lewes.id,
      communityName: 'Transition Town Lewes',
      offeredBy: amira.id,
      offeredByName: 'Amira',
      originalId: term.id,
      originalKind: 'glossary',
    });
    expect(provenance?.offeredAt).toBeGreaterThanOrEqual(before);
    expect(provenanceOf(term)).toBeNull();
    // Its own history: editing the copy leaves the original alone, and the other way round.
    appendParagraphs(copy.definition, ['In Bologna, also outdoors.']);
    term.setTerm('Holding the space');
    expect(term.definitionText).toBe('Being present without judgement.');
    expect(copy.term).toBe('Holding space');
  });

  it('offers a resource list, or one resource of it as a list of its own', () => {
    const { personal, amira, lewes, bologna } = setup();
    const list = lewes.resourceLists.create(amira.id, (l) => l.setTitle('Facilitation reading'));
    const first = list.addResource({ title: 'Art of Hosting', link: 'https://artofhosting.org/', tags: ['hosting'] });
    list.addResource({ title: 'Liberating Structures', link: 'https://liberatingstructures.com' });

    const whole = offerEntry({ personal, from: lewes, kind: 'resourceList', entryId: list.id, to: bologna });
    expect(whole.title).toBe('Facilitation reading');
    expect(whole.resources.map((r) => r.title)).toEqual(['Art of Hosting', 'Liberating Structures']);

    const one = offerEntry({ personal, from: lewes, kind: 'resourceList', entryId: list.id, resourceId: first, to: bologna });
    expect(one.title).toBe('Art of Hosting');
    expect(one.resources).toHaveLength(1);
    expect(one.resources[0]).toMatchObject({ title: 'Art of Hosting', link: 'https://artofhosting.org/', tags: ['hosting'] });
    expect(provenanceOf(one)).toMatchObject({ originalId: list.id, resourceId: first });
  });

  it('offers a dilemma shared with the community, as shared there by the person who offers it', () => {
    const { personal, amira, lewes, bologna } = setup();
    const journal = personal.dilemmas.create(amira.id, (d) => d.setTitle('Report or wait?'));
    const shared = shareDilemma(personal, journal.id, lewes, amira.id);
    const copy = offerEntry({ personal, from: lewes, kind: 'dilemma', entryId: shared.id, to: bologna });
    expect(copy.title).toBe('Report or wait?');
    expect(copy.sharing?.sharedBy).toBe(amira.id);
    // Which private journal it came from stays private.
    expect(copy.sharing?.fromDilemmaId).toBe('');
    expect(provenanceOf(copy)?.originalId).toBe(shared.id);
  });

  it('refuses a private dilemma journal, creating nothing', () => {
    const { personal, amira, lewes, bologna } = setup();
    const journal = personal.dilemmas.create(amira.id, (d) => d.setTitle('Report or wait?'));
    const same = unchanged(bologna.doc);
    expect(() => offerEntry({ personal, from: lewes, kind: 'dilemma', entryId: journal.id, to: bologna })).toThrow(
      'offerPrivateDilemma',
    );
    same();
    expect(bologna.dilemmas.size).toBe(0);
  });

  it('refuses a private harvest, wherever it is looked for, creating nothing', () => {
    const { personal, amira, lewes, bologna } = setup();
    const mine = createPrivateHarvest(personal, lewes, amira.id, (h) => h.setTitle('Hard story'));
    const same = unchanged(bologna.doc);
    const refusal = 'offerPrivateHarvest';
    expect(() => offerEntry({ personal, from: lewes, kind: 'harvest', entryId: mine.id, to: bologna, confirmedFor: bologna.id })).toThrow(
      refusal,
    );
    // One that says "private" inside the community document (an older app, a peer) is refused too.
    const odd = lewes.harvests.create(amira.id, (h) => h.setTitle('Odd one'), { consent: 'private' });
    expect(() => offerEntry({ personal, from: lewes, kind: 'harvest', entryId: odd.id, to: bologna, confirmedFor: bologna.id })).toThrow(
      refusal,
    );
    same();
  });

  it('needs a confirmation naming the other community for a "this community" harvest', () => {
    const { personal, amira, lewes, bologna } = setup();
    const third = Community.create({ name: 'Third place', creator: amira });
    personal.rememberCommunity(third.id, third.profile.name);
    const harvest = lewes.harvests.create(amira.id, (h) => h.setTitle('Circle on care'));
    expect(harvest.consent).toBe('community');
    const same = unchanged(bologna.doc);
    const refusal =
      'offerConfirm';
    expect(() => offerEntry({ personal, from: lewes, kind: 'harvest', entryId: harvest.id, to: bologna })).toThrow(refusal);
    // A confirmation given for another community does not count.
    expect(() => offerEntry({ personal, from: lewes, kind: 'harvest', entryId: harvest.id, to: bologna, confirmedFor: third.id })).toThrow(
      refusal,
    );
    same();
    const copy = offerEntry({ personal, from: lewes, kind: 'harvest', entryId: harvest.id, to: bologna, confirmedFor: bologna.id });
    expect(copy.title).toBe('Circle on care');
    expect(copy.consent).toBe('community');
    // A public harvest needs no confirmation.
    harvest.setSharedConsent('public');
    expect(offerEntry({ personal, from: lewes, kind: 'harvest', entryId: harvest.id, to: bologna }).consent).toBe('public');
  });

  it('keeps anonymous storytellers anonymous: no name reaches the other community, not even one removed earlier', () => {
    const { personal, amira, lewes, bologna } = setup();
    const harvest = lewes.harvests.create(amira.id, (h) => h.setTitle('Circle on care'));
    harvest.setSharedConsent('public');
    const named = harvest.addStoryteller('Rosalind Featherstonehaugh');
    harvest.removeStoryteller(named.id);
    harvest.addStoryteller('', true);
    harvest.addStoryteller('Ben');
    // A name written beside the anonymous flag by a peer or an older app.
    lewes.doc.transact(() =>
      (harvest.map.get('storytellers') as Y.Array<unknown>).push([{ id: 'x', name: 'Zephyrine Quill', anonymous: true }]),
    );
    appendParagraphs(harvest.body, ['We spoke of care.']);

    const copy = offerEntry({ personal, from: lewes, kind: 'harvest', entryId: harvest.id, to: bologna });
    expect(copy.storytellers.map((s) => [s.name, s.anonymous])).toEqual([
      ['', true],
      ['Ben', false],
      ['', true],
    ]);
    expect(copy.bodyText).toBe('We spoke of care.');
    const everything = new TextDecoder().decode(Y.encodeStateAsUpdate(bologna.doc));
    expect(everything).not.toContain('Featherstonehaugh');
    expect(everything).not.toContain('Zephyrine');
    // The original community still has the removed name in its history (gc off): the copy does not.
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(lewes.doc))).toContain('Featherstonehaugh');
  });

  it('refuses bad requests with a clear reason, changing nothing', () => {
    const { personal, amira, lewes, bologna } = setup();
    const term = lewes.glossary.create(amira.id, (e) => e.setTerm('Commons'));
    const stranger = Community.create({ name: 'Not mine', creator: { id: 'someone-else', name: 'Sam', colour: '#2557a7' } });
    const foreign = Community.create({ name: 'Known, not joined', creator: { id: 'someone-else', name: 'Sam', colour: '#2557a7' } });
    personal.rememberCommunity(foreign.id, foreign.profile.name);
    const base: OfferRequest = { personal, from: lewes, kind: 'glossary', entryId: term.id, to: bologna };
    const sameHere = unchanged(bologna.doc);
    const sameStranger = unchanged(stranger.doc);
    const sameForeign = unchanged(foreign.doc);

    expect(() => offerEntry({ ...base, to: stranger })).toThrow('offerNotYours');
    expect(() => offerEntry({ ...base, to: foreign })).toThrow('offerNotMember');
    expect(() => offerEntry({ ...base, to: lewes })).toThrow('offerSameCommunity');
    expect(() => offerEntry({ ...base, entryId: 'no-such-entry' })).toThrow('offerGone');
    expect(() => offerEntry({ ...base, kind: 'poem' as never })).toThrow('offerKind');
    expect(() => offerEntry({ ...base, resourceId: 'r' })).toThrow('offerResourceOnly');
    const list = lewes.resourceLists.create(amira.id, (l) => l.setTitle('Reading'));
    const listSame = unchanged(bologna.doc);
    expect(() => offerEntry({ ...base, kind: 'resourceList', entryId: list.id, resourceId: 'gone' })).toThrow(
      'resourceGone',
    );
    listSame();
    // Deleted meanwhile (the dialog was open while someone else deleted it).
    lewes.glossary.delete(term.id);
    expect(() => offerEntry(base)).toThrow('offerGone');
    // Without a name there is nobody to offer it.
    const nameless = new PersonalDoc(new Y.Doc());
    expect(() => offerEntry({ ...base, personal: nameless })).toThrow('nameFirst');
    sameHere();
    sameStranger();
    sameForeign();
    expect(bologna.glossary.size).toBe(0);
  });

  it('reads a provenance a peer garbled as none', () => {
    const { amira, bologna } = setup();
    const term = bologna.glossary.create(amira.id, (e) => e.setTerm('Commons'), { offeredFrom: { communityId: 5 } });
    expect(provenanceOf(term)).toBeNull();
  });
});

describe('the same term or resource in several communities', () => {
  it('finds terms by any name, ignoring case and spacing, and lists by a shared link', () => {
    const { amira, lewes, bologna } = setup();
    const here = lewes.glossary.create(amira.id, (e) => e.setTerm('Holding  Space'));
    const there = bologna.glossary.create(amira.id, (e) => {
      e.setTerm('Tenere lo spazio');
      e.setOtherNames(['holding space']);
    });
    bologna.glossary.create(amira.id, (e) => e.setTerm('Commons'));
    const listHere = lewes.resourceLists.create(amira.id, (l) => l.setTitle('Reading'));
    listHere.addResource({ title: 'AoH', link: 'https://artofhosting.org/#top' });
    const listThere = bologna.resourceLists.create(amira.id, (l) => l.setTitle('Letture'));
    listThere.addResource({ title: 'Art of Hosting', link: 'HTTPS://ArtOfHosting.org' });
    bologna.resourceLists.create(amira.id, (l) => l.setTitle('Empty'));

    const related = new RelatedAcross([lewes, bologna]);
    expect(related.of(here, lewes.id)).toEqual([
      { communityId: bologna.id, communityName: 'Orti di Bologna', kind: 'glossary', entryId: there.id, title: 'Tenere lo spazio' },
    ]);
    expect(related.of(there, bologna.id).map((r) => r.entryId)).toEqual([here.id]);
    expect(related.of(listHere, lewes.id).map((r) => r.entryId)).toEqual([listThere.id]);
    // Never the entry's own community.
    const twin = lewes.glossary.create(amira.id, (e) => e.setTerm('holding space'));
    expect(new RelatedAcross([lewes, bologna]).of(twin, lewes.id).map((r) => r.communityId)).toEqual([bologna.id]);
  });
});
