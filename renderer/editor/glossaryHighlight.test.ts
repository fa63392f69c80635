import { getSchema } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { DecorationSet } from '@tiptap/pm/view';
import StarterKit from '@tiptap/starter-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redecorate, termPattern, type HighlightTerm } from './glossaryHighlight.js';

const schema = getSchema([StarterKit]);
const terms: HighlightTerm[] = [
  { id: 'g1', term: 'holding space', names: ['holding space'], definition: 'Staying with.' },
  { id: 'g2', term: 'space', names: ['space', 'spaces'], definition: 'Room.' },
  { id: 'g3', term: 'harvest', names: ['harvest', 'raccolta'], definition: 'Gathering.' },
];
const compiled = termPattern(terms);

const paragraph = (text: string): ProseMirrorNode => schema.node('paragraph', null, text ? [schema.text(text)] : []);
const docOf = (texts: readonly string[]): ProseMirrorNode => schema.node('doc', null, texts.map(paragraph));

/** What a full scan finds, as comparable triples. */
function found(set: DecorationSet, doc: ProseMirrorNode): string[] {
  return set
    .find(0, doc.content.size)
    .map((d) => `${d.from}-${d.to}:${(d.spec as { termId: string }).termId}`)
    .sort();
}
const fullScan = (doc: ProseMirrorNode): string[] => found(redecorate(DecorationSet.empty, schema.node('doc', null, [paragraph('')]), doc, compiled), doc);

describe('glossary highlighting after an edit', () => {
  it('finds terms in a changed paragraph and keeps the others where they moved', () => {
    const before = docOf(['We were holding space.', 'The harvest came later.']);
    const all = fullScan(before);
    expect(all).toHaveLength(2);
    const after = docOf(['We were holding space and spaces.', 'The harvest came later.']);
    const set = redecorate(redecorate(DecorationSet.empty, docOf(['']), before, compiled), before, after, compiled);
    expect(found(set, after)).toEqual(fullScan(after));
    expect(found(set, after)).toHaveLength(3);
  });

  it('drops a highlight when the term is broken by typing inside it', () => {
    const before = docOf(['A harvest.']);
    const after = docOf(['A harvXest.']);
    const set = redecorate(redecorate(DecorationSet.empty, docOf(['']), before, compiled), before, after, compiled);
    expect(found(set, after)).toEqual([]);
  });

  it('is the same as scanning everything again, for any sequence of edits (property)', () => {
    const words = ['holding', 'space', 'spaces', 'harvest', 'raccolta', 'a', 'aa', 'the', 'we', ' ', '.'];
    const text = fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((parts) => parts.join(' '));
    const edit = fc.record({ paragraph: fc.nat(), at: fc.nat(), remove: fc.nat({ max: 6 }), insert: text, split: fc.boolean() });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), fc.array(edit, { maxLength: 20 }), (initial, edits) => {
        let texts = [...initial];
        let doc = docOf(texts);
        let set = redecorate(DecorationSet.empty, docOf(['']), doc, compiled);
        for (const change of edits) {
          const index = change.paragraph % texts.length;
          const current = texts[index] ?? '';
          const at = change.at % (current.length + 1);
          const changed = current.slice(0, at) + change.insert + current.slice(at + change.remove);
          texts = change.split
            ? [...texts.slice(0, index), changed.slice(0, at), changed.slice(at), ...texts.slice(index + 1)]
            : [...texts.slice(0, index), changed, ...texts.slice(index + 1)];
          // A new document from scratch, as the Yjs binding's remote updates are (one step over everything).
          const next = docOf(texts);
          set = redecorate(set, doc, next, compiled);
          doc = next;
          expect(found(set, doc)).toEqual(fullScan(doc));
        }
      }),
      { numRuns: 300 },
    );
  });
});
