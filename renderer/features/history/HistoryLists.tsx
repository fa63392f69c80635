import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { Community } from '../../../shared/model/Community.js';
import { entryListKeys, listAt } from '../../../shared/model/history/entry.js';

/**
 * An entry's reflections, insights or resources as they were at a checkpoint, each with who
 * added it; compared with another checkpoint, the added and removed ones are marked (in
 * words too, not only by the mark).
 */
export function HistoryLists({ community, entry, at, from }: { community: Community; entry: Y.Map<unknown>; at: Y.Snapshot; from?: Y.Snapshot }) {
  const { t } = useTranslation();
  return (
    <>
      {entryListKeys.map((key) => {
        if (!(entry.get(key) instanceof Y.Array)) return null;
        const items = listAt(community, entry, key, at, from);
        return (
          <section key={key} className="history-list" aria-label={t(`history.lists.${key}`)}>
            <h4>{t(`history.lists.${key}`)}</h4>
            {items.length === 0 && <p className="hint">{t('history.listEmpty')}</p>}
            <ul data-testid={`history-list-${key}`}>
              {items.map((item) => {
                const name = item.addedBy?.name ?? t('history.unknownAuthor');
                const style = item.addedBy ? { borderColor: item.addedBy.colour } : undefined;
                const by = <span className="hint"> {t('history.addedByLine', { name })}</span>;
                if (item.change === 'added')
                  return (
                    <li key={item.id}>
                      <ins className="history-added" style={style}>
                        <span className="visually-hidden">{t('history.itemAdded')} </span>
                        {item.label}
                      </ins>
                      {by}
                    </li>
                  );
                if (item.change === 'removed')
                  return (
                    <li key={item.id}>
                      <del className="history-removed" style={style}>
                        <span className="visually-hidden">{t('history.itemRemoved')} </span>
                        {item.label}
                      </del>
                      {by}
                    </li>
                  );
                return (
                  <li key={item.id}>
                    {item.label}
                    {by}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
