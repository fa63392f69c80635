import { Settings2, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryKinds, type EntryKind } from '../../../shared/model/Entry.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { kindIcons } from '../../components/kindIcons.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { AnswerAction } from '../commands/actionRequests.js';
import { ConnectionSettingsDialog } from '../connection/ConnectionSettingsDialog.js';
import { InviteDialog } from '../connection/InviteDialog.js';
import { WhoIsHere } from '../connection/WhoIsHere.js';
import { TrashButton } from '../history/TrashButton.js';
import { CommunityTools } from './CommunityTools.js';

/**
 * The open community's sections, actions, who is here and tools. It stands in the one
 * navigation column under the list of communities, not in a column of its own, so the
 * entry being written gets the width (issue 19: 680 px for the story at 1280 px).
 */
export function CommunityNav({ opened, kind, onKind }: { opened: OpenCommunity; kind: EntryKind; onKind: (kind: EntryKind) => void }) {
  const { t } = useTranslation();
  const { community } = opened;
  const profile = useDocSnapshot(community, () => community.profile);
  const [dialog, setDialog] = useState<'invite' | 'connection' | null>(null);
  return (
    <nav className="kind-nav" aria-label={t('community.sections', { name: profile.name })}>
      <p className="community-name">{profile.name}</p>
      {profile.domain && <p className="hint community-domain">{profile.domain}</p>}
      <ul>
        {entryKinds.map((each) => {
          const Icon = kindIcons[each];
          return (
            <li key={each}>
              <button type="button" className="nav-item" aria-current={kind === each ? 'page' : undefined} onClick={() => onKind(each)}>
                <Icon size={18} aria-hidden />
                {t(`kinds.${each}`)}
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
      {dialog === 'invite' && <InviteDialog opened={opened} onClose={() => setDialog(null)} />}
      {dialog === 'connection' && <ConnectionSettingsDialog opened={opened} onClose={() => setDialog(null)} />}
    </nav>
  );
}
