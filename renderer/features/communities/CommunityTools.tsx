import { Archive, Download, Upload } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenCommunity } from '../../app/Workspace.js';
import { BackupDialog } from '../backup/BackupDialog.js';
import { ExportDialog } from '../export/ExportDialog.js';
import { ImportDialog } from '../import/ImportDialog.js';
import { useAnswerAction } from '../commands/actionRequests.js';

/** Community-level actions (export, back up, import) shown under the kinds. */
export function CommunityTools({ opened }: { opened: OpenCommunity }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [dialog, setDialog] = useState<'export' | 'import' | 'backup' | null>(null);
  const close = (): void => setDialog(null);
  // The command palette can open these too.
  useAnswerAction('export', () => setDialog('export'));
  useAnswerAction('import', () => setDialog('import'));
  useAnswerAction('backup', () => setDialog('backup'));
  return (
    <div className="community-tools" role="group" aria-labelledby={headingId}>
      <h2 id={headingId} className="list-heading">
        {t('export.toolsHeading')}
      </h2>
      <ul>
        <li>
          <button type="button" className="nav-item" onClick={() => setDialog('export')}>
            <Download size={18} aria-hidden />
            {t('export.open')}
          </button>
        </li>
        <li>
          <button type="button" className="nav-item" onClick={() => setDialog('import')}>
            <Upload size={18} aria-hidden />
            {t('import.open')}
          </button>
        </li>
        <li>
          <button type="button" className="nav-item" onClick={() => setDialog('backup')}>
            <Archive size={18} aria-hidden />
            {t('backup.open')}
          </button>
        </li>
      </ul>
      {dialog === 'export' && <ExportDialog opened={opened} onClose={close} />}
      {dialog === 'import' && <ImportDialog opened={opened} onClose={close} />}
      {dialog === 'backup' && <BackupDialog opened={opened} onClose={close} />}
    </div>
  );
}
