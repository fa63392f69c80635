import { Command as CommandIcon, LogIn, Minimize2, PanelLeftClose, PanelLeftOpen, Plus, Search, Settings } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../shared/model/PersonalDoc.js';
import { WorkspaceTools } from '../features/backup/WorkspaceTools.js';
import { CommunityNav } from '../features/communities/CommunityNav.js';
import { CommunityView, type CommunityLocation } from '../features/communities/CommunityView.js';
import { NewCommunityDialog } from '../features/communities/NewCommunityDialog.js';
import { CommandPalette } from '../features/commands/CommandPalette.js';
import { ariaShortcut, formatShortcut, isMacPlatform } from '../features/commands/shortcuts.js';
import { shortcuts, useAppCommands } from '../features/commands/useAppCommands.js';
import { useShortcuts } from '../features/commands/useShortcuts.js';
import { Home } from '../features/home/Home.js';
import { SettingsDialog } from '../features/identity/SettingsDialog.js';
import { SearchResults } from '../features/search/SearchResults.js';
import { ErrorBoundary } from '../components/ErrorCard.js';
import { JoinDialog } from '../features/connection/JoinDialog.js';
import { CrossNavigation } from '../features/offer/crossNavigation.js';
import { SyncStatusBadge } from '../features/connection/SyncStatusBadge.js';
import { useSearchIndex } from '../features/search/useSearchIndex.js';
import { useDocSnapshot } from '../hooks/useDocSnapshot.js';
import { useAnnounce } from '../components/Announcer.js';
import { useDevicePreference } from './preferences.js';
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
  const [dialog, setDialog] = useState<'new-community' | 'join' | 'settings' | 'palette' | null>(null);
  // The "New …" dialog of the current kind, here so a shortcut can open it from anywhere.
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const opened = useOpenCommunity(communityId);
  const index = useSearchIndex(workspace);
  const mac = isMacPlatform();
  const announce = useAnnounce();
  // Room to write: the navigation can be hidden (remembered on this device), and writing
  // mode hides everything but the open entry.
  const [navigationHidden, setNavigationHidden] = useDevicePreference('navigation-hidden');
  const [writing, setWriting] = useState(false);
  const canWrite = Boolean(communityId) && !query.trim() && opened?.status === 'ready';
  const writingOn = writing && canWrite;
  const toggleWriting = (): void => {
    const next = !writingOn;
    setWriting(next);
    announce(next ? t('layout.writingOn', { shortcut: formatShortcut(shortcuts.writingMode, mac) }) : t('layout.writingOff'));
  };

  const navigate = (next: CommunityLocation): void => {
    setLocation(next);
    setCreating(false);
  };
  const openCommunity = (id: string, next: CommunityLocation = { kind: 'harvest', entryId: null }): void => {
    setCommunityId(id);
    navigate(next);
    setQuery('');
    workspace.touch(id);
  };
  /**
   * After a move by keyboard, focus goes to the new page's heading, so reading starts there,
   * unless another key comes first: on a busy machine a key pressed right after (a "/" for
   * search) can be handled before this timer, and would lose the field it focused.
   */
  const focusHeading = (): void => {
    const cancel = (): void => window.clearTimeout(timer);
    const timer = window.setTimeout(() => {
      window.removeEventListener('keydown', cancel, true);
      document.querySelector<HTMLElement>('#main h1')?.focus();
    }, 0);
    window.addEventListener('keydown', cancel, { capture: true, once: true });
  };

  const ready = opened?.status === 'ready' ? opened.value : null;
  const commands = useAppCommands({
    personal: workspace.personal,
    community: communityId && ready ? { id: communityId, kind: location.kind, readOnly: ready.readOnly } : null,
    openPalette: () => setDialog('palette'),
    focusSearch: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    goToKind: (kind) => {
      setQuery('');
      navigate({ kind, entryId: null });
      focusHeading();
    },
    newEntry: () => {
      setQuery('');
      setCreating(true);
    },
    newCommunity: () => setDialog('new-community'),
    join: () => setDialog('join'),
    openSettings: () => setDialog('settings'),
    openCommunity: (id) => {
      openCommunity(id);
      focusHeading();
    },
    toggleNavigation: () => setNavigationHidden(!navigationHidden),
    toggleWriting: canWrite ? toggleWriting : null,
  });
  useShortcuts(commands);

  return (
    <CrossNavigation.Provider value={openCommunity}>
    <div className="shell" data-navigation={navigationHidden ? 'hidden' : undefined} data-writing={writingOn ? 'on' : undefined}>
      {writingOn && (
        <button type="button" className="leave-writing" onClick={toggleWriting} aria-keyshortcuts={ariaShortcut(shortcuts.writingMode, mac)}>
          <Minimize2 size={16} aria-hidden />
          {t('layout.leaveWritingMode')}
          <kbd aria-hidden="true">{formatShortcut(shortcuts.writingMode, mac)}</kbd>
        </button>
      )}
      <header className="app-header">
        <button
          type="button"
          className="ghost navigation-toggle"
          aria-expanded={!navigationHidden}
          aria-controls="app-navigation"
          aria-label={navigationHidden ? t('layout.showNavigation') : t('layout.hideNavigation')}
          title={navigationHidden ? t('layout.showNavigation') : t('layout.hideNavigation')}
          onClick={() => setNavigationHidden(!navigationHidden)}
        >
          {navigationHidden ? <PanelLeftOpen size={18} aria-hidden /> : <PanelLeftClose size={18} aria-hidden />}
        </button>
        <span className="app-name">{t('app.name')}</span>
        <search className="search-box" role="search">
          <label htmlFor={searchId} className="visually-hidden">
            {t('search.label')}
          </label>
          <Search size={16} aria-hidden className="search-icon" />
          <input
            id={searchId}
            ref={searchRef}
            type="search"
            value={query}
            placeholder={t('search.placeholder')}
            aria-keyshortcuts={`${ariaShortcut(shortcuts.searchMod, mac)} /`}
            onChange={(e) => setQuery(e.target.value)}
          />
        </search>
        <button type="button" className="ghost commands-button" onClick={() => setDialog('palette')} aria-keyshortcuts={`${ariaShortcut(shortcuts.palette, mac)} ${ariaShortcut(shortcuts.paletteOutsideEditor, mac)}`}>
          <CommandIcon size={16} aria-hidden />
          {t('commands.button')}
          <kbd aria-hidden="true">{formatShortcut(shortcuts.palette, mac)}</kbd>
        </button>
        <SyncStatusBadge sync={opened?.status === 'ready' ? opened.value.sync : null} withoutKey={opened?.status === 'ready' && !opened.value.sync} />
        <button type="button" className="who ghost" onClick={() => setDialog('settings')} aria-label={t('settings.openFor', { name: identity.name })}>
          <span className="swatch" style={{ backgroundColor: identity.colour }} aria-hidden="true" />
          {identity.name}
          <Settings size={16} aria-hidden />
        </button>
      </header>
      <div className="shell-body">
        <div id="app-navigation" className="sidebar">
          <nav className="communities-nav" aria-label={t('communities.navLabel')}>
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
          </nav>
          {/* The open community's sections share this column: one column of navigation, the rest for writing. */}
          {ready && !query.trim() && (
            <CommunityNav opened={ready} kind={location.kind} onKind={(kind) => navigate({ kind, entryId: null })} />
          )}
          <WorkspaceTools />
        </div>
        <main id="main" className="content" tabIndex={-1}>
          {query.trim() ? (
            <ErrorBoundary resetOn={query}>
              <SearchResults index={index} query={query} onOpen={(hit) => openCommunity(hit.communityId, { kind: hit.kind, entryId: hit.id })} />
            </ErrorBoundary>
          ) : !communityId ? (
            <Home identity={identity} onNewCommunity={() => setDialog('new-community')} onJoin={() => setDialog('join')} />
          ) : opened?.status === 'ready' ? (
            <CommunityView opened={opened.value} location={location} onNavigate={navigate} creating={creating} onCreatingChange={setCreating} />
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
      {dialog === 'palette' && <CommandPalette commands={commands} onClose={() => setDialog(null)} />}
    </div>
    </CrossNavigation.Provider>
  );
}
