import { Send } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { provenanceOf } from '../../../shared/model/crossPollination.js';
import type { Entry } from '../../../shared/model/Entry.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { useFormat } from '../../i18n/useFormat.js';
import { CompareDialog } from './CompareDialog.js';
import { useOpenElsewhere } from './crossNavigation.js';
import { OfferDialog } from './OfferDialog.js';
import { useRelatedAcross } from './useMyCommunities.js';
import './offer.css';

/**
 * What an entry shows of the person's other communities, under its title: where an offered
 * copy came from, the same term or resource in their other communities, and "Offer to
 * another community…". Each kind's view places it once.
 */
export function EntryAcross({ opened, entry }: { opened: OpenCommunity; entry: Entry }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const others = useDocSnapshot(
    workspace.personal,
    () => workspace.personal.communities.filter((c) => c.id !== opened.community.id).length,
  );
  const [dialog, setDialog] = useState<'offer' | 'compare' | null>(null);
  const related = useRelatedAcross().related.of(entry, opened.community.id);
  return (
    <div className="entry-across">
      <ProvenanceLine entry={entry} opened={opened} />
      {related.length > 0 && <AlsoIn related={related} />}
      <div className="across-actions">
        {entry.kind === 'glossary' && related.length > 0 && (
          <button type="button" onClick={() => setDialog('compare')}>
            {t('offer.compare')}
          </button>
        )}
        {/* A community written by a newer app is only read here: its entries' shape is not ours to copy. */}
        {others > 0 && !opened.readOnly && (
          <button type="button" onClick={() => setDialog('offer')}>
            <Send size={16} aria-hidden />
            {t('offer.button')}
          </button>
        )}
      </div>
      {dialog === 'offer' && <OfferDialog from={opened} entry={entry} onClose={() => setDialog(null)} />}
      {dialog === 'compare' && <CompareDialog opened={opened} entry={entry} related={related} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** "Offered from <community> by <name> on <date>", with a way back to the original where it is the person's too. */
function ProvenanceLine({ entry, opened }: { entry: Entry; opened: OpenCommunity }) {
  const { t } = useTranslation();
  const format = useFormat();
  const workspace = useWorkspace();
  const openElsewhere = useOpenElsewhere();
  const provenance = useDocSnapshot(opened.community, () => provenanceOf(entry));
  const mine = useDocSnapshot(workspace.personal, () => workspace.personal.communities.some((c) => c.id === provenance?.communityId));
  if (!provenance) return null;
  const line = t('offer.provenance', {
    community: provenance.communityName,
    name: provenance.offeredByName,
    date: format.timestamp(provenance.offeredAt, 'medium'),
  });
  return (
    <p className="provenance">
      {line}
      {mine && openElsewhere && (
        <>
          {' '}
          <button
            type="button"
            className="link-button"
            onClick={() => openElsewhere(provenance.communityId, { kind: provenance.originalKind, entryId: provenance.originalId })}
          >
            {t('offer.openOriginal', { community: provenance.communityName })}
          </button>
        </>
      )}
    </p>
  );
}

/** "Also in Transition Town Lewes": links to the same term or resource in the person's other communities. */
export function AlsoIn({
  related,
}: {
  related: readonly { communityId: string; communityName: string; kind: Entry['kind']; entryId: string; title: string }[];
}) {
  const { t } = useTranslation();
  const openElsewhere = useOpenElsewhere();
  return (
    <div className="also-in">
      <span>{t('offer.alsoIn')}</span>
      <ul>
        {related.map((other) => {
          const label = t('offer.alsoInItem', { community: other.communityName, title: other.title });
          return (
            <li key={`${other.communityId}:${other.entryId}`}>
              {openElsewhere ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => openElsewhere(other.communityId, { kind: other.kind, entryId: other.entryId })}
                >
                  {label}
                </button>
              ) : (
                label
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
