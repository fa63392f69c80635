import * as Y from 'yjs';
import { z } from 'zod';
import { webLinkSchema } from '../links.js';
import { Entry, newId } from './Entry.js';
import { languageSchema, longTextSchema, parseField, readChoice, readString, readStringList, replaceStringList, shortTextSchema, stringList, tagSchema, titleSchema } from './fields.js';
import { readTextField, textFieldOf } from './textFields.js';
import { CommonplaceError, refusal } from '../CommonplaceError.js';

export const resourceTypes = ['tool', 'method', 'reading', 'video', 'course', 'template', 'organisation', 'other'] as const;
export type ResourceType = (typeof resourceTypes)[number];
export const resourceCosts = ['free', 'paid', 'unknown'] as const;
export type ResourceCost = (typeof resourceCosts)[number];

export interface Resource {
  readonly id: string;
  readonly title: string;
  /** http(s) only, or empty. */
  readonly link: string;
  readonly type: ResourceType;
  readonly why: string;
  readonly forWhom: string;
  readonly recommendedBy: string;
  readonly language: string;
  readonly cost: ResourceCost;
  readonly accessibility: string;
  readonly tags: readonly string[];
}

export type ResourceInput = Partial<Omit<Resource, 'id'>> & { title: string };

/** Validates a resource as a person typed it; throws a FieldError naming the problem. */
export function validateResource(input: ResourceInput): Omit<Resource, 'id'> {
  const link = input.link?.trim() ? parseField(webLinkSchema, input.link) : '';
  return {
    title: parseField(titleSchema, input.title),
    link,
    type: parseField(z.enum(resourceTypes, refusal('chooseType')), input.type ?? 'other'),
    why: parseField(longTextSchema, input.why ?? ''),
    forWhom: parseField(shortTextSchema, input.forWhom ?? ''),
    recommendedBy: parseField(shortTextSchema, input.recommendedBy ?? ''),
    language: parseField(languageSchema, input.language ?? ''),
    cost: parseField(z.enum(resourceCosts, refusal('chooseCost')), input.cost ?? 'unknown'),
    accessibility: parseField(longTextSchema, input.accessibility ?? ''),
    tags: [...new Set((input.tags ?? []).map((tag) => parseField(tagSchema, tag)))],
  };
}

/** A named list of recommended resources. */
export class ResourceList extends Entry {
  readonly kind = 'resourceList' as const;

  get title(): string {
    return readString(this.map, 'title');
  }
  get description(): string {
    return readTextField(this.map, 'description');
  }
  get descriptionText(): Y.Text {
    return textFieldOf(this.map, 'description');
  }
  get resources(): Resource[] {
    const list = this.map.get('resources');
    if (!(list instanceof Y.Array)) return [];
    return list.toArray().flatMap((item: unknown) => (item instanceof Y.Map ? [readResource(item as Y.Map<unknown>)] : []));
  }
  /** Tags of the list and of each resource, for search and filtering. */
  get allTags(): string[] {
    return [...new Set([...this.tags, ...this.resources.flatMap((r) => r.tags)])];
  }

  setTitle(title: string): void {
    this.setTitleField('title', title);
  }
  setDescription(description: string): void {
    this.setTextField('description', longTextSchema, description);
  }

  addResource(input: ResourceInput): string {
    const valid = validateResource(input);
    const id = newId();
    const item = new Y.Map<unknown>();
    this.change(() => {
      resourceArray(this.map).push([item]);
      item.set('id', id);
      item.set('tags', new Y.Array<string>());
      writeResource(item, valid);
    });
    return id;
  }
  updateResource(id: string, input: ResourceInput): void {
    const valid = validateResource(input);
    const item = resourceArray(this.map)
      .toArray()
      .find((r): r is Y.Map<unknown> => r instanceof Y.Map && r.get('id') === id);
    if (!item) throw new CommonplaceError('resourceGone');
    this.change(() => writeResource(item, valid));
  }
  removeResource(id: string): void {
    const list = resourceArray(this.map);
    const index = list.toArray().findIndex((r) => r instanceof Y.Map && r.get('id') === id);
    if (index >= 0) this.change(() => list.delete(index, 1));
  }
}

function resourceArray(map: Y.Map<unknown>): Y.Array<unknown> {
  const existing = map.get('resources');
  if (existing instanceof Y.Array) return existing;
  const created = new Y.Array<unknown>();
  map.set('resources', created);
  return created;
}

function writeResource(item: Y.Map<unknown>, resource: Omit<Resource, 'id'>): void {
  for (const key of ['title', 'link', 'type', 'why', 'forWhom', 'recommendedBy', 'language', 'cost', 'accessibility'] as const) {
    if (item.get(key) !== resource[key]) item.set(key, resource[key]);
  }
  replaceStringList(stringList(item, 'tags'), resource.tags);
}

function readResource(item: Y.Map<unknown>): Resource {
  return {
    id: readString(item, 'id'),
    title: readString(item, 'title'),
    // A peer could have written anything; show only links that pass the same check.
    link: webLinkSchema.safeParse(readString(item, 'link')).data ?? '',
    type: readChoice(item, 'type', resourceTypes, 'other'),
    why: readString(item, 'why'),
    forWhom: readString(item, 'forWhom'),
    recommendedBy: readString(item, 'recommendedBy'),
    language: readString(item, 'language'),
    cost: readChoice(item, 'cost', resourceCosts, 'unknown'),
    accessibility: readString(item, 'accessibility'),
    tags: readStringList(item, 'tags'),
  };
}
