/** A file name part from a title: letters and digits kept (any script), the rest as dashes. */
export function fileSlug(title: string, fallback = 'commonplace'): string {
  const slug = title
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

export { localDate } from '../../../shared/dates.js';

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The message of anything thrown, in the person's language (see i18n/messages.ts). */
export { errorText as errorMessage } from '../../i18n/messages.js';
