// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanPastedSlice } from './cleanPaste.js';

// A real TipTap editor (in jsdom) with the paste hook RichTextEditor uses.
const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** jsdom has no ClipboardEvent; ProseMirror only needs an event to hand to the paste handlers. */
const pasteEvent = (): ClipboardEvent => new Event('paste') as ClipboardEvent;

function newEditor(): Editor {
  const editor = new Editor({ element: document.createElement('div'), extensions: [StarterKit], editorProps: { transformPasted: cleanPastedSlice } });
  editors.push(editor);
  return editor;
}

describe('pasting text with characters XML forbids', () => {
  it('drops them from pasted HTML, entities included, and keeps the marks', () => {
    const editor = newEditor();
    editor.view.pasteHTML('<p>Re&#xFFFE;st <strong>is&#1;</strong> work\u000C</p>', pasteEvent());
    expect(editor.getText()).toBe('Rest is work');
    expect(editor.getHTML()).toContain('<strong>is</strong>');
  });

  it('drops them from pasted plain text', () => {
    const editor = newEditor();
    editor.view.pasteText('Care\uFFFF that\uD800 does no harm\u0001', pasteEvent());
    expect(editor.getText()).toBe('Care that does no harm');
  });

  it('leaves ordinary text alone', () => {
    const editor = newEditor();
    editor.view.pasteText('Tab\there, è, 😀', pasteEvent());
    expect(editor.getText()).toBe('Tab\there, è, 😀');
  });
});
