import * as Y from 'yjs';
import type { Community } from './Community.js';
import type { Dilemma } from './Dilemma.js';
import { newId } from './Entry.js';
import type { Consent, Harvest } from './Harvest.js';
import { localOrigin } from './origins.js';
import type { PersonalDoc } from './PersonalDoc.js';
import { CommonplaceError } from '../CommonplaceError.js';

/**
 * Moving things across the privacy boundary between the personal document (never synced)
 * and a community document (replicated to every member). Each is an explicit step the
 * person confirms; nothing crosses implicitly.
 */

/** What the shared copy keeps of its own when it is shared again: who, when, where from, and members' responses. */
const keptByTheCopy = new Set(['id', 'createdAt', 'createdBy', 'sharedBy', 'sharedAt', 'resharedAt', 'sharedFrom', 'sharedTo', 'responses']);

/**
 * Shares a private dilemma into a community, recording who shared it and when. The first
 * time it is a copy; sharing again UPDATES that same copy to match the journal (its
 * responses stay), so a dilemma is never in a community twice. The private journal stays
 * as it is; later changes there are not shared until shared again.
 */
export function shareDilemma(personal: PersonalDoc, dilemmaId: string, community: Community, sharedBy: string): Dilemma {
  const source = personal.dilemmas.get(dilemmaId);
  if (!source) throw new CommonplaceError('dilemmaGone');
  // Without a sharer the copy would not read as shared, and would be anyone's to change.
  if (!sharedBy) throw new CommonplaceError('shareNeedsSharer');
  const existing = sharedCopyOf(community, dilemmaId, sharedBy);
  if (existing) {
    community.doc.transact(() => {
      refreshCopy(existing.map, source.map);
      existing.map.set('resharedAt', Date.now());
      existing.map.set('updatedAt', Date.now());
    }, localOrigin);
  }
  // The first time, a copy; `sharedTo` (which other communities it went to) stays private.
  const copy =
    existing ??
    community.dilemmas.insertCopy(source.map, { id: newId(), sharedBy, sharedAt: Date.now(), sharedFrom: dilemmaId, updatedAt: Date.now(), responses: new Y.Array() }, localOrigin, ['sharedTo', 'responses']);
  if (!sharedTargets(source).includes(community.id)) personal.doc.transact(() => source.map.set('sharedTo', [...sharedTargets(source), community.id]), localOrigin);
  return copy;
}

/** The copy of journal entry `dilemmaId` that `sharedBy` shared into `community`, if it is there. */
export function sharedCopyOf(community: Community, dilemmaId: string, sharedBy: string): Dilemma | null {
  return community.dilemmas.list().find((d) => d.sharing?.fromDilemmaId === dilemmaId && d.sharing.sharedBy === sharedBy) ?? null;
}

/**
 * Takes a shared dilemma out of the community from now on, with its responses; only its
 * sharer may. Members who already synced it keep what they had (the UI says so first).
 */
export function withdrawDilemma(personal: PersonalDoc, community: Community, sharedId: string, by: string): void {
  const shared = community.dilemmas.get(sharedId);
  if (!shared?.sharing) throw new CommonplaceError('withdrawNotShared');
  if (!by || shared.sharing.sharedBy !== by) throw new CommonplaceError('withdrawNotYours');
  const journal = personal.dilemmas.get(shared.sharing.fromDilemmaId);
  community.dilemmas.delete(sharedId);
  if (journal) personal.doc.transact(() => journal.map.set('sharedTo', sharedTargets(journal).filter((id) => id !== community.id)), localOrigin);
}

/** Makes the copy's fields those of the journal entry, writing only what differs. */
function refreshCopy(copy: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...copy.keys()]) if (!keptByTheCopy.has(key) && !source.has(key)) copy.delete(key);
  for (const [key, value] of source.entries()) {
    if (keptByTheCopy.has(key) || key === 'updatedAt') continue;
    if (sameContent(copy.get(key), value)) continue;
    copy.set(key, value instanceof Y.AbstractType ? value.clone() : value);
  }
}

/** Equal content, formatting included (a story's marks are in its delta). */
function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
}

function contentOf(value: unknown): unknown {
  if (value instanceof Y.Text) return { text: value.toDelta() as unknown };
  if (value instanceof Y.Array) return { array: value.toArray().map(contentOf) };
  if (value instanceof Y.Map) return { map: [...value.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, contentOf(v)]) };
  if (value instanceof Y.AbstractType) return { other: value.toJSON() as unknown };
  return value;
}

/** Community ids a private dilemma has been shared into. */
export function sharedTargets(dilemma: Dilemma): string[] {
  const value = dilemma.map.get('sharedTo');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export interface HarvestLocation {
  readonly harvest: Harvest;
  readonly isPrivate: boolean;
}

/**
 * Changes a harvest's consent. Between "this community" and "may be shared publicly" it is
 * a field; to or from "private to me" the harvest moves between documents. Making a shared
 * harvest private removes it from the community document from now on; members who already
 * synced it keep what they had, which the UI says before doing it.
 */
export function setHarvestConsent(personal: PersonalDoc, community: Community, harvestId: string, consent: Consent): Harvest {
  const shared = community.harvests.get(harvestId);
  const privateOne = personal.privateHarvests.get(harvestId);
  if (!shared && !privateOne) throw new CommonplaceError('harvestGone');
  if (consent === 'private') {
    if (privateOne) return privateOne;
    const moved = personal.privateHarvests.insertCopy((shared as Harvest).map, { consent: 'private', communityId: community.id, updatedAt: Date.now() });
    community.harvests.delete(harvestId);
    return moved;
  }
  if (shared) {
    shared.setSharedConsent(consent);
    return shared;
  }
  const moved = community.harvests.insertCopy((privateOne as Harvest).map, { consent, communityId: community.id, updatedAt: Date.now() });
  personal.privateHarvests.delete(harvestId);
  return moved;
}
