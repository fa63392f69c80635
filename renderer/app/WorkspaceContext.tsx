import { createContext, useContext, useEffect, useState } from 'react';
import type { OpenCommunity, Workspace } from './Workspace.js';

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace must be used inside <WorkspaceContext.Provider>');
  return workspace;
}

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: Error };

/** The open community with this id, opening it from storage on first use. */
export function useOpenCommunity(id: string | null): Loadable<OpenCommunity> | null {
  const workspace = useWorkspace();
  // The result is kept with the id it is for, so a switch shows "loading" at once.
  const [state, setState] = useState<{ id: string; result: Loadable<OpenCommunity> } | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    workspace.openCommunity(id).then(
      (value) => live && setState({ id, result: { status: 'ready', value } }),
      (error: unknown) => live && setState({ id, result: { status: 'failed', error: error instanceof Error ? error : new Error(String(error)) } }),
    );
    return () => {
      live = false;
    };
  }, [workspace, id]);
  if (!id) return null;
  return state?.id === id ? state.result : { status: 'loading' };
}
