import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './FormActions.js';

/**
 * What an export, import, backup or restore dialog says as it goes: a status line that
 * screen readers announce politely, and a failure announced at once.
 */
export function TransferStatus({ status, error = null }: { status: ReactNode; error?: string | null }) {
  return (
    <>
      <p role="status" className="transfer-status">
        {status}
      </p>
      <ErrorMessage message={error} />
    </>
  );
}

/** The foot of a dialog whose work happens inside it: only Close. */
export function CloseActions({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  );
}
