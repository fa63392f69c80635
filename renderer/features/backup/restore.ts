import type { DecodedBackup } from '../../../shared/backup/backupFile.js';
import type { OpenCommunity, Workspace } from '../../app/Workspace.js';

/** Adds a community from a backup to this device (see `Workspace.restoreCommunity`). */
export function restoreCommunity(workspace: Workspace, backup: DecodedBackup): Promise<OpenCommunity> {
  return workspace.restoreCommunity(backup);
}

/** Whether this device already has the community a backup is of. */
export function knowsCommunity(workspace: Workspace, communityId: string): boolean {
  return workspace.personal.communities.some((membership) => membership.id === communityId);
}
