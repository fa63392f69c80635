import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.js';

/**
 * A question before a step that is hard to take back (sharing, making public, withdrawing):
 * it says what the step means, and the step happens only on its named button; Cancel,
 * Escape and the close button change nothing.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  danger = false,
}: {
  title: string;
  /** What the step means, read out with the title. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Dialog title={title} onClose={onClose} describedBy={id}>
      <div id={id}>{children}</div>
      <div className="actions">
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
