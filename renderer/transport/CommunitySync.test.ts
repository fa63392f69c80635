import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startRelay, type RunningRelay } from '../../relay/server.js';
import { QuietWebSocket, startMember } from '../../relay/testing/members.js';
import { Community } from '../../shared/model/Community.js';
import { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { saveConnectionSettings } from '../../shared/protocol/connectionSettings.js';
import { relayDocumentNameFor } from '../../shared/protocol/roomName.js';
import { CommunitySync } from './CommunitySync.js';

/**
 * A session that outgrows the mesh switches to the relay (a real members-only relay from
 * relay/, the real EncryptedRelay for the other members), and back when the relay is lost.
 */

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const secret = 'the community secret';

async function session(largeSessionAt: number): Promise<{ relay: RunningRelay; sync: CommunitySync; community: Community; addMember: (name: string) => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-sync-'));
  const relay = await startRelay({ host: '127.0.0.1', port: 0, databasePath: path.join(folder, 'relay.sqlite'), warn: () => undefined });
  cleanup.push(() => rm(folder, { recursive: true, force: true }), () => relay.close());
  const community = Community.create({ name: 'Large gathering', creator: amira });
  const personal = new PersonalDoc(new Y.Doc());
  saveConnectionSettings(community, personal, { signaling: [], iceServers: [], relay: relay.url });
  const sync = new CommunitySync(community, { secret, inviteSignaling: [] }, amira, () => Promise.resolve({ local: [], discovered: [] }), personal, QuietWebSocket, largeSessionAt);
  cleanup.push(() => sync.destroy());
  await sync.connect();
  const addMember = async (name: string): Promise<void> => {
    const member = await startMember({ urls: [relay.url], secret, documentName: relayDocumentNameFor(community.id, secret), name, location: null, colour: '#2557a7' });
    cleanup.push(() => member.relay.destroy());
  };
  return { relay, sync, community, addMember };
}

describe('a session that outgrows the mesh', { timeout: 20_000 }, () => {
  it('goes through the relay alone once more people are here than the mesh carries, and says so', async () => {
    const { sync, addMember } = await session(2);
    await until(() => sync.status().relay === 'connected');
    await addMember('Giulia');
    await until(() => sync.present().length === 2);
    expect(sync.status().largeSession).toBe(false);
    await addMember('Bruno');
    await until(() => sync.status().largeSession);
    expect(sync.present().map((m) => m.user.name).sort()).toEqual(['Amira', 'Bruno', 'Giulia']);
  });

  it('comes back to the mesh when the relay is lost', async () => {
    const { sync, relay, addMember } = await session(1);
    await addMember('Giulia');
    await until(() => sync.status().largeSession);
    await relay.close();
    await until(() => !sync.status().largeSession);
    expect(sync.status().relay).not.toBe('connected');
  });

  it('stays on the mesh with no relay configured, however many are here', async () => {
    const community = Community.create({ name: 'Care circle', creator: amira });
    const sync = new CommunitySync(community, { secret, inviteSignaling: [] }, amira, () => Promise.resolve({ local: [], discovered: [] }), new PersonalDoc(new Y.Doc()), QuietWebSocket, 0);
    cleanup.push(() => sync.destroy());
    await sync.connect();
    expect(sync.status()).toMatchObject({ relay: 'none', largeSession: false });
  });
});
