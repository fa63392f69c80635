import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBackup } from '../../shared/backup/backupFile.js';
import { Community } from '../../shared/model/Community.js';
import * as Y from 'yjs';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
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

  it('sends the personal document when it changed, and again only after it changes', async () => {
    vi.useFakeTimers();
    const personal = new PersonalDoc(new Y.Doc());
    personal.initialise();
    personal.setIdentity('Amira');
    const keep = vi.fn(() => Promise.resolve({ kept: true as const, count: 10 }));
    const keepPersonal = vi.fn((_state: Uint8Array) => Promise.resolve({ kept: true as const, count: 10 }));
    const stop = startAutomaticBackups(
      { openedSoFar: () => Promise.resolve([]), personal },
      { capabilities: { pdf: 'file', automaticBackups: true }, keepAutomaticBackup: keep, keepPersonalBackup: keepPersonal },
      1000,
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(keepPersonal).toHaveBeenCalledTimes(1);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, keepPersonal.mock.calls[0]?.[0] ?? new Uint8Array());
    expect(new PersonalDoc(restored).identity?.name).toBe('Amira');
    await vi.advanceTimersByTimeAsync(3000);
    expect(keepPersonal).toHaveBeenCalledTimes(1);
    personal.dilemmas.create('me', (d) => d.setTitle('Report or wait?'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(keepPersonal).toHaveBeenCalledTimes(2);
    stop();
  });

  it('asks again next time when no passphrase was set (nothing kept)', async () => {
    vi.useFakeTimers();
    const personal = new PersonalDoc(new Y.Doc());
    personal.initialise();
    const keepPersonal = vi.fn((_state: Uint8Array) => Promise.resolve({ kept: false as const }));
    const stop = startAutomaticBackups(
      { openedSoFar: () => Promise.resolve([]), personal },
      { capabilities: { pdf: 'file', automaticBackups: true }, keepAutomaticBackup: vi.fn(), keepPersonalBackup: keepPersonal },
      1000,
    );
    await vi.advanceTimersByTimeAsync(62_000);
    expect(keepPersonal.mock.calls.length).toBeGreaterThan(1);
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
