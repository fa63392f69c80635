import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, FormActions } from './FormActions.js';
import { Dialog } from './Dialog.js';
import { FieldNotes } from './fields.js';
import { errorText } from '../i18n/messages.js';

/**
 * "New …" asks only for what an entry cannot exist without (a term, a title); everything
 * else is filled in on the entry itself. `create` throws to refuse, with a message.
 */
export function CreateDialog({ title, fieldLabel, hint, create, onClose, warn }: { title: string; fieldLabel: string; hint?: string; create: (value: string) => void; onClose: () => void; warn?: (value: string) => string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const warning = warn?.(value) ?? null;
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    try {
      create(value);
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <label htmlFor={id}>{fieldLabel}</label>
        <input
          id={id}
          autoFocus
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : '', warning ? `${id}-warning` : ''].filter(Boolean).join(' ') || undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        <FieldNotes id={id} hint={hint} warning={warning} />
        <ErrorMessage id={`${id}-error`} message={error} />
        <FormActions submitLabel={t('common.create')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
