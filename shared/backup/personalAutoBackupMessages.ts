import { MIN_PASSPHRASE_LENGTH } from './personalBackup.js';

/**
 * What the main process says when it refuses to keep the passphrase of automatic personal
 * backups (electron/services/personalAutoBackup.ts). Here in shared/ so the renderer's
 * "messages" lookup finds their translations.
 */
export const personalAutoBackupMessages = {
  noKeychain: 'This computer offers no safe place for the passphrase (no system keychain), so automatic backups of your private things cannot be turned on.',
  tooShort: `Please choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few words you will remember work well.`,
  notPersonal: 'That is not a personal document, so it was not backed up.',
} as const;
