import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { GlossaryCsvPreview } from '../../../shared/import/glossaryCsv.js';

/** Shown at most, per table; the counts always say how many there are in all. */
const SHOWN = 200;

function clip(text: string, length = 140): string {
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}

/** What a glossary CSV will add, and which lines it cannot use and why, before anything is created. */
export function GlossaryPreview({ preview, fileName }: { preview: GlossaryCsvPreview; fileName: string }) {
  const { t } = useTranslation();
  const id = useId();
  const skipped = preview.problems.filter((p) => p.severity === 'error');
  const notes = preview.problems.filter((p) => p.severity === 'warning');
  return (
    <div className="glossary-preview">
      <p>{t('import.glossary.summary', { file: fileName, count: preview.rows.length, skipped: skipped.length })}</p>
      {preview.rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-rows`} tabIndex={0}>
          <table>
            <caption id={`${id}-rows`}>{t('import.glossary.rowsCaption', { count: preview.rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.glossary.line')}</th>
                <th scope="col">{t('import.glossary.term')}</th>
                <th scope="col">{t('import.glossary.definition')}</th>
                <th scope="col">{t('import.glossary.otherNames')}</th>
                <th scope="col">{t('import.glossary.related')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, SHOWN).map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <th scope="row">{row.term}</th>
                  <td>{clip(row.definition)}</td>
                  <td>{row.otherNames.join(', ')}</td>
                  <td>{row.related.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.rows.length > SHOWN && <p className="hint">{t('import.glossary.more', { count: preview.rows.length - SHOWN })}</p>}
        </div>
      )}
      {skipped.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-skipped`} tabIndex={0}>
          <table className="problems">
            <caption id={`${id}-skipped`}>{t('import.glossary.skippedCaption', { count: skipped.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.glossary.line')}</th>
                <th scope="col">{t('import.glossary.why')}</th>
              </tr>
            </thead>
            <tbody>
              {skipped.slice(0, SHOWN).map((problem) => (
                <tr key={`${problem.line}-${problem.reason}`}>
                  <th scope="row">{problem.line}</th>
                  <td>
                    {t(`import.glossary.problems.${problem.reason}`)}
                    {problem.detail && <span className="hint"> {t('import.glossary.detail', { detail: problem.detail })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {skipped.length > SHOWN && <p className="hint">{t('import.glossary.more', { count: skipped.length - SHOWN })}</p>}
        </div>
      )}
      {notes.length > 0 && (
        <>
          <p className="notes-heading">{t('import.glossary.notesHeading', { count: notes.length })}</p>
          <ul className="summary-list">
            {notes.slice(0, SHOWN).map((problem, index) => (
              <li key={`${problem.line}-${problem.reason}-${index}`}>
                {t('import.glossary.noteLine', { line: problem.line })} {t(`import.glossary.problems.${problem.reason}`)}
                {problem.detail && <span className="hint"> {t('import.glossary.detail', { detail: problem.detail })}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
