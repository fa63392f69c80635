import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMMUNITY_SCHEMA_VERSION, Community } from '../../shared/model/Community.js';
import { ignoreSchemaVersion, isSchemaVersionIgnored, judgeSchemaVersion, schemaMark, schemaMarkKey, stampSchemaVersion } from '../../shared/model/schemaVersion.js';

// One remote `meta.schemaVersion = 999` used to make a community read-only for everyone,
// for good. A version bump is now believed only with the mark a newer app writes beside
// it and within reach of real releases; a believed one can still be ignored by the person.

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

/** Amira's copy of a community after a peer's update that does `edit` to the meta map. */
function afterPeerUpdate(edit: (meta: Y.Map<unknown>) => void): Community {
  const mine = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(mine.doc));
  peer.transact(() => edit(peer.getMap('meta')));
  Y.applyUpdate(mine.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(mine.doc)));
  const reopened = new Community(Community.newDoc());
  Y.applyUpdate(reopened.doc, Y.encodeStateAsUpdate(mine.doc));
  return reopened;
}

describe('a forged schema version', () => {
  it('a bare schemaVersion = 999 from a peer leaves the community editable', () => {
    const community = afterPeerUpdate((meta) => meta.set('schemaVersion', 999));
    expect(community.initialise()).toEqual({ status: 'current' });
    expect(judgeSchemaVersion(community.meta, COMMUNITY_SCHEMA_VERSION)).toEqual({ status: 'unproven', version: 999, reason: 'too-far-ahead' });
    // And the community still takes edits.
    const harvest = community.harvests.create(amira.id, (h) => h.setTitle('Still ours'));
    expect(community.harvests.get(harvest.id)?.title).toBe('Still ours');
  });

  it('999 with the mark is still too far ahead to be a real release', () => {
    const community = afterPeerUpdate((meta) => {
      meta.set('schemaVersion', 999);
      meta.set(schemaMarkKey, schemaMark(999));
    });
    expect(community.initialise()).toEqual({ status: 'current' });
  });

  it('a plausible version without the mark a newer app writes is not believed', () => {
    const community = afterPeerUpdate((meta) => meta.set('schemaVersion', COMMUNITY_SCHEMA_VERSION + 1));
    expect(community.initialise()).toEqual({ status: 'current' });
    expect(judgeSchemaVersion(community.meta, COMMUNITY_SCHEMA_VERSION)).toMatchObject({ status: 'unproven', reason: 'no-mark' });
  });

  it('a real newer version is read-only, and the person can ignore that version (only that one)', () => {
    const community = afterPeerUpdate((meta) => stampSchemaVersion(meta, COMMUNITY_SCHEMA_VERSION + 1));
    expect(community.initialise()).toEqual({ status: 'newer', version: COMMUNITY_SCHEMA_VERSION + 1 });
    const personal = new Y.Doc();
    expect(isSchemaVersionIgnored(personal, community.id, COMMUNITY_SCHEMA_VERSION + 1)).toBe(false);
    ignoreSchemaVersion(personal, community.id, COMMUNITY_SCHEMA_VERSION + 1);
    expect(isSchemaVersionIgnored(personal, community.id, COMMUNITY_SCHEMA_VERSION + 1)).toBe(true);
    expect(isSchemaVersionIgnored(personal, community.id, COMMUNITY_SCHEMA_VERSION + 2)).toBe(false);
    expect(isSchemaVersionIgnored(personal, 'another-community', COMMUNITY_SCHEMA_VERSION + 1)).toBe(false);
  });
});
