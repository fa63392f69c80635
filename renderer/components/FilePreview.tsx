import type { ReactNode } from 'react';

/**
 * What a chosen file will do, said before anything changes, with the one button that does it
 * and a way back to choosing another file (import, restore).
 */
export function FilePreview({
  children,
  confirmLabel,
  onConfirm,
  confirmDisabled,
  chooseAnotherLabel,
  onChooseAnother,
  busy = false,
}: {
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  confirmDisabled?: boolean;
  chooseAnotherLabel: string;
  onChooseAnother: () => void;
  busy?: boolean;
}) {
  return (
    <div className="import-preview">
      {children}
      <div className="actions">
        <button type="button" className="primary" disabled={busy || confirmDisabled} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" disabled={busy} onClick={onChooseAnother}>
          {chooseAnotherLabel}
        </button>
      </div>
    </div>
  );
}
