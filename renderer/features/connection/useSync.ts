import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react';
import type { CommunitySync, PresentMember, SyncStatus } from '../../transport/CommunitySync.js';

/** The open community's sync, for components deep in a community (editors, presence). */
export const CommunitySyncContext = createContext<CommunitySync | null>(null);

export function useCommunitySync(): CommunitySync | null {
  return useContext(CommunitySyncContext);
}

const offline: SyncStatus = { state: 'offline', peers: 0, relay: 'none', largeSession: false };

/** Re-renders on any change of the sync (status, peers, presence). */
function useSyncVersion(sync: CommunitySync | null): void {
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) =>
      sync
        ? sync.observe(() => {
            version.current += 1;
            onChange();
          })
        : () => undefined,
    [sync],
  );
  useSyncExternalStore(subscribe, () => version.current);
}

export function useSyncStatus(sync: CommunitySync | null): SyncStatus {
  useSyncVersion(sync);
  return sync ? sync.status() : offline;
}

export function usePresence(sync: CommunitySync | null): PresentMember[] {
  useSyncVersion(sync);
  return sync ? sync.present() : [];
}
