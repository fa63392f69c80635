import * as Y from 'yjs';
import type { Community } from '../../shared/model/Community.js';
import { storyKey } from '../../shared/model/richText.js';

/**
 * The attack of issue 15.2: a harvest whose story is a blockquote inside a blockquote,
 * `levels` deep. Stories are flat lines now (shared/model/storyFormat.ts), so the attacker
 * writes the old tree format under the old key (`body`), which the version 2 migration
 * still reads. Returns the update that carries it
 * (about 190 KB at 9,000 levels). Loops only: building it must not need the stack it attacks.
 */
export function deepStoryUpdate(community: Community, levels: number, title = 'Deep story'): Uint8Array {
  const before = Y.encodeStateVector(community.doc);
  const harvest = community.collection('harvest').create('mallory', (entry) => entry.setTitle(title));
  community.doc.transact(() => {
    // An entry as an old app wrote it: no story, only the tree under the old key.
    harvest.map.delete(storyKey.body);
    const legacyBody = new Y.XmlFragment();
    harvest.map.set('body', legacyBody);
    let parent: Y.XmlFragment | Y.XmlElement = legacyBody;
    for (let level = 0; level < levels; level++) {
      const quote = new Y.XmlElement('blockquote');
      parent.insert(0, [quote]);
      parent = quote;
    }
    const paragraph = new Y.XmlElement('paragraph');
    parent.insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText('bottom')]);
  });
  return Y.encodeStateAsUpdate(community.doc, before);
}
