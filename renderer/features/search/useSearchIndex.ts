import { useEffect, useMemo } from 'react';
import { SearchIndex, type SearchWork } from '../../../shared/search/SearchIndex.js';
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
 * Index once typing pauses, in idle slices: re-indexing a 20,000-word story takes tens of
 * milliseconds, which inside each keystroke made typing lag, and indexing a whole
 * community at open took half a second before it could be shown (docs/PERFORMANCE.md).
 */
function afterTypingPauses(pauseMs = 700): (work: SearchWork) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  return (work) => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
    idle = undefined;
    const slice = (): void => {
      idle = requestIdleCallback(
        (deadline) => {
          idle = undefined;
          // Under 2 ms left in this idle period (or 8 ms spent, when the browser was never
          // idle): give the frame back, go on in the next.
          const started = performance.now();
          const shouldYield = (): boolean => (deadline.didTimeout ? performance.now() - started > 8 : deadline.timeRemaining() < 2);
          if (!work(shouldYield)) slice();
        },
        { timeout: 2000 },
      );
    };
    timer = setTimeout(slice, pauseMs);
  };
}
