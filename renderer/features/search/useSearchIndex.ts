import { useEffect, useMemo } from 'react';
import { SearchIndex } from '../../../shared/search/SearchIndex.js';
import type { Workspace } from '../../app/Workspace.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';

/**
 * One search index for the whole workspace: every community this device knows, plus the
 * personal document's private dilemmas and harvests (searchable here, never synced).
 */
export function useSearchIndex(workspace: Workspace): SearchIndex {
  const index = useMemo(() => new SearchIndex(afterTypingPauses()), []);
  const communityIds = useDocSnapshot(workspace.personal, () => workspace.personal.communities.map((c) => c.id).join(','));

  useEffect(() => {
    const personal = workspace.personal;
    return index.addSource({ communityId: '', isPrivate: true, collections: [personal.dilemmas, personal.privateHarvests] });
  }, [index, workspace]);

  useEffect(() => {
    const stops: (() => void)[] = [];
    let live = true;
    for (const id of communityIds.split(',').filter(Boolean)) {
      void workspace.openCommunity(id).then(({ community }) => {
        if (!live) return;
        stops.push(index.addSource({ communityId: id, isPrivate: false, collections: [community.glossary, community.harvests, community.dilemmas, community.resourceLists] }));
      });
    }
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, [index, workspace, communityIds]);

  return index;
}

/**
 * Re-index once typing pauses, when the browser is idle: re-indexing a 20,000-word story
 * takes tens of milliseconds, which inside each keystroke made typing lag (docs/PERFORMANCE.md).
 */
function afterTypingPauses(pauseMs = 700): (flush: () => void) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (flush) => {
    clearTimeout(timer);
    timer = setTimeout(() => requestIdleCallback(flush, { timeout: 2000 }), pauseMs);
  };
}
