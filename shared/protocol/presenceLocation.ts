import type { Community } from '../model/Community.js';
import type { EntryKind } from '../model/Entry.js';

/**
 * Where presence says this person is. Presence goes to every peer in the community, so it
 * names only what is in the community document: an entry from the personal document (a
 * private harvest, a dilemma in the private journal) has an id the others must not learn,
 * and is sent as no location at all. A list, with no entry open, is sent as its kind.
 */
export function presenceLocation(community: Community, kind: EntryKind, entryId: string | null): string | null {
  if (entryId === null) return kind;
  return community.collection(kind).get(entryId) ? `${kind}:${entryId}` : null;
}
