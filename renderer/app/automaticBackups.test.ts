import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBackup } from '../../shared/backup/backupFile.js';
import { Community } from '../../shared/model/Community.js';
import { startAutomaticBackups } from './automaticBackups.js';
import type { OpenCommunity } from './Workspace.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('automatic backups', () => {
  it('sends each changed community to the desktop, without the secret, and skips unchanged ones', async () => {
    vi.useFakeTimers();
    const community = Community.create({ name: 'Circle', creator: { id: 'm1', name: 'Amira', colour: '#2557a7' } });
    const opened = { community, readOnly: false } as unknown as OpenCommunity;
    const keep = vi.fn(() => Promise.resolve({ kept: true as const, count: 10 }));
    const stop = startAutomaticBackups({ openedSoFar: () => Promise.resolve([opened]) }, { capabilities: { pdf: 'file', automaticBackups: true }, keepAutomaticBackup: keep }, 1000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(keep).toHaveBeenCalledTimes(1);
    const sent = keep.mock.calls[0] as unknown as [{ communityId: string; data: Uint8Array }];
    expect(sent[0].communityId).toBe(community.id);
    expect(decodeBackup(sent[0].data).meta.secret).toBeUndefined();
    await vi.advanceTimersByTimeAsync(3000);
    expect(keep).toHaveBeenCalledTimes(1);
    community.setProfile({ domain: 'Care' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(keep).toHaveBeenCalledTimes(2);
    stop();
  });

  it('sends nothing where the shell keeps no automatic backups (a browser), even for a changed community', async () => {
    vi.useFakeTimers();
    const community = Community.create({ name: 'Circle', creator: { id: 'm1', name: 'Amira', colour: '#2557a7' } });
    const opened = { community, readOnly: false } as unknown as OpenCommunity;
    const keep = vi.fn(() => Promise.resolve({ kept: false as const }));
    const stop = startAutomaticBackups({ openedSoFar: () => Promise.resolve([opened]) }, { capabilities: { pdf: 'printDialog', automaticBackups: false }, keepAutomaticBackup: keep }, 1000);
    await vi.advanceTimersByTimeAsync(60_000);
    community.setProfile({ domain: 'Care' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(keep).not.toHaveBeenCalled();
    stop();
  });
});
