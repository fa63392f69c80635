import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Community } from '../../shared/model/Community.js';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { setHarvestConsent } from '../../shared/model/sharing.js';
import { presenceSchema } from '../../shared/protocol/presence.js';
import { presenceLocation } from '../../shared/protocol/presenceLocation.js';

// Presence goes to every peer: it used to carry `harvest:<id>` and `dilemma:<id>` for
// private harvests and journal dilemmas too. Now entries from the personal document send
// no location.

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function fixture(): { community: Community; personal: PersonalDoc; shared: string; privateHarvest: string; journal: string } {
  const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
  const personal = new PersonalDoc(new Y.Doc());
  const shared = community.harvests.create(amira.id, (h) => h.setTitle('Spring circle')).id;
  const privateHarvest = community.harvests.create(amira.id, (h) => h.setTitle('Hard story')).id;
  setHarvestConsent(personal, community, privateHarvest, 'private');
  const journal = personal.dilemmas.create(amira.id, (d) => d.setTitle('Whether to record')).id;
  return { community, personal, shared, privateHarvest, journal };
}

describe('presence location', () => {
  it('names community entries, and sends nothing for private harvests and journal dilemmas', () => {
    const { community, personal, shared, privateHarvest, journal } = fixture();
    expect(personal.privateHarvestsOf(community.id).map((h) => h.id)).toEqual([privateHarvest]);
    expect(presenceLocation(community, 'harvest', shared)).toBe(`harvest:${shared}`);
    expect(presenceLocation(community, 'harvest', privateHarvest)).toBeNull();
    expect(presenceLocation(community, 'dilemma', journal)).toBeNull();
    expect(presenceLocation(community, 'dilemma', null)).toBe('dilemma');
  });

  it('never carries the id of an entry in the personal document (property)', () => {
    const { community, personal } = fixture();
    const personalIds = (): string[] => [...personal.dilemmas.list(), ...personal.privateHarvests.list()].map((entry) => entry.id);
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim() !== ''), private: fc.boolean(), kind: fc.constantFrom('harvest' as const, 'dilemma' as const) }), { maxLength: 6 }),
        (entries) => {
          const ids = entries.map((entry) => {
            if (entry.kind === 'dilemma') {
              const collection = entry.private ? personal.dilemmas : community.dilemmas;
              return { kind: entry.kind, id: collection.create(amira.id, (d) => d.setTitle(entry.title)).id };
            }
            const id = community.harvests.create(amira.id, (h) => h.setTitle(entry.title)).id;
            if (entry.private) setHarvestConsent(personal, community, id, 'private');
            return { kind: entry.kind, id };
          });
          const secret = new Set(personalIds());
          for (const { kind, id } of ids) {
            const location = presenceLocation(community, kind, id);
            // Always a valid presence location, and never a private id.
            expect(presenceSchema.shape.location.safeParse(location).success).toBe(true);
            if (secret.has(id)) expect(location).toBeNull();
            else expect(location).toBe(`${kind}:${id}`);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
