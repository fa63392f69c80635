import { useId, useRef, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, FormActions } from './FormActions.js';
import { Dialog } from './Dialog.js';
import { describedBy, FieldNotes } from './fields.js';
import { errorText } from '../i18n/messages.js';

/**
 * A choice that must be made before the entry exists, because it decides where the entry
 * is written (a harvest private to me is never written into the community document).
 * Nothing is chosen at first: `create` gets undefined until the person picks, and refuses.
 */
export interface CreateChoice {
  /** Draws the choice with what is chosen so far; `choose` records a pick. */
  readonly render: (chosen: string | undefined, choose: (value: string) => void) => ReactNode;
}

/**
 * "New …" asks only for what an entry cannot exist without (a term, a title, and a
 * `choice` where one is given); everything else is filled in on the entry itself.
 * `create` throws to refuse, with a message.
 */
export function CreateDialog({
  title,
  fieldLabel,
  hint,
  create,
  onClose,
  warn,
  choice,
}: {
  title: string;
  fieldLabel: string;
  hint?: string;
  create: (value: string, chosen: string | undefined) => void;
  onClose: () => void;
  warn?: (value: string) => string | null;
  choice?: CreateChoice;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState('');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const warning = warn?.(value) ?? null;
  // Once created, the new entry is shown in the same update that closes this dialog: focus
  // goes to its first field, so the person goes on writing (not back to the "New …" button).
  const focusAfter = useRef<(() => HTMLElement | null) | null>(null);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    try {
      create(value, chosen);
      focusAfter.current = () => document.querySelector<HTMLElement>('#main .detail :is(input, textarea, select, [contenteditable="true"]):not([disabled])');
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <Dialog title={title} onClose={onClose} focusAfter={focusAfter}>
      <form onSubmit={submit} noValidate className="stack">
        <label htmlFor={id}>{fieldLabel}</label>
        <input
          id={id}
          autoFocus
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint, error, warning })}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        <FieldNotes id={id} hint={hint} warning={warning} />
        {choice?.render(chosen, (picked) => {
          setChosen(picked);
          setError(null);
        })}
        <ErrorMessage id={`${id}-error`} message={error} />
        <FormActions submitLabel={t('common.create')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
