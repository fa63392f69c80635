import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { restoreFromTrash, trashItems } from '../../../shared/model/history/trash.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { Dialog } from '../../components/Dialog.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { errorText } from '../../i18n/messages.js';
import { useFormat } from '../../i18n/useFormat.js';

/** What was deleted in the community, by whom and when; anyone can put it back. */
export function TrashDialog({ opened, onClose }: { opened: OpenCommunity; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { community, readOnly } = opened;
  const items = useDocSnapshot(community, () => trashItems(community));
  const [status, setStatus] = useState<string | null>(null);
  return (
    <Dialog title={t('trash.title')} onClose={onClose}>
      {items.length === 0 && <p className="hint">{t('trash.empty')}</p>}
      <ul className="trash-list">
        {items.map((item) => (
          <li key={item.id}>
            <span className="trash-title">{item.title || t('common.untitled')}</span>
            <span className="hint">
              {' '}
              {t('trash.deletedBy', { kind: t(`kinds.${item.kind}`), name: item.deletedBy?.name ?? t('common.someone'), when: format.timestamp(item.deletedAt, 'medium') })}
            </span>
            {!readOnly && (
              <button
                type="button"
                aria-label={t('trash.restoreNamed', { title: item.title || t('common.untitled') })}
                onClick={() => {
                  try {
                    restoreFromTrash(community, item.id);
                    setStatus(t('trash.restored', { title: item.title || t('common.untitled') }));
                  } catch (error) {
                    setStatus(errorText(error));
                  }
                }}
              >
                {t('trash.restore')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {status && (
        <p className="notice" role="status">
          {status}
        </p>
      )}
    </Dialog>
  );
}
