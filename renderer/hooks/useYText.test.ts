// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceText } from '../../shared/model/textFields.js';
import { useYTextInput } from './useYText.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Field({ text }: { text: Y.Text }) {
  const input = useYTextInput<HTMLInputElement>(text, (value) => text.doc?.transact(() => replaceText(text, value)));
  return createElement('input', { 'aria-label': 'Place', ref: input.ref, value: input.value, onSelect: input.onSelect, onChange: (e: { target: { value: string } }) => input.onChange(e.target.value) });
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function mount(text: Y.Text): HTMLInputElement {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(createElement(Field, { text })));
  cleanup = () => {
    act(() => root.unmount());
    host.remove();
  };
  return host.querySelector('input') as HTMLInputElement;
}

describe('useYTextInput', () => {
  it('keeps the caret by the same characters when someone else types before it', () => {
    const doc = new Y.Doc();
    const text = doc.getText('place');
    text.insert(0, 'the old school', {});
    const input = mount(text);
    expect(input.value).toBe('the old school');
    input.focus();
    input.setSelectionRange(8, 8);
    // A key released after moving the caret: React reports the selection (onSelect).
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true }));
    });
    // Another person's edit arrives: six characters before the caret.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.getText('place').insert(0, 'Near ', {});
    act(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc))));
    expect(input.value).toBe('Near the old school');
    expect([input.selectionStart, input.selectionEnd]).toEqual([13, 13]);
  });
});
