import * as Y from 'yjs';
import type { PersistedDoc } from '../storage/openPersistedDoc.js';
import type { Workspace } from './Workspace.js';

declare global {
  interface Window {
    __commonplace?: {
      readonly workspace: Workspace;
      /**
       * Applies an update to a community as if it had been stored before the peer guard
       * existed: how a test plants hostile content that a community may already hold.
       */
      readonly plantUpdate: (communityId: string, update: readonly number[]) => Promise<void>;
      /**
       * Resolves once every edit made so far, to the personal document and to each community
       * opened, has committed to IndexedDB: what a test waits for before a reload, instead
       * of guessing how long storage takes.
       */
      readonly whenStored: () => Promise<void>;
    };
  }
}

/**
 * End-to-end tests drive sync internals (a malicious peer, storage sizes) through this
 * handle. It exists only when the page was opened with `#commonplace-test-hooks` in
 * sessionStorage, which only a test (or someone at this device's devtools) can set.
 */
export function exposeTestHooks(workspace: Workspace, personal: PersistedDoc): void {
  if (sessionStorage.getItem('commonplace-test-hooks') !== '1') return;
  window.__commonplace = {
    workspace,
    plantUpdate: async (communityId, update) => {
      const opened = await workspace.openCommunity(communityId);
      Y.applyUpdate(opened.community.doc, Uint8Array.from(update));
      // Planted content must be on disk before a test reloads: storage writes after the paint.
      await opened.stored.whenStored();
    },
    whenStored: async () => {
      const communities = await workspace.openedSoFar();
      await Promise.all([personal.whenStored(), ...communities.map((opened) => opened.stored.whenStored())]);
    },
  };
}
