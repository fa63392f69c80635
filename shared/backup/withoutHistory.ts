import * as Y from 'yjs';
import { Community } from '../model/Community.js';

/**
 * The core of the purge path (SECURITY.md, "Removing something from a community for
 * good"): the community's current content in a new document with a new id and none of the
 * history. Deleted text, and harvests moved out to someone's personal document, exist only
 * in the history, so they are not in the copy. Given a new secret, the copy is a new room;
 * its members must be invited again.
 *
 * Every top-level type of a community is a Y.Map (Community); each is copied by value,
 * nested types cloned, which creates fresh items with no record of earlier states. Left
 * out: the device record (`authors`), which maps the old document's sessions to members;
 * the checkpoints, snapshots of the old history; and the trash, which keeps a copy of each
 * deleted entry (shared/model/history/): what was deleted must not come back with the copy.
 */
const leftOut: ReadonlySet<string> = new Set(['authors', 'checkpoints', 'trash']);

export function copyWithoutHistory(community: Community, newId: string): Community {
  if (newId === '' || newId === community.id) throw new Error('The copy needs an id of its own.');
  const doc = Community.newDoc();
  doc.transact(() => {
    for (const name of [...community.doc.share.keys()]) {
      if (leftOut.has(name)) continue;
      let source: Y.Map<unknown>;
      try {
        // A type first seen in an update is untyped until asked for; asking as a map types it.
        source = community.doc.getMap(name);
      } catch {
        // Not a map: no version of Commonplace writes one, so there is nothing of ours to keep.
        continue;
      }
      const target = doc.getMap(name);
      source.forEach((value, key) => {
        target.set(key, value instanceof Y.AbstractType ? value.clone() : value);
      });
    }
    doc.getMap('meta').set('id', newId);
  });
  return new Community(doc);
}
