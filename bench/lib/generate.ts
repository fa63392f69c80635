import * as Y from 'yjs';
import { Community } from '../../shared/model/Community.js';
import type { MemberColour } from '../../shared/model/colours.js';
import { memberColours } from '../../shared/model/colours.js';
import { harvestMethods } from '../../shared/model/Harvest.js';
import { localOrigin } from '../../shared/model/origins.js';
import { resourceCosts, resourceTypes } from '../../shared/model/ResourceList.js';
import { Prng } from './stats.js';

/**
 * Seeded, realistic community data: the four kinds in the proportions a year-old
 * community has, rich-text bodies with headings, marks, links, lists and quotes, written
 * by a dozen members (Yjs clients) with drafting and corrections, so the state carries
 * split items and tombstones (communities keep history: gc is off) as typed text does.
 */

const words = `care practice community story session circle question listen notice learn together trust
safety harm repair welcome threshold ritual gathering facilitator participant member voice silence
pause breath grounding reflection feedback support burnout rest boundary consent dignity respect
power privilege access inclusion belonging language meaning shared concern network ward team
nurse teacher student lecturer volunteer neighbour village hall library kitchen garden allotment
transition energy food water waste repair cafe tool skill craft method pattern insight quote
theme harvest dilemma resource glossary definition example evidence research reading course video
template organisation funding grant report meeting agenda minutes decision consensus proposal
objection concern conflict tension value option outcome learning change growth hope fear anger
grief joy gratitude curiosity kindness patience courage honesty humility generosity resilience
recovery trauma informed relational compassion empathy attunement presence holding space witness
companion mentor peer supervision coaching training workshop retreat weekend evening morning
monday spring summer autumn winter weather rain bus train walk bicycle map route journey path
small large slow quick gentle careful open closed early late often rarely always sometimes
because although while when where how why what who which before after during between among`
  .split(/\s+/)
  .filter(Boolean);

const adjectives = [
  'reflective',
  'restorative',
  'trauma-informed',
  'shared',
  'slow',
  'open',
  'brave',
  'quiet',
  'relational',
  'collective',
  'compassionate',
  'grounded',
  'peer',
  'circular',
  'local',
  'seasonal',
];
const nouns = [
  'practice',
  'space',
  'listening',
  'circle',
  'harvest',
  'check-in',
  'supervision',
  'repair',
  'inquiry',
  'threshold',
  'witnessing',
  'feedback',
  'agreement',
  'welcome',
  'closing',
  'pause',
  'debrief',
  'learning',
  'care',
  'economy',
];
const firstNames = [
  'Amira',
  'Giulia',
  'Tomasz',
  'Niamh',
  'Kwame',
  'Sofia',
  'Priya',
  'Owen',
  'Mei',
  'Rosa',
  'Jonas',
  'Fatima',
  'Luca',
  'Ines',
  'Dev',
  'Hannah',
];
const places = ['Leeds', 'Bristol', 'Totnes', 'Glasgow', 'Bologna', 'Cardiff', 'Norwich', 'Lewes', 'York', 'Hebden Bridge'];

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly colour: MemberColour;
}

export interface GeneratedCommunity {
  readonly community: Community;
  readonly update: Uint8Array;
  readonly counts: Record<'glossary' | 'harvest' | 'dilemma' | 'resourceList', number>;
  /** Terms, for search queries. */
  readonly terms: readonly string[];
}

class TextMaker {
  constructor(
    private readonly rng: Prng,
    private readonly terms: readonly string[],
  ) {}

  word(): string {
    return this.rng.pick(words);
  }

  sentence(): string {
    const count = this.rng.int(6, 22);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(this.word());
    if (this.terms.length > 0 && this.rng.chance(0.25)) parts.splice(this.rng.int(0, parts.length), 0, this.rng.pick(this.terms));
    const text = parts.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${this.rng.pick(['.', '.', '.', '?', '!'])}`;
  }

  paragraph(min = 2, max = 6): string {
    const count = this.rng.int(min, max);
    return Array.from({ length: count }, () => this.sentence()).join(' ');
  }

  title(): string {
    const count = this.rng.int(2, 6);
    const text = Array.from({ length: count }, () => this.word()).join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  }
}

const link = (rng: Prng): Record<string, unknown> => ({
  link: {
    href: `https://example.org/${rng.pick(words)}/${rng.int(1, 999)}`,
    target: '_blank',
    rel: 'noopener noreferrer nofollow',
    class: null,
  },
});

/**
 * One line of a story (shared/model/storyFormat.ts), written as a person drafts it:
 * sentence by sentence (each its own transaction), some phrases bold, italic or linked,
 * then a correction or two that deletes a few words and types others in the middle. The
 * line's closing "\n" (with its line attributes) is written first, so the sentences go
 * before it, as typing in the editor does.
 */
function paragraphElement(doc: Y.Doc, story: Y.Text, maker: TextMaker, rng: Prng, sentences: number, line: Record<string, unknown> = {}): void {
  doc.transact(() => story.insert(story.length, '\n', line), localOrigin);
  const start = story.length - 1;
  const lineLength = (): number => story.length - 1 - start;
  for (let s = 0; s < sentences; s++) {
    doc.transact(() => {
      const sentence = (lineLength() > 0 ? ' ' : '') + maker.sentence();
      if (rng.chance(0.12)) {
        const cut = sentence.indexOf(' ', 4);
        const head = cut > 0 ? sentence.slice(0, cut) : sentence;
        const marks = rng.chance(0.3) ? link(rng) : rng.chance(0.5) ? { bold: true } : { italic: true };
        story.insert(start + lineLength(), head, marks);
        if (cut > 0) story.insert(start + lineLength(), sentence.slice(cut), {});
      } else {
        story.insert(start + lineLength(), sentence, {});
      }
    }, localOrigin);
  }
  const corrections = rng.int(0, 2);
  for (let c = 0; c < corrections && lineLength() > 40; c++) {
    doc.transact(() => {
      const at = start + rng.int(0, lineLength() - 20);
      story.delete(at, rng.int(3, 15));
      story.insert(at, `${maker.word()} ${maker.word()} `, {});
    }, localOrigin);
  }
}

function headingElement(doc: Y.Doc, story: Y.Text, maker: TextMaker, level: number): void {
  doc.transact(() => {
    story.insert(story.length, maker.title(), {});
    story.insert(story.length, '\n', { block: 'heading', level });
  }, localOrigin);
}

function listElement(doc: Y.Doc, story: Y.Text, maker: TextMaker, rng: Prng, ordered: boolean): void {
  const items = rng.int(2, 6);
  for (let i = 0; i < items; i++) paragraphElement(doc, story, maker, rng, rng.int(1, 2), { list: ordered ? 'ordered' : 'bullet', indent: 0 });
}

function quoteElement(doc: Y.Doc, story: Y.Text, maker: TextMaker, rng: Prng): void {
  paragraphElement(doc, story, maker, rng, rng.int(1, 3), { quote: true });
}

/** A long story: sections with headings, paragraphs, lists and quotes, about `targetWords` words. */
function richBody(doc: Y.Doc, story: Y.Text, maker: TextMaker, rng: Prng, targetWords: number): void {
  let written = 0;
  // About six characters a word, spaces included: only to know when to stop.
  const countWords = (): number => Math.round(story.length / 6);
  while (written < targetWords) {
    headingElement(doc, story, maker, rng.chance(0.8) ? 2 : 3);
    const blocks = rng.int(3, 7);
    for (let b = 0; b < blocks; b++) {
      const roll = rng.next();
      if (roll < 0.7) paragraphElement(doc, story, maker, rng, rng.int(3, 8));
      else if (roll < 0.85) listElement(doc, story, maker, rng, rng.chance(0.3));
      else quoteElement(doc, story, maker, rng);
    }
    written = countWords();
  }
}

/** Plain paragraphs of about `targetWords` words into a fragment, in one go (pasted text). */
export function paragraphsOfWords(rng: Prng, targetWords: number, terms: readonly string[] = []): string[] {
  const maker = new TextMaker(rng, terms);
  const paragraphs: string[] = [];
  let count = 0;
  while (count < targetWords) {
    const paragraph = maker.paragraph(3, 8);
    count += paragraph.split(' ').length;
    paragraphs.push(paragraph);
  }
  return paragraphs;
}

export function makeTerms(rng: Prng, count: number): string[] {
  const terms = new Set<string>();
  while (terms.size < count) {
    const term = rng.chance(0.3) ? rng.pick(nouns) : `${rng.pick(adjectives)} ${rng.pick(nouns)}`;
    terms.add(terms.has(term) ? `${term} ${terms.size}` : term);
  }
  return [...terms];
}

/**
 * A community of `entries` entries: 30% glossary terms, 30% harvests, 20% dilemmas, 20%
 * resource lists. At 1,000 entries the encoded state is about 10 MB.
 */
export function generateCommunity(options: { entries: number; seed: number; owner: Person; id: string; name: string }): GeneratedCommunity {
  const rng = new Prng(options.seed);
  const counts = {
    glossary: Math.round(options.entries * 0.3),
    harvest: Math.round(options.entries * 0.3),
    dilemma: Math.round(options.entries * 0.2),
    resourceList: 0,
  };
  counts.resourceList = options.entries - counts.glossary - counts.harvest - counts.dilemma;
  const community = Community.create({
    id: options.id,
    name: options.name,
    domain: 'Care that does no harm, learned together',
    place: 'Leeds',
    creator: options.owner,
  });
  const { doc } = community;
  const members: Person[] = [options.owner];
  const clients: number[] = [doc.clientID];
  for (let i = 0; i < 11; i++) {
    doc.clientID = 100_000 + i * 7919 + (options.seed % 1000);
    const person: Person = {
      id: `bench-member-${i}`,
      name: `${rng.pick(firstNames)} ${String.fromCharCode(65 + i)}.`,
      colour: memberColours[i % memberColours.length] as MemberColour,
    };
    community.join(person);
    members.push(person);
    clients.push(doc.clientID);
  }
  const author = (): Person => {
    const index = rng.int(0, members.length - 1);
    doc.clientID = clients[index] as number;
    return members[index] as Person;
  };
  const terms = makeTerms(rng, Math.max(counts.glossary, 10));
  const maker = new TextMaker(rng, terms);

  const glossaryIds: string[] = [];
  for (let i = 0; i < counts.glossary; i++) {
    const by = author();
    const entry = community.glossary.create(by.id, (e) => {
      e.setTerm(terms[i] ?? `term ${i}`);
      if (rng.chance(0.3)) e.setOtherNames([`${rng.pick(adjectives)} ${rng.pick(nouns)}`]);
      e.setExamples(Array.from({ length: rng.int(0, 3) }, () => maker.sentence()));
      e.setProposedBy(by.name);
      e.setLanguage('en');
      if (rng.chance(0.15)) e.setContested(true, maker.paragraph(1, 3));
      e.setTags(Array.from({ length: rng.int(0, 3) }, () => rng.pick(words)));
    });
    for (let p = 0, n = rng.int(1, 3); p < n; p++) paragraphElement(doc, entry.definition, maker, rng, rng.int(2, 6));
    if (glossaryIds.length > 0 && rng.chance(0.4)) entry.link(rng.pick(glossaryIds));
    glossaryIds.push(entry.id);
  }

  for (let i = 0; i < counts.harvest; i++) {
    const by = author();
    const harvest = community.harvests.create(by.id, (h) => {
      h.setTitle(maker.title());
      h.setSessionDate(`202${rng.int(2, 5)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`);
      const online = rng.chance(0.3);
      h.setPlace(online ? '' : rng.pick(places), online);
      h.setMethod(rng.pick(harvestMethods), 'story walk');
      h.setCallingQuestion(maker.sentence().slice(0, 200));
      h.setThemes(Array.from({ length: rng.int(1, 4) }, () => rng.pick(words)));
      h.setSharedConsent(rng.chance(0.4) ? 'public' : 'community');
    });
    for (let s = 0, n = rng.int(1, 4); s < n; s++) harvest.addStoryteller(rng.pick(firstNames), rng.chance(0.2));
    for (let s = 0, n = rng.int(2, 8); s < n; s++)
      harvest.addItem(rng.pick(['insight', 'pattern', 'quote'] as const), maker.sentence(), rng.chance(0.5) ? rng.pick(firstNames) : '');
    richBody(doc, harvest.body, maker, rng, rng.int(1_000, 2_900));
  }

  for (let i = 0; i < counts.dilemma; i++) {
    const by = author();
    const dilemma = community.dilemmas.create(by.id, (d) => {
      d.setTitle(maker.title());
      d.setContext(maker.paragraph(3, 8));
      d.setValuesInTension(Array.from({ length: rng.int(2, 4) }, () => rng.pick(words)));
      d.setOptions(Array.from({ length: rng.int(2, 4) }, () => maker.sentence()));
      d.setTags(Array.from({ length: rng.int(0, 3) }, () => rng.pick(words)));
    });
    for (let r = 0, n = rng.int(1, 4); r < n; r++) {
      const reflection = dilemma.addReflection(
        `2024-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      );
      for (let p = 0, m = rng.int(2, 5); p < m; p++) paragraphElement(doc, reflection.body, maker, rng, rng.int(3, 7));
    }
    if (rng.chance(0.5)) {
      dilemma.setStatus('resolved');
      dilemma.setOutcome(maker.paragraph(1, 3), maker.paragraph(1, 3));
    }
  }

  for (let i = 0; i < counts.resourceList; i++) {
    const by = author();
    const list = community.resourceLists.create(by.id, (l) => {
      l.setTitle(maker.title());
      l.setDescription(maker.paragraph(1, 3));
      l.setTags(Array.from({ length: rng.int(0, 3) }, () => rng.pick(words)));
    });
    for (let r = 0, n = rng.int(4, 12); r < n; r++) {
      list.addResource({
        title: maker.title(),
        link: `https://example.org/${rng.pick(words)}/${rng.int(1, 9999)}`,
        type: rng.pick(resourceTypes),
        why: maker.paragraph(1, 3),
        forWhom: maker.sentence().slice(0, 200),
        recommendedBy: rng.pick(firstNames),
        language: 'en',
        cost: rng.pick(resourceCosts),
        accessibility: rng.chance(0.5) ? maker.sentence() : '',
        tags: Array.from({ length: rng.int(0, 3) }, () => rng.pick(words)),
      });
    }
  }
  doc.clientID = clients[0] as number;
  return { community, update: Y.encodeStateAsUpdate(doc), counts, terms };
}

export { words as vocabulary };
