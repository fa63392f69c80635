import { useMemo } from 'react';
import type { Community } from '../../../shared/model/Community.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import type { HighlightTerm } from '../../editor/glossaryHighlight.js';

/** The community's glossary as highlight terms, stable while the glossary is unchanged. */
export function useCommunityTerms(community: Community): readonly HighlightTerm[] {
  const key = useDocSnapshot(community, () =>
    JSON.stringify(community.glossary.list().map((e) => ({ id: e.id, term: e.term, names: e.allNames, definition: e.definitionText.slice(0, 300) }))),
  );
  return useMemo(() => JSON.parse(key) as HighlightTerm[], [key]);
}
