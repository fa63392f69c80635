import type * as Y from 'yjs';
import { readString } from './fields.js';
import { readStory, storedStory } from './richText.js';

/**
 * Short free-text fields (a harvest's place, a calling question, a dilemma's context...)
 * are `Y.Text`s, written as they are typed, so two people editing one at once merge
 * character by character instead of the last to leave the field erasing the other (14.3).
 * Each lives under a new key; the plain string an older app wrote under the old key is
 * read until the migration has turned it into the Y.Text (migration.ts).
 */
export const textFieldKeys = {
  place: 'placeText',
  callingQuestion: 'callingQuestionText',
  methodOther: 'methodOtherText',
  proposedBy: 'proposedByText',
  discussion: 'discussionText',
  context: 'contextText',
  decided: 'decidedText',
  learned: 'learnedText',
  description: 'descriptionText',
} as const;

export type TextFieldName = keyof typeof textFieldKeys;

const legacyByKey = new Map<string, string>(Object.entries(textFieldKeys).map(([name, key]) => [key, name]));

/** The old string key of a text field's key, or null when `key` is not a text field. */
export function legacyTextKey(key: string): string | null {
  return legacyByKey.get(key) ?? null;
}

/** The field's text: the Y.Text's, or the old string before the migration. */
export function readTextField(map: Y.Map<unknown>, name: TextFieldName): string {
  return storedStory(map, textFieldKeys[name])?.toJSON() ?? readString(map, name);
}

/** The Y.Text an input binds to; an empty read-only stand-in when none is stored (never creates). */
export function textFieldOf(map: Y.Map<unknown>, name: TextFieldName): Y.Text {
  return readStory(map, textFieldKeys[name]);
}

/**
 * Makes `text` read `value` with the smallest change (the common start and end kept), so
 * what another person typed elsewhere in the field at the same time is not touched.
 */
export function replaceText(text: Y.Text, value: string): void {
  const current = text.toJSON();
  if (current === value) return;
  let start = 0;
  const shorter = Math.min(current.length, value.length);
  while (start < shorter && current.charCodeAt(start) === value.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && current.charCodeAt(current.length - 1 - end) === value.charCodeAt(value.length - 1 - end)) end++;
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const removed = current.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = value.slice(start, value.length - end);
  if (inserted) text.insert(start, inserted, {});
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
