import { ArchiveRestore } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswerAction } from '../commands/actionRequests.js';
import { RestoreDialog } from './RestoreDialog.js';

/** Workspace-level actions (restore or merge a backup) shown in the sidebar. */
export function WorkspaceTools() {
  const { t } = useTranslation();
  const [restoring, setRestoring] = useState(false);
  useAnswerAction('restore', () => setRestoring(true));
  return (
    <div className="workspace-tools">
      <button type="button" className="ghost tool-button" onClick={() => setRestoring(true)}>
        <ArchiveRestore size={16} aria-hidden />
        {t('backup.restoreOpen')}
      </button>
      {restoring && <RestoreDialog onClose={() => setRestoring(false)} />}
    </div>
  );
}
