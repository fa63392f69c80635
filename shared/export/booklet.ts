import type { Community, Member } from '../model/Community.js';
import type { Dilemma, DilemmaStatus } from '../model/Dilemma.js';
import { entryKinds, sectionOf, type EntryKind, type KindSection } from '../model/Entry.js';
import type { GlossaryEntry } from '../model/GlossaryEntry.js';
import type { Consent, Harvest, HarvestItem, HarvestMethod } from '../model/Harvest.js';
import type { PersonalDoc } from '../model/PersonalDoc.js';
import type { Resource, ResourceList } from '../model/ResourceList.js';
import { addedByIn, entryTexts } from '../model/history/entry.js';
import { authorship, contributors } from '../model/history/story.js';
import { progressTracker, type ProgressOptions } from './progress.js';
import { storyToBlocks, type Block } from '../model/storyBlocks.js';
import { storedStory, storyKey } from '../model/richText.js';

/**
 * What goes into an export, decided once and shown to the person before anything is
 * written: the entries included (as plain snapshots, rich text already walked into blocks)
 * and those left out with the reason. Every exporter renders a `Booklet`; none of them
 * reads the documents again, so none of them can leak what the selection left out.
 */

export type ExportSection = KindSection;

/** Where each section stands in a booklet: shared words first, the community's own lists before journals. */
const bookletPosition: Record<ExportSection, number> = { glossary: 0, harvests: 1, resources: 2, dilemmas: 3 };

/** The kinds in booklet order. */
const bookletKinds: readonly EntryKind[] = [...entryKinds].sort((a, b) => bookletPosition[sectionOf(a)] - bookletPosition[sectionOf(b)]);

export const exportSections: readonly ExportSection[] = bookletKinds.map(sectionOf);

/** `community`: for members only. `public`: for people outside it (a funder, a newsletter). */
export type ExportAudience = 'community' | 'public';

export type ExportScope =
  | { readonly kind: 'community' }
  | { readonly kind: 'document'; readonly id: string }
  | { readonly kind: 'ids'; readonly ids: readonly string[] };

export interface SelectOptions extends ProgressOptions {
  readonly scope: ExportScope;
  readonly audience: ExportAudience;
  /** Which sections a whole-community export has; all by default. Explicit ids ignore it. */
  readonly sections?: Partial<Record<ExportSection, boolean>>;
  /** The booklet's title; the community's name by default (the entry's for one document). */
  readonly title?: string;
  /** For tests: when the booklet was made. */
  readonly now?: number;
  /**
   * List each harvest's contributors: the members who wrote in it (from who wrote what).
   * Never for a harvest with an anonymous storyteller: who typed a story can say who told it.
   */
  readonly contributors?: boolean;
}

/** Why something was left out; the UI translates by code, `leftOutMessages` is the English. */
export const leftOutReasonCodes = ['consent-private', 'consent-community', 'private-harvest', 'private-dilemma', 'dilemma-community-only', 'not-found'] as const;
export type LeftOutReason = (typeof leftOutReasonCodes)[number];

export const leftOutMessages: Record<LeftOutReason, string> = {
  'consent-private': 'Its storytellers asked for it to stay private, so it is never exported.',
  'consent-community': 'Its consent is for this community only, so it is not in an export for people outside it.',
  'private-harvest': 'It is private to you, so it is never exported.',
  'private-dilemma': 'It is in your private journal; share it with the community first to export it.',
  'dilemma-community-only': 'It was shared with this community only, so it is not in an export for people outside it.',
  'not-found': 'It is no longer here.',
};

export interface LeftOutItem {
  readonly id: string;
  readonly title: string;
  readonly kind: EntryKind | 'unknown';
  readonly reason: LeftOutReason;
  /** English text for `reason`. */
  readonly message: string;
}

export interface GlossarySnapshot {
  readonly kind: 'glossary';
  readonly id: string;
  readonly title: string;
  readonly otherNames: readonly string[];
  readonly definition: readonly Block[];
  readonly examples: readonly string[];
  /** Names of related terms, links read both ways. */
  readonly related: readonly string[];
  readonly proposedBy: string;
  readonly language: string;
  readonly contested: boolean;
  readonly discussion: string;
  readonly tags: readonly string[];
}

export interface HarvestSnapshot {
  readonly kind: 'harvest';
  readonly id: string;
  readonly title: string;
  readonly sessionDate: string;
  readonly place: string;
  readonly online: boolean;
  readonly method: HarvestMethod;
  readonly methodOther: string;
  readonly callingQuestion: string;
  readonly storytellers: readonly { readonly name: string; readonly anonymous: boolean }[];
  readonly themes: readonly string[];
  readonly consent: Consent;
  readonly body: readonly Block[];
  readonly items: readonly HarvestItem[];
  /** Member names who wrote in it, when contributors were asked for; empty otherwise. */
  readonly contributors: readonly string[];
  /** Contributors were asked for but not listed, because a storyteller chose to stay anonymous. */
  readonly contributorsWithheld: boolean;
}

export interface ResourceListSnapshot {
  readonly kind: 'resourceList';
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly resources: readonly Resource[];
}

export interface DilemmaSnapshot {
  readonly kind: 'dilemma';
  readonly id: string;
  readonly title: string;
  readonly context: string;
  readonly valuesInTension: readonly string[];
  readonly options: readonly string[];
  readonly status: DilemmaStatus;
  readonly reflections: readonly { readonly date: string; readonly body: readonly Block[] }[];
  readonly decided: string;
  readonly learned: string;
  /** The member's name who shared it into the community, when known. */
  readonly sharedBy: string;
}

export type BookletEntry = GlossarySnapshot | HarvestSnapshot | ResourceListSnapshot | DilemmaSnapshot;

export interface Booklet {
  readonly title: string;
  readonly communityName: string;
  readonly domain: string;
  readonly place: string;
  readonly audience: ExportAudience;
  readonly createdAt: number;
  readonly included: readonly BookletEntry[];
  readonly leftOut: readonly LeftOutItem[];
}

type AnyEntry = GlossaryEntry | Harvest | ResourceList | Dilemma;

/**
 * Chooses what an export holds. Consent is applied here and nowhere else:
 * - private harvests (the personal document, or a community harvest marked private by a
 *   peer) and private dilemma journals are always left out, whatever was selected;
 * - for a public audience, harvests with consent `community` and dilemmas shared with the
 *   community are left out too; only `public` harvests, the glossary and resources remain.
 */
export function selectForExport(community: Community, personal: PersonalDoc | undefined, options: SelectOptions): Booklet {
  const leftOut: LeftOutItem[] = [];
  const candidates: AnyEntry[] = [];
  const leave = (id: string, title: string, kind: LeftOutItem['kind'], reason: LeftOutReason): void => {
    leftOut.push({ id, title, kind, reason, message: leftOutMessages[reason] });
  };

  if (options.scope.kind === 'community') {
    const wanted = (section: ExportSection): boolean => options.sections?.[section] !== false;
    for (const kind of bookletKinds) {
      if (!wanted(sectionOf(kind))) continue;
      candidates.push(...(community.collection(kind).list() as AnyEntry[]));
      if (kind === 'harvest') for (const harvest of personal?.privateHarvestsOf(community.id) ?? []) leave(harvest.id, harvest.title, 'harvest', 'private-harvest');
    }
  } else {
    const ids = options.scope.kind === 'document' ? [options.scope.id] : [...new Set(options.scope.ids)];
    for (const id of ids) {
      const found = bookletKinds.map((kind) => community.collection(kind).get(id)).find((entry) => entry !== null);
      if (found) {
        candidates.push(found);
        continue;
      }
      const privateHarvest = personal?.privateHarvests.get(id);
      if (privateHarvest) leave(id, privateHarvest.title, 'harvest', 'private-harvest');
      else {
        const journal = personal?.dilemmas.get(id);
        if (journal) leave(id, journal.title, 'dilemma', 'private-dilemma');
        else leave(id, '', 'unknown', 'not-found');
      }
    }
  }

  const allowed: AnyEntry[] = [];
  for (const entry of candidates) {
    const reason = consentReason(entry, options.audience);
    if (reason) leave(entry.id, entry.title, entry.kind, reason);
    else allowed.push(entry);
  }

  const progress = progressTracker(allowed.length, options);
  const included: BookletEntry[] = [];
  // Built once: asking per term would scan the whole glossary for each (quadratic).
  const related = community.relatedTermsIndex();
  for (const entry of sortForBooklet(allowed)) {
    progress.check();
    included.push(snapshot(community, related, entry, options.contributors === true));
    progress.step();
  }

  const profile = community.profile;
  const single = options.scope.kind === 'document' ? included[0]?.title : undefined;
  return {
    title: options.title?.trim() || single || profile.name,
    communityName: profile.name,
    domain: profile.domain,
    place: profile.place,
    audience: options.audience,
    createdAt: options.now ?? Date.now(),
    included,
    leftOut,
  };
}

function consentReason(entry: AnyEntry, audience: ExportAudience): LeftOutReason | null {
  if (entry.kind === 'harvest') {
    // A community harvest marked private by a peer or an old version is still private.
    if (entry.consent === 'private') return 'consent-private';
    if (audience === 'public' && entry.consent !== 'public') return 'consent-community';
  }
  if (entry.kind === 'dilemma' && audience === 'public') return 'dilemma-community-only';
  return null;
}

const kindOrder: Record<EntryKind, number> = { glossary: 0, harvest: 1, resourceList: 2, dilemma: 3 };

function sortForBooklet(entries: readonly AnyEntry[]): AnyEntry[] {
  return [...entries].sort((a, b) => {
    if (a.kind !== b.kind) return kindOrder[a.kind] - kindOrder[b.kind];
    if (a.kind === 'harvest' && b.kind === 'harvest' && a.sessionDate !== b.sessionDate) {
      // Newest session first; undated ones last.
      if (!a.sessionDate) return 1;
      if (!b.sessionDate) return -1;
      return b.sessionDate.localeCompare(a.sessionDate);
    }
    return a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
  });
}

function snapshot(community: Community, related: ReadonlyMap<string, readonly GlossaryEntry[]>, entry: AnyEntry, withContributors: boolean): BookletEntry {
  switch (entry.kind) {
    case 'glossary':
      return {
        kind: 'glossary',
        id: entry.id,
        title: entry.term,
        otherNames: entry.otherNames,
        definition: storyToBlocks(storedStory(entry.map, storyKey.definition)),
        examples: entry.examples,
        related: (related.get(entry.id) ?? []).map((term) => term.term),
        proposedBy: entry.proposedBy,
        language: entry.language,
        contested: entry.contested,
        discussion: entry.discussion,
        tags: entry.tags,
      };
    case 'harvest':
      return {
        kind: 'harvest',
        id: entry.id,
        title: entry.title,
        sessionDate: entry.sessionDate,
        place: entry.place,
        online: entry.online,
        method: entry.method,
        methodOther: entry.methodOther,
        callingQuestion: entry.callingQuestion,
        storytellers: entry.storytellers.map((s) => ({ name: s.anonymous ? '' : s.name, anonymous: s.anonymous })),
        themes: entry.themes,
        consent: entry.consent,
        body: storyToBlocks(storedStory(entry.map, storyKey.body)),
        items: entry.items,
        ...contributorsOf(community, entry, withContributors),
      };
    case 'resourceList':
      return { kind: 'resourceList', id: entry.id, title: entry.title, description: entry.description, tags: entry.tags, resources: entry.resources };
    case 'dilemma': {
      const sharing = entry.sharing;
      return {
        kind: 'dilemma',
        id: entry.id,
        title: entry.title,
        context: entry.context,
        valuesInTension: entry.valuesInTension,
        options: entry.options,
        status: entry.status,
        reflections: entry.reflections.map((r) => ({ date: r.date, body: storyToBlocks(r.body) })),
        decided: entry.decided,
        learned: entry.learned,
        sharedBy: sharing ? (community.member(sharing.sharedBy)?.name ?? '') : '',
      };
    }
  }
}



/**
 * The members who wrote in a harvest (its story, its typed fields, its insights), in order of
 * first appearance. Withheld, not listed, when any storyteller is anonymous: the member who
 * typed a story is often the one who told it.
 */
function contributorsOf(community: Community, harvest: Harvest, wanted: boolean): { contributors: string[]; contributorsWithheld: boolean } {
  if (!wanted) return { contributors: [], contributorsWithheld: false };
  if (harvest.storytellers.some((s) => s.anonymous)) return { contributors: [], contributorsWithheld: true };
  const names = new Map<string, string>();
  const add = (member: Member | null | undefined): void => {
    if (member && !names.has(member.id)) names.set(member.id, member.name);
  };
  for (const { text } of entryTexts(harvest.map)) for (const member of contributors(authorship(community, text))) add(member);
  for (const member of addedByIn(community, harvest.map, 'items').values()) add(member);
  return { contributors: [...names.values()].filter(Boolean), contributorsWithheld: false };
}
