import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryKinds, type EntryKind } from '../../../shared/model/Entry.js';
import type { SearchHit, SearchIndex } from '../../../shared/search/SearchIndex.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { AlsoIn } from '../offer/EntryAcross.js';
import { useRelatedAcross } from '../offer/useMyCommunities.js';

/** Results across every community and kind, with filters for kind and tag and a sort. */
export function SearchResults({ index, query, onOpen }: { index: SearchIndex; query: string; onOpen: (hit: { communityId: string; kind: EntryKind; id: string }) => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [kind, setKind] = useState<EntryKind | 'all'>('all');
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState<'relevance' | 'recent' | 'title'>('relevance');
  const hits = useDocSnapshot(index, () => index.search(query, { kinds: kind === 'all' ? undefined : [kind], tag: tag || undefined, sort }));
  const tags = useDocSnapshot(index, () => [...new Set(index.search('', {}).flatMap((hit) => hit.tags))].sort());
  const communities = new Map(workspace.personal.communities.map((c) => [c.id, c.name]));
  // The same term or resource in another of this person's communities: "Also in …".
  const across = useRelatedAcross();
  const alsoIn = (hit: SearchHit) => {
    if (hit.isPrivate || (hit.kind !== 'glossary' && hit.kind !== 'resourceList')) return [];
    const entry = across.communities.find((c) => c.community.id === hit.communityId)?.community.collection(hit.kind).get(hit.id);
    return entry ? across.related.of(entry, hit.communityId) : [];
  };
  return (
    <section className="search-results" aria-labelledby="search-title">
      <h1 id="search-title" tabIndex={-1}>{t('search.resultsFor', { query })}</h1>
      <div className="filters">
        <label>
          {t('search.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as EntryKind | 'all')}>
            <option value="all">{t('search.allKinds')}</option>
            {entryKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('search.tag')}
          <select value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">{t('search.anyTag')}</option>
            {tags.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('search.sort')}
          <select value={sort} onChange={(e) => setSort(e.target.value as 'relevance' | 'recent' | 'title')}>
            <option value="relevance">{t('search.sortRelevance')}</option>
            <option value="recent">{t('search.sortRecent')}</option>
            <option value="title">{t('search.sortTitle')}</option>
          </select>
        </label>
      </div>
      <p role="status" className="hint">
        {t('search.count', { count: hits.length })}
      </p>
      <ul className="hits">
        {hits.map((hit) => {
          const related = alsoIn(hit);
          return (
            <li key={`${hit.communityId}:${hit.kind}:${hit.id}`}>
              <button type="button" className="hit" onClick={() => onOpen(hit)}>
                <span className="entry-title">{hit.title || t('common.untitled')}</span>
                <span className="badge">{t(`kinds.${hit.kind}`)}</span>
                {hit.isPrivate && <span className="badge private">{t('common.private')}</span>}
                <span className="entry-subtitle">{communities.get(hit.communityId) ?? t('dilemmas.journal')}</span>
                {hit.excerpt && <span className="excerpt">{hit.excerpt}</span>}
              </button>
              {related.length > 0 && <AlsoIn related={related} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
