import * as Y from 'yjs';
import { z } from 'zod';
import { CommonplaceError, type ErrorCode } from '../CommonplaceError.js';
import type { Community } from './Community.js';
import { entryKinds, newId, type Entry, type EntryKind } from './Entry.js';
import type { EntryOfKind } from './EntryCollection.js';
import { GlossaryEntry } from './GlossaryEntry.js';
import { Harvest } from './Harvest.js';
import { localOrigin } from './origins.js';
import type { Identity, PersonalDoc } from './PersonalDoc.js';
import { ResourceList } from './ResourceList.js';

/**
 * Cross-pollination: a person who belongs to several communities offers an entry of one to
 * another. The offer makes a NEW entry there (its own id and its own history, built from
 * the original as it is now, never from its past), which records where it came from.
 * Consent is checked here, not only in the dialog: a private harvest or a private dilemma
 * journal is never offered; a harvest for "this community" only goes to another community
 * only with a confirmation that names that community; anonymous storytellers stay anonymous.
 */

/** Where an offered copy came from: shown as "Offered from <community> by <name> on <date>". */
export interface Provenance {
  readonly communityId: string;
  /** The community's name when it was offered, so the line reads even where it is not known. */
  readonly communityName: string;
  /** Member id of whoever offered it, and their name then. */
  readonly offeredBy: string;
  readonly offeredByName: string;
  readonly offeredAt: number;
  readonly originalId: string;
  readonly originalKind: EntryKind;
  /** When one resource of a list was offered: its id in the original list. */
  readonly resourceId?: string;
}

const provenanceKey = 'offeredFrom';

// A peer could have written anything under the key: only a complete record is shown.
const provenanceSchema = z.object({
  communityId: z.string().min(1).max(200),
  communityName: z.string().max(200),
  offeredBy: z.string().max(200),
  offeredByName: z.string().max(200),
  offeredAt: z.number(),
  originalId: z.string().min(1).max(200),
  originalKind: z.enum(entryKinds),
  resourceId: z.string().max(200).optional(),
});

/** The provenance of an offered copy, or null for an entry made here. */
export function provenanceOf(entry: Pick<Entry, 'map'>): Provenance | null {
  const parsed = provenanceSchema.safeParse(entry.map.get(provenanceKey));
  return parsed.success ? parsed.data : null;
}

export interface OfferRequest<K extends EntryKind = EntryKind> {
  /** This person's document: who offers, and which communities are theirs on this device. */
  readonly personal: PersonalDoc;
  readonly from: Community;
  readonly kind: K;
  readonly entryId: string;
  readonly to: Community;
  /** Offer only this resource of a list (a new list with it alone is made there). */
  readonly resourceId?: string;
  /**
   * For a harvest whose consent is "this community": the id of `to`, given only once the
   * person confirmed, in words that name that community, that its storytellers agreed.
   */
  readonly confirmedFor?: string;
}

/** Whether offering this entry needs the person's confirmation naming the other community. */
export function needsConfirmation(entry: Entry): boolean {
  return entry instanceof Harvest && entry.consent === 'community';
}

/** Refuses with a reason a person can act on (its code is translated under "messages"). */
function refuse(code: ErrorCode): never {
  throw new CommonplaceError(code);
}

/** Checks everything an offer needs, changing nothing; returns the entry and who offers it. */
function checkOffer<K extends EntryKind>(request: OfferRequest<K>): { source: EntryOfKind<K>; person: Identity } {
  const { personal, from, to, kind, entryId } = request;
  const person = personal.identity;
  if (!person) refuse('nameFirst');
  if (!(entryKinds as readonly string[]).includes(kind)) refuse('offerKind');
  // Private things live in the personal document; say so rather than "not found".
  if (kind === 'dilemma' && personal.dilemmas.has(entryId))
    refuse('offerPrivateDilemma');
  if (kind === 'harvest' && personal.privateHarvests.has(entryId))
    refuse('offerPrivateHarvest');
  const mine = new Set(personal.communities.map((c) => c.id));
  if (!from.id || !to.id || !mine.has(from.id) || !mine.has(to.id)) refuse('offerNotYours');
  if (from.id === to.id) refuse('offerSameCommunity');
  if (!from.member(person.id) || !to.member(person.id)) refuse('offerNotMember');
  const source = from.collection(kind).get(entryId);
  if (!source) refuse('offerGone');
  if (source instanceof Harvest) {
    const consent = source.consent;
    if (source.map.get('consent') === 'private' || consent === 'private')
      refuse('offerPrivateHarvest');
    if (consent === 'community' && request.confirmedFor !== to.id) {
      refuse('offerConfirm');
    }
  }
  if (request.resourceId !== undefined) {
    if (!(source instanceof ResourceList)) refuse('offerResourceOnly');
    if (!source.resources.some((r) => r.id === request.resourceId)) refuse('resourceGone');
  }
  return { source, person };
}

/**
 * Offers an entry to another of this person's communities; returns the new entry there.
 * Throws with the reason, creating nothing, when the offer is not allowed.
 */
export function offerEntry<K extends EntryKind>(request: OfferRequest<K>): EntryOfKind<K> {
  const { source, person } = checkOffer(request);
  const { from, to, kind } = request;
  const now = Date.now();
  const provenance: Provenance = {
    communityId: from.id,
    communityName: from.profile.name,
    offeredBy: person.id,
    offeredByName: to.member(person.id)?.name || person.name,
    offeredAt: now,
    originalId: source.id,
    originalKind: kind,
    ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
  };

  const resource =
    source instanceof ResourceList && request.resourceId !== undefined
      ? source.resources.find((r) => r.id === request.resourceId)
      : undefined;
  if (resource) {
    const { id: _id, ...input } = resource;
    return to.collection(kind).create(
      person.id,
      (list) => {
        if (!(list instanceof ResourceList)) return;
        list.setTitle(input.title);
        list.addResource({ ...input, tags: [...input.tags] });
      },
      { [provenanceKey]: provenance },
    );
  }

  const overrides: Record<string, unknown> = {
    id: newId(),
    createdAt: now,
    updatedAt: now,
    createdBy: person.id,
    [provenanceKey]: provenance,
  };
  // Fields that make sense only where the original lives are left out before the copy is
  // integrated, so they never enter the other community's history.
  const omit = ['communityId', 'sharedFrom', 'sharedTo', 'sharedBy', 'sharedAt', provenanceKey];
  if (kind === 'glossary') {
    // Links point at terms of the other community.
    omit.push('related');
    overrides.related = new Y.Map<boolean>();
  }
  if (source instanceof Harvest) {
    omit.push('storytellers');
    overrides.storytellers = Y.Array.from(anonymisedStorytellers(source));
  }
  if (kind === 'dilemma') {
    // In the other community it is shared by the person who offered it, now.
    overrides.sharedBy = person.id;
    overrides.sharedAt = now;
  }
  return to.collection(kind).insertCopy(source.map, overrides, localOrigin, omit);
}

/**
 * The storytellers as the copy carries them: an anonymous one never with a name, even if a
 * peer or an older app wrote one beside the flag.
 */
function anonymisedStorytellers(harvest: Harvest): { id: string; name: string; anonymous: boolean }[] {
  return harvest.storytellers.map((s) => ({ id: s.id, name: s.anonymous ? '' : s.name, anonymous: s.anonymous }));
}

/** An entry of another of this person's communities that is the same term or resource. */
export interface RelatedElsewhere {
  readonly communityId: string;
  readonly communityName: string;
  readonly kind: EntryKind;
  readonly entryId: string;
  readonly title: string;
}

/** A term's name as compared across communities: case, width and spacing do not matter. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

/** A link as compared across communities: scheme and host in any case, no fragment, no final slash. */
export function normaliseLink(link: string): string {
  try {
    const url = new URL(link.trim());
    url.hash = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return '';
  }
}

/** What makes two entries "the same" across communities: a term's names, a list's links. */
export function sameness(entry: Entry): string[] {
  if (entry instanceof GlossaryEntry) return [...new Set(entry.allNames.map((n) => `term:${normaliseName(n)}`))];
  if (entry instanceof ResourceList)
    return [
      ...new Set(
        entry.resources
          .map((r) => normaliseLink(r.link))
          .filter(Boolean)
          .map((l) => `link:${l}`),
      ),
    ];
  return [];
}

/**
 * Which terms and resource lists appear in more than one of this person's communities,
 * computed on this device from their own communities only. Build once per change, then ask
 * for each entry shown.
 */
export class RelatedAcross {
  private readonly byKey = new Map<string, RelatedElsewhere[]>();

  constructor(communities: readonly Community[]) {
    for (const community of communities) {
      const name = community.profile.name;
      for (const entry of [...community.glossary.list(), ...community.resourceLists.list()] as Entry[]) {
        const found: RelatedElsewhere = {
          communityId: community.id,
          communityName: name,
          kind: entry.kind,
          entryId: entry.id,
          title: entry.title,
        };
        for (const key of sameness(entry)) {
          let list = this.byKey.get(key);
          if (!list) this.byKey.set(key, (list = []));
          list.push(found);
        }
      }
    }
  }

  /** The same term or resource in the person's other communities (one per entry), by community name. */
  of(entry: Entry, communityId: string): RelatedElsewhere[] {
    const seen = new Map<string, RelatedElsewhere>();
    for (const key of sameness(entry)) {
      for (const other of this.byKey.get(key) ?? []) {
        if (other.communityId === communityId || other.kind !== entry.kind) continue;
        seen.set(`${other.communityId}:${other.entryId}`, other);
      }
    }
    return [...seen.values()].sort((a, b) => a.communityName.localeCompare(b.communityName) || a.title.localeCompare(b.title));
  }
}
