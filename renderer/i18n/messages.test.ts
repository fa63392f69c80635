import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CommonplaceError, errorCodes } from '../../shared/CommonplaceError.js';
import { parseField, titleSchema } from '../../shared/model/fields.js';
import { decodeDeviceLink } from '../../shared/protocol/deviceLink.js';
import { parseShortCode } from '../../shared/protocol/shortCode.js';
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

  it('translates a short code or link code the person typed wrong', () => {
    const thrown = (read: () => unknown): unknown => {
      try {
        read();
      } catch (error) {
        return error;
      }
      return null;
    };
    expect(errorText(thrown(() => parseShortCode('7KQ4-M2P')))).toBe(errorText(new CommonplaceError('shortCodeMalformed')));
    expect(errorText(thrown(() => parseShortCode('7KQ4-M2P')))).toContain('codice breve');
    expect(errorText(thrown(() => decodeDeviceLink('cpd1.abc.def')))).toBe('Questo codice di collegamento è danneggiato o incompleto. Copialo di nuovo per intero.');
  });

  it('translates a refusal of the desktop’s main process, which reaches the window only as text', () => {
    // What Electron's ipcRenderer.invoke rejects with when the handler threw a CommonplaceError.
    const remote = (error: CommonplaceError): Error => new Error(`Error invoking remote method 'commonplace:backups:set-personal-passphrase': ${String(error)}`);
    expect(errorText(remote(new CommonplaceError('noKeychain')))).toContain('nessun portachiavi di sistema');
    expect(errorText(remote(new CommonplaceError('importTooLarge', { limit: 5 })))).toContain('5 MB');
    // Not one of our codes, or params that are not values: shown as they came rather than guessed at.
    const unknown = "Error invoking remote method 'x': CommonplaceError: somethingElse";
    expect(errorText(new Error(unknown))).toBe(unknown);
    const badParams = 'Error invoking remote method \'x\': CommonplaceError: importTooLarge {"limit":{"a":1}}';
    expect(errorText(new Error(badParams))).toBe(badParams);
  });

  it('shows anything else as its own message rather than losing it', () => {
    expect(errorText(new Error('Something nobody listed.'))).toBe('Something nobody listed.');
    expect(errorText('a plain string')).toBe('a plain string');
  });
});
