import { createContext, useContext } from 'react';
import { useChangeCount } from '../../hooks/useDocSnapshot.js';
import type { CommunitySync, PresentMember, SyncStatus } from '../../transport/CommunitySync.js';

/** The open community's sync, for components deep in a community (editors, presence). */
export const CommunitySyncContext = createContext<CommunitySync | null>(null);

export function useCommunitySync(): CommunitySync | null {
  return useContext(CommunitySyncContext);
}

const offline: SyncStatus = { state: 'offline', peers: 0, relay: 'none', largeSession: false };

export function useSyncStatus(sync: CommunitySync | null): SyncStatus {
  useChangeCount(sync);
  return sync ? sync.status() : offline;
}

export function usePresence(sync: CommunitySync | null): PresentMember[] {
  useChangeCount(sync);
  return sync ? sync.present() : [];
}
