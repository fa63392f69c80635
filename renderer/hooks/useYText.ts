import { useCallback, useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import * as Y from 'yjs';

/** The text of a Y.Text, re-rendering on every change (typed here or by someone else). */
export function useYTextValue(text: Y.Text): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      text.observe(onChange);
      return () => text.unobserve(onChange);
    },
    [text],
  );
  return useSyncExternalStore(subscribe, () => text.toJSON());
}

type Input = HTMLInputElement | HTMLTextAreaElement;

interface Caret {
  readonly start: Y.RelativePosition;
  readonly end: Y.RelativePosition;
}

/**
 * Binds an <input> or <textarea> to a Y.Text (14.3): every input event writes (through
 * `write`, which validates and diffs old and new into a delete and an insert), and the
 * caret is kept as a Yjs relative position, so text another person types before it moves
 * it along instead of throwing it to the end.
 */
export function useYTextInput<E extends Input>(text: Y.Text, write: (value: string) => void): { value: string; ref: RefObject<E | null>; onChange: (value: string) => void; onSelect: () => void } {
  const value = useYTextValue(text);
  const ref = useRef<E | null>(null);
  const caret = useRef<Caret | null>(null);
  const remember = useCallback(() => {
    const input = ref.current;
    if (!input || !text.doc || input.ownerDocument.activeElement !== input) return;
    caret.current = {
      start: Y.createRelativePositionFromTypeIndex(text, input.selectionStart ?? 0),
      end: Y.createRelativePositionFromTypeIndex(text, input.selectionEnd ?? 0),
    };
  }, [text]);
  useLayoutEffect(() => {
    const input = ref.current;
    const saved = caret.current;
    if (!input || !saved || !text.doc || input.ownerDocument.activeElement !== input) return;
    const start = Y.createAbsolutePositionFromRelativePosition(saved.start, text.doc);
    const end = Y.createAbsolutePositionFromRelativePosition(saved.end, text.doc);
    if (start && end && (input.selectionStart !== start.index || input.selectionEnd !== end.index)) input.setSelectionRange(start.index, end.index);
  }, [value, text]);
  const onChange = useCallback(
    (next: string) => {
      write(next);
      remember();
    },
    [write, remember],
  );
  return { value, ref, onChange, onSelect: remember };
}
