import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNameSchema, type PersonalDoc } from '../../../shared/model/PersonalDoc.js';

/** First run: the only thing we ask is how others will see this person. */
export function FirstRun({ personal }: { personal: PersonalDoc }) {
  const { t } = useTranslation();
  const nameId = useId();
  const hintId = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const parsed = displayNameSchema.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    personal.setIdentity(parsed.data);
  };

  return (
    <main id="main" className="first-run" tabIndex={-1}>
      <h1>{t('firstRun.title')}</h1>
      <p className="lead">{t('firstRun.intro')}</p>
      <form onSubmit={submit} noValidate className="stack">
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
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t('firstRun.continue')}
        </button>
      </form>
      <p className="hint">{t('firstRun.privacy')}</p>
    </main>
  );
}
