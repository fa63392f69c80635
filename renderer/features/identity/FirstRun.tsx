import { LockKeyhole } from 'lucide-react';
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { entryKinds } from '../../../shared/model/Entry.js';
import { ErrorMessage } from '../../components/FormActions.js';
import { kindIcons } from '../../components/kindIcons.js';
import type { PersonalDoc } from '../../../shared/model/PersonalDoc.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { errorText } from '../../i18n/messages.js';
import { LanguageSelect } from './LanguageSelect.js';


/**
 * First run: a short welcome (what a community keeps, and that it stays private until
 * the person shares it), then the only thing we ask: how others will see this person.
 * Home then offers to start a community or join one.
 */
export function FirstRun({ personal }: { personal: PersonalDoc }) {
  const { t } = useTranslation();
  const nameId = useId();
  const hintId = useId();
  const errorId = useId();
  const languageId = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const language = useDocSnapshot(personal, () => personal.settings.language);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    try {
      personal.setIdentity(name);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <main id="main" className="first-run" tabIndex={-1}>
      <h1>{t('firstRun.title')}</h1>
      <p className="lead">{t('firstRun.intro')}</p>
      <section aria-labelledby={`${nameId}-kinds`} className="welcome-section">
        <h2 id={`${nameId}-kinds`}>{t('firstRun.kindsTitle')}</h2>
        <ul className="welcome-kinds">
          {entryKinds.map((kind) => {
            const Icon = kindIcons[kind];
            return (
              <li key={kind}>
                <Icon size={20} aria-hidden className="welcome-icon" />
                <span>
                  <strong>{t(`kinds.${kind}`)}</strong> {t(`firstRun.kinds.${kind}`)}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby={`${nameId}-privacy`} className="welcome-section welcome-privacy">
        <LockKeyhole size={20} aria-hidden className="welcome-icon" />
        <div>
          <h2 id={`${nameId}-privacy`}>{t('firstRun.privacyTitle')}</h2>
          <p>{t('firstRun.privacy')}</p>
          <p>{t('firstRun.privacyInvite')}</p>
        </div>
      </section>
      <form onSubmit={submit} noValidate className="stack welcome-form">
        <label htmlFor={nameId}>{t('firstRun.nameLabel')}</label>
        <input
          id={nameId}
          name="name"
          autoComplete="name"
          autoFocus
          value={name}
          maxLength={80}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
        />
        <p id={hintId} className="hint">
          {t('firstRun.nameHint')}
        </p>
        <ErrorMessage id={errorId} message={error} />
        <button type="submit" className="primary">
          {t('firstRun.continue')}
        </button>
      </form>
      <p className="hint">{t('firstRun.nextStep')}</p>
      <div className="welcome-language">
        <LanguageSelect id={languageId} value={language} onChange={(choice) => personal.setLanguage(choice)} />
      </div>
    </main>
  );
}
