import { useTranslation } from 'react-i18next';
import type { Community } from '../../../shared/model/Community.js';
import type { EntryKind } from '../../../shared/model/Entry.js';
import type { CommunitySync } from '../../transport/CommunitySync.js';
import { shownColours } from './presenceColours.js';
import { usePresence } from './useSync.js';

/** Who is here now, in their colours, and which document each has open. */
export function WhoIsHere({ sync, community }: { sync: CommunitySync | null; community: Community }) {
  const { t } = useTranslation();
  const present = usePresence(sync);
  if (!sync) return null;
  const colours = shownColours(sync.awareness.getStates());
  const where = (location: string | null): string => {
    if (!location) return '';
    const [kind, id] = location.split(':') as [EntryKind, string | undefined];
    const title = id ? (community.collection(kind).get(id)?.title ?? '') : '';
    return title ? t('sync.inEntry', { title }) : t('sync.inKind', { kind: t(`kinds.${kind}`, { defaultValue: '' }) });
  };
  return (
    <section className="who-is-here" aria-labelledby="who-title">
      <h2 id="who-title" className="list-heading">
        {t('sync.whoIsHere')}
      </h2>
      <ul aria-labelledby="who-title">
        {present.map((member) => (
          <li key={member.clientId}>
            <span className="swatch" style={{ backgroundColor: colours.get(member.clientId) ?? member.user.color }} aria-hidden="true" />
            <span className="who-name">{member.clientId === sync.awareness.clientID ? t('sync.you', { name: member.user.name }) : member.user.name}</span>
            {member.location && <span className="hint who-where">{where(member.location)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
