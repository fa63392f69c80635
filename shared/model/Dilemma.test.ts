import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from './Community.js';
import type { DilemmaStatus } from './Dilemma.js';
import { PersonalDoc } from './PersonalDoc.js';
import { appendParagraphs } from './richText.js';

const creator = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

describe('Dilemma', () => {
  it('sets and reads back every field, with reflections oldest first', () => {
    const personal = new PersonalDoc(new Y.Doc());
    const dilemma = personal.dilemmas.create(creator.id, (d) => d.setTitle('Report or wait?'));
    dilemma.setContext('A colleague, a deadline.');
    dilemma.setValuesInTension(['Loyalty', ' ', 'Honesty']);
    dilemma.setOptions(['  Talk first  ', '', 'Report now']);
    dilemma.setStatus('resolved');
    dilemma.setOutcome('Talked first.', 'Ask earlier.');
    const later = dilemma.addReflection('2024-05-02');
    const earlier = dilemma.addReflection('2024-04-30');
    appendParagraphs(later.body, ['It went well.']);

    const read = personal.dilemmas.get(dilemma.id);
    expect(read?.kind).toBe('dilemma');
    expect(read?.title).toBe('Report or wait?');
    expect(read?.context).toBe('A colleague, a deadline.');
    expect(read?.valuesInTension).toEqual(['Loyalty', 'Honesty']);
    expect(read?.options).toEqual(['Talk first', 'Report now']);
    expect(read?.status).toBe('resolved');
    expect(read?.decided).toBe('Talked first.');
    expect(read?.learned).toBe('Ask earlier.');
    expect(read?.sharing).toBeNull();
    expect(read?.reflections.map((r) => [r.id, r.date, r.text])).toEqual([
      [earlier.id, '2024-04-30', ''],
      [later.id, '2024-05-02', 'It went well.'],
    ]);
    // A reflection moves to the day the person says, and is read in that order.
    dilemma.setReflectionDate(earlier.id, '2024-05-09');
    expect(dilemma.reflections.map((r) => [r.id, r.date])).toEqual([
      [later.id, '2024-05-02'],
      [earlier.id, '2024-05-09'],
    ]);
    const before = Y.encodeStateAsUpdate(personal.doc);
    expect(() => dilemma.setReflectionDate(earlier.id, '9 May')).toThrow('dateFormat');
    expect(() => dilemma.setReflectionDate('gone', '2024-05-09')).toThrow('reflectionGone');
    expect(Y.encodeStateAsUpdate(personal.doc)).toEqual(before);
    dilemma.removeReflection(earlier.id);
    expect(dilemma.reflections.map((r) => r.id)).toEqual([later.id]);
  });

  it('refuses bad input and changes nothing', () => {
    const personal = new PersonalDoc(new Y.Doc());
    const dilemma = personal.dilemmas.create(creator.id, (d) => d.setTitle('Report or wait?'));
    const before = Y.encodeStateAsUpdate(personal.doc);
    expect(() => dilemma.setTitle(' ')).toThrow('titleRequired');
    expect(() => dilemma.setTitle('d'.repeat(201))).toThrow('titleTooLong');
    expect(() => dilemma.addReflection('yesterday')).toThrow('dateFormat');
    expect(() => dilemma.setStatus('maybe' as DilemmaStatus)).toThrow();
    expect(() => dilemma.setContext('c'.repeat(20_001))).toThrow('textTooLong');
    expect(Y.encodeStateAsUpdate(personal.doc)).toEqual(before);
  });

  it('is private by default: created in the personal document, absent from the community', () => {
    const personal = new PersonalDoc(new Y.Doc());
    const community = Community.create({ name: 'C', creator });
    const dilemma = personal.dilemmas.create(creator.id, (d) => d.setTitle('Report or wait?'));
    expect(personal.dilemmas.has(dilemma.id)).toBe(true);
    expect(community.dilemmas.size).toBe(0);
    expect(Buffer.from(Y.encodeStateAsUpdate(community.doc)).includes('Report or wait?')).toBe(false);
    expect(Y.encodeStateAsUpdate(community.doc).length).toBeLessThan(1000);
  });
});
