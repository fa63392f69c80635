import * as Y from 'yjs';
import { z } from 'zod';
import { Entry, newId } from './Entry.js';
import { isoDateSchema, longTextSchema, parseField, readBoolean, readChoice, readString, shortTextSchema, typedShortTextSchema } from './fields.js';
import { readTextField, textFieldOf } from './textFields.js';
import { localOrigin } from './origins.js';
import { readStory, storedStory, storyKey, storyToPlainText } from './richText.js';
import { CommonplaceError, refusal } from '../CommonplaceError.js';

export const harvestMethods = ['circle', 'world-cafe', 'open-space', 'fishbowl', 'other'] as const;
export type HarvestMethod = (typeof harvestMethods)[number];

/**
 * Who may see or share a harvest. `private` harvests never enter the community document
 * (they live in the personal one); `community` ones are for members only; only `public`
 * ones may go into an export for people outside the community.
 */
export const consentLevels = ['private', 'community', 'public'] as const;
export type Consent = (typeof consentLevels)[number];

export const harvestItemTypes = ['insight', 'pattern', 'quote'] as const;
export type HarvestItemType = (typeof harvestItemTypes)[number];

export interface HarvestItem {
  readonly id: string;
  readonly type: HarvestItemType;
  readonly text: string;
  /** Who said it (quotes), optional. */
  readonly attribution: string;
}

export interface Storyteller {
  readonly id: string;
  /** Empty when the storyteller chose to stay anonymous. */
  readonly name: string;
  readonly anonymous: boolean;
}

const storytellerSchema = z.strictObject({ id: z.string(), name: z.string().max(200), anonymous: z.boolean() });

/** A story harvest: what a session produced, with its consent. */
export class Harvest extends Entry {
  readonly kind = 'harvest' as const;

  get title(): string {
    return readString(this.map, 'title');
  }
  get sessionDate(): string {
    return readString(this.map, 'sessionDate');
  }
  get place(): string {
    return readTextField(this.map, 'place');
  }
  /** The place as typed, for an input to bind to (textFields.ts). */
  get placeText(): Y.Text {
    return textFieldOf(this.map, 'place');
  }
  get online(): boolean {
    return readBoolean(this.map, 'online');
  }
  get method(): HarvestMethod {
    return readChoice(this.map, 'method', harvestMethods, 'circle');
  }
  /** Empty unless the method is `other`; what was typed is kept for when it is chosen again. */
  get methodOther(): string {
    return this.method === 'other' ? readTextField(this.map, 'methodOther') : '';
  }
  get methodOtherText(): Y.Text {
    return textFieldOf(this.map, 'methodOther');
  }
  get callingQuestion(): string {
    return readTextField(this.map, 'callingQuestion');
  }
  get callingQuestionText(): Y.Text {
    return textFieldOf(this.map, 'callingQuestion');
  }
  get consent(): Consent {
    // A harvest with an unreadable consent is treated as the most restrictive shared level.
    return readChoice(this.map, 'consent', consentLevels, 'community');
  }
  /** Themes are the harvest's tags, shared with every other kind. */
  get themes(): string[] {
    return this.tags;
  }
  /**
   * The harvest's story (storyFormat.ts), bound to the editor. Read-only: when none is
   * stored this is an empty stand-in that must not be edited (`isPlaceholderStory`).
   */
  get body(): Y.Text {
    return readStory(this.map, storyKey.body);
  }
  get bodyText(): string {
    return storyToPlainText(storedStory(this.map, storyKey.body));
  }
  get storytellers(): Storyteller[] {
    const list = this.map.get('storytellers');
    if (!(list instanceof Y.Array)) return [];
    return list.toArray().flatMap((item: unknown) => {
      const parsed = storytellerSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }
  /** Insights, patterns and quotes in the order the harvesters gave them (see `moveItem`). */
  get items(): HarvestItem[] {
    return this.orderedItems().map(({ map }) => ({
      id: readString(map, 'id'),
      type: readChoice(map, 'type', harvestItemTypes, 'insight'),
      text: readString(map, 'text'),
      attribution: readString(map, 'attribution'),
    }));
  }

  /**
   * Items with their place. A moved item carries an `order` number (a fraction between its
   * neighbours'), so a move changes one field: two people moving items at once never
   * duplicate or lose one (moving a Y.Map in a Y.Array means deleting and re-adding it).
   * Items without one (never moved) keep their place in the list; ties keep list order.
   */
  private orderedItems(): { map: Y.Map<unknown>; order: number }[] {
    const list = this.map.get('items');
    if (!(list instanceof Y.Array)) return [];
    return list
      .toArray()
      .flatMap((item: unknown, index) => {
        if (!(item instanceof Y.Map)) return [];
        const map = item as Y.Map<unknown>;
        const order = map.get('order');
        return [{ map, order: typeof order === 'number' && Number.isFinite(order) ? order : index, index }];
      })
      .sort((a, b) => a.order - b.order || a.index - b.index);
  }

  setTitle(title: string): void {
    this.setTitleField('title', title);
  }
  setSessionDate(date: string): void {
    this.setField('sessionDate', date === '' ? '' : parseField(isoDateSchema, date));
  }
  /** Writes the place as typed; `online`, a choice, only when given. */
  setPlace(place: string, online?: boolean): void {
    this.change(() => {
      this.setTextField('place', typedShortTextSchema, place);
      if (online !== undefined) this.map.set('online', online);
    });
  }
  setOnline(online: boolean): void {
    this.setField('online', online);
  }
  /** Chooses the method; the name of an "other" method is kept (it is typed, see `setMethodOther`). */
  setMethod(method: HarvestMethod, other?: string): void {
    const chosen = parseField(z.enum(harvestMethods, refusal('chooseMethod')), method);
    if (other !== undefined) parseField(typedShortTextSchema, other);
    this.change(() => {
      this.map.set('method', chosen);
      if (other !== undefined) this.setMethodOther(other);
    });
  }
  setMethodOther(other: string): void {
    this.setTextField('methodOther', typedShortTextSchema, other);
  }
  setCallingQuestion(question: string): void {
    this.setTextField('callingQuestion', typedShortTextSchema, question);
  }
  setThemes(themes: readonly string[]): void {
    this.setTags(themes);
  }
  /**
   * Changes consent between the two shared levels. Moving to or from `private` moves the
   * harvest between documents, which only `Workspace.setHarvestConsent` can do.
   */
  setSharedConsent(consent: Exclude<Consent, 'private'>): void {
    this.setField('consent', parseField(z.enum(['community', 'public'], refusal('chooseConsent')), consent));
  }

  addStoryteller(name: string, anonymous = false): Storyteller {
    const storyteller = { id: newId(), name: anonymous ? '' : parseField(shortTextSchema, name), anonymous };
    if (!anonymous && storyteller.name === '') throw new CommonplaceError('storytellerName');
    this.change(() => listIn(this.map, 'storytellers').push([storyteller]));
    return storyteller;
  }
  removeStoryteller(id: string): void {
    const list = listIn(this.map, 'storytellers');
    const index = list.toArray().findIndex((s: unknown) => storytellerSchema.safeParse(s).data?.id === id);
    if (index >= 0) this.change(() => list.delete(index, 1));
  }

  addItem(type: HarvestItemType, text: string, attribution = ''): string {
    const cleanType = parseField(z.enum(harvestItemTypes), type);
    const cleanText = parseField(longTextSchema, text).trim();
    if (!cleanText) throw new CommonplaceError('itemEmpty');
    const item = new Y.Map<unknown>();
    const id = newId();
    const cleanAttribution = parseField(shortTextSchema, attribution);
    const last = this.orderedItems().at(-1);
    this.change(() => {
      const list = listIn(this.map, 'items');
      list.push([item]);
      // After every other item, even one moved down with a larger order than its list place.
      item.set('order', Math.max(list.length - 1, (last?.order ?? -1) + 1));
      item.set('id', id);
      item.set('type', cleanType);
      item.set('text', cleanText);
      item.set('attribution', cleanAttribution);
    });
    return id;
  }
  /** Edits an item in place; the same checks as `addItem`. */
  updateItem(id: string, changes: { text?: string; attribution?: string; type?: HarvestItemType }): void {
    const item = this.itemMap(id);
    if (!item) throw new CommonplaceError('itemGone');
    const text = changes.text === undefined ? undefined : parseField(longTextSchema, changes.text).trim();
    if (text === '') throw new CommonplaceError('itemEmpty');
    const attribution = changes.attribution === undefined ? undefined : parseField(shortTextSchema, changes.attribution);
    const type = changes.type === undefined ? undefined : parseField(z.enum(harvestItemTypes), changes.type);
    this.change(() => {
      if (text !== undefined) item.set('text', text);
      if (attribution !== undefined) item.set('attribution', attribution);
      if (type !== undefined) item.set('type', type);
    });
  }
  /**
   * Moves an item one place up (-1) or down (1). Returns false at either end (nothing to
   * do). Only the moved item's `order` changes, unless the fractions ran out: then every
   * item is numbered afresh, in the same transaction.
   */
  moveItem(id: string, step: -1 | 1): boolean {
    if (![-1, 1].includes(step)) throw new CommonplaceError('itemMovesOne');
    const items = this.orderedItems();
    const at = items.findIndex(({ map }) => map.get('id') === id);
    if (at < 0) throw new CommonplaceError('itemGone');
    const to = at + step;
    const target = items[to];
    if (!target) return false;
    // Between the neighbour it passes and the one after that.
    const beyond = items[to + step];
    const place = beyond ? (target.order + beyond.order) / 2 : target.order + step;
    const moved = items[at] as (typeof items)[number];
    this.change(() => {
      if (place !== target.order && (beyond === undefined || place !== beyond.order)) {
        moved.map.set('order', place);
        return;
      }
      const reordered = items.filter((item) => item !== moved);
      reordered.splice(to, 0, moved);
      reordered.forEach(({ map }, index) => map.set('order', index));
    });
    return true;
  }
  removeItem(id: string): void {
    const list = listIn(this.map, 'items');
    const index = list.toArray().findIndex((item: unknown) => item instanceof Y.Map && item.get('id') === id);
    if (index >= 0) this.change(() => list.delete(index, 1));
  }

  private itemMap(id: string): Y.Map<unknown> | undefined {
    const list = this.map.get('items');
    if (!(list instanceof Y.Array)) return undefined;
    return list.toArray().find((item: unknown): item is Y.Map<unknown> => item instanceof Y.Map && item.get('id') === id);
  }
}

/** A Y.Array under `key`, created on first use (inside the caller's transaction). */
function listIn(map: Y.Map<unknown>, key: string): Y.Array<unknown> {
  const existing = map.get(key);
  if (existing instanceof Y.Array) return existing;
  const created = new Y.Array<unknown>();
  const doc = map.doc;
  if (doc) doc.transact(() => map.set(key, created), localOrigin);
  else map.set(key, created);
  return created;
}
