import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog on the native <dialog>: it traps focus, closes on Escape and returns
 * focus to what opened it, which hand-written modals often get wrong.
 */
export function Dialog({
  title,
  onClose,
  children,
  describedBy,
  focusAfter,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  describedBy?: string;
  /** Where focus goes when the dialog closes, if not back to what opened it (read at closing). */
  focusAfter?: { current: (() => HTMLElement | null | undefined) | null };
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  // Its own id: a confirmation can open over another dialog, and each must be named by its own title.
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    // showModal focuses the first focusable element, the close button; start at the first
    // field instead so the person can type at once (React's autoFocus ran before the dialog opened).
    dialog?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    return () => {
      dialog?.close();
      // eslint-disable-next-line react-hooks/exhaustive-deps -- read when closing on purpose: set by the action that closes it
      (focusAfter?.current?.() ?? opener)?.focus();
    };
    // The ref object never changes; the dialog opens once.
  }, [focusAfter]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        // Escape closes only the dialog on top, not the one it was opened from.
        event.stopPropagation();
        onClose();
      }}
    >
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="ghost" onClick={onClose} aria-label={t('common.close')}>
          {t('common.closeSymbol')}
        </button>
      </div>
      {children}
    </dialog>
  );
}
