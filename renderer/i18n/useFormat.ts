import { useTranslation } from 'react-i18next';
import { formatDay, formatNumber, formatTimestamp, formattingLocale } from './format.js';

/** Date and number formatting in the current UI language; re-renders when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return {
    locale,
    day: (isoDay: string, style: 'long' | 'medium' = 'medium') => formatDay(isoDay, locale, style),
    timestamp: (ms: number, style: 'long' | 'medium' = 'long') => formatTimestamp(ms, locale, style),
    number: (value: number) => formatNumber(value, locale),
  };
}
