import { readdirSync, readFileSync } from 'node:fs';
import i18next from 'i18next';
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
      .filter(([key, value]) => typeof value === 'string' && typeof strings.get(key) === 'string' && !pluralSuffix.test(key))
      .filter(([key, value]) => placeholders(value as string).join() !== placeholders(strings.get(key) as string).join())
      .map(([key]) => key);
    expect(changed).toEqual([]);
  });

  it('keeps the placeholders in every plural form, spelling the count as a word only for zero, one and two', () => {
    // Arabic says "نتيجتان" (two results) with no digit; but {{count}} may only go where
    // the form names one exact number, and no other placeholder may be lost.
    const changed = [...strings]
      .filter(([key]) => pluralSuffix.test(key))
      .filter(([key, value]) => {
        const category = key.match(pluralSuffix)![1]!;
        const base = key.replace(pluralSuffix, '');
        const source = (english.get(`${base}_${category}`) ?? english.get(`${base}_other`)) as string;
        const wanted = placeholders(source);
        const got = placeholders(value as string);
        const wordOnly = ['zero', 'one', 'two'].includes(category) && !got.includes('count');
        return (wordOnly ? wanted.filter((name) => name !== 'count') : wanted).join() !== got.join();
      })
      .map(([key]) => key);
    expect(changed).toEqual([]);
  });

  it('names itself in its own language, for the picker', () => {
    const own = new Intl.DisplayNames([code], { type: 'language' }).of(code)!;
    expect((strings.get('language.name') as string).toLocaleLowerCase(code)).toBe(own.toLocaleLowerCase(code));
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

describe('plural forms through i18next', () => {
  it('Arabic picks zero, one, two, few, many and other', async () => {
    const ar = { translation: load('ar.json') as Record<string, unknown> };
    const t = await i18next.createInstance().init({ lng: 'ar', resources: { ar } });
    const counts = [0, 1, 2, 3, 11, 100];
    const said = counts.map((count) => t('search.count', { count }));
    expect(new Set(said).size).toBe(counts.length);
    expect(said[2]).toBe('نتيجتان');
    expect(said[3]).toBe(`${new Intl.NumberFormat('ar').format(3)} نتائج`);
  });
});

describe('right to left', () => {
  it('the styles use logical properties, so an Arabic page mirrors', () => {
    // A physical side (margin-left, left:, text-align: right…) stays put under dir="rtl".
    const styles = new URL('../../renderer/styles/', import.meta.url);
    const physical = readdirSync(styles)
      .filter((file) => file.endsWith('.css'))
      .flatMap((file) =>
        readFileSync(new URL(file, styles), 'utf8')
          .split('\n')
          .map((line, index) => [`${file}:${index + 1}`, line.replace(/\/\*.*?\*\//g, '')] as const),
      )
      .filter(([, line]) => /(^|[\s;{])((margin|padding|border)-(left|right)\b|(left|right)\s*:|float\s*:\s*(left|right)|text-align\s*:\s*(left|right)|translateX)/.test(line))
      .map(([where]) => where);
    expect(physical).toEqual([]);
  });
});
