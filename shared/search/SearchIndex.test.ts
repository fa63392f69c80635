import { describe, expect, it, vi } from 'vitest';
import { Community } from '../model/Community.js';
import { appendParagraphs } from '../model/richText.js';
import { SearchIndex, type SearchWork } from './SearchIndex.js';

const creator = { id: 'm1', name: 'Amira', colour: '#2557a7' as const };

function sourceOf(community: Community) {
  return { communityId: community.id, isPrivate: false, collections: [community.glossary, community.harvests, community.dilemmas, community.resourceLists] };
}

describe('SearchIndex', () => {
  it('finds words from harvest bodies across communities, and follows edits incrementally', () => {
    const a = Community.create({ name: 'A', creator });
    const b = Community.create({ name: 'B', creator });
    const index = new SearchIndex();
    index.addSource(sourceOf(a));
    index.addSource(sourceOf(b));
    const harvest = a.harvests.create(creator.id, (h) => h.setTitle('Spring circle'));
    appendParagraphs(harvest.body, ['A story about the allotment and the river.']);
    b.glossary.create(creator.id, (e) => e.setTerm('Allotment'));
    expect(index.search('allotment').map((hit) => hit.communityId).sort()).toEqual([a.id, b.id].sort());
    expect(index.search('river')).toHaveLength(1);
    a.harvests.delete(harvest.id);
    expect(index.search('river')).toHaveLength(0);
  });

  it('filters by kind and tag and sorts by title or recency', () => {
    const c = Community.create({ name: 'C', creator });
    const index = new SearchIndex();
    index.addSource(sourceOf(c));
    const z = c.glossary.create(creator.id, (e) => e.setTerm('Zeal'));
    z.setTags(['care']);
    c.harvests.create(creator.id, (h) => {
      h.setTitle('Autumn');
      h.setThemes(['care']);
    });
    c.resourceLists.create(creator.id, (l) => l.setTitle('Tools')).addResource({ title: 'Kit', tags: ['Care'] });
    expect(index.search('', { tag: 'care', sort: 'title' }).map((h) => h.title)).toEqual(['Autumn', 'Tools', 'Zeal']);
    expect(index.search('', { kinds: ['glossary'] }).map((h) => h.title)).toEqual(['Zeal']);
  });
});

describe('SearchIndex scheduling', () => {
  it('re-indexes changed entries only when the scheduler says, or when someone searches', () => {
    const c = Community.create({ name: 'C', creator });
    let scheduled: SearchWork | null = null;
    const index = new SearchIndex((work) => {
      scheduled = work;
    });
    index.addSource(sourceOf(c));
    const listener = vi.fn();
    index.observe(listener);
    const harvest = c.harvests.create(creator.id, (h) => h.setTitle('Evening'));
    appendParagraphs(harvest.body, ['the orchard at dusk']);
    expect(scheduled).not.toBeNull();
    expect(listener).not.toHaveBeenCalled();
    // A search sees the change at once, without waiting for the scheduler.
    expect(index.search('orchard').map((h) => h.title)).toEqual(['Evening']);
    appendParagraphs(harvest.body, ['and the river']);
    expect((scheduled as unknown as SearchWork)(() => false)).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(index.search('river')).toHaveLength(1);
  });

  it('indexes a community it is given in slices, as the scheduler allows, and drops what is removed', () => {
    const c = Community.create({ name: 'C', creator });
    for (let i = 0; i < 10; i++) c.glossary.create(creator.id, (e) => e.setTerm(`term ${i} circle`));
    let scheduled: SearchWork | null = null;
    const index = new SearchIndex((work) => {
      scheduled = work;
    });
    const stop = index.addSource(sourceOf(c));
    const listener = vi.fn();
    index.observe(listener);
    const work = scheduled as unknown as SearchWork;
    // Three entries a slice.
    let budget = 0;
    const slices: boolean[] = [];
    for (let done = false; !done; ) {
      budget = 0;
      done = work(() => ++budget >= 3);
      slices.push(done);
    }
    expect(slices).toEqual([false, false, false, true]);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(index.search('circle')).toHaveLength(10);

    // Removed before its first slice: nothing of it is ever indexed.
    const other = Community.create({ name: 'D', creator });
    other.glossary.create(creator.id, (e) => e.setTerm('orchard'));
    const stopOther = index.addSource(sourceOf(other));
    stopOther();
    expect(index.search('orchard')).toHaveLength(0);
    stop();
    expect(index.search('circle')).toHaveLength(0);
  });
});
