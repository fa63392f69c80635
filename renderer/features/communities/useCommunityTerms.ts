import { useMemo } from 'react';
import type { Community } from '../../../shared/model/Community.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { highlightTermsOf, type HighlightTerm } from '../../editor/glossaryHighlight.js';

/** The community's glossary as highlight terms, stable while the glossary is unchanged. */
export function useCommunityTerms(community: Community): readonly HighlightTerm[] {
  const key = useDocSnapshot(community, () => JSON.stringify(highlightTermsOf(community.glossary.list())));
  return useMemo(() => JSON.parse(key) as HighlightTerm[], [key]);
}
