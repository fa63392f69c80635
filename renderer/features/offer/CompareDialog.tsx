import { useTranslation } from 'react-i18next';
import type { RelatedElsewhere } from '../../../shared/model/crossPollination.js';
import type { Entry } from '../../../shared/model/Entry.js';
import { GlossaryEntry } from '../../../shared/model/GlossaryEntry.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { Dialog } from '../../components/Dialog.js';
import { useMyCommunities } from './useMyCommunities.js';

/** One term's definitions side by side, one column per community of this person's that has it. */
export function CompareDialog({
  opened,
  entry,
  related,
  onClose,
}: {
  opened: OpenCommunity;
  entry: Entry;
  related: readonly RelatedElsewhere[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { communities } = useMyCommunities();
  const columns = [
    {
      key: `${opened.community.id}:${entry.id}`,
      community: opened.community.profile.name,
      term: entry instanceof GlossaryEntry ? entry : null,
    },
    ...related.map((other) => {
      const term = communities.find((c) => c.community.id === other.communityId)?.community.glossary.get(other.entryId) ?? null;
      return { key: `${other.communityId}:${other.entryId}`, community: other.communityName, term };
    }),
  ];
  return (
    <Dialog title={t('offer.compareTitle', { term: entry.title })} onClose={onClose}>
      <div className="compare-definitions">
        {columns.map((column) => (
          <section key={column.key} aria-label={column.community}>
            <h3>{column.community}</h3>
            <p>
              <strong>{column.term?.term ?? ''}</strong>
            </p>
            <p lang={column.term?.language || undefined}>{column.term?.definitionText || t('glossary.noDefinition')}</p>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
