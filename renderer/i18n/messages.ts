import i18next from 'i18next';
import { isCommonplaceError } from '../../shared/CommonplaceError.js';

/**
 * What went wrong, in the person's language. A refusal from the model, an importer, a backup
 * or an invite carries a code, shown as `messages.<code>`; anything else (a bug, the
 * platform's own error) is shown as its message rather than lost.
 */
export function errorText(error: unknown): string {
  if (isCommonplaceError(error)) return i18next.t(`messages.${error.code}`, error.params);
  return error instanceof Error ? error.message : String(error);
}
