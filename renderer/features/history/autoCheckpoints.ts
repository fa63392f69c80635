import type { Community } from '../../../shared/model/Community.js';
import { AutoCheckpoints } from '../../../shared/model/history/checkpoints.js';

const byCommunity = new WeakMap<Community, AutoCheckpoints>();

/**
 * This device's automatic checkpoints of a community, started the first time a history
 * entry point is shown for it and kept for the session (they are never synced).
 */
export function autoCheckpointsOf(community: Community, memberId: () => string): AutoCheckpoints {
  let auto = byCommunity.get(community);
  if (!auto) {
    auto = new AutoCheckpoints(community, memberId);
    byCommunity.set(community, auto);
  }
  return auto;
}
