/**
 * Dates and numbers in the reader's language, through Intl. Dates stored as ISO days
 * ("2025-03-14") are read at noon local time, so no time zone moves them a day.
 */
/** Intl formatters are slow to make (a list of 300 harvests made 300): one per language and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string, style: 'long' | 'medium'): Intl.DateTimeFormat {
  const key = `${language}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: style });
    formatters.set(key, format);
  }
  return format;
}

export function formatDay(isoDay: string, language: string, style: 'long' | 'medium' = 'medium'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) return isoDay;
  const date = new Date(`${isoDay}T12:00:00`);
  return Number.isNaN(date.getTime()) ? isoDay : dateFormat(language, style).format(date);
}

export function formatTimestamp(ms: number, language: string, style: 'long' | 'medium' = 'long'): string {
  return dateFormat(language, style).format(new Date(ms));
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/**
 * The locale to format with for a UI language: the person's own regional variant when the
 * system prefers one (en-GB in Scotland writes 14/03/2025, not 3/14/2025), else the language.
 */
export function formattingLocale(
  language: string,
  preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): string {
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}
