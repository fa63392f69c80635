import * as Y from 'yjs';
import { z } from 'zod';
import { Entry, newId } from './Entry.js';
import { isoDateSchema, longTextSchema, parseField, readChoice, readString, readStringList, replaceStringList, shortTextSchema, stringList } from './fields.js';
import { newStory, readStory, storyKey, storyToPlainText } from './richText.js';
import { readTextField, textFieldOf } from './textFields.js';
import { CommonplaceError } from '../CommonplaceError.js';

export const dilemmaStatuses = ['open', 'resolved'] as const;
export type DilemmaStatus = (typeof dilemmaStatuses)[number];

export interface Reflection {
  readonly id: string;
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** A story (storyFormat.ts), bound to the editor. Read-only, as `Harvest.body`. */
  readonly body: Y.Text;
  readonly text: string;
}

/** Consent recorded when a private dilemma is shared into a community. */
export interface SharingRecord {
  readonly sharedBy: string;
  readonly sharedAt: number;
  readonly fromDilemmaId: string;
}

/**
 * A dilemma journal: private by default (it lives in the personal document); a copy can
 * be shared into a community with the sharing recorded.
 */
export class Dilemma extends Entry {
  readonly kind = 'dilemma' as const;

  get title(): string {
    return readString(this.map, 'title');
  }
  /** De-identified context. */
  get context(): string {
    return readTextField(this.map, 'context');
  }
  get contextText(): Y.Text {
    return textFieldOf(this.map, 'context');
  }
  get valuesInTension(): string[] {
    return readStringList(this.map, 'values');
  }
  get options(): string[] {
    return readStringList(this.map, 'options');
  }
  get status(): DilemmaStatus {
    return readChoice(this.map, 'status', dilemmaStatuses, 'open');
  }
  get decided(): string {
    return readTextField(this.map, 'decided');
  }
  get decidedText(): Y.Text {
    return textFieldOf(this.map, 'decided');
  }
  get learned(): string {
    return readTextField(this.map, 'learned');
  }
  get learnedText(): Y.Text {
    return textFieldOf(this.map, 'learned');
  }
  /** Present only on a copy shared into a community. */
  get sharing(): SharingRecord | null {
    const sharedBy = readString(this.map, 'sharedBy');
    if (!sharedBy) return null;
    const sharedAt = this.map.get('sharedAt');
    return { sharedBy, sharedAt: typeof sharedAt === 'number' ? sharedAt : 0, fromDilemmaId: readString(this.map, 'sharedFrom') };
  }
  /** Oldest first. */
  get reflections(): Reflection[] {
    const list = this.map.get('reflections');
    if (!(list instanceof Y.Array)) return [];
    return list
      .toArray()
      .flatMap((item: unknown) => {
        if (!(item instanceof Y.Map)) return [];
        const body = readStory(item as Y.Map<unknown>, storyKey.body);
        return [{ id: readString(item as Y.Map<unknown>, 'id'), date: readString(item as Y.Map<unknown>, 'date'), body, text: storyToPlainText(body) }];
      })
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  setTitle(title: string): void {
    this.setTitleField('title', title);
  }
  setContext(context: string): void {
    this.setTextField('context', longTextSchema, context);
  }
  setValuesInTension(values: readonly string[]): void {
    const clean = values.map((v) => parseField(shortTextSchema, v)).filter(Boolean);
    this.change(() => replaceStringList(stringList(this.map, 'values'), clean));
  }
  setOptions(options: readonly string[]): void {
    const clean = options.map((v) => parseField(longTextSchema, v).trim()).filter(Boolean);
    this.change(() => replaceStringList(stringList(this.map, 'options'), clean));
  }
  setStatus(status: DilemmaStatus): void {
    this.setField('status', parseField(z.enum(dilemmaStatuses), status));
  }
  setOutcome(decided: string, learned: string): void {
    parseField(longTextSchema, decided);
    parseField(longTextSchema, learned);
    this.change(() => {
      this.setDecided(decided);
      this.setLearned(learned);
    });
  }
  setDecided(decided: string): void {
    this.setTextField('decided', longTextSchema, decided);
  }
  setLearned(learned: string): void {
    this.setTextField('learned', longTextSchema, learned);
  }

  /** Adds a dated reflection; its body is rich text for the editor. */
  addReflection(date: string): Reflection {
    const cleanDate = parseField(isoDateSchema, date);
    const item = new Y.Map<unknown>();
    const id = newId();
    this.change(() => {
      reflectionList(this.map).push([item]);
      item.set('id', id);
      item.set('date', cleanDate);
      item.set(storyKey.body, newStory());
    });
    const added = this.reflections.find((r) => r.id === id);
    if (!added) throw new CommonplaceError('reflectionFailed');
    return added;
  }
  removeReflection(id: string): void {
    const list = reflectionList(this.map);
    const index = list.toArray().findIndex((item) => item instanceof Y.Map && item.get('id') === id);
    if (index >= 0) this.change(() => list.delete(index, 1));
  }
}

function reflectionList(map: Y.Map<unknown>): Y.Array<unknown> {
  const existing = map.get('reflections');
  if (existing instanceof Y.Array) return existing;
  const created = new Y.Array<unknown>();
  map.set('reflections', created);
  return created;
}
