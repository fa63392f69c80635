import { useTranslation } from 'react-i18next';

/**
 * The end of every form: its main action and Cancel (or Close, in a dialog whose work is
 * done inside it and keeps nothing back), in the same order everywhere.
 */
export function FormActions({
  submitLabel,
  onCancel,
  busy,
  dismiss = 'cancel',
  submitDescribedBy,
}: {
  submitLabel: string;
  onCancel: () => void;
  busy?: boolean;
  dismiss?: 'cancel' | 'close';
  /** Why the main action is unavailable, when it is. */
  submitDescribedBy?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy} aria-describedby={submitDescribedBy}>
        {submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        {dismiss === 'close' ? t('common.close') : t('common.cancel')}
      </button>
    </div>
  );
}

/** A refusal, announced at once and tied to its field by id. */
export function ErrorMessage({ id, message }: { id?: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className="error" role="alert">
      {message}
    </p>
  );
}
