import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { importMarkdownAs } from '../../shared/import/importMarkdown.js';
import { Community } from '../../shared/model/Community.js';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { createPrivateHarvest } from '../../shared/model/privateHarvest.js';
import { setHarvestConsent } from '../../shared/model/sharing.js';

// "Private to me" harvests used to start in the community document and then move to the
// personal one; with gc off, their title and story stayed in the community's history,
// and so reached every member, later members, backups and the relay.

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const title = 'Story of the night shift';
const story = 'What Giulia told us about the night she left the ward';

/** Everything a member, a later member, a backup or the relay receives: the full update. */
function communityBytes(community: Community): string {
  return Buffer.from(Y.encodeStateAsUpdate(community.doc)).toString('latin1');
}
const contains = (bytes: string, text: string): boolean => bytes.includes(Buffer.from(text, 'utf8').toString('latin1'));

function setUp(): { community: Community; personal: PersonalDoc } {
  return { community: Community.create({ name: 'Care network', domain: 'Care', creator: amira }), personal: new PersonalDoc(new Y.Doc()) };
}

describe('private harvests', () => {
  it('created as private, never enter the community document, not even its history', () => {
    const { community, personal } = setUp();
    const harvest = createPrivateHarvest(personal, community, amira.id, (h) => {
      h.setTitle(title);
      h.setCallingQuestion(story);
    });
    expect(harvest.consent).toBe('private');
    expect(personal.privateHarvestsOf(community.id).map((h) => h.title)).toEqual([title]);
    expect(community.harvests.list()).toEqual([]);
    const bytes = communityBytes(community);
    expect(contains(bytes, title)).toBe(false);
    expect(contains(bytes, story)).toBe(false);
  });

  it('imported from Markdown as private, never enter the community document', () => {
    const { community, personal } = setUp();
    const { entry } = importMarkdownAs('harvest', community, { name: 'night.md', content: `# ${title}\n\n${story}\n` }, amira.id, { privateTo: personal });
    expect(entry.consent).toBe('private');
    expect(entry.bodyText).toContain(story);
    expect(personal.privateHarvestsOf(community.id)).toHaveLength(1);
    const bytes = communityBytes(community);
    expect(contains(bytes, title)).toBe(false);
    expect(contains(bytes, story)).toBe(false);
  });

  it('moved to private later, stay in the community history, as the move warning says', () => {
    const { community, personal } = setUp();
    const shared = community.harvests.create(amira.id, (h) => {
      h.setTitle(title);
      h.setCallingQuestion(story);
    });
    setHarvestConsent(personal, community, shared.id, 'private');
    expect(community.harvests.list()).toEqual([]);
    // Gone from the list, still in what every member and backup receives.
    expect(contains(communityBytes(community), story)).toBe(true);
  });
});
