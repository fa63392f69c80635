import * as Y from 'yjs';
import { z } from 'zod';
import { Entry, newId } from './Entry.js';
import { isoDateSchema, longTextSchema, parseField, readChoice, readNumber, readString, readStringList, replaceStringList, shortTextSchema, stringList } from './fields.js';
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
  /** When it was first shared. */
  readonly sharedAt: number;
  /** When the sharer last updated it by sharing again; 0 if never. */
  readonly resharedAt: number;
  readonly fromDilemmaId: string;
}

/** A member's own words on a shared dilemma, kept apart from the sharer's. */
export interface DilemmaResponse {
  readonly id: string;
  /** Member id of the author: only they may change or delete it. */
  readonly by: string;
  readonly at: number;
  /** 0 if never edited. */
  readonly editedAt: number;
  readonly text: string;
}

/**
 * A dilemma journal: private by default (it lives in the personal document); a copy can
 * be shared into a community with the sharing recorded. The shared copy stays its
 * sharer's: its fields change only when she shares again (sharing.ts), and other members
 * add their own attributed responses instead of editing her words.
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
    const resharedAt = this.map.get('resharedAt');
    return {
      sharedBy,
      sharedAt: typeof sharedAt === 'number' ? sharedAt : 0,
      resharedAt: typeof resharedAt === 'number' ? resharedAt : 0,
      fromDilemmaId: readString(this.map, 'sharedFrom'),
    };
  }
  /** Members' responses to a shared dilemma, oldest first. */
  get responses(): DilemmaResponse[] {
    const list = this.map.get('responses');
    if (!(list instanceof Y.Array)) return [];
    return list
      .toArray()
      .flatMap((item: unknown) => {
        if (!(item instanceof Y.Map)) return [];
        const map = item as Y.Map<unknown>;
        return [{ id: readString(map, 'id'), by: readString(map, 'by'), at: readNumber(map, 'at'), editedAt: readNumber(map, 'editedAt'), text: readString(map, 'text') }];
      })
      .sort((a, b) => a.at - b.at);
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
    this.refuseIfShared();
    this.setTitleField('title', title);
  }
  setContext(context: string): void {
    this.refuseIfShared();
    this.setTextField('context', longTextSchema, context);
  }
  setValuesInTension(values: readonly string[]): void {
    this.refuseIfShared();
    const clean = values.map((v) => parseField(shortTextSchema, v)).filter(Boolean);
    this.change(() => replaceStringList(stringList(this.map, 'values'), clean));
  }
  setOptions(options: readonly string[]): void {
    this.refuseIfShared();
    const clean = options.map((v) => parseField(longTextSchema, v).trim()).filter(Boolean);
    this.change(() => replaceStringList(stringList(this.map, 'options'), clean));
  }
  setStatus(status: DilemmaStatus): void {
    this.refuseIfShared();
    this.setField('status', parseField(z.enum(dilemmaStatuses), status));
  }
  setOutcome(decided: string, learned: string): void {
    this.refuseIfShared();
    parseField(longTextSchema, decided);
    parseField(longTextSchema, learned);
    this.change(() => {
      this.setDecided(decided);
      this.setLearned(learned);
    });
  }
  setDecided(decided: string): void {
    this.refuseIfShared();
    this.setTextField('decided', longTextSchema, decided);
  }
  setLearned(learned: string): void {
    this.refuseIfShared();
    this.setTextField('learned', longTextSchema, learned);
  }

  /** Adds a dated reflection; its body is rich text for the editor. */
  addReflection(date: string): Reflection {
    this.refuseIfShared();
    const cleanDate = parseField(isoDateSchema, date);
    const item = new Y.Map<unknown>();
    const id = newId();
    this.change(() => {
      listIn(this.map, 'reflections').push([item]);
      item.set('id', id);
      item.set('date', cleanDate);
      item.set(storyKey.body, newStory());
    });
    const added = this.reflections.find((r) => r.id === id);
    if (!added) throw new CommonplaceError('reflectionFailed');
    return added;
  }
  /**
   * Adds `by`'s response to a shared dilemma. The sharer's own fields are not touched:
   * a response is the member's words, with who and when.
   */
  addResponse(by: string, text: string): DilemmaResponse {
    if (!this.sharing) throw new CommonplaceError('responseOnlyShared');
    if (!by) throw new CommonplaceError('responseNoAuthor');
    const clean = parseField(longTextSchema, text).trim();
    if (!clean) throw new CommonplaceError('responseEmpty');
    const item = new Y.Map<unknown>();
    const id = newId();
    const at = Date.now();
    this.change(() => {
      listIn(this.map, 'responses').push([item]);
      item.set('id', id);
      item.set('by', by);
      item.set('at', at);
      item.set('text', clean);
    });
    return { id, by, at, editedAt: 0, text: clean };
  }
  /** Changes a response; only its author (`by`) may. */
  editResponse(id: string, by: string, text: string): void {
    const item = this.ownResponse(id, by);
    const clean = parseField(longTextSchema, text).trim();
    if (!clean) throw new CommonplaceError('responseEmpty');
    this.change(() => {
      item.set('text', clean);
      item.set('editedAt', Date.now());
    });
  }
  /** Deletes a response; only its author (`by`) may. */
  removeResponse(id: string, by: string): void {
    const item = this.ownResponse(id, by);
    const list = listIn(this.map, 'responses');
    const index = list.toArray().indexOf(item);
    if (index >= 0) this.change(() => list.delete(index, 1));
  }
  private ownResponse(id: string, by: string): Y.Map<unknown> {
    const list = this.map.get('responses');
    const item = list instanceof Y.Array ? list.toArray().find((r: unknown): r is Y.Map<unknown> => r instanceof Y.Map && r.get('id') === id) : undefined;
    if (!item) throw new CommonplaceError('responseGone');
    if (!by || item.get('by') !== by) throw new CommonplaceError('responseNotYours');
    return item;
  }
  /** A shared copy's fields are its sharer's: they change only when she shares again. */
  private refuseIfShared(): void {
    if (this.sharing) throw new CommonplaceError('sharedDilemmaIsSharers');
  }

  /** Moves a reflection to another day (reflections are read in date order). */
  setReflectionDate(id: string, date: string): void {
    this.refuseIfShared();
    const cleanDate = parseField(isoDateSchema, date);
    const item = listIn(this.map, 'reflections')
      .toArray()
      .find((r: unknown): r is Y.Map<unknown> => r instanceof Y.Map && r.get('id') === id);
    if (!item) throw new CommonplaceError('reflectionGone');
    this.change(() => item.set('date', cleanDate));
  }
  removeReflection(id: string): void {
    this.refuseIfShared();
    const list = listIn(this.map, 'reflections');
    const index = list.toArray().findIndex((item) => item instanceof Y.Map && item.get('id') === id);
    if (index >= 0) this.change(() => list.delete(index, 1));
  }
}

/**
 * The list under `key` (reflections, responses), created on first use: in entries written
 * before it existed (a dilemma shared before responses), inside the caller's change.
 */
function listIn(map: Y.Map<unknown>, key: 'reflections' | 'responses'): Y.Array<unknown> {
  const existing = map.get(key);
  if (existing instanceof Y.Array) return existing;
  const created = new Y.Array<unknown>();
  map.set(key, created);
  return created;
}
