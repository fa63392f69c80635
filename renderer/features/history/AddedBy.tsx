import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Community } from '../../../shared/model/Community.js';
import { addedByIn, type EntryListKey } from '../../../shared/model/history/entry.js';

/** "Added by Ben" under a reflection, an insight or a resource: whose device added it. */
export function AddedBy({ community, entry, list, id }: { community: Community; entry: Y.Map<unknown>; list: EntryListKey; id: string }) {
  const { t } = useTranslation();
  const member = addedByIn(community, entry, list).get(id);
  return <span className="hint added-by">{t('history.addedByLine', { name: member?.name ?? t('history.unknownAuthor') })}</span>;
}
