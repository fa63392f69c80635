import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** What the model offers React: a listener that runs on each change, and a way to stop. */
export interface Observable {
  observe(listener: () => void): () => void;
}

/**
 * A Yjs type (a story's Y.Text, an entry's Y.Map) as an Observable: typing in it is not a
 * change its document's model reports. `deep` follows the types inside it too.
 */
export function observableType(type: Y.AbstractType<any>, { deep = false } = {}): Observable { // eslint-disable-line @typescript-eslint/no-explicit-any -- any Yjs type: Y.Text, Y.Map<…>
  return {
    observe(listener) {
      if (deep) {
        type.observeDeep(listener);
        return () => type.unobserveDeep(listener);
      }
      type.observe(listener);
      return () => type.unobserve(listener);
    },
  };
}

/**
 * A number that grows each time `model` reports a change, re-rendering with it: the one way
 * a component follows something that changes outside React (a document, the sync, this
 * device's checkpoints). With `throttleMs`, changes that come in a burst (remote keystrokes)
 * count once at most that often. `null` follows nothing.
 */
export function useChangeCount(model: Observable | null, throttleMs = 0): number {
  const count = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!model) return () => undefined;
      const bump = (): void => {
        count.current += 1;
        onChange();
      };
      if (throttleMs <= 0) return model.observe(bump);
      let timer: ReturnType<typeof setTimeout> | null = null;
      const off = model.observe(() => {
        timer ??= setTimeout(() => {
          timer = null;
          bump();
        }, throttleMs);
      });
      return () => {
        off();
        if (timer) clearTimeout(timer);
      };
    },
    [model, throttleMs],
  );
  return useSyncExternalStore(subscribe, () => count.current);
}

/**
 * Reads a value from the document model and re-renders when the model changes.
 * The model stays free of React: it only offers `observe(listener) => unsubscribe`.
 * A change count is the store's snapshot, so `read` may build fresh objects safely.
 */
export function useDocSnapshot<T>(model: Observable, read: () => T): T {
  useChangeCount(model);
  return read();
}
