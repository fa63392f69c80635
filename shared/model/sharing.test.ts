import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from './Community.js';
import { PersonalDoc } from './PersonalDoc.js';
import { appendParagraphs } from './richText.js';
import { setHarvestConsent, sharedCopyOf, sharedTargets, shareDilemma, withdrawDilemma } from './sharing.js';

const creator = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function setup(): { personal: PersonalDoc; community: Community } {
  const personal = new PersonalDoc(new Y.Doc());
  personal.setIdentity('Amira', '#2557a7');
  return { personal, community: Community.create({ name: 'Care circle', creator }) };
}

describe('sharing a dilemma', () => {
  it('copies a private dilemma into the community only when shared, recording who and when', () => {
    const { personal, community } = setup();
    const dilemma = personal.dilemmas.create(creator.id, (d) => {
      d.setTitle('Report or wait?');
      d.setContext('A colleague, a deadline.');
      d.setValuesInTension(['Loyalty', 'Honesty']);
    });
    appendParagraphs(dilemma.addReflection('2024-04-30').body, ['First thoughts.']);
    expect(community.dilemmas.size).toBe(0);

    const before = Date.now();
    const shared = shareDilemma(personal, dilemma.id, community, creator.id);
    expect(community.dilemmas.size).toBe(1);
    expect(shared.id).not.toBe(dilemma.id);
    expect(shared.title).toBe('Report or wait?');
    expect(shared.context).toBe('A colleague, a deadline.');
    expect(shared.valuesInTension).toEqual(['Loyalty', 'Honesty']);
    expect(shared.reflections.map((r) => r.text)).toEqual(['First thoughts.']);
    expect(shared.sharing?.sharedBy).toBe(creator.id);
    expect(shared.sharing?.fromDilemmaId).toBe(dilemma.id);
    expect(shared.sharing?.sharedAt).toBeGreaterThanOrEqual(before);
    expect(shared.sharing?.sharedAt).toBeLessThanOrEqual(Date.now());
    // The private journal stays, and remembers where it went.
    expect(personal.dilemmas.get(dilemma.id)?.sharing).toBeNull();
    expect(sharedTargets(dilemma)).toEqual([community.id]);

    // Later private reflections are not shared.
    appendParagraphs(dilemma.addReflection('2024-05-02').body, ['Private second thoughts.']);
    expect(community.dilemmas.get(shared.id)?.reflections.map((r) => r.text)).toEqual(['First thoughts.']);
    expect(Buffer.from(Y.encodeStateAsUpdate(community.doc)).includes('Private second thoughts.')).toBe(false);
  });

  it('does not tell one community which other communities a dilemma was shared into', () => {
    const { personal, community } = setup();
    const other = Community.create({ name: 'Second circle', creator });
    const dilemma = personal.dilemmas.create(creator.id, (d) => d.setTitle('Report or wait?'));
    shareDilemma(personal, dilemma.id, community, creator.id);
    const second = shareDilemma(personal, dilemma.id, other, creator.id);
    expect(sharedTargets(personal.dilemmas.get(dilemma.id)!)).toEqual([community.id, other.id]);
    expect(second.map.has('sharedTo')).toBe(false);
    // Not even in the document's history (community documents keep deleted content).
    const update = Y.encodeStateAsUpdate(other.doc);
    expect(Buffer.from(update).includes(Buffer.from(community.id))).toBe(false);
  });

  it('refuses a dilemma that is no longer in the journal', () => {
    const { personal, community } = setup();
    expect(() => shareDilemma(personal, 'missing', community, creator.id)).toThrow('dilemmaGone');
    const dilemma = personal.dilemmas.create(creator.id, (d) => d.setTitle('Report or wait?'));
    expect(() => shareDilemma(personal, dilemma.id, community, '')).toThrow('shareNeedsSharer');
    expect(sharedTargets(dilemma)).toEqual([]);
    expect(community.dilemmas.size).toBe(0);
  });
});

describe('a shared dilemma stays its sharer’s', () => {
  const giulia = 'member-giulia';

  function shared() {
    const { personal, community } = setup();
    const dilemma = personal.dilemmas.create(creator.id, (d) => {
      d.setTitle('Report or wait?');
      d.setContext('A colleague, a deadline.');
    });
    appendParagraphs(dilemma.addReflection('2024-04-30').body, ['First thoughts.']);
    return { personal, community, dilemma, copy: shareDilemma(personal, dilemma.id, community, creator.id) };
  }

  it('sharing again updates the same copy, keeping members’ responses, and never duplicates it', () => {
    const { personal, community, dilemma, copy } = shared();
    const response = copy.addResponse(giulia, '  I would talk first.  ');
    expect(response.text).toBe('I would talk first.');

    dilemma.setContext('A colleague, a deadline, a promise.');
    appendParagraphs(dilemma.addReflection('2024-05-02').body, ['Second thoughts.']);
    dilemma.setStatus('resolved');
    dilemma.setDecided('Talked first.');
    const again = shareDilemma(personal, dilemma.id, community, creator.id);
    expect(community.dilemmas.size).toBe(1);
    expect(again.id).toBe(copy.id);
    expect(again.context).toBe('A colleague, a deadline, a promise.');
    expect(again.status).toBe('resolved');
    expect(again.decided).toBe('Talked first.');
    expect(again.reflections.map((r) => r.text)).toEqual(['First thoughts.', 'Second thoughts.']);
    expect(again.responses.map((r) => [r.by, r.text])).toEqual([[giulia, 'I would talk first.']]);
    expect(again.sharing?.sharedAt).toBe(copy.sharing?.sharedAt);
    expect(again.sharing?.resharedAt).toBeGreaterThan(0);
    expect(sharedTargets(personal.dilemmas.get(dilemma.id)!)).toEqual([community.id]);

    // Unchanged fields are not rewritten: a second share with nothing new changes nothing but the date.
    const before = copy.map.get('contextText');
    shareDilemma(personal, dilemma.id, community, creator.id);
    expect(copy.map.get('contextText')).toBe(before);
  });

  it('other members cannot change the sharer’s words through the model', () => {
    const { community, copy } = shared();
    const before = Y.encodeStateAsUpdate(community.doc);
    const refusal = 'sharedDilemmaIsSharers';
    expect(() => copy.setContext('Rewritten by someone else.')).toThrow(refusal);
    expect(() => copy.setTitle('Another title')).toThrow(refusal);
    expect(() => copy.setDecided('Decided for her.')).toThrow(refusal);
    expect(() => copy.setOutcome('a', 'b')).toThrow(refusal);
    expect(() => copy.setValuesInTension(['x'])).toThrow(refusal);
    expect(() => copy.setOptions(['x'])).toThrow(refusal);
    expect(() => copy.setStatus('resolved')).toThrow(refusal);
    expect(() => copy.addReflection('2024-06-01')).toThrow(refusal);
    expect(() => copy.setReflectionDate(copy.reflections[0]!.id, '2024-06-01')).toThrow(refusal);
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(copy.context).toBe('A colleague, a deadline.');
  });

  it('a response is edited or deleted only by its author; bad input changes nothing', () => {
    const { personal, community, dilemma, copy } = shared();
    const response = copy.addResponse(giulia, 'I would talk first.');
    expect(copy.responses[0]).toMatchObject({ id: response.id, by: giulia, text: 'I would talk first.', editedAt: 0 });
    expect(copy.responses[0]?.at).toBeGreaterThan(0);
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => copy.editResponse(response.id, creator.id, 'Changed by the sharer')).toThrow('responseNotYours');
    expect(() => copy.removeResponse(response.id, creator.id)).toThrow('responseNotYours');
    expect(() => copy.removeResponse(response.id, '')).toThrow('responseNotYours');
    expect(() => copy.editResponse(response.id, giulia, '   ')).toThrow('responseEmpty');
    expect(() => copy.editResponse('gone', giulia, 'x')).toThrow('responseGone');
    expect(() => copy.addResponse(giulia, ' ')).toThrow('responseEmpty');
    expect(() => copy.addResponse('', 'Anonymous words')).toThrow('responseNoAuthor');
    expect(() => copy.addResponse(giulia, 'r'.repeat(20_001))).toThrow('textTooLong');
    expect(() => dilemma.addResponse(giulia, 'On a private journal')).toThrow('responseOnlyShared');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(personal.dilemmas.get(dilemma.id)?.map.has('responses')).toBe(false);

    copy.editResponse(response.id, giulia, 'I would talk first, then write.');
    expect(copy.responses[0]).toMatchObject({ text: 'I would talk first, then write.' });
    expect(copy.responses[0]?.editedAt).toBeGreaterThan(0);
    copy.removeResponse(response.id, giulia);
    expect(copy.responses).toEqual([]);
  });

  it('the sharer can withdraw it (only she can); sharing later makes a new copy', () => {
    const { personal, community, dilemma, copy } = shared();
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => withdrawDilemma(personal, community, copy.id, giulia)).toThrow('withdrawNotYours');
    expect(() => withdrawDilemma(personal, community, 'missing', creator.id)).toThrow('withdrawNotShared');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);

    withdrawDilemma(personal, community, copy.id, creator.id);
    expect(community.dilemmas.size).toBe(0);
    expect(sharedCopyOf(community, dilemma.id, creator.id)).toBeNull();
    expect(sharedTargets(personal.dilemmas.get(dilemma.id)!)).toEqual([]);
    expect(personal.dilemmas.get(dilemma.id)?.context).toBe('A colleague, a deadline.');
    const again = shareDilemma(personal, dilemma.id, community, creator.id);
    expect(again.id).not.toBe(copy.id);
    expect(community.dilemmas.size).toBe(1);
  });
});

describe('harvest consent', () => {
  it('moves a harvest to private and back, keeping its body text and fields', () => {
    const { personal, community } = setup();
    const harvest = community.harvests.create(creator.id, (h) => {
      h.setTitle('Spring gathering');
      h.setMethod('fishbowl');
      h.setThemes(['hope']);
    });
    appendParagraphs(harvest.body, ['We began in silence.', 'Then stories came.']);
    harvest.addItem('quote', 'We are not alone.', 'Luca');
    const id = harvest.id;

    const moved = setHarvestConsent(personal, community, id, 'private');
    expect(community.harvests.has(id)).toBe(false);
    expect(moved.id).toBe(id);
    expect(moved.consent).toBe('private');
    expect(moved.bodyText).toBe('We began in silence.\nThen stories came.');
    expect(moved.method).toBe('fishbowl');
    expect(moved.themes).toEqual(['hope']);
    expect(moved.items.map((i) => i.text)).toEqual(['We are not alone.']);
    expect(personal.privateHarvestsOf(community.id).map((h) => h.id)).toEqual([id]);
    expect(personal.privateHarvestsOf('another-community')).toEqual([]);
    // Already private: nothing to do.
    expect(setHarvestConsent(personal, community, id, 'private').id).toBe(id);

    const back = setHarvestConsent(personal, community, id, 'public');
    expect(personal.privateHarvests.has(id)).toBe(false);
    expect(community.harvests.get(id)?.consent).toBe('public');
    expect(back.bodyText).toBe('We began in silence.\nThen stories came.');
    expect(back.title).toBe('Spring gathering');

    setHarvestConsent(personal, community, id, 'community');
    expect(community.harvests.get(id)?.consent).toBe('community');
  });

  it('a harvest written privately enters the community only when its consent changes', () => {
    const { personal, community } = setup();
    const harvest = personal.privateHarvests.create(creator.id, (h) => h.setTitle('Private notes'), {
      consent: 'private',
      communityId: community.id,
    });
    const id = harvest.id;
    appendParagraphs(harvest.body, ['Only mine.']);
    expect(community.harvests.size).toBe(0);
    expect(harvest.consent).toBe('private');
    const shared = setHarvestConsent(personal, community, id, 'community');
    expect(community.harvests.get(id)?.bodyText).toBe('Only mine.');
    expect(personal.privateHarvests.has(id)).toBe(false);
    expect(shared.consent).toBe('community');
  });

  it('refuses a harvest that is in neither place', () => {
    const { personal, community } = setup();
    expect(() => setHarvestConsent(personal, community, 'missing', 'public')).toThrow('harvestGone');
  });
});
