/**
 * Replicas for the concurrent trace replay (replay.ts) that are real TipTap editors, one
 * per agent, each bound by the story binding to its own Y.Doc's story text. Each
 * transaction is typed into the agent's editor (a "\n" is a split, a deleted "\n" a join)
 * and the binding writes it to the text; other agents' changes reach each editor through
 * the binding. Needs a DOM (jsdom).
 */
import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { posOfIndex, unitsFromDoc, type StorySegment } from '../../renderer/editor/storyBinding/storyUnits.js';
import { createStoryEditor } from '../fuzz/editorHarness.js';
import { codePointToUtf16, type Patch, type ReplicaKind } from './replay.js';

export interface EditorReplica {
  readonly doc: Y.Doc;
  readonly text: Y.Text;
  readonly editor: Editor;
}

/** Every editor opened for replicas, to check and close after a replay. */
export const opened: Editor[] = [];

/**
 * The editor's text as plain text: its lines joined by "\n". (The story text itself ends
 * each line with "\n", so a plain text ending with "\n", an empty last line, is stored with
 * one more.)
 */
export function editorText(replica: EditorReplica): string {
  const { doc } = replica.editor.state;
  return doc.textBetween(0, doc.content.size, '\n');
}

function segmentsOf(doc: ProseMirrorNode): StorySegment[] {
  const segments: StorySegment[] = [];
  unitsFromDoc(doc, segments);
  return segments;
}

/** Types one transaction's patches into the editor, as one editor transaction. */
export function typePatches(replica: EditorReplica, patches: readonly Patch[], astral: boolean): void {
  const { editor } = replica;
  const tr = editor.state.tr;
  for (const [position, deleteCount, insert] of patches) {
    let plain = unitsFromDoc(tr.doc).map((unit) => (unit.kind === 'char' ? unit.char : '\n')).join('');
    const at = astral ? codePointToUtf16(plain, position) : position;
    if (deleteCount > 0) {
      const end = astral ? at + codePointToUtf16(plain.slice(at), deleteCount) : at + deleteCount;
      const segments = segmentsOf(tr.doc);
      tr.replace(posOfIndex(segments, at), posOfIndex(segments, end));
      plain = plain.slice(0, at) + plain.slice(end);
    }
    let index = at;
    for (const [i, piece] of insert.split('\n').entries()) {
      if (i > 0) {
        tr.split(posOfIndex(segmentsOf(tr.doc), index));
        index++;
      }
      if (piece) {
        tr.insertText(piece, posOfIndex(segmentsOf(tr.doc), index));
        index += piece.length;
      }
    }
  }
  editor.view.dispatch(tr);
}

export const editorReplicas: ReplicaKind<EditorReplica> = {
  replica: (clientID) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    const text = doc.getText('story');
    const editor = createStoryEditor(text);
    opened.push(editor);
    return { doc, text, editor };
  },
  doc: (replica) => replica.doc,
  apply: typePatches,
  read: editorText,
};

