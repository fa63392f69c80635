import * as Y from 'yjs';
import type { z } from 'zod';
import { uuidv4 } from 'lib0/random';
import { parseField, readNumber, readString, readStringList, replaceStringList, stringList, tagSchema, titleSchema } from './fields.js';
import { localOrigin } from './origins.js';
import { storedStory } from './richText.js';
import { replaceText, textFieldKeys, type TextFieldName } from './textFields.js';
import { CommonplaceError } from '../CommonplaceError.js';

/**
 * The kinds of document a community keeps, in the order people meet them. Each names the map
 * it is stored in (a name in documents on disk: never change one) and its section, the word
 * the UI, the locale files and exports use for the whole list ("harvests"). A new kind starts
 * here; the compiler then points at every place that must know it.
 */
export const kindTable = {
  glossary: { collection: 'glossary', section: 'glossary' },
  harvest: { collection: 'harvests', section: 'harvests' },
  dilemma: { collection: 'dilemmas', section: 'dilemmas' },
  resourceList: { collection: 'resourceLists', section: 'resources' },
} as const;
export type EntryKind = keyof typeof kindTable;
export const entryKinds = Object.keys(kindTable) as readonly EntryKind[];
export type KindSection = (typeof kindTable)[EntryKind]['section'];

export function sectionOf(kind: EntryKind): KindSection {
  return kindTable[kind].section;
}

export function newId(): string {
  return uuidv4();
}

/**
 * Typed access to one entry, a Y.Map inside a community or personal document. Every
 * write runs in a transaction tagged `localOrigin`, so it is undoable and only by its author.
 */
export abstract class Entry {
  abstract readonly kind: EntryKind;

  constructor(readonly map: Y.Map<unknown>) {}

  get id(): string {
    return readString(this.map, 'id');
  }
  get createdAt(): number {
    return readNumber(this.map, 'createdAt');
  }
  get updatedAt(): number {
    return readNumber(this.map, 'updatedAt') || this.createdAt;
  }
  /** Member id of whoever created it. */
  get createdBy(): string {
    return readString(this.map, 'createdBy');
  }
  /** What a list shows as its name: a term, a title. */
  abstract get title(): string;

  get tags(): string[] {
    return readStringList(this.map, 'tags');
  }

  setTags(tags: readonly string[]): void {
    const clean = [...new Set(tags.map((tag) => parseField(tagSchema, tag)))];
    this.change(() => replaceStringList(stringList(this.map, 'tags'), clean));
  }

  /** Runs `edit` as one undoable local change and stamps `updatedAt`. */
  protected change(edit: () => void): void {
    const doc = this.map.doc;
    const run = (): void => {
      edit();
      this.map.set('updatedAt', Date.now());
    };
    if (doc) doc.transact(run, localOrigin);
    else run();
  }

  protected setTitleField(key: string, value: string): void {
    const title = parseField(titleSchema, value);
    this.change(() => this.map.set(key, title));
  }

  /**
   * Writes a typed text field (textFields.ts) with the smallest change. Refused input
   * throws with the reason and changes nothing; so does a field not yet migrated.
   */
  protected setTextField(name: TextFieldName, schema: z.ZodType<string>, value: string): void {
    const clean = parseField(schema, value);
    const text = storedStory(this.map, textFieldKeys[name]);
    if (!text) throw new CommonplaceError('storyNotUpgraded');
    this.change(() => replaceText(text, clean));
  }

  protected setField(key: string, value: unknown): void {
    this.change(() => this.map.set(key, value));
  }
}

/** Fills the fields every entry has; called inside the creating transaction. */
export function initialiseEntryMap(map: Y.Map<unknown>, kind: EntryKind, createdBy: string, id: string = newId()): void {
  const now = Date.now();
  map.set('id', id);
  map.set('kind', kind);
  map.set('createdAt', now);
  map.set('updatedAt', now);
  map.set('createdBy', createdBy);
  map.set('tags', new Y.Array<string>());
}
