import type { Community } from './Community.js';
import type { Harvest } from './Harvest.js';
import type { PersonalDoc } from './PersonalDoc.js';

/**
 * Creates a harvest "private to me" where it belongs from the start: in the personal
 * document, never synced. Creating it in the community and moving it afterwards would leave
 * its title and story in the community's history (documents keep deleted content), and so
 * with every member, every later member, backups and the relay.
 */
export function createPrivateHarvest(personal: PersonalDoc, community: Community, memberId: string, fill: (harvest: Harvest) => void = () => undefined): Harvest {
  return personal.privateHarvests.create(memberId, fill, { consent: 'private', communityId: community.id });
}
