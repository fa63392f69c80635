import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Overwrite } from '../../shared/model/Community.js';
import { isPlaceholderStory } from '../../shared/model/richText.js';
import { useYTextInput } from '../hooks/useYText.js';
import { errorText } from '../i18n/messages.js';
import { ErrorMessage } from './FormActions.js';

/** Runs a model setter and turns its thrown message into text the field shows. */
export function tryCommit(commit: () => void): string | null {
  try {
    commit();
    return null;
  } catch (error) {
    return errorText(error);
  }
}

/** The ids of the notes FieldNotes shows for field `id`, for its `aria-describedby`. */
export function describedBy(id: string, notes: { hint?: ReactNode; warning?: string | null; error?: string | null }): string | undefined {
  return [notes.hint ? `${id}-hint` : '', notes.error ? `${id}-error` : '', notes.warning ? `${id}-warning` : ''].filter(Boolean).join(' ') || undefined;
}

/** A field's hint, warning and refusal, each with the id `aria-describedby` names. */
export function FieldNotes({ id, hint, warning, error }: { id: string; hint?: ReactNode; warning?: string | null; error?: string | null }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {warning && (
        <p id={`${id}-warning`} className="warning" role="status">
          {warning}
        </p>
      )}
      <ErrorMessage id={`${id}-error`} message={error ?? null} />
    </>
  );
}

interface FieldProps {
  readonly label: string;
  readonly value: string;
  /** Throws to refuse; the message is shown and the document is unchanged. */
  readonly onCommit: (value: string) => void;
  readonly hint?: ReactNode;
  readonly multiline?: boolean;
  readonly type?: 'text' | 'date' | 'url';
  readonly readOnly?: boolean;
  readonly warning?: string | null;
  readonly autoFocus?: boolean;
}

/**
 * A text field bound to one model field: edits locally, commits on blur or Enter, shows
 * the model's refusal in place. Remote changes show when the field is not being edited.
 */
export function TextField({ label, value, onCommit, hint, multiline, type = 'text', readOnly, warning, autoFocus }: FieldProps) {
  const id = useId();
  // null while not editing: the field then shows the document's value, remote edits included.
  const [editingValue, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = editingValue ?? value;
  const commit = (): void => {
    setDraft(null);
    if (editingValue === null || editingValue === value) {
      setError(null);
      return;
    }
    const failure = tryCommit(() => onCommit(editingValue));
    setError(failure);
    // Keep a refused value on screen so the person can correct it.
    if (failure) setDraft(editingValue);
  };
  // A draft is otherwise saved on blur or Enter; when the window is hidden or closing
  // (a laptop lid shut mid-sentence) there is no blur, so save it then.
  useEffect(() => {
    if (editingValue === null || editingValue === value) return;
    const save = (): void => {
      if (document.visibilityState === 'hidden') tryCommit(() => onCommit(editingValue));
    };
    const onPageHide = (): void => void tryCommit(() => onCommit(editingValue));
    document.addEventListener('visibilitychange', save);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', save);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [editingValue, value, onCommit]);
  const described = describedBy(id, { hint, error, warning });
  const common = {
    id,
    value: draft,
    readOnly,
    autoFocus,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    onBlur: commit,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      )}
      <FieldNotes id={id} hint={hint} warning={warning} error={error} />
    </div>
  );
}

interface TypedFieldProps {
  readonly label: string;
  /** The field's Y.Text (textFields.ts). */
  readonly text: Y.Text;
  /** The model's setter: validates and writes; throws to refuse (nothing changes). */
  readonly write: (value: string) => void;
  readonly hint?: ReactNode;
  readonly multiline?: boolean;
  readonly readOnly?: boolean;
}

/**
 * A free-text field bound to a Y.Text: saved and sent to others as it is typed, merged
 * with what others type at the same time, the caret kept in place under their edits.
 * Refused input shows the reason and leaves the field as it was.
 */
export function TypedTextField({ label, text, write, hint, multiline, readOnly }: TypedFieldProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const input = useYTextInput<HTMLInputElement & HTMLTextAreaElement>(text, write);
  // A field an older version wrote and the migration has not reached cannot take edits.
  const locked = readOnly || isPlaceholderStory(text);
  const described = describedBy(id, { hint, error });
  const common = {
    id,
    ref: input.ref,
    value: input.value,
    readOnly: locked,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    onSelect: input.onSelect,
    onChange: (event: { target: { value: string } }) => setError(tryCommit(() => input.onChange(event.target.value))),
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea {...common} rows={4} /> : <input {...common} type="text" />}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** Says, next to a field, that someone else replaced this person's choice, and with what. */
export function OverwriteNotice({ overwrite, show }: { overwrite: Overwrite | undefined; show: (value: unknown) => string }) {
  const { t } = useTranslation();
  if (!overwrite) return null;
  return (
    <p className="notice" role="status">
      {t('common.changedBy', { name: overwrite.by?.name ?? t('common.someone'), value: show(overwrite.value) })}
    </p>
  );
}

/** A list edited as text: one item per line (or separated by commas when `inline`). */
export function ListField({ label, values, onCommit, hint, inline, readOnly }: { label: string; values: readonly string[]; onCommit: (values: string[]) => void; hint?: string; inline?: boolean; readOnly?: boolean }) {
  const separator = inline ? ', ' : '\n';
  return (
    <TextField
      label={label}
      value={values.join(separator)}
      multiline={!inline}
      readOnly={readOnly}
      hint={hint}
      onCommit={(text) =>
        onCommit(
          text
            .split(inline ? /[,;\n]/ : /\n/)
            .map((v) => v.trim())
            .filter(Boolean),
        )
      }
    />
  );
}

export function SelectField<T extends string>({ label, value, options, onChange, disabled }: { label: string; value: T; options: readonly { value: T; label: string }[]; onChange: (value: T) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
