import i18next from 'i18next';
import { resources } from './index.js';

/**
 * The model and the sync code refuse bad input with English sentences (they run in Node
 * too, without i18next). The English locale's "messages" namespace holds those same
 * sentences, so a refusal is shown in the person's language by looking its text up there;
 * a sentence not (yet) listed is shown as it is rather than lost.
 */
const englishMessages = (resources.en?.translation as { messages?: Record<string, string> } | undefined)?.messages ?? {};
const keyByEnglish = new Map(Object.entries(englishMessages).map(([key, text]) => [text, key]));

export function translateMessage(message: string): string {
  const key = keyByEnglish.get(message);
  return key ? i18next.t(`messages.${key}`) : message;
}

/** The message of anything thrown, in the person's language. */
export function errorText(error: unknown): string {
  return translateMessage(error instanceof Error ? error.message : String(error));
}
