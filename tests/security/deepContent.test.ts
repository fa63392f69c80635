import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { decodeBackup, encodeBackup, mergeBackup, restoreAsNewCommunity } from '../../shared/backup/backupFile.js';
import { Community } from '../../shared/model/Community.js';
import { appendParagraphs } from '../../shared/model/richText.js';
import { SearchIndex } from '../../shared/search/SearchIndex.js';
import { deepStoryUpdate } from './hostileContent.js';
import { CommonplaceError } from '../../shared/CommonplaceError.js';

const creator = { id: 'amira', name: 'Amira', colour: '#2557a7' as const };

const sourceOf = (community: Community) => ({
  communityId: community.id,
  isPrivate: false,
  collections: [community.glossary, community.harvests, community.dilemmas, community.resourceLists],
});

describe('a community that already holds a 9,000-deep story (issue 15.2)', () => {
  it('still indexes and searches everything else; the deep entry is found by its title', () => {
    const community = Community.create({ name: 'Care circle', creator });
    const before = community.harvests.create(creator.id, (h) => h.setTitle('Spring circle'));
    appendParagraphs(before.body, ['A story about the allotment.']);
    // Planted as if it had arrived before the guard existed.
    deepStoryUpdate(community, 9000, 'Deep story');
    const after = community.harvests.create(creator.id, (h) => h.setTitle('Autumn circle'));
    appendParagraphs(after.body, ['A story about the river.']);
    const warn = vi.fn();
    const index = new SearchIndex(undefined, warn);
    index.addSource(sourceOf(community));
    expect(index.search('allotment').map((hit) => hit.title)).toEqual(['Spring circle']);
    expect(index.search('river').map((hit) => hit.title)).toEqual(['Autumn circle']);
    expect(index.search('deep').map((hit) => hit.title)).toEqual(['Deep story']);
    expect(index.size).toBe(3);
  });
});

describe('backups carrying hostile content (issue 15.2)', () => {
  it('a forged backup with the deep story is refused, saying why, and the community is unchanged', () => {
    const community = Community.create({ name: 'Care circle', creator });
    community.glossary.create(creator.id, (e) => e.setTerm('Holding space'));
    const forger = new Community(new Y.Doc());
    Y.applyUpdate(forger.doc, Y.encodeStateAsUpdate(community.doc));
    deepStoryUpdate(forger, 9000);
    const forged = encodeBackup({ community: forger, now: 0 });
    const state = Y.encodeStateAsUpdate(community.doc);
    const refusal = new CommonplaceError('backupUnsafe');
    expect(() => mergeBackup(community, forged)).toThrow(refusal);
    expect(() => restoreAsNewCommunity(decodeBackup(forged))).toThrow(refusal);
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(state);
  });

  it('an ordinary backup still restores', () => {
    const community = Community.create({ name: 'Care circle', creator });
    deepStoryUpdate(community, 10, 'Quoted story');
    const restored = restoreAsNewCommunity(encodeBackup({ community, now: 0 }));
    expect(restored.harvests.list().map((h) => h.title)).toEqual(['Quoted story']);
  });
});
