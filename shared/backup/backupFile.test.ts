import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Community, COMMUNITY_SCHEMA_VERSION } from '../model/Community.js';
import { appendParagraphs } from '../model/richText.js';
import { BACKUP_FORMAT_VERSION, decodeBackup, encodeBackup, mergeBackup, restoreAsNewCommunity } from './backupFile.js';
import { crc32 } from './crc32.js';
import { CommonplaceError } from '../CommonplaceError.js';

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const giulia = { id: 'member-giulia', name: 'Giulia', colour: '#7a4fb3' as const };

function copyOf(community: Community): Community {
  const doc = Community.newDoc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(community.doc));
  return new Community(doc);
}

function contentOf(community: Community): unknown {
  return {
    profile: community.profile,
    glossary: community.glossary.list().map((e) => [e.id, e.term, e.definitionText]).sort(),
    harvests: community.harvests.list().map((h) => [h.id, h.title, h.bodyText]).sort(),
  };
}

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CommonplaceError ? error.code : `not a CommonplaceError: ${String(error)}`;
  }
  return undefined;
}

function withChecksum(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(copy.length - 4, crc32(copy, 0, copy.length - 4));
  return copy;
}

describe('backup files', () => {
  it('round trip: header, metadata and the whole state', () => {
    const community = Community.create({ name: 'Care network', domain: 'Care', creator: amira });
    community.glossary.create(amira.id, (e) => e.setTerm('Holding space'));
    const bytes = encodeBackup({ community, now: 1_700_000_000_000, appVersion: '0.1.0' });
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('CPBK');
    const { meta, update } = decodeBackup(bytes);
    expect(meta).toEqual({ kind: 'commonplace-backup', communityId: community.id, profile: community.profile, createdAt: 1_700_000_000_000, schemaVersion: COMMUNITY_SCHEMA_VERSION, appVersion: '0.1.0' });
    const restored = restoreAsNewCommunity({ meta, update });
    expect(restored.id).toBe(community.id);
    expect(contentOf(restored)).toEqual(contentOf(community));
  });

  it('has the secret only when it is included', () => {
    const community = Community.create({ name: 'C', creator: amira });
    const without = encodeBackup({ community });
    expect(decodeBackup(without).meta.secret).toBeUndefined();
    expect(new TextDecoder().decode(without)).not.toContain('secret');
    const withSecret = encodeBackup({ community, includeSecret: 'room-key-123' });
    expect(decodeBackup(withSecret).meta.secret).toBe('room-key-123');
  });

  it('copies edited apart converge when merged through backup files in both directions', () => {
    const a = Community.create({ name: 'Care network', creator: amira });
    const harvest = a.harvests.create(amira.id, (h) => h.setTitle('Spring gathering'));
    appendParagraphs(harvest.body, ['We met in the hall.']);
    const b = copyOf(a);
    b.join(giulia);

    // Apart: different new entries, and concurrent edits to the same harvest's text.
    a.glossary.create(amira.id, (e) => e.setTerm('Holding space'));
    b.glossary.create(giulia.id, (e) => e.setTerm('Circle'));
    const textIn = (c: Community): Y.Text => c.harvests.get(harvest.id)!.body;
    textIn(a).insert(0, 'Amira: ', {});
    textIn(b).insert(textIn(b).length - 1, ' Giulia added this.', {});
    b.harvests.get(harvest.id)!.setTitle('Spring gathering, Leeds');

    const fromA = encodeBackup({ community: a });
    const fromB = encodeBackup({ community: b });
    expect(mergeBackup(a, fromB)).toEqual({ entriesBefore: 2, entriesAfter: 3 });
    mergeBackup(b, fromA);

    expect(contentOf(a)).toEqual(contentOf(b));
    expect(a.harvests.get(harvest.id)!.bodyText).toBe('Amira: We met in the hall. Giulia added this.');
    expect(a.harvests.get(harvest.id)!.title).toBe('Spring gathering, Leeds');
    expect(a.glossary.list().map((e) => e.term).sort()).toEqual(['Circle', 'Holding space']);
    expect(a.members.map((m) => m.name)).toEqual(['Amira', 'Giulia']);
    // Merging again changes nothing.
    const settled = Y.encodeStateAsUpdate(a.doc);
    mergeBackup(a, fromB);
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(settled);
  });

  it('a merge is not on the person’s undo stack', () => {
    const a = Community.create({ name: 'C', creator: amira });
    const b = copyOf(a);
    b.glossary.create(giulia.id, (e) => e.setTerm('Theirs'));
    const undo = a.createUndoManager();
    mergeBackup(a, encodeBackup({ community: b }));
    expect(undo.undoStack.length).toBe(0);
  });

  it('refuses garbage, truncated, foreign, future and other communities’ files, changing nothing', () => {
    const community = Community.create({ name: 'Care network', creator: amira });
    community.glossary.create(amira.id, (e) => e.setTerm('Holding space'));
    const good = encodeBackup({ community: copyOf(community) });
    const before = Y.encodeStateAsUpdate(community.doc);

    const flipped = good.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    const future = good.slice();
    new DataView(future.buffer).setUint16(4, BACKUP_FORMAT_VERSION + 1);
    const other = encodeBackup({ community: Community.create({ name: 'Another', creator: amira }) });
    const badMeta = (() => {
      // A valid checksum over metadata that is not what it should be.
      const copy = good.slice();
      copy[14] = '['.charCodeAt(0);
      return withChecksum(copy);
    })();
    const garbageUpdate = (() => {
      const copy = good.slice();
      const metaLength = new DataView(copy.buffer).getUint32(6);
      for (let i = 14 + metaLength; i < copy.length - 4; i++) copy[i] = (i * 7919) & 0xff;
      return withChecksum(copy);
    })();

    const cases: [string, Uint8Array, string][] = [
      ['empty', new Uint8Array(), 'backupTruncated'],
      ['garbage', new Uint8Array(Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff)), 'backupForeign'],
      ['a zip file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'backupForeign'],
      ['header only', good.slice(0, 10), 'backupTruncated'],
      ['truncated', good.slice(0, good.length - 20), 'backupTruncated'],
      ['trailing bytes', new Uint8Array([...good, 1, 2, 3]), 'backupCorrupted'],
      ['a flipped byte', flipped, 'backupCorrupted'],
      ['newer format', future, 'backupNewerFormat'],
      ['bad metadata', badMeta, 'backupCorrupted'],
      ['garbage state', garbageUpdate, 'backupCorrupted'],
      ['another community', other, 'backupDifferentCommunity'],
    ];
    for (const [name, bytes, code] of cases) {
      expect(errorCode(() => mergeBackup(community, bytes)), name).toBe(code);
    }
    expect(decodeBackup.bind(null, future)).toThrow('backupNewerFormat');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });

  it('refuses a backup whose state is of another community than its metadata claims', () => {
    const community = Community.create({ name: 'Care network', creator: amira });
    const other = Community.create({ name: 'Another', creator: amira });
    const { meta } = decodeBackup(encodeBackup({ community }));
    const before = Y.encodeStateAsUpdate(community.doc);
    expect(errorCode(() => mergeBackup(community, { meta, update: Y.encodeStateAsUpdate(other.doc) }))).toBe('backupNotACommunity');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });

  it('refuses a community saved by a newer app', () => {
    const community = Community.create({ name: 'Care network', creator: amira });
    const newer = copyOf(community);
    newer.meta.set('schemaVersion', 99);
    expect(errorCode(() => mergeBackup(community, encodeBackup({ community: newer })))).toBe('backupNewerCommunity');
    expect(errorCode(() => restoreAsNewCommunity(encodeBackup({ community: newer })))).toBe('backupNewerCommunity');
  });
});
