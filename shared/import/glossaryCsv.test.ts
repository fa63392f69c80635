import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from '../model/Community.js';
import { applyGlossaryImport, parseGlossaryCsv } from './glossaryCsv.js';
import { CommonplaceError } from '../CommonplaceError.js';

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const newCommunity = (): Community => Community.create({ name: 'Care network', creator: amira });

describe('parseGlossaryCsv', () => {
  it('reads English headers in any case, names split on ; or |, with line numbers', () => {
    const csv = 'TERM,Definition,Other Names,Related\nHolding space,"Being present,\nwithout judgement",Space holding; holding,Circle\n\nCircle,Sitting together,Talking circle | Round,Holding space\n';
    const preview = parseGlossaryCsv(csv);
    expect(preview.problems).toEqual([]);
    expect(preview.rows).toEqual([
      { line: 2, term: 'Holding space', definition: 'Being present,\nwithout judgement', otherNames: ['Space holding', 'holding'], related: ['Circle'] },
      { line: 5, term: 'Circle', definition: 'Sitting together', otherNames: ['Talking circle', 'Round'], related: ['Holding space'] },
    ]);
  });

  it('reads Italian headers and a semicolon-separated file', () => {
    const preview = parseGlossaryCsv('Termine;Definizione;Altri nomi;Termini correlati\nCerchio;Stare insieme;Circolo|Giro;\n');
    expect(preview.rows).toEqual([{ line: 2, term: 'Cerchio', definition: 'Stare insieme', otherNames: ['Circolo', 'Giro'], related: [] }]);
  });

  it('reports missing terms, overlong fields, duplicates and unknown related terms', () => {
    const community = newCommunity();
    community.glossary.create(amira.id, (e) => e.setTerm('Existing'));
    const csv = [
      'term,definition,related',
      ',orphan definition,',
      `${'x'.repeat(201)},too long,`,
      `Long definition,${'y'.repeat(20_001)},`,
      'Circle,first,Nowhere',
      'circle,again,',
      'existing,already here,',
      'Fine,ok,Existing',
    ].join('\n');
    const preview = parseGlossaryCsv(csv, { community });
    expect(preview.rows.map((r) => r.term)).toEqual(['Circle', 'Fine']);
    expect(preview.problems.map((p) => [p.line, p.reason, p.severity])).toEqual([
      [2, 'missing-term', 'error'],
      [3, 'term-too-long', 'error'],
      [4, 'definition-too-long', 'error'],
      [5, 'unknown-related', 'warning'],
      [6, 'duplicate-in-file', 'error'],
      [7, 'already-in-glossary', 'error'],
    ]);
    expect(preview.problems[3]?.detail).toBe('Nowhere');
  });

  it('says so when there is no term column, and refuses binary or huge files', () => {
    expect(parseGlossaryCsv('name,meaning\na,b').problems).toEqual([expect.objectContaining({ line: 1, reason: 'no-term-column' })]);
    expect(() => parseGlossaryCsv(new Uint8Array([0x74, 0x00, 0x65]))).toThrow(CommonplaceError);
    expect(() => parseGlossaryCsv('term\n' + 'a'.repeat(5 * 1024 * 1024))).toThrow('importTooLarge');
  });

  it('reports a malformed row without losing the others', () => {
    const preview = parseGlossaryCsv('term,definition\nGood,fine\n"Bad"x,"unterminated\n');
    expect(preview.rows.map((r) => r.term)).toEqual(['Good']);
    expect(preview.problems.map((p) => p.reason)).toEqual(['malformed-row']);
  });
});

describe('applyGlossaryImport', () => {
  it('creates entries and links related terms (to each other and to existing ones) in one transaction', () => {
    const community = newCommunity();
    const existing = community.glossary.create(amira.id, (e) => e.setTerm('Existing'));
    const preview = parseGlossaryCsv('term,definition,other names,related\nHolding space,Being present.,Space holding,Circle;Existing\nCircle,Sitting together.,,\n', { community });
    let updates = 0;
    community.doc.on('update', () => (updates += 1));
    const result = applyGlossaryImport(community, preview, amira.id);
    expect(updates).toBe(1);
    expect(result.created.map((e) => e.term)).toEqual(['Holding space', 'Circle']);
    expect(result.linked).toBe(2);
    const holding = community.termsNamed('space holding')[0]!;
    expect(holding.definitionText).toBe('Being present.');
    expect(community.relatedTerms(holding.id).map((t) => t.term)).toEqual(['Circle', 'Existing']);
    expect(community.relatedTerms(existing.id).map((t) => t.term)).toEqual(['Holding space']);
    // Imported, not typed: not on this person's undo stack.
    const undo = community.createUndoManager();
    expect(undo.undoStack.length).toBe(0);
  });

  it('skips terms added since the preview, and refuses an edited preview with invalid fields, changing nothing', () => {
    const community = newCommunity();
    const preview = parseGlossaryCsv('term,definition\nCircle,one\nOther,two\n');
    community.glossary.create(amira.id, (e) => e.setTerm('Circle'));
    const result = applyGlossaryImport(community, preview, amira.id);
    expect(result.skipped).toEqual([{ line: 2, term: 'Circle' }]);
    expect(result.created.map((e) => e.term)).toEqual(['Other']);

    const before = Y.encodeStateAsUpdate(community.doc);
    const tampered = { rows: [...preview.rows, { line: 9, term: 'x'.repeat(300), definition: '', otherNames: [], related: [] }], problems: [] };
    expect(() => applyGlossaryImport(community, tampered, amira.id)).toThrow('titleTooLong');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });
});
