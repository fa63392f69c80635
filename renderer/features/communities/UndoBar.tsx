import { useTranslation } from 'react-i18next';

export interface Deletion {
  readonly label: string;
  readonly undo: () => void;
  /** The bar went away without Undo: frees what the undo kept. */
  readonly forget?: () => void;
}

/** After a delete: says what went, and offers to bring it back. */
export function UndoBar({ deletion, onDismiss }: { deletion: Deletion | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="undo-bar" role="status" aria-live="polite">
      {deletion && (
        <>
          <span>{t('common.deleted', { label: deletion.label })}</span>
          <button
            type="button"
            onClick={() => {
              deletion.undo();
              onDismiss();
            }}
          >
            {t('common.undo')}
          </button>
          <button type="button" className="ghost" onClick={onDismiss} aria-label={t('common.dismiss')}>
            {t('common.closeSymbol')}
          </button>
        </>
      )}
    </div>
  );
}
