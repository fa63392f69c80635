import { useEffect, useMemo, useState } from 'react';
import { RelatedAcross } from '../../../shared/model/crossPollination.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';

/**
 * Every community this person has on this device, opened (the search index opens them
 * all anyway), and a version that changes whenever any of them changes.
 */
export function useMyCommunities(): { communities: readonly OpenCommunity[]; version: number } {
  const workspace = useWorkspace();
  const ids = useDocSnapshot(workspace.personal, () => workspace.personal.communities.map((c) => c.id).join(','));
  const [communities, setCommunities] = useState<readonly OpenCommunity[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void Promise.allSettled(
      ids
        .split(',')
        .filter(Boolean)
        .map((id) => workspace.openCommunity(id)),
    ).then((results) => {
      if (live) setCommunities(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    });
    return () => {
      live = false;
    };
  }, [workspace, ids]);
  useEffect(() => {
    const stops = communities.map(({ community }) => community.observe(() => setVersion((v) => v + 1)));
    return () => {
      for (const stop of stops) stop();
    };
  }, [communities]);
  return { communities, version };
}

/** Which terms and resource lists are also in another of this person's communities. */
export function useRelatedAcross(): { related: RelatedAcross; communities: readonly OpenCommunity[] } {
  const { communities, version } = useMyCommunities();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version stands for the communities' contents
  const related = useMemo(() => new RelatedAcross(communities.map((opened) => opened.community)), [communities, version]);
  return { related, communities };
}
