import { useTranslation } from 'react-i18next';
import type { HistoryRun } from '../../../shared/model/history/story.js';

/**
 * Text with who wrote each run: added and removed runs are marked (ins/del) and coloured by
 * their author, and the author's name is in the accessible text too, never only a colour.
 */
export function HistoryRuns({ runs, showAuthors }: { runs: readonly HistoryRun[]; showAuthors: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="history-text" data-testid="history-text">
      {runs.map((run, index) => {
        const name = run.author?.name ?? t('history.unknownAuthor');
        const style = run.author ? { borderColor: run.author.colour, textDecorationColor: run.author.colour } : undefined;
        if (run.change === 'added') {
          return (
            <ins key={index} className="history-added" style={style} title={t('history.addedBy', { name })} data-author={run.author?.name ?? ''}>
              <span className="visually-hidden">{t('history.addedBy', { name })} </span>
              {run.text}
            </ins>
          );
        }
        if (run.change === 'removed') {
          return (
            <del key={index} className="history-removed" style={style} title={t('history.removedWrittenBy', { name })} data-author={run.author?.name ?? ''}>
              <span className="visually-hidden">{t('history.removedWrittenBy', { name })} </span>
              {run.text}
            </del>
          );
        }
        if (showAuthors && run.author) {
          return (
            <span key={index} className="history-authored" style={style} title={t('history.writtenBy', { name })} data-author={run.author.name}>
              <span className="visually-hidden">{t('history.writtenBy', { name })} </span>
              {run.text}
            </span>
          );
        }
        return <span key={index}>{run.text}</span>;
      })}
    </div>
  );
}
