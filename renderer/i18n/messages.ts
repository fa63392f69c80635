import i18next from 'i18next';
import { isCommonplaceError, refusalFromText } from '../../shared/CommonplaceError.js';

/**
 * What went wrong, in the person's language. A refusal from the model, an importer, a backup
 * or an invite carries a code, shown as `messages.<code>`, also when it crossed from the
 * desktop's main process as text; anything else (a bug, the platform's own error) is shown
 * as its message rather than lost.
 */
export function errorText(error: unknown): string {
  const refusal = isCommonplaceError(error) ? error : error instanceof Error ? refusalFromText(error.message) : null;
  if (refusal) return i18next.t(`messages.${refusal.code}`, refusal.params);
  return error instanceof Error ? error.message : String(error);
}
