import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * Actions whose dialog belongs to a part of the screen (the community's tools, the sidebar,
 * the open story), which the command palette can ask for. The part that owns the dialog
 * answers while it is shown, so the palette offers only what can happen now and the dialog
 * opens exactly as if its own button had been pressed.
 */
export const requestableActions = ['export', 'import', 'backup', 'restore', 'invite', 'history', 'trash'] as const;
export type RequestableAction = (typeof requestableActions)[number];

const answering = new Map<RequestableAction, (() => void)[]>();
const watchers = new Set<() => void>();
let version = 0;

function changed(): void {
  version += 1;
  for (const watcher of watchers) watcher();
}

/** Asks the part that answers `action` (the most recently shown) to open its dialog; false if none does. */
export function requestAction(action: RequestableAction): boolean {
  const handler = answering.get(action)?.at(-1);
  handler?.();
  return handler !== undefined;
}

/** Answers `action` with `open` while the calling component is shown. */
export function useAnswerAction(action: RequestableAction, open: () => void): void {
  const latest = useRef(open);
  useEffect(() => {
    latest.current = open;
  });
  useEffect(() => {
    const handler = (): void => latest.current();
    answering.set(action, [...(answering.get(action) ?? []), handler]);
    changed();
    return () => {
      answering.set(
        action,
        (answering.get(action) ?? []).filter((h) => h !== handler),
      );
      changed();
    };
  }, [action]);
}

/** Which actions something on screen answers now; re-renders when that changes. */
export function useAnsweredActions(): ReadonlySet<RequestableAction> {
  useSyncExternalStore(
    (onChange) => {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
    () => version,
  );
  return new Set(requestableActions.filter((action) => (answering.get(action)?.length ?? 0) > 0));
}

/** `useAnswerAction` where it must be conditional: answers while rendered. */
export function AnswerAction({ action, open }: { action: RequestableAction; open: () => void }): null {
  useAnswerAction(action, open);
  return null;
}
