import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedFile } from '../../../shared/bridge/contract.js';
import { isCommonplaceError } from '../../../shared/CommonplaceError.js';
import { PERSONAL_BACKUP_FILE_EXTENSION, encryptPersonalBackup, mergePersonalBackup } from '../../../shared/backup/personalBackup.js';
import type { PersonalDoc } from '../../../shared/model/PersonalDoc.js';
import { bridge } from '../../bridge/index.js';
import { TransferStatus } from '../../components/TransferStatus.js';
import { errorMessage, localDate } from '../export/files.js';
import { dropProblemText } from '../import/ImportDialog.js';
import { FileDropZone } from '../import/FileDropZone.js';
import { AutomaticPersonalBackups } from './AutomaticPersonalBackups.js';

const extensions = [PERSONAL_BACKUP_FILE_EXTENSION];
const MAX_BYTES = 256 * 1024 * 1024;

function refusal(t: TFunction, error: unknown): string {
  return isCommonplaceError(error) ? t(`messages.${error.code}`, error.params) : t('backup.errors.other', { message: errorMessage(error) });
}

/**
 * My private things (journals, private harvests, settings, community keys) in a file locked
 * with a passphrase, and the same file merged into this device. A wrong passphrase or a
 * damaged file is refused before anything here changes.
 */
export function PersonalBackup({ personal, onBack }: { personal: PersonalDoc; onBack: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [chosen, setChosen] = useState<OpenedFile | null>(null);
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<string>): Promise<void> => {
    setStatus(null);
    setError(null);
    setBusy(true);
    try {
      setStatus(await work());
    } catch (failure) {
      setError(refusal(t, failure));
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (passphrase !== repeat) {
      setStatus(null);
      setError(t('personalBackup.mismatch'));
      return;
    }
    void run(async () => {
      const data = await encryptPersonalBackup({ personal, passphrase, crypto, appVersion: __APP_VERSION__ });
      const result = await bridge.saveFile({ suggestedName: `commonplace-personal-${localDate()}.${PERSONAL_BACKUP_FILE_EXTENSION}`, mimeType: 'application/octet-stream', data });
      return result.saved ? t('backup.saved', { name: result.name }) : t('backup.notSaved');
    });
  };

  const merge = (file: OpenedFile) =>
    run(async () => {
      const result = await mergePersonalBackup(personal, file.data, restorePassphrase, crypto);
      setChosen(null);
      setRestorePassphrase('');
      return t('personalBackup.merged', { before: result.entriesBefore, after: result.entriesAfter });
    });

  return (
    <div className="stack transfer-form">
      <p id={`${id}-intro`}>{t('personalBackup.intro')}</p>
      <form
        className="stack"
        noValidate
        aria-label={t('personalBackup.saveHeading')}
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) save();
        }}
      >
        <h3>{t('personalBackup.saveHeading')}</h3>
        <label htmlFor={`${id}-passphrase`}>{t('personalBackup.passphrase')}</label>
        <input id={`${id}-passphrase`} type="password" autoComplete="new-password" value={passphrase} aria-describedby={`${id}-hint`} onChange={(e) => setPassphrase(e.target.value)} />
        <p id={`${id}-hint`} className="hint">
          {t('personalBackup.passphraseHint')}
        </p>
        <label htmlFor={`${id}-repeat`}>{t('personalBackup.repeat')}</label>
        <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('personalBackup.save')}
          </button>
        </div>
      </form>
      <h3>{t('personalBackup.restoreHeading')}</h3>
      <FileDropZone
        label={t('personalBackup.dropZone')}
        chooseLabel={t('personalBackup.chooseFile')}
        dropHint={t('personalBackup.dropHint')}
        extensions={extensions}
        maxBytes={MAX_BYTES}
        disabled={busy}
        onFile={(file) => {
          setStatus(null);
          setError(null);
          setChosen(file);
        }}
        onProblem={(problem) => {
          setChosen(null);
          setError(problem.kind === 'too-large' ? t('backup.errors.too-large') : dropProblemText(t, problem, extensions));
        }}
      />
      {chosen && (
        <form
          className="stack import-preview"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) void merge(chosen);
          }}
        >
          <label htmlFor={`${id}-restore`}>{t('personalBackup.restorePassphrase', { file: chosen.name })}</label>
          <input id={`${id}-restore`} type="password" autoComplete="current-password" value={restorePassphrase} onChange={(e) => setRestorePassphrase(e.target.value)} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('personalBackup.merge')}
            </button>
          </div>
        </form>
      )}
      <TransferStatus status={status} error={error} />
      {bridge.capabilities.automaticBackups ? <AutomaticPersonalBackups /> : null}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('personalBackup.back')}
        </button>
      </div>
    </div>
  );
}
