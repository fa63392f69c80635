import { History } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { autoCheckpointsOf } from './autoCheckpoints.js';
import { useAnswerAction } from '../commands/actionRequests.js';
import { HistoryDialog } from './HistoryDialog.js';

/** The entry point to a story's history, placed by the story in each view. */
export function HistoryButton({ opened, entryId, text, title }: { opened: OpenCommunity; entryId: string; text: Y.Text; title: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [open, setOpen] = useState(false);
  // The palette's "History" opens the history of the story shown.
  useAnswerAction('history', () => setOpen(true));
  // Start this device's automatic checkpoints as soon as a story with history is shown.
  autoCheckpointsOf(opened.community, () => workspace.personal.identity?.id ?? '');
  return (
    <>
      <button type="button" className="history-button" onClick={() => setOpen(true)}>
        <History size={16} aria-hidden />
        {t('history.open')}
      </button>
      {open && <HistoryDialog opened={opened} entryId={entryId} text={text} title={title} onClose={() => setOpen(false)} />}
    </>
  );
}
