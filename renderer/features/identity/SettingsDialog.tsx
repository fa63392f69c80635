import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { memberColours, type MemberColour } from '../../../shared/model/colours.js';
import type { PersonalDoc } from '../../../shared/model/PersonalDoc.js';
import { Dialog } from '../../components/Dialog.js';

/** Name and colour, as others see them; applied to every community on next open. */
export function SettingsDialog({ personal, onClose }: { personal: PersonalDoc; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const identity = personal.identity;
  const [name, setName] = useState(identity?.name ?? '');
  const [colour, setColour] = useState<MemberColour>(identity?.colour ?? memberColours[0]);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    try {
      personal.setIdentity(name, colour);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <label htmlFor={`${id}-name`}>{t('firstRun.nameLabel')}</label>
        <input id={`${id}-name`} value={name} autoFocus aria-invalid={error ? true : undefined} onChange={(e) => setName(e.target.value)} />
        <fieldset className="colours">
          <legend>{t('settings.colour')}</legend>
          {memberColours.map((c, index) => (
            <label key={c} className="colour-choice">
              <input type="radio" name={`${id}-colour`} value={c} checked={colour === c} onChange={() => setColour(c)} />
              <span className="swatch large" style={{ backgroundColor: c }} aria-hidden="true" />
              <span className="visually-hidden">{t('settings.colourNumber', { number: index + 1 })}</span>
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
