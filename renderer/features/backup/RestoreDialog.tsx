import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedFile } from '../../../shared/bridge/contract.js';
import { isCommonplaceError } from '../../../shared/CommonplaceError.js';
import { BACKUP_FILE_EXTENSION, decodeBackup, mergeBackup, type DecodedBackup } from '../../../shared/backup/backupFile.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { Dialog } from '../../components/Dialog.js';
import { FilePreview } from '../../components/FilePreview.js';
import { ErrorMessage } from '../../components/FormActions.js';
import { errorMessage } from '../export/files.js';
import { dropProblemText } from '../import/ImportDialog.js';
import { FileDropZone } from '../import/FileDropZone.js';
import { knowsCommunity, restoreCommunity } from './restore.js';
import { CloseActions, TransferStatus } from '../../components/TransferStatus.js';

/** Backups are a whole community's history; far larger than any import. */
const MAX_BACKUP_BYTES = 512 * 1024 * 1024;
const extensions = [BACKUP_FILE_EXTENSION];

interface Chosen {
  readonly fileName: string;
  readonly backup: DecodedBackup;
  readonly known: boolean;
}

function backupErrorText(t: TFunction, error: unknown): string {
  if (isCommonplaceError(error)) return t(`messages.${error.code}`, error.params);
  return t('backup.errors.other', { message: errorMessage(error) });
}

/**
 * Restore or merge a backup: the file is read and checked first and the dialog says what
 * will happen (a community new to this device is added; one already here is merged, which
 * keeps everyone's edits and deletes nothing). A damaged or foreign file changes nothing.
 */
export function RestoreDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const id = useId();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const read = (file: OpenedFile): void => {
    setStatus(null);
    setError(null);
    setChosen(null);
    try {
      const backup = decodeBackup(file.data);
      setChosen({ fileName: file.name, backup, known: knowsCommunity(workspace, backup.meta.communityId) });
    } catch (failure) {
      setError(backupErrorText(t, failure));
    }
  };

  const apply = async (target: Chosen): Promise<void> => {
    setBusy(true);
    setError(null);
    const { meta } = target.backup;
    try {
      if (target.known) {
        const opened = await workspace.openCommunity(meta.communityId);
        if (opened.readOnly) throw new Error(t('backup.readOnly'));
        const result = mergeBackup(opened.community, target.backup);
        // Keep the room secret the backup carried when this device had none.
        if (meta.secret && !workspace.personal.communityAccess(meta.communityId)) {
          workspace.personal.rememberCommunity(meta.communityId, opened.community.profile.name, false, { secret: meta.secret, inviteSignaling: [] });
        }
        setStatus(t('backup.merged', { name: opened.community.profile.name, before: result.entriesBefore, after: result.entriesAfter }));
      } else {
        const opened = await restoreCommunity(workspace, target.backup);
        setStatus(t('backup.restored', { name: opened.community.profile.name, count: opened.community.allEntries().length }));
      }
      setChosen(null);
    } catch (failure) {
      setError(backupErrorText(t, failure));
    } finally {
      setBusy(false);
    }
  };

  const madeOn = (createdAt: number): string => new Date(createdAt).toLocaleString(i18n.language, { dateStyle: 'long', timeStyle: 'short' });

  return (
    <Dialog title={t('backup.restoreTitle')} onClose={onClose} describedBy={`${id}-intro`}>
      <div className="stack transfer-form">
        <p id={`${id}-intro`} className="hint">
          {t('backup.restoreIntro')}
        </p>
        <FileDropZone
          label={t('backup.dropZone')}
          chooseLabel={t('backup.chooseFile')}
          dropHint={t('backup.dropHint')}
          extensions={extensions}
          maxBytes={MAX_BACKUP_BYTES}
          disabled={busy}
          onFile={read}
          onProblem={(problem) => {
            setChosen(null);
            setStatus(null);
            setError(problem.kind === 'too-large' ? t('backup.errors.too-large') : dropProblemText(t, problem, extensions));
          }}
        />
        <ErrorMessage message={error} />
        {chosen && (
          <FilePreview
            busy={busy}
            confirmLabel={chosen.known ? t('backup.merge', { name: chosen.backup.meta.profile.name }) : t('backup.restore', { name: chosen.backup.meta.profile.name })}
            onConfirm={() => void apply(chosen)}
            chooseAnotherLabel={t('backup.chooseAnother')}
            onChooseAnother={() => setChosen(null)}
          >
            <p>{t('backup.about', { file: chosen.fileName, name: chosen.backup.meta.profile.name, date: madeOn(chosen.backup.meta.createdAt) })}</p>
            <p>{chosen.known ? t('backup.willMerge', { name: chosen.backup.meta.profile.name }) : t('backup.willRestore', { name: chosen.backup.meta.profile.name })}</p>
            {chosen.backup.meta.secret && <p className="hint">{t('backup.hasSecret')}</p>}
          </FilePreview>
        )}
        <TransferStatus status={status} />
        <CloseActions onClose={onClose} />
      </div>
    </Dialog>
  );
}
