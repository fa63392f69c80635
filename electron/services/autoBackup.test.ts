import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupAllCommunities, DEFAULT_BACKUPS_KEPT, listBackups, writeRollingBackup } from './autoBackup.js';

const tempFolder = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'commonplace-backups-'));
const at = (ms: number): Date => new Date(Date.UTC(2024, 4, 1, 10, 0, 0) + ms);

describe('rolling backups', () => {
  it('writes <folder>/<communityId>/<timestamp>.cpbk and lists newest first', async () => {
    const folder = await tempFolder();
    const first = await writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array([1, 2, 3]), now: at(0) });
    const second = await writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array([4, 5]), now: at(1000) });
    expect(path.relative(folder, first.file)).toBe(path.join('c1', '2024-05-01T10-00-00-000Z.cpbk'));
    expect([...(await readFile(second.file))]).toEqual([4, 5]);
    const list = await listBackups(folder, 'c1');
    expect(list.map((b) => [b.name, b.size, b.createdAt])).toEqual([
      ['2024-05-01T10-00-01-000Z.cpbk', 2, at(1000).getTime()],
      ['2024-05-01T10-00-00-000Z.cpbk', 3, at(0).getTime()],
    ]);
    expect(await listBackups(folder, 'never-backed-up')).toEqual([]);
  });

  it(`keeps only the newest N (${DEFAULT_BACKUPS_KEPT} by default)`, async () => {
    const folder = await tempFolder();
    for (let i = 0; i < 13; i++) await writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array([i]), now: at(i * 1000) });
    const kept = await listBackups(folder, 'c1');
    expect(kept).toHaveLength(DEFAULT_BACKUPS_KEPT);
    expect(kept[0]?.name).toBe('2024-05-01T10-00-12-000Z.cpbk');
    const result = await writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array([99]), keep: 3, now: at(20_000) });
    expect(result.removed).toHaveLength(DEFAULT_BACKUPS_KEPT + 1 - 3);
    expect((await listBackups(folder, 'c1')).map((b) => b.name)).toEqual(['2024-05-01T10-00-20-000Z.cpbk', '2024-05-01T10-00-12-000Z.cpbk', '2024-05-01T10-00-11-000Z.cpbk']);
  });

  it('never overwrites a backup made in the same millisecond, and leaves no temporary files', async () => {
    const folder = await tempFolder();
    await Promise.all([1, 2, 3].map((n) => writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array([n]), now: at(0) })));
    const files = await readdir(path.join(folder, 'c1'));
    expect(files.sort()).toEqual(['2024-05-01T10-00-00-000Z-1.cpbk', '2024-05-01T10-00-00-000Z-2.cpbk', '2024-05-01T10-00-00-000Z.cpbk']);
    const contents = await Promise.all(files.map(async (f) => (await readFile(path.join(folder, 'c1', f)))[0]));
    expect(contents.sort()).toEqual([1, 2, 3]);
  });

  it('ignores unrelated and half-written files, and never deletes them', async () => {
    const folder = await tempFolder();
    await writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array([1]), now: at(0) });
    await writeFile(path.join(folder, 'c1', 'notes.txt'), 'mine');
    await writeFile(path.join(folder, 'c1', '.2024-05-01T10-00-05-000Z.123.abcd.tmp'), 'half');
    await writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array([2]), keep: 1, now: at(1000) });
    expect((await readdir(path.join(folder, 'c1'))).sort()).toEqual(['.2024-05-01T10-00-05-000Z.123.abcd.tmp', '2024-05-01T10-00-01-000Z.cpbk', 'notes.txt']);
  });

  it('refuses unsafe community ids, bad keep values and empty backups', async () => {
    const folder = await tempFolder();
    for (const communityId of ['../escape', '..', 'a/b', '', 'a\\b']) {
      await expect(writeRollingBackup({ folder, communityId, bytes: new Uint8Array([1]) }), communityId).rejects.toThrow(/community id/);
    }
    await expect(writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array([1]), keep: 0 })).rejects.toThrow(/Keep between/);
    await expect(writeRollingBackup({ folder, communityId: 'c1', bytes: new Uint8Array() })).rejects.toThrow(/empty/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('backs up every community, reporting one failure without stopping the others', async () => {
    const folder = await tempFolder();
    const outcomes = await backupAllCommunities(folder, [
      { communityId: 'c1', encode: () => new Uint8Array([1]) },
      {
        communityId: 'c2',
        encode: () => {
          throw new Error('could not encode');
        },
      },
      { communityId: 'c3', encode: () => Promise.resolve(new Uint8Array([3])) },
    ]);
    expect(outcomes.map((o) => [o.communityId, o.error ?? 'ok'])).toEqual([
      ['c1', 'ok'],
      ['c2', 'could not encode'],
      ['c3', 'ok'],
    ]);
    expect((await listBackups(folder, 'c3')).length).toBe(1);
  });
});
