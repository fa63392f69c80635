import * as Y from 'yjs';
import { z } from 'zod';
import { refusal, zodRefusal } from '../CommonplaceError.js';
import { cleanText } from '../cleanText.js';

/**
 * Field rules shared by every kind, refusing with codes a person's message is found by. Each first drops
 * the characters XML forbids (cleanText), so no value set through them can break an export.
 */
export const titleSchema = z
  .string(refusal('titleNotText'))
  .overwrite(cleanText)
  .trim()
  .min(1, refusal('titleRequired'))
  .max(200, refusal('titleTooLong'));

export const shortTextSchema = z
  .string(refusal('mustBeText'))
  .overwrite(cleanText)
  .trim()
  .max(500, refusal('shortTextTooLong'));

/** A short field as typed, written on every keystroke: not trimmed (a space is a keystroke). */
export const typedShortTextSchema = z
  .string(refusal('mustBeText'))
  .overwrite(cleanText)
  .max(500, refusal('shortTextTooLong'));

export const longTextSchema = z
  .string(refusal('mustBeText'))
  .overwrite(cleanText)
  .max(20_000, refusal('textTooLong'));

export const tagSchema = z
  .string()
  .overwrite(cleanText)
  .trim()
  .toLowerCase()
  .min(1, refusal('tagEmpty'))
  .max(60, refusal('tagTooLong'));

/** `YYYY-MM-DD`, the date of a session or a reflection. */
export const isoDateSchema = z.iso.date(refusal('dateFormat'));

/** A language tag such as `en` or `it-CH`, or empty when unknown. */
export const languageSchema = z
  .string()
  .trim()
  .regex(/^([a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*)?$/, refusal('languageCode'));

export function readString(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : '';
}

export function readNumber(map: Y.Map<unknown>, key: string): number {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function readBoolean(map: Y.Map<unknown>, key: string): boolean {
  return map.get(key) === true;
}

/** One of `allowed`, or the fallback when a peer or an old version wrote something else. */
export function readChoice<T extends string>(map: Y.Map<unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const value = map.get(key);
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * A Y.Array of strings, created on first use when an older entry lacks it. Two peers
 * creating it at once do not merge: the map keeps one array and the other's items are lost.
 * That is why new entries get their lists when they are created (migration.ts), and only
 * entries from before that reach this path.
 */
export function stringList(map: Y.Map<unknown>, key: string): Y.Array<string> {
  const existing = map.get(key);
  if (existing instanceof Y.Array) return existing as Y.Array<string>;
  const created = new Y.Array<string>();
  map.set(key, created);
  return created;
}

export function readStringList(map: Y.Map<unknown>, key: string): string[] {
  const value = map.get(key);
  return value instanceof Y.Array ? value.toArray().filter((v): v is string => typeof v === 'string') : [];
}

/** Replaces a list's contents (for small lists edited as a whole, such as other names). */
export function replaceStringList(list: Y.Array<string>, values: readonly string[]): void {
  const current = list.toArray();
  if (current.length === values.length && current.every((v, i) => v === values[i])) return;
  list.delete(0, list.length);
  list.insert(0, [...values]);
}

/** Parses, or throws the first issue as a CommonplaceError, so callers can show it. */
export function parseField<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw zodRefusal(result.error, 'valueInvalid');
  return result.data;
}
