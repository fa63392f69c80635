import { useTranslation } from 'react-i18next';
import { exportSections, type Booklet } from '../../../shared/export/booklet.js';
import { sectionOf } from '../../../shared/model/Entry.js';

/**
 * What the booklet will hold, by section, and what is left out and why: shown before
 * anything is written. `emptyHint` says why nothing is included yet.
 */
export function ExportSummary({ booklet, headingId, emptyHint }: { booklet: Booklet; headingId: string; emptyHint: string }) {
  const { t } = useTranslation();
  const includedBySection = exportSections
    .map((section) => ({ section, items: booklet.included.filter((entry) => sectionOf(entry.kind) === section) }))
    .filter((group) => group.items.length > 0);
  return (
    <section className="export-summary" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('export.includedHeading', { count: booklet.included.length })}</h3>
      {booklet.included.length === 0 ? (
        <p className="hint">{emptyHint}</p>
      ) : (
        <ul className="summary-list">
          {includedBySection.map((group) => (
            <li key={group.section}>
              <strong>{t(`export.sectionNames.${group.section}`)}</strong>{' '}
              <span>{group.items.map((entry) => entry.title || t('export.untitled')).join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      {booklet.leftOut.length > 0 && (
        <>
          <h3>{t('export.leftOutHeading', { count: booklet.leftOut.length })}</h3>
          <ul className="summary-list left-out">
            {booklet.leftOut.map((item) => (
              <li key={`${item.kind}-${item.id}`}>
                <strong>{item.title || t('export.untitled')}</strong> <span>{t(`export.leftOut.${item.reason}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
