import i18next from 'i18next';
import { Monitor, Moon, Sun } from 'lucide-react';
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { memberColours, type MemberColour } from '../../../shared/model/colours.js';
import { themes, type PersonalDoc, type Theme } from '../../../shared/model/PersonalDoc.js';
import { uiLanguage } from '../../app/preferences.js';
import { useAnnounce } from '../../components/Announcer.js';
import { ChoiceGroup } from '../../components/ChoiceGroup.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/FormActions.js';
import { LanguageSelect } from './LanguageSelect.js';
import { errorText } from '../../i18n/messages.js';
import { DeviceLinking } from './DeviceLinking.js';
import { PersonalBackup } from './PersonalBackup.js';

const themeIcons = { system: Monitor, light: Sun, dark: Moon } as const;

/**
 * Name and colour, as others see them (applied to every community on next open), and
 * this device's language and theme, applied at once and kept in the personal document.
 */
export function SettingsDialog({ personal, onClose }: { personal: PersonalDoc; onClose: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = useId();
  const identity = personal.identity;
  const settings = personal.settings;
  const [name, setName] = useState(identity?.name ?? '');
  const [colour, setColour] = useState<MemberColour>(identity?.colour ?? memberColours[0]);
  const [language, setLanguage] = useState(settings.language);
  const [theme, setTheme] = useState<Theme>(settings.theme);
  const [error, setError] = useState<string | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [linking, setLinking] = useState(false);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    try {
      personal.doc.transact(() => {
        personal.setIdentity(name, colour);
        personal.setLanguage(language);
        personal.setTheme(theme);
      });
      // Said in the language just chosen, which is what the page is about to speak.
      announce(i18next.getFixedT(uiLanguage(language))('settings.saved'));
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  if (backingUp) {
    return (
      <Dialog title={t('personalBackup.open')} onClose={onClose}>
        <PersonalBackup personal={personal} onBack={() => setBackingUp(false)} />
      </Dialog>
    );
  }
  if (linking) {
    return (
      <Dialog title={t('devices.open')} onClose={onClose}>
        <DeviceLinking personal={personal} onBack={() => setLinking(false)} />
      </Dialog>
    );
  }
  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack settings-form">
        <label htmlFor={`${id}-name`}>{t('firstRun.nameLabel')}</label>
        <input id={`${id}-name`} value={name} autoFocus aria-invalid={error ? true : undefined} onChange={(e) => setName(e.target.value)} />
        <ChoiceGroup
          type="radio"
          name={`${id}-colour`}
          legend={t('settings.colour')}
          className="colours"
          choiceClassName="colour-choice"
          value={colour}
          onChange={setColour}
          choices={memberColours.map((c, index) => ({
            value: c,
            label: t('settings.colourNumber', { number: index + 1 }),
            labelHidden: true,
            mark: <span className="swatch large" style={{ backgroundColor: c }} aria-hidden="true" />,
          }))}
        />
        <LanguageSelect id={`${id}-language`} value={language} describedBy={`${id}-language-hint`} onChange={setLanguage} />
        <p id={`${id}-language-hint`} className="hint">
          {t('settings.languageHint')}
        </p>
        <ChoiceGroup
          type="radio"
          name={`${id}-theme`}
          legend={t('settings.theme')}
          className="choice-row"
          choiceClassName="choice-chip"
          value={theme}
          onChange={setTheme}
          choices={themes.map((value) => {
            const Icon = themeIcons[value];
            return { value, label: t(`settings.themes.${value}`), mark: <Icon size={16} aria-hidden /> };
          })}
        />
        <ErrorMessage message={error} />
        <div className="actions">
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" onClick={() => setBackingUp(true)}>
            {t('personalBackup.open')}
          </button>
          <button type="button" onClick={() => setLinking(true)}>
            {t('devices.open')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
