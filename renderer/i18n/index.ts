import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Every UI string comes from a locale file here; a contributor adds a language by adding
 * one JSON file to ./locales (its name is the language code). Document content is never
 * translated.
 */
const localeFiles = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*.json', { eager: true });

export const resources = Object.fromEntries(
  Object.entries(localeFiles).map(([file, module]) => [file.replace(/^.*\/(.+)\.json$/, '$1'), { translation: module.default }]),
);

export const supportedLanguages = Object.keys(resources).sort();

/** The system language when we have it, else English. */
export function systemLanguage(preferred: readonly string[] = navigator.languages): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (supportedLanguages.includes(base)) return base;
  }
  return 'en';
}

export async function initialiseI18n(language: string = systemLanguage()): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  followLanguage(i18next.language);
  i18next.on('languageChanged', followLanguage);
  return i18next;
}

/**
 * <html lang dir> follow the UI language: screen readers pick their voice from lang, and
 * dir="rtl" mirrors the whole layout for Arabic (the CSS uses logical properties, so
 * "inline-start" is the right edge there) and lets ProseMirror place the caret.
 */
function followLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}

/** A language's name in that language ("Italiano"), from its own locale file. */
export function languageName(code: string): string {
  return i18next.getFixedT(code)('language.name');
}
