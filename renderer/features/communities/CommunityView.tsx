import { BookOpen, HelpCircle, Library, Sprout } from 'lucide-react';
import { Settings2, UserPlus } from 'lucide-react';
import { useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryKind } from '../../../shared/model/Entry.js';
import { presenceLocation } from '../../../shared/protocol/presenceLocation.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { EntryTitleContext, ErrorBoundary } from '../../components/ErrorCard.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { DilemmasView } from '../dilemmas/DilemmasView.js';
import { GlossaryView } from '../glossary/GlossaryView.js';
import { HarvestsView } from '../harvests/HarvestsView.js';
import { ResourcesView } from '../resources/ResourcesView.js';
import { ConnectionSettingsDialog } from '../connection/ConnectionSettingsDialog.js';
import { InviteDialog } from '../connection/InviteDialog.js';
import { CommunitySyncContext } from '../connection/useSync.js';
import { WhoIsHere } from '../connection/WhoIsHere.js';
import { AnswerAction } from '../commands/actionRequests.js';
import { TrashButton } from '../history/TrashButton.js';
import { CommunityTools } from './CommunityTools.js';
import { NewerVersionNotice } from './NewerVersionNotice.js';
import type { KindViewProps } from './kindView.js';
import { UndoBar, type Deletion } from './UndoBar.js';
import { useCommunityTerms } from './useCommunityTerms.js';

const views: Record<
  EntryKind,
  { component: ComponentType<KindViewProps>; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }> }
> = {
  glossary: { component: GlossaryView, icon: BookOpen },
  harvest: { component: HarvestsView, icon: Sprout },
  dilemma: { component: DilemmasView, icon: HelpCircle },
  resourceList: { component: ResourcesView, icon: Library },
};

export const navOrder: readonly EntryKind[] = ['glossary', 'harvest', 'dilemma', 'resourceList'];

export interface CommunityLocation {
  readonly kind: EntryKind;
  readonly entryId: string | null;
}

/** One community: its four kinds, each a list and the selected entry. */
export function CommunityView({
  opened,
  location,
  onNavigate,
  creating,
  onCreatingChange,
}: {
  opened: OpenCommunity;
  location: CommunityLocation;
  onNavigate: (location: CommunityLocation) => void;
  /** The current kind's "New …" dialog is open (a shortcut can open it too). */
  creating: boolean;
  onCreatingChange: (creating: boolean) => void;
}) {
  const { t } = useTranslation();
  const { community } = opened;
  const profile = useDocSnapshot(community, () => community.profile);
  const terms = useCommunityTerms(community);
  const [deletion, setDeletion] = useState<Deletion | null>(null);
  const [dialog, setDialog] = useState<'invite' | 'connection' | null>(null);
  const View = views[location.kind].component;
  const entryTitle = (): string => (location.entryId ? (community.collection(location.kind).get(location.entryId)?.title ?? '') : '');

  // Presence says where this person is, so others see who is in which document; never
  // which private entry (presenceLocation).
  useEffect(() => {
    opened.sync?.setLocation(presenceLocation(opened.community, location.kind, location.entryId));
  }, [opened, location]);

  // Undo and redo of this person's own edits outside the editors (which have their own).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const mod = event.metaKey || event.ctrlKey;
      if (!mod || event.key.toLowerCase() !== 'z' || opened.readOnly) return;
      event.preventDefault();
      if (event.shiftKey) opened.undo.redo();
      else opened.undo.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [opened]);

  return (
    <CommunitySyncContext.Provider value={opened.sync}>
      <div className="community">
        <nav className="kind-nav" aria-label={t('community.sections', { name: profile.name })}>
          <p className="community-name">{profile.name}</p>
          {profile.domain && <p className="hint community-domain">{profile.domain}</p>}
          <ul>
            {navOrder.map((kind) => {
              const Icon = views[kind].icon;
              return (
                <li key={kind}>
                  <button
                    type="button"
                    className="nav-item"
                    aria-current={location.kind === kind ? 'page' : undefined}
                    onClick={() => onNavigate({ kind, entryId: null })}
                  >
                    <Icon size={18} aria-hidden />
                    {t(`kinds.${kind}`)}
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="community-actions">
            {!opened.readOnly && (
              <button type="button" onClick={() => setDialog('invite')}>
                <UserPlus size={16} aria-hidden />
                {t('invite.button')}
              </button>
            )}
            {!opened.readOnly && <AnswerAction action="invite" open={() => setDialog('invite')} />}
            <button type="button" onClick={() => setDialog('connection')} disabled={opened.readOnly}>
              <Settings2 size={16} aria-hidden />
              {t('connection.button')}
            </button>
            <TrashButton opened={opened} />
          </div>
          <WhoIsHere sync={opened.sync} community={community} />
          <CommunityTools opened={opened} />
        </nav>
        <div className="community-main">
          {opened.readOnly && <NewerVersionNotice community={community} />}
          {/* One entry that cannot be shown becomes an error card; the community stays usable. */}
          <EntryTitleContext.Provider value={entryTitle}>
            <ErrorBoundary resetOn={location} title={entryTitle}>
              <View
                opened={opened}
                selectedId={location.entryId}
                onSelect={(entryId) => onNavigate({ kind: location.kind, entryId })}
                terms={terms}
                onDeleted={(next) => {
                  deletion?.forget?.();
                  setDeletion(next);
                }}
                creating={creating}
                onCreatingChange={onCreatingChange}
              />
            </ErrorBoundary>
          </EntryTitleContext.Provider>
          <UndoBar
            deletion={deletion}
            onDismiss={() => {
              deletion?.forget?.();
              setDeletion(null);
            }}
          />
        </div>
        {dialog === 'invite' && <InviteDialog opened={opened} onClose={() => setDialog(null)} />}
        {dialog === 'connection' && <ConnectionSettingsDialog opened={opened} onClose={() => setDialog(null)} />}
      </div>
    </CommunitySyncContext.Provider>
  );
}
