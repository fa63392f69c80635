import type { Workspace } from './Workspace.js';

declare global {
  interface Window {
    __commonplace?: { readonly workspace: Workspace };
  }
}

/**
 * End-to-end tests drive sync internals (a malicious peer, storage sizes) through this
 * handle. It exists only when the page was opened with `#commonplace-test-hooks` in
 * sessionStorage, which only a test (or someone at this device's devtools) can set.
 */
export function exposeTestHooks(workspace: Workspace): void {
  if (sessionStorage.getItem('commonplace-test-hooks') === '1') window.__commonplace = { workspace };
}
