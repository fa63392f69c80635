import { useCallback, useRef, useSyncExternalStore } from 'react';

/**
 * Reads a value from the document model and re-renders when the model changes.
 * The model stays free of React: it only offers `observe(listener) => unsubscribe`.
 * A change counter is the store's snapshot, so `read` may build fresh objects safely.
 */
export function useDocSnapshot<T>(model: { observe(listener: () => void): () => void }, read: () => T): T {
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) =>
      model.observe(() => {
        version.current += 1;
        onChange();
      }),
    [model],
  );
  useSyncExternalStore(subscribe, () => version.current);
  return read();
}
