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

/**
 * Copies a private dilemma into a community, recording who shared it and when. The private
 * journal stays as it is; later reflections there are not shared unless shared again.
 */
export function shareDilemma(personal: PersonalDoc, dilemmaId: string, community: Community, sharedBy: string): Dilemma {
  const source = personal.dilemmas.get(dilemmaId);
  if (!source) throw new CommonplaceError('dilemmaGone');
  // `sharedTo` (which other communities it went to) stays private.
  const overrides = { id: newId(), sharedBy, sharedAt: Date.now(), sharedFrom: dilemmaId, updatedAt: Date.now() };
  const shared = community.dilemmas.insertCopy(source.map, overrides, localOrigin, ['sharedTo']);
  personal.doc.transact(() => source.map.set('sharedTo', [...sharedTargets(source), community.id]), localOrigin);
  return shared;
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
