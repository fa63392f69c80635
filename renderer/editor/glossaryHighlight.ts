import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface HighlightTerm {
  readonly id: string;
  readonly term: string;
  readonly names: readonly string[];
  readonly definition: string;
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

function decorate(doc: ProseMirrorNode, terms: readonly HighlightTerm[]): DecorationSet {
  const compiled = termPattern(terms);
  if (!compiled) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.descendants((node, position) => {
    if (!node.isText || !node.text) return;
    for (const match of node.text.matchAll(compiled.pattern)) {
      const term = compiled.byName.get(match[0].toLocaleLowerCase());
      if (!term) continue;
      decorations.push(
        Decoration.inline(position + match.index, position + match.index + match[0].length, {
          class: 'glossary-term',
          'data-term-id': term.id,
          title: `${term.term}: ${term.definition}`,
        }, { termId: term.id }),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
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
    const getTerms = this.options.getTerms;
    return [
      new Plugin<DecorationSet>({
        key: glossaryHighlightKey,
        state: {
          init: (_config, state) => decorate(state.doc, getTerms()),
          apply: (transaction, previous) =>
            transaction.docChanged || transaction.getMeta(glossaryHighlightKey) ? decorate(transaction.doc, getTerms()) : previous.map(transaction.mapping, transaction.doc),
        },
        props: {
          decorations: (state) => glossaryHighlightKey.getState(state),
        },
      }),
    ];
  },
});
