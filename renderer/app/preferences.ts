import i18next from 'i18next';
import { useEffect, useState } from 'react';
import type { PersonalDoc, Settings, Theme } from '../../shared/model/PersonalDoc.js';
import { useDocSnapshot } from '../hooks/useDocSnapshot.js';
import { systemLanguage } from '../i18n/index.js';

/**
 * The person's settings applied to the page: the theme as `data-theme` on <html>
 * (tokens.css follows the system when it is absent), the language through i18next
 * (which also sets <html lang>). Document content is never translated.
 */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** The UI language for a stored choice: the choice when we have it, else the system's. */
export function uiLanguage(choice: string | null): string {
  return choice ? systemLanguage([choice]) : systemLanguage();
}

export async function applyLanguage(choice: string | null): Promise<void> {
  const wanted = uiLanguage(choice);
  if (i18next.language !== wanted) await i18next.changeLanguage(wanted);
}

export async function applySettings(settings: Settings): Promise<void> {
  applyTheme(settings.theme);
  await applyLanguage(settings.language);
}

/** Keeps the page in step with the settings as they change (from the settings dialog or first run). */
export function useAppliedSettings(personal: PersonalDoc): void {
  const { language, theme } = useDocSnapshot(personal, () => personal.settings);
  useEffect(() => {
    void applySettings({ language, theme });
  }, [language, theme]);
}

/**
 * A choice about this screen's layout (navigation hidden...), kept on this device in
 * localStorage: it belongs to the window, not to the person's documents, and never syncs.
 */
export function useDevicePreference(key: string): [boolean, (value: boolean) => void] {
  const storageKey = `commonplace.${key}`;
  const [value, setValue] = useState(() => readFlag(storageKey));
  const set = (next: boolean): void => {
    setValue(next);
    try {
      localStorage.setItem(storageKey, next ? 'true' : 'false');
    } catch {
      // Storage refused (full, or disabled): the choice holds for this session only.
    }
  };
  return [value, set];
}

function readFlag(key: string): boolean {
  try {
    return localStorage.getItem(key) === 'true';
  } catch {
    return false;
  }
}
