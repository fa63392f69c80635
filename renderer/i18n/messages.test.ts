import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CommonplaceError, errorCodes } from '../../shared/CommonplaceError.js';
import { parseField, titleSchema } from '../../shared/model/fields.js';
import { resources } from './index.js';
import { errorText } from './messages.js';

beforeAll(async () => {
  await i18next.init({ resources, lng: 'it', fallbackLng: 'en' });
});

const englishMessages = (): Record<string, string> => (resources.en?.translation as { messages: Record<string, string> }).messages;

describe('refusals from the model, in the person’s language', () => {
  it('every error code has a message, and every message is an error code', () => {
    expect(Object.keys(englishMessages()).sort()).toEqual([...errorCodes].sort());
  });

  it('translates a model refusal by its code', () => {
    let thrown: unknown;
    try {
      parseField(titleSchema, '   ');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'titleRequired' });
    expect(errorText(thrown)).toBe('Dagli un titolo.');
  });

  it('fills in what a message names', () => {
    expect(errorText(new CommonplaceError('importTooLarge', { limit: 5 }))).toContain('5 MB');
  });

  it('shows anything else as its own message rather than losing it', () => {
    expect(errorText(new Error('Something nobody listed.'))).toBe('Something nobody listed.');
    expect(errorText('a plain string')).toBe('a plain string');
  });
});
