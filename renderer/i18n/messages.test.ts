import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseField, titleSchema } from '../../shared/model/fields.js';
import { resources } from './index.js';
import { errorText, translateMessage } from './messages.js';

function sources(folder: string): string {
  return readdirSync(folder)
    .map((name) => path.join(folder, name))
    .map((file) => (statSync(file).isDirectory() ? sources(file) : /\.tsx?$/.test(file) && !file.endsWith('.test.ts') ? readFileSync(file, 'utf8') : ''))
    .join('\n');
}

beforeAll(async () => {
  await i18next.init({ resources, lng: 'it', fallbackLng: 'en' });
});

describe('refusals from the model, in the person’s language', () => {
  it('every listed English sentence is one the code really says', () => {
    const code = sources('shared') + sources('renderer/app');
    const english = (resources.en?.translation as { messages: Record<string, string> }).messages;
    for (const sentence of Object.values(english)) expect(code, sentence).toContain(sentence);
  });

  it('translates a model refusal, and passes unknown text through unchanged', () => {
    let thrown: unknown;
    try {
      parseField(titleSchema, '   ');
    } catch (error) {
      thrown = error;
    }
    expect(errorText(thrown)).toBe('Dagli un titolo.');
    expect(translateMessage('Something nobody listed.')).toBe('Something nobody listed.');
  });
});
