import { History } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useAutoCheckpoints } from './autoCheckpoints.js';
import { useAnswerAction } from '../commands/actionRequests.js';
import { HistoryDialog } from './HistoryDialog.js';

/** The entry point to an entry's history (any kind), placed near its title in each view. */
export function HistoryButton({ opened, entry, title }: { opened: OpenCommunity; entry: Y.Map<unknown>; title: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // The palette's "History" opens the history of the entry shown.
  useAnswerAction('history', () => setOpen(true));
  // Start this device's automatic checkpoints as soon as an entry with history is shown.
  useAutoCheckpoints(opened);
  return (
    <>
      <button type="button" className="history-button" onClick={() => setOpen(true)}>
        <History size={16} aria-hidden />
        {t('history.open')}
      </button>
      {open && <HistoryDialog opened={opened} entry={entry} title={title} onClose={() => setOpen(false)} />}
    </>
  );
}
