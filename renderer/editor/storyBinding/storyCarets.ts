/**
 * Other people's carets in a story, and ours published for them, through the community's
 * presence (awareness field `cursor: { anchor, head }`, each `Y.relativePositionToJSON` of a
 * position in the story's Y.Text, so it stays right as people type).
 *
 * Presence comes from peers: each caret is checked before use, one that does not resolve in
 * this story is skipped, and nothing that goes wrong while drawing carets ever stops the
 * document binding (its own plugin) from showing edits.
 */
import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { shownColours } from '../../features/connection/presenceColours.js';
import { indexOfPos, posOfIndex, unitsFromDoc, type StorySegment } from './storyUnits.js';

export interface StoryCaretsOptions {
  readonly text: Y.Text | null;
  /** The community's presence, as carets should publish to it (see `quietCaretAwareness`). */
  readonly awareness: Awareness | null;
}

export const storyCaretsKey = new PluginKey<DecorationSet>('storyCarets');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): boolean => value === null || value === undefined || (isRecord(value) && Number.isSafeInteger(value.client) && Number.isSafeInteger(value.clock));

/** Whether a value has the shape of `Y.relativePositionToJSON`'s output. */
export function isRelativePositionJson(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (!isId(value.type) || !isId(value.item)) return false;
  if (value.tname !== undefined && value.tname !== null && typeof value.tname !== 'string') return false;
  if (value.assoc !== undefined && value.assoc !== null && !Number.isSafeInteger(value.assoc)) return false;
  return value.item != null || value.type != null || typeof value.tname === 'string';
}

/** The unit index a caret position points at in this text, or null. */
function resolve(value: unknown, text: Y.Text): number | null {
  if (!isRelativePositionJson(value)) return null;
  const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(value), text.doc as Y.Doc);
  return absolute && absolute.type === text ? absolute.index : null;
}

const colourPattern = /^#[0-9a-fA-F]{6}$/;

export interface RemoteCaret {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly anchor: number;
  readonly head: number;
}

/** The carets of others that point into this text, as unit indices. */
export function remoteCarets(awareness: Awareness, text: Y.Text): RemoteCaret[] {
  const carets: RemoteCaret[] = [];
  // Two people who chose one colour are told apart: each caret in the colour it is shown in.
  const shown = shownColours(awareness.getStates());
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID || !isRecord(state)) return;
    const { user, cursor } = state;
    if (!isRecord(user) || !isRecord(cursor)) return;
    const name = typeof user.name === 'string' ? user.name.slice(0, 60) : '';
    const chosen = typeof user.color === 'string' && colourPattern.test(user.color) ? user.color : '#767676';
    const color = shown.get(clientId) ?? chosen;
    try {
      const anchor = resolve(cursor.anchor, text);
      const head = resolve(cursor.head, text);
      if (anchor !== null && head !== null) carets.push({ clientId, name, color, anchor, head });
    } catch {
      // A position that Yjs cannot read: that caret is not drawn.
    }
  });
  return carets;
}

function caretElement(view: EditorView | null, caret: RemoteCaret): HTMLElement {
  const document = view?.dom.ownerDocument ?? globalThis.document;
  const element = document.createElement('span');
  element.className = 'collaboration-carets__caret';
  element.style.borderColor = caret.color;
  const label = document.createElement('div');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = caret.color;
  label.textContent = caret.name;
  element.append(label);
  return element;
}

function decorate(doc: ProseMirrorNode, awareness: Awareness, text: Y.Text, view: EditorView | null): DecorationSet {
  const segments: StorySegment[] = [];
  unitsFromDoc(doc, segments);
  const max = doc.content.size;
  const decorations: Decoration[] = [];
  for (const caret of remoteCarets(awareness, text)) {
    const head = Math.min(max, posOfIndex(segments, caret.head));
    const anchor = Math.min(max, posOfIndex(segments, caret.anchor));
    decorations.push(Decoration.widget(head, () => caretElement(view, caret), { key: `caret-${caret.clientId}-${caret.name}-${caret.color}`, side: 10 }));
    if (anchor !== head) {
      decorations.push(Decoration.inline(Math.min(anchor, head), Math.max(anchor, head), { style: `background-color: ${caret.color}70`, class: 'ProseMirror-yjs-selection' }));
    }
  }
  return DecorationSet.create(doc, decorations);
}

/** Our caret as relative positions in the text. */
export function caretOf(state: EditorState, text: Y.Text): { anchor: unknown; head: unknown } {
  const segments: StorySegment[] = [];
  unitsFromDoc(state.doc, segments);
  const at = (pos: number): unknown => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, Math.min(text.length, indexOfPos(segments, pos))));
  return { anchor: at(state.selection.anchor), head: at(state.selection.head) };
}

export const StoryCarets = Extension.create<StoryCaretsOptions>({
  name: 'storyCarets',

  addOptions() {
    return { text: null, awareness: null };
  },

  addProseMirrorPlugins() {
    const { text, awareness } = this.options;
    if (!text || !awareness) return [];
    let view: EditorView | null = null;
    const draw = (doc: ProseMirrorNode): DecorationSet => {
      try {
        return decorate(doc, awareness, text, view);
      } catch (error) {
        console.warn('Carets not drawn:', error);
        return DecorationSet.empty;
      }
    };
    return [
      new Plugin<DecorationSet>({
        key: storyCaretsKey,
        state: {
          init: (_, state) => draw(state.doc),
          apply: (tr, previous, _old, state) => (tr.docChanged || tr.getMeta(storyCaretsKey) ? draw(state.doc) : previous),
        },
        props: {
          decorations: (state) => storyCaretsKey.getState(state),
          handleDOMEvents: {
            blur: () => {
              awareness.setLocalStateField('cursor', null);
              return false;
            },
          },
        },
        view: (editorView) => {
          view = editorView;
          const redraw = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
            if (view?.isDestroyed) return;
            const others = [...added, ...updated, ...removed].some((id) => id !== awareness.clientID);
            if (others) view?.dispatch(view.state.tr.setMeta(storyCaretsKey, true).setMeta('addToHistory', false));
          };
          awareness.on('change', redraw);
          return {
            update: (v, previous) => {
              if (!v.hasFocus()) return;
              if (previous.selection.eq(v.state.selection) && previous.doc.eq(v.state.doc) && awareness.getLocalState()?.cursor) return;
              try {
                awareness.setLocalStateField('cursor', caretOf(v.state, text));
              } catch (error) {
                console.warn('Caret not published:', error);
              }
            },
            destroy: () => {
              awareness.off('change', redraw);
              view = null;
            },
          };
        },
      }),
    ];
  },
});
