import { useEffect, useState, type ComponentType } from 'react';
import type { EntryKind } from '../../../shared/model/Entry.js';
import { presenceLocation } from '../../../shared/protocol/presenceLocation.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { EntryTitleContext, ErrorBoundary } from '../../components/ErrorCard.js';
import { DilemmasView } from '../dilemmas/DilemmasView.js';
import { GlossaryView } from '../glossary/GlossaryView.js';
import { HarvestsView } from '../harvests/HarvestsView.js';
import { ResourcesView } from '../resources/ResourcesView.js';
import { CommunitySyncContext } from '../connection/useSync.js';
import { NewerVersionNotice } from './NewerVersionNotice.js';
import type { KindViewProps } from './kindView.js';
import { UndoBar, type Deletion } from './UndoBar.js';
import { useCommunityTerms } from './useCommunityTerms.js';

const views: Record<EntryKind, ComponentType<KindViewProps>> = {
  glossary: GlossaryView,
  harvest: HarvestsView,
  dilemma: DilemmasView,
  resourceList: ResourcesView,
};

export interface CommunityLocation {
  readonly kind: EntryKind;
  readonly entryId: string | null;
}

/** One community's current kind: its list and the selected entry (its sections are in CommunityNav). */
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
  const { community } = opened;
  const terms = useCommunityTerms(community);
  const [deletion, setDeletion] = useState<Deletion | null>(null);
  const View = views[location.kind];
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
      </div>
    </CommunitySyncContext.Provider>
  );
}
