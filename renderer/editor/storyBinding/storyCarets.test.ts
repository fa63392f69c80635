// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { linesOf, Mesh, placeCaret, posAfter, type } from '../../../tests/fuzz/editorHarness.js';
import { storyExtensions } from '../storyExtensions.js';
import { storyContent } from './storyBinding.js';
import { remoteCarets } from './storyCarets.js';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function withPresence(text: Y.Text, awareness: Awareness): Editor {
  const editor = new Editor({
    element: document.body.appendChild(document.createElement('div')),
    extensions: storyExtensions({ text, getTerms: () => [], awareness, undoCaptureTimeout: 0 }),
    content: storyContent(text),
  });
  editors.push(editor);
  return editor;
}

/** B's presence as A receives it, with whatever caret B's state holds. */
function receive(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'peer');
}

describe('story carets', () => {
  it('draws another person\'s caret with their name where it points, and keeps it there as others type', () => {
    const mesh = new Mesh(2, (text) => text.insert(0, 'hello world\n', {}));
    const mine = new Awareness(mesh.docs[0]!);
    const theirs = new Awareness(mesh.docs[1]!);
    theirs.setLocalStateField('user', { name: 'Bea', color: '#2557a7', memberId: 'b' });
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(mesh.text(1), 5)) as unknown;
    theirs.setLocalStateField('cursor', { anchor: at, head: at });
    const a = withPresence(mesh.text(0), mine);
    receive(theirs, mine);
    const caret = a.view.dom.querySelector('.collaboration-carets__caret');
    expect(caret?.textContent).toBe('Bea');
    expect(remoteCarets(mine, mesh.text(0))).toMatchObject([{ name: 'Bea', anchor: 5, head: 5 }]);
    placeCaret(a, 1);
    type(a, '>>');
    expect(remoteCarets(mine, mesh.text(0))).toMatchObject([{ anchor: 7, head: 7 }]);
  });

  it.each([
    ['null positions', () => ({ anchor: null, head: null })],
    ['numbers', () => ({ anchor: 3, head: 4 })],
    ['a made-up item', () => ({ anchor: { item: { client: 'x', clock: 1 } }, head: {} })],
    ['a position in another text', (elsewhere: unknown) => ({ anchor: elsewhere, head: elsewhere })],
  ])('skips a caret with %s and keeps showing remote edits', (_, cursor) => {
    const mesh = new Mesh(2, (text) => text.insert(0, 'hello\n', {}));
    const mine = new Awareness(mesh.docs[0]!);
    const theirs = new Awareness(mesh.docs[1]!);
    theirs.setLocalStateField('user', { name: 'Bea', color: '#2557a7', memberId: 'b' });
    const elsewhere = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(mesh.docs[1]!.getText('definition'), 0)) as unknown;
    theirs.setLocalStateField('cursor', cursor(elsewhere));
    const a = withPresence(mesh.text(0), mine);
    receive(theirs, mine);
    expect(a.view.dom.querySelector('.collaboration-carets__caret')).toBeNull();
    const b = withPresence(mesh.text(1), new Awareness(mesh.docs[1]!));
    placeCaret(b, posAfter(b, 'hello'));
    type(b, ' there');
    mesh.deliver(1, 0);
    expect(linesOf(a)).toEqual(['hello there']);
  });
});
