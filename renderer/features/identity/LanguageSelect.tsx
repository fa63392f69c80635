import { useTranslation } from 'react-i18next';
import { languageName, supportedLanguages, systemLanguage } from '../../i18n/index.js';

/** The choice that follows the system's language; stored as no choice at all (null). */
export const SYSTEM_LANGUAGE = 'system';

/** The language picker of the welcome and of settings: the system's, then each language named in itself. */
export function LanguageSelect({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: string | null;
  onChange: (language: string | null) => void;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t('settings.language')}</label>
      <select
        id={id}
        value={value ?? SYSTEM_LANGUAGE}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value === SYSTEM_LANGUAGE ? null : e.target.value)}
      >
        <option value={SYSTEM_LANGUAGE}>{t('settings.languageSystem', { language: languageName(systemLanguage()) })}</option>
        {supportedLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageName(code)}
          </option>
        ))}
      </select>
    </>
  );
}
