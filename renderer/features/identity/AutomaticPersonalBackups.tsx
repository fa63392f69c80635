import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/backup/personalBackup.js';
import { bridge } from '../../bridge/index.js';
import { ErrorMessage } from '../../components/FormActions.js';
import { errorText } from '../../i18n/messages.js';

/**
 * Desktop only: the personal document in the automatic backups, sealed with a passphrase
 * set once here. The system keychain keeps it (the main process; it is never read back
 * here), so nobody is asked for it again until a backup has to be opened.
 */
export function AutomaticPersonalBackups() {
  const { t } = useTranslation();
  const id = useId();
  const [on, setOn] = useState<boolean | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void bridge.hasPersonalBackupPassphrase().then(
      (set) => live && setOn(set),
      () => live && setOn(false),
    );
    return () => {
      live = false;
    };
  }, []);
  const change = (next: string | null, done: string): void => {
    setBusy(true);
    setError(null);
    setStatus(null);
    bridge
      .setPersonalBackupPassphrase(next)
      .then(() => {
        setOn(next !== null);
        setPassphrase('');
        setRepeat('');
        setStatus(done);
      })
      // The main process refuses with a code; errorText reads it back from Electron's text.
      .catch((failure: unknown) => setError(errorText(failure)))
      .finally(() => setBusy(false));
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    // Checked here first so a mistake never reaches the keychain.
    if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) setError(t('autoPersonalBackup.tooShort', { min: MIN_PASSPHRASE_LENGTH }));
    else if (passphrase !== repeat) setError(t('autoPersonalBackup.mismatch'));
    else change(passphrase, t('autoPersonalBackup.turnedOn'));
  };
  return (
    <form className="stack" noValidate aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>{t('autoPersonalBackup.title')}</h3>
      <p>{t('autoPersonalBackup.explain')}</p>
      <p>{on === null ? null : on ? t('autoPersonalBackup.on') : t('autoPersonalBackup.off')}</p>
      <label htmlFor={`${id}-passphrase`}>{on ? t('autoPersonalBackup.newPassphrase') : t('personalBackup.passphrase')}</label>
      <input id={`${id}-passphrase`} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      <label htmlFor={`${id}-repeat`}>{t('personalBackup.repeat')}</label>
      <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      <ErrorMessage id={`${id}-error`} message={error} />
      <p role="status" className="success">
        {status}
      </p>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {on ? t('autoPersonalBackup.change') : t('autoPersonalBackup.turnOn')}
        </button>
        {on ? (
          <button type="button" disabled={busy} onClick={() => change(null, t('autoPersonalBackup.turnedOff'))}>
            {t('autoPersonalBackup.turnOff')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
