import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenCommunity } from '../../app/Workspace.js';
import { TrashDialog } from './TrashDialog.js';

/** The community navigation's way to the trash. */
export function TrashButton({ opened }: { opened: OpenCommunity }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
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
