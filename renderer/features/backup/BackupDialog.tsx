import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_FILE_EXTENSION, encodeBackup } from '../../../shared/backup/backupFile.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { bridge } from '../../bridge/index.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { errorMessage, fileSlug, localDate } from '../export/files.js';
import { TransferStatus } from '../../components/TransferStatus.js';

/**
 * Back up one community to a file that another device can restore or merge. The room
 * secret goes in only when the person ticks the box, because anyone holding the file could
 * then join the community's live room.
 */
export function BackupDialog({ opened, onClose }: { opened: OpenCommunity; onClose: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { community } = opened;
  const id = useId();
  const [includeSecret, setIncludeSecret] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = community.profile.name;
  const secret = workspace.personal.communityAccess(community.id)?.secret;

  const save = async (): Promise<void> => {
    setStatus(null);
    setError(null);
    setSaving(true);
    try {
      const data = encodeBackup({ community, includeSecret: includeSecret && secret ? secret : undefined, appVersion: __APP_VERSION__ });
      const result = await bridge.saveFile({
        suggestedName: `${fileSlug(name, 'community')}-${localDate()}.${BACKUP_FILE_EXTENSION}`,
        mimeType: 'application/octet-stream',
        data,
      });
      setStatus(result.saved ? t('backup.saved', { name: result.name }) : t('backup.notSaved'));
    } catch (failure) {
      setError(t('backup.saveFailed', { message: errorMessage(failure) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('backup.title', { name })} onClose={onClose} describedBy={`${id}-intro`}>
      <form
        className="stack transfer-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!saving) void save();
        }}
      >
        <div id={`${id}-intro`}>
          <p>{t('backup.intro', { name })}</p>
          <p className="hint">{t('backup.notIncluded')}</p>
        </div>
        <div className="field checkbox">
          <label>
            <input type="checkbox" checked={includeSecret} disabled={!secret || saving} aria-describedby={`${id}-secret-hint`} onChange={(e) => setIncludeSecret(e.target.checked)} />
            {t('backup.includeSecret')}
          </label>
          <p id={`${id}-secret-hint`} className="hint">
            {secret ? t('backup.includeSecretHint') : t('backup.noSecret')}
          </p>
        </div>
        {includeSecret && <p className="warning">{t('backup.secretWarning')}</p>}
        <TransferStatus status={status} error={error} />
        <FormActions submitLabel={t('backup.save')} busy={saving} dismiss="close" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
