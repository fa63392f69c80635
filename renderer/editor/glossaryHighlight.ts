import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Mapping, StepMap } from '@tiptap/pm/transform';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { GlossaryEntry } from '../../shared/model/GlossaryEntry.js';

export interface HighlightTerm {
  readonly id: string;
  readonly term: string;
  readonly names: readonly string[];
  readonly definition: string;
}

/**
 * A glossary as highlight terms: each term under every name it has, in every language, so a
 * story in German or Italian finds the term as well as one in English.
 */
export function highlightTermsOf(entries: readonly GlossaryEntry[]): HighlightTerm[] {
  return entries.map((e) => ({ id: e.id, term: e.term, names: e.allNames, definition: e.definitionText.slice(0, 300) }));
}

export const glossaryHighlightKey = new PluginKey<DecorationSet>('glossaryHighlight');

/** One pattern for all names, longest first so "open space" wins over "space". */
export function termPattern(terms: readonly HighlightTerm[]): { pattern: RegExp; byName: Map<string, HighlightTerm> } | null {
  const byName = new Map<string, HighlightTerm>();
  for (const term of terms) for (const name of term.names) if (name.trim()) byName.set(name.trim().toLocaleLowerCase(), term);
  if (byName.size === 0) return null;
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(${names.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), byName };
}

type CompiledTerms = NonNullable<ReturnType<typeof termPattern>>;

/** The pattern is compiled once per glossary, not once per keystroke. */
function compiler(getTerms: () => readonly HighlightTerm[]): () => CompiledTerms | null {
  let terms: readonly HighlightTerm[] | null = null;
  let compiled: CompiledTerms | null = null;
  return () => {
    const current = getTerms();
    if (current !== terms) {
      terms = current;
      compiled = termPattern(current);
    }
    return compiled;
  };
}

/** Decorations for the names found in the text nodes of `node`, whose content starts at `offset`. */
function findTerms(node: ProseMirrorNode, offset: number, compiled: CompiledTerms): Decoration[] {
  const decorations: Decoration[] = [];
  node.descendants((child, position) => {
    if (!child.isText || !child.text) return;
    for (const match of child.text.matchAll(compiled.pattern)) {
      const term = compiled.byName.get(match[0].toLocaleLowerCase());
      if (!term) continue;
      const from = offset + position + match.index;
      decorations.push(
        Decoration.inline(from, from + match[0].length, {
          class: 'glossary-term',
          'data-term-id': term.id,
          title: `${term.term}: ${term.definition}`,
        }, { termId: term.id }),
      );
    }
  });
  return decorations;
}

function decorate(doc: ProseMirrorNode, compiled: CompiledTerms | null): DecorationSet {
  return compiled ? DecorationSet.create(doc, findTerms(doc, 0, compiled)) : DecorationSet.empty;
}

/**
 * After an edit, only the textblocks that changed are searched again: a 20,000-word
 * story is not rescanned on every keystroke. The changed range comes from comparing the
 * two documents (unchanged nodes are shared, so this is cheap), not from the transaction's
 * steps: a remote edit arrives from the Yjs binding as one step replacing the whole
 * document, which would otherwise drop every highlight.
 */
export function redecorate(previous: DecorationSet, oldDoc: ProseMirrorNode, doc: ProseMirrorNode, compiled: CompiledTerms | null): DecorationSet {
  if (!compiled) return DecorationSet.empty;
  const start = oldDoc.content.findDiffStart(doc.content);
  if (start === null) return previous;
  const end = oldDoc.content.findDiffEnd(doc.content) ?? { a: oldDoc.content.size, b: doc.content.size };
  // The two ends overlap when the text around the change repeats ("aa" → "aaa"); as
  // prosemirror-view's own diff does, move the shorter side's end back to `start`.
  let { a: oldEnd, b: newEnd } = end;
  if (oldEnd < start && oldDoc.content.size < doc.content.size) {
    newEnd = start + (newEnd - oldEnd);
    oldEnd = start;
  } else if (newEnd < start) {
    oldEnd = start + (oldEnd - newEnd);
    newEnd = start;
  }
  let set = previous.map(new Mapping([new StepMap([start, oldEnd - start, newEnd - start])]), doc);
  // Every textblock touching the changed range is searched again, whole.
  const from = Math.max(0, start - 1);
  const to = Math.min(doc.content.size, newEnd + 1);
  doc.nodesBetween(from, to, (node, position) => {
    if (!node.isTextblock) return true;
    set = set.remove(set.find(position, position + node.nodeSize));
    set = set.add(doc, findTerms(node, position + 1, compiled));
    return false;
  });
  return set;
}

/**
 * Highlights the community's glossary terms wherever they appear in rich text. The terms
 * come from a getter so the editor does not restart when the glossary changes; the host
 * dispatches a transaction with this plugin's meta to refresh.
 */
export const GlossaryHighlight = Extension.create<{ getTerms: () => readonly HighlightTerm[] }>({
  name: 'glossaryHighlight',
  addOptions() {
    return { getTerms: () => [] };
  },
  addProseMirrorPlugins() {
    const terms = compiler(this.options.getTerms);
    return [
      new Plugin<DecorationSet>({
        key: glossaryHighlightKey,
        state: {
          init: (_config, state) => decorate(state.doc, terms()),
          apply: (transaction, previous, oldState) => {
            if (transaction.getMeta(glossaryHighlightKey)) return decorate(transaction.doc, terms());
            if (transaction.docChanged) return redecorate(previous, oldState.doc, transaction.doc, terms());
            return previous;
          },
        },
        props: {
          decorations: (state) => glossaryHighlightKey.getState(state),
        },
      }),
    ];
  },
});
