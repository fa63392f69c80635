import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community } from './Community.js';
import type { ResourceCost } from './ResourceList.js';
import { validateResource } from './ResourceList.js';

const creator = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function listIn(): { community: Community; id: string } {
  const community = Community.create({ name: 'C', creator });
  const list = community.resourceLists.create(creator.id, (l) => l.setTitle('Reading'));
  return { community, id: list.id };
}

describe('ResourceList', () => {
  it('sets and reads back every field of the list and of a resource', () => {
    const { community, id } = listIn();
    const list = community.resourceLists.get(id);
    list?.setDescription('What we read together.');
    list?.setTags(['Books']);
    const freire = {
      title: 'Pedagogy of the Oppressed',
      link: 'https://example.org/freire',
      type: 'reading',
      why: 'Because.',
      forWhom: 'Facilitators',
      recommendedBy: 'Luca',
      language: 'pt',
      cost: 'paid',
      accessibility: 'Audio book exists.',
    } as const;
    // Written with stray spaces and repeated tags; read back trimmed, tags lower-cased once.
    const resourceId = list?.addResource({ ...freire, title: `  ${freire.title} `, link: ` ${freire.link} `, tags: ['Education', 'education', 'books'] });
    const read = community.resourceLists.get(id);
    expect(read?.kind).toBe('resourceList');
    expect(read?.title).toBe('Reading');
    expect(read?.description).toBe('What we read together.');
    expect(read?.resources).toEqual([{ id: resourceId, ...freire, tags: ['education', 'books'] }]);
    expect(read?.allTags).toEqual(['books', 'education']);
    read?.updateResource(resourceId ?? '', { title: 'Freire', cost: 'free' });
    expect(read?.resources[0]).toMatchObject({ title: 'Freire', link: '', type: 'other', cost: 'free', tags: [] });
    read?.removeResource(resourceId ?? '');
    expect(read?.resources).toEqual([]);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    ['  javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['file:///etc/passwd'],
    ['ftp://example.org/file'],
  ])('refuses the unsafe link %s with a clear message and changes nothing', (link) => {
    const { community, id } = listIn();
    const list = community.resourceLists.get(id);
    const existing = list?.addResource({ title: 'Safe', link: 'https://example.org' }) ?? '';
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => list?.addResource({ title: 'Evil', link })).toThrow('webLinkOnly');
    expect(() => list?.updateResource(existing, { title: 'Safe', link })).toThrow('webLinkOnly');
    expect(() => validateResource({ title: 'Evil', link })).toThrow('webLinkOnly');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
    expect(list?.resources.map((r) => r.link)).toEqual(['https://example.org']);
  });

  it('refuses other bad input with a clear message', () => {
    const { community, id } = listIn();
    const list = community.resourceLists.get(id);
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(() => list?.addResource({ title: '  ' })).toThrow('titleRequired');
    expect(() => list?.addResource({ title: 'r'.repeat(201) })).toThrow('titleTooLong');
    expect(() => list?.addResource({ title: 'ok', cost: 'cheap' as ResourceCost })).toThrow('chooseCost');
    expect(() => list?.addResource({ title: 'ok', link: 'x'.repeat(4097) })).toThrow('linkTooLong');
    expect(() => list?.updateResource('missing', { title: 'ok' })).toThrow('resourceGone');
    expect(() => list?.setTitle('')).toThrow('titleRequired');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });

  it('never shows an unsafe link that a peer wrote directly into the document', () => {
    const { community, id } = listIn();
    const list = community.resourceLists.get(id);
    const resourceId = list?.addResource({ title: 'Safe', link: 'https://example.org' });
    const item = (list?.map.get('resources') as Y.Array<Y.Map<unknown>>).get(0);
    item.set('link', 'javascript:alert(1)');
    expect(list?.resources).toEqual([expect.objectContaining({ id: resourceId, link: '' })]);
  });
});
