import * as Y from 'yjs';
import { z } from 'zod';

/** Field rules shared by every kind, with messages a person can act on. */
export const titleSchema = z
  .string({ error: 'A title must be text.' })
  .trim()
  .min(1, { error: 'Please give it a title.' })
  .max(200, { error: 'Please keep the title to 200 characters or fewer.' });

export const shortTextSchema = z
  .string({ error: 'This must be text.' })
  .trim()
  .max(500, { error: 'Please keep this to 500 characters or fewer.' });

/** A short field as typed, written on every keystroke: not trimmed (a space is a keystroke). */
export const typedShortTextSchema = z
  .string({ error: 'This must be text.' })
  .max(500, { error: 'Please keep this to 500 characters or fewer.' });

export const longTextSchema = z
  .string({ error: 'This must be text.' })
  .max(20_000, { error: 'Please keep this to 20,000 characters or fewer.' });

export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: 'A tag cannot be empty.' })
  .max(60, { error: 'Please keep each tag to 60 characters or fewer.' });

/** `YYYY-MM-DD`, the date of a session or a reflection. */
export const isoDateSchema = z.iso.date({ error: 'Please give a date as year-month-day.' });

/** A language tag such as `en` or `it-CH`, or empty when unknown. */
export const languageSchema = z
  .string()
  .trim()
  .regex(/^([a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*)?$/, { error: 'Please give a language code such as en or it.' });

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

/** A Y.Array of strings, created on first use so concurrent first writes merge. */
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

/** Parses or throws the first issue's message as a plain Error, so callers can show it. */
export function parseField<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new FieldError(result.error.issues[0]?.message ?? 'That value is not valid.');
  return result.data;
}

/** A value a person entered was refused; the message says why and what to do. */
export class FieldError extends Error {
  override readonly name = 'FieldError';
}
