import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyWithoutHistory } from '../../shared/backup/withoutHistory.js';
import { Community } from '../../shared/model/Community.js';
import { nameCheckpoint } from '../../shared/model/history/checkpoints.js';
import { deleteToTrash, trashItems } from '../../shared/model/history/trash.js';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { appendParagraphs } from '../../shared/model/richText.js';
import { setHarvestConsent } from '../../shared/model/sharing.js';
import { readConnectionSettings, writeConnectionSettings } from '../../shared/protocol/connectionSettings.js';

// Content that must not persist stays in a community's history (gc is off). The purge
// path starts a new community from the current content only.

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const secret = 'What Giulia told us about the night she left the ward';

const bytesOf = (community: Community): string => Buffer.from(Y.encodeStateAsUpdate(community.doc)).toString('latin1');
const holds = (community: Community, text: string): boolean => bytesOf(community).includes(Buffer.from(text, 'utf8').toString('latin1'));

describe('a new community state without the history', () => {
  it('keeps the current content and drops deleted and moved-out text', () => {
    const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
    const personal = new PersonalDoc(new Y.Doc());
    const kept = community.harvests.create(amira.id, (h) => {
      h.setTitle('Spring circle');
      h.setCallingQuestion('What keeps us going?');
      h.setThemes(['rest']);
    });
    appendParagraphs(kept.body, ['We met by the fire.']);
    // Shared by mistake, then deleted; and another moved to private.
    const mistake = community.harvests.create(amira.id, (h) => h.setCallingQuestion(secret));
    community.harvests.delete(mistake.id);
    const moved = community.harvests.create(amira.id, (h) => h.setTitle(`${secret} (moved)`));
    setHarvestConsent(personal, community, moved.id, 'private');
    community.glossary.create(amira.id, (e) => e.setTerm('Holding space'));
    writeConnectionSettings(community, { signaling: ['wss://signal.example.org'], iceServers: [], relay: '' });
    expect(holds(community, secret)).toBe(true);
    expect(kept.bodyText).toContain('We met by the fire.');

    const fresh = copyWithoutHistory(community, 'fresh-community-id');
    expect(fresh.id).toBe('fresh-community-id');
    expect(fresh.initialise()).toEqual({ status: 'current' });
    expect(holds(fresh, secret)).toBe(false);
    expect(fresh.profile).toEqual(community.profile);
    expect(fresh.members).toEqual(community.members);
    expect(fresh.harvests.list().map((h) => [h.id, h.title, h.callingQuestion, h.themes, h.bodyText])).toEqual([[kept.id, 'Spring circle', 'What keeps us going?', ['rest'], kept.bodyText]]);
    expect(fresh.glossary.list().map((e) => e.term)).toEqual(['Holding space']);
    expect(readConnectionSettings(fresh)).toEqual(readConnectionSettings(community));
    expect(fresh.authors.size).toBe(0);
    // And it is a document of its own: editing it leaves the old one alone.
    fresh.harvests.create(amira.id, (h) => h.setTitle('After'));
    expect(community.harvests.list()).toHaveLength(1);
  });

  it('leaves out the trash (deleted entries kept to restore) and the checkpoints of the old history', () => {
    const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
    const mistake = community.glossary.create(amira.id, (e) => e.setTerm(secret));
    deleteToTrash(community, 'glossary', mistake.id, amira.id);
    nameCheckpoint(community, { name: 'Before the purge', by: amira.id });
    expect(trashItems(community)).toHaveLength(1);

    const fresh = copyWithoutHistory(community, 'fresh-community-id');
    expect(holds(fresh, secret)).toBe(false);
    expect(trashItems(fresh)).toEqual([]);
    expect(fresh.doc.getMap('checkpoints').size).toBe(0);
  });

  it('refuses to reuse the old id', () => {
    const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
    expect(() => copyWithoutHistory(community, community.id)).toThrow(/id of its own/);
    expect(() => copyWithoutHistory(community, '')).toThrow(/id of its own/);
  });
});
