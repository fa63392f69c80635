import { describe, expect, it } from 'vitest';
import { formatDay, formatNumber, formatTimestamp, formattingLocale } from './format.js';

describe('locale formatting', () => {
  it('writes a stored day the way each language reads it', () => {
    expect(formatDay('2025-03-14', 'en', 'long')).toBe('March 14, 2025');
    expect(formatDay('2025-03-14', 'en-GB', 'long')).toBe('14 March 2025');
    expect(formatDay('2025-03-14', 'it', 'long')).toBe('14 marzo 2025');
    expect(formatDay('2025-03-14', 'it')).toBe('14 mar 2025');
    expect(formatDay('2025-03-14', 'en-GB')).toBe('14 Mar 2025');
  });

  it('leaves anything that is not an ISO day as it is', () => {
    expect(formatDay('', 'it')).toBe('');
    expect(formatDay('spring', 'en')).toBe('spring');
  });

  it('formats timestamps and numbers per language', () => {
    expect(formatTimestamp(new Date('2025-12-01T12:00:00').getTime(), 'it')).toBe('1 dicembre 2025');
    expect(formatNumber(1234.5, 'it')).toBe('1234,5');
    expect(formatNumber(12345, 'it')).toBe('12.345');
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
});

describe('formattingLocale', () => {
  it('keeps the regional variant the system prefers for the UI language', () => {
    expect(formattingLocale('en', ['en-GB', 'it-IT'])).toBe('en-GB');
    expect(formattingLocale('it', ['en-GB', 'it-IT'])).toBe('it-IT');
    expect(formattingLocale('it', ['en-GB'])).toBe('it');
  });
});
