import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Community } from '../../../shared/model/Community.js';
import type { GlossaryEntry } from '../../../shared/model/GlossaryEntry.js';
import { tryCommit } from '../../components/fields.js';
import { ErrorMessage } from '../../components/FormActions.js';
import type { HighlightTerm } from '../../editor/glossaryHighlight.js';
import { RichTextEditor } from '../../editor/LazyRichTextEditor.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { supportedLanguages } from '../../i18n/index.js';
import './glossary.css';

/** A language's name in the person's own language ("German" for `de`), or the tag itself. */
function useLanguageName(): (tag: string) => string {
  const { i18n } = useTranslation();
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  } catch {
    names = null;
  }
  return (tag) => names?.of(tag) ?? tag;
}

/**
 * A term's names and definitions in other languages, each marked with its `lang` so screen
 * readers pronounce it and spelling is checked in that language. Highlighting and search
 * find the term by any of these names.
 */
export function TermLanguages({
  entry,
  community,
  terms,
  readOnly,
}: {
  entry: GlossaryEntry;
  community: Community;
  terms: readonly HighlightTerm[];
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const languages = useDocSnapshot(community, () => entry.languages);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="languages-title" className="field term-languages">
      <h3 id="languages-title">{t('glossary.languages')}</h3>
      {languages.length === 0 && <p className="hint">{t('glossary.noLanguages')}</p>}
      {languages.map((language) => {
        const named = `${languageName(language.language)} (${language.language})`;
        return (
          <div key={language.language} className="term-language" role="group" aria-label={named}>
            <h4>{named}</h4>
            <LanguageName
              label={t('glossary.nameIn', { language: named })}
              value={language.name}
              lang={language.language}
              readOnly={readOnly}
              onCommit={(name) => setError(tryCommit(() => entry.setLanguageName(language.language, name)))}
            />
            <span className="label">{t('glossary.definitionIn', { language: named })}</span>
            <RichTextEditor
              text={language.definition}
              label={t('glossary.definitionIn', { language: named })}
              terms={terms}
              readOnly={readOnly}
              lang={language.language}
            />
            {!readOnly && (
              <button type="button" className="ghost" onClick={() => setError(tryCommit(() => entry.removeLanguage(language.language)))}>
                {t('glossary.removeLanguage', { language: named })}
              </button>
            )}
          </div>
        );
      })}
      <ErrorMessage message={error} />
      {!readOnly && <AddLanguage entry={entry} />}
    </section>
  );
}

/** The name in another language: an input marked with that language, committed on blur or Enter. */
function LanguageName({
  label,
  value,
  lang,
  readOnly,
  onCommit,
}: {
  label: string;
  value: string;
  lang: string;
  readOnly: boolean;
  onCommit: (name: string) => void;
}) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        lang={lang}
        value={editing ?? value}
        readOnly={readOnly}
        onChange={(event) => setEditing(event.target.value)}
        onBlur={() => {
          if (editing !== null && editing !== value) onCommit(editing);
          setEditing(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
        }}
      />
    </div>
  );
}

/** Adds a language: one of the app's, or any BCP 47 tag (checked by the model). */
function AddLanguage({ entry }: { entry: GlossaryEntry }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const listId = useId();
  const errorId = useId();
  const [language, setLanguage] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const failure = tryCommit(() => entry.addLanguage(language, name));
    setError(failure);
    if (!failure) {
      setLanguage('');
      setName('');
    }
  };
  return (
    <form className="inline-form add-language" onSubmit={submit} aria-label={t('glossary.addLanguage')}>
      <label>
        {t('glossary.languageTag')}
        <input
          value={language}
          list={listId}
          size={8}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setLanguage(event.target.value)}
        />
      </label>
      <datalist id={listId}>
        {supportedLanguages.map((tag) => (
          <option key={tag} value={tag}>
            {languageName(tag)}
          </option>
        ))}
      </datalist>
      <label>
        {t('glossary.nameInNew')}
        <input value={name} lang={language || undefined} onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit">{t('glossary.addLanguage')}</button>
      <ErrorMessage id={errorId} message={error} />
    </form>
  );
}
