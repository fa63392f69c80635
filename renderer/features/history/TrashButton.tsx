import { Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { afterNextPaint } from '../../timing/afterNextPaint.js';
import { autoCheckpointsFor } from './autoCheckpoints.js';
import { useAnswerAction } from '../commands/actionRequests.js';
import { TrashDialog } from './TrashDialog.js';

/** The community navigation's way to the trash (and where this device's automatic checkpoints start). */
export function TrashButton({ opened }: { opened: OpenCommunity }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [open, setOpen] = useState(false);
  useAnswerAction('trash', () => setOpen(true));
  // Shown whenever the community is: this device's automatic checkpoints start with it, once
  // the community is on screen (reading the stored ones is not what opening waits for).
  useEffect(() => {
    if (!opened.readOnly) afterNextPaint(() => autoCheckpointsFor(opened, () => workspace.personal.identity?.id ?? ''));
  }, [opened, workspace]);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        <Trash2 size={16} aria-hidden />
        {t('trash.open')}
      </button>
      {open && <TrashDialog opened={opened} onClose={() => setOpen(false)} />}
    </>
  );
}
