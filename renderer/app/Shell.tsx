import { LogIn, Plus, Search, Settings } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../shared/model/PersonalDoc.js';
import { WorkspaceTools } from '../features/backup/WorkspaceTools.js';
import { CommunityView, type CommunityLocation } from '../features/communities/CommunityView.js';
import { NewCommunityDialog } from '../features/communities/NewCommunityDialog.js';
import { Home } from '../features/home/Home.js';
import { SettingsDialog } from '../features/identity/SettingsDialog.js';
import { SearchResults } from '../features/search/SearchResults.js';
import { JoinDialog } from '../features/sync/JoinDialog.js';
import { SyncStatusBadge } from '../features/sync/SyncStatusBadge.js';
import { useSearchIndex } from '../features/search/useSearchIndex.js';
import { useDocSnapshot } from '../hooks/useDocSnapshot.js';
import { useOpenCommunity, useWorkspace } from './WorkspaceContext.js';

/** The app once the person has a name: communities on the side, the chosen one in the middle. */
export function Shell({ identity }: { identity: Identity }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const searchId = useId();
  const communities = useDocSnapshot(workspace.personal, () => workspace.personal.communities);
  const [chosenId, setCommunityId] = useState<string | null>(null);
  // Until the person picks one, the most recently opened community is shown.
  const communityId = chosenId ?? communities[0]?.id ?? null;
  const [location, setLocation] = useState<CommunityLocation>({ kind: 'harvest', entryId: null });
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<'new-community' | 'join' | 'settings' | null>(null);
  const opened = useOpenCommunity(communityId);
  const index = useSearchIndex(workspace);

  const openCommunity = (id: string, next: CommunityLocation = { kind: 'harvest', entryId: null }): void => {
    setCommunityId(id);
    setLocation(next);
    setQuery('');
    workspace.touch(id);
  };

  return (
    <div className="shell">
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        <search className="search-box" role="search">
          <label htmlFor={searchId} className="visually-hidden">
            {t('search.label')}
          </label>
          <Search size={16} aria-hidden className="search-icon" />
          <input id={searchId} type="search" value={query} placeholder={t('search.placeholder')} onChange={(e) => setQuery(e.target.value)} />
        </search>
        <SyncStatusBadge sync={opened?.status === 'ready' ? opened.value.sync : null} />
        <button type="button" className="who ghost" onClick={() => setDialog('settings')} aria-label={t('settings.openFor', { name: identity.name })}>
          <span className="swatch" style={{ backgroundColor: identity.colour }} aria-hidden="true" />
          {identity.name}
          <Settings size={16} aria-hidden />
        </button>
      </header>
      <div className="shell-body">
        <nav className="sidebar" aria-label={t('communities.navLabel')}>
          <h2 className="list-heading">{t('communities.navLabel')}</h2>
          <ul>
            {communities.map((c) => (
              <li key={c.id}>
                <button type="button" className="nav-item" aria-current={c.id === communityId && !query ? 'true' : undefined} onClick={() => openCommunity(c.id)}>
                  {c.name}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="primary new-community" onClick={() => setDialog('new-community')}>
            <Plus size={16} aria-hidden />
            {t('communities.new')}
          </button>
          <button type="button" className="new-community" onClick={() => setDialog('join')}>
            <LogIn size={16} aria-hidden />
            {t('join.button')}
          </button>
          <WorkspaceTools />
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {query.trim() ? (
            <SearchResults index={index} query={query} onOpen={(hit) => openCommunity(hit.communityId, { kind: hit.kind, entryId: hit.id })} />
          ) : !communityId ? (
            <Home identity={identity} onNewCommunity={() => setDialog('new-community')} onJoin={() => setDialog('join')} />
          ) : opened?.status === 'ready' ? (
            <CommunityView opened={opened.value} location={location} onNavigate={setLocation} />
          ) : opened?.status === 'failed' ? (
            <p role="alert" className="error">
              {t('community.openFailed', { message: opened.error.message })}
            </p>
          ) : (
            <p className="hint">{t('app.loading')}</p>
          )}
        </main>
      </div>
      {dialog === 'new-community' && <NewCommunityDialog onClose={() => setDialog(null)} onCreated={(id) => openCommunity(id)} />}
      {dialog === 'join' && <JoinDialog onClose={() => setDialog(null)} onJoined={(id) => openCommunity(id)} />}
      {dialog === 'settings' && <SettingsDialog personal={workspace.personal} onClose={() => setDialog(null)} />}
    </div>
  );
}
