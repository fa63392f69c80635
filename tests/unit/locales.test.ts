import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Every language is complete: each locale file has every key en.json has, none empty,
 * every plural form its language needs (Italian has "many" as well as "one" and "other"),
 * and keeps the {{placeholders}} of the English text.
 */
const directory = new URL('../../renderer/i18n/locales/', import.meta.url);
const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, directory), 'utf8'));

function flatten(value: unknown, prefix = '', into: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else into.set(prefix, value);
  return into;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!).sort();

const english = flatten(load('en.json'));
const others = readdirSync(directory)
  .filter((file) => file.endsWith('.json') && file !== 'en.json')
  .map((file) => [file.replace(/\.json$/, ''), flatten(load(file))] as const);

it('has at least one language besides English', () => {
  expect(others.map(([code]) => code)).toContain('it');
});

describe.each(others)('locale %s', (code, strings) => {
  const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;

  it('has every key of en.json', () => {
    const missing = [...english.keys()].filter(
      (key) => !strings.has(key) && !(pluralSuffix.test(key) && !categories.includes(key.match(pluralSuffix)![1] as Intl.LDMLPluralRule)),
    );
    expect(missing).toEqual([]);
  });

  it('has no empty or non-text value', () => {
    const empty = [...strings].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('has every plural form the language needs', () => {
    const bases = new Set([...english.keys()].filter((key) => pluralSuffix.test(key)).map((key) => key.replace(pluralSuffix, '')));
    const missing = [...bases].flatMap((base) => categories.map((category) => `${base}_${category}`)).filter((key) => !strings.has(key));
    expect(missing).toEqual([]);
  });

  it('keeps the placeholders of the English text', () => {
    const changed = [...english]
      .filter(([key, value]) => typeof value === 'string' && typeof strings.get(key) === 'string')
      .filter(([key, value]) => placeholders(value as string).join() !== placeholders(strings.get(key) as string).join())
      .map(([key]) => key);
    expect(changed).toEqual([]);
  });

  it('has no key English does not have (a typo or a leftover)', () => {
    const known = (key: string): boolean =>
      english.has(key) ||
      (pluralSuffix.test(key) && [...english.keys()].some((k) => k.replace(pluralSuffix, '') === key.replace(pluralSuffix, '')));
    expect([...strings.keys()].filter((key) => !known(key))).toEqual([]);
  });
});

describe('en.json', () => {
  it('has no empty value', () => {
    expect([...english].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key)).toEqual([]);
  });
});
