import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useAutoCheckpoints } from './autoCheckpoints.js';
import { useAnswerAction } from '../commands/actionRequests.js';
import { TrashDialog } from './TrashDialog.js';

/** The community navigation's way to the trash (and where this device's automatic checkpoints start). */
export function TrashButton({ opened }: { opened: OpenCommunity }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useAnswerAction('trash', () => setOpen(true));
  // Shown whenever the community is: this device's automatic checkpoints start with it.
  useAutoCheckpoints(opened, !opened.readOnly);
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
