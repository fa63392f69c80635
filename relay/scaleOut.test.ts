import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { memberKeyFor } from '../renderer/transport/relay/memberKey.js';
import { relayRefusals } from '../shared/protocol/relay/token.js';
import { memberColours } from '../shared/model/colours.js';
import { relayDocumentNameFor } from '../shared/protocol/roomName.js';
import { QuietWebSocket, startMember, type Member } from './testing/members.js';
import { freePort, startPostgres, startProcess, startRedis, type RunningProcess } from './testing/servers.js';

// Several relay instances as real processes (the built `npm run relay` bundle), a real
// redis-server and a real PostgreSQL, all on loopback ports in a temporary folder.
const secret = 'c2NhbGUtb3V0LXNlY3JldC0zMi1ieXRlcy1sb25nLXh4';
const documentName = relayDocumentNameFor('community-harbour', secret);
const secretWords = ['lighthouse', 'Marisol', 'Okonkwo', 'harbour', 'fishermen'];

let folder: string;
let postgres: Awaited<ReturnType<typeof startPostgres>>;
const stops: (() => Promise<unknown>)[] = [];
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'commonplace-scale-'));
  const build = spawnSync(process.execPath, ['build/scripts/build-node.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  postgres = await startPostgres();
}, 60_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const stop of stops.splice(0).reverse()) await stop();
});
afterAll(async () => {
  await postgres.process.stop();
  await rm(postgres.folder, { recursive: true, force: true });
  await rm(folder, { recursive: true, force: true });
});

async function relayProcess(env: Record<string, string>): Promise<{ process: RunningProcess; url: string }> {
  const port = await freePort();
  const relay = await startProcess(process.execPath, ['dist/node/relay.mjs'], /Relay listening/, { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env });
  stops.push(() => relay.stop('SIGKILL'));
  return { process: relay, url: `ws://127.0.0.1:${port}` };
}

/** A member on these relays, connected; destroyed after the test. */
async function member(urls: string[], name: string): Promise<Member> {
  const started = await startMember({ urls, secret, documentName, name, colour: memberColours[1] });
  const { relay, awareness } = started;
  cleanups.push(() => {
    relay.destroy();
    awareness.destroy();
  });
  await vi.waitFor(
    () => {
      expect(relay.status).toMatchObject({ state: 'connected' });
    },
    { timeout: 15_000, interval: 25 },
  );
  return started;
}

const names = (m: Member): string[] => [...m.awareness.getStates().values()].map((state) => (state as { user: { name: string } }).user.name).sort();
const story = (m: Member): string => m.doc.getText('story').toJSON();
const wait = { timeout: 15_000, interval: 25 };

describe('two relay instances on Redis and PostgreSQL', { timeout: 90_000 }, () => {
  it('a member on A sees a member on B; killing A loses nothing; Redis and PostgreSQL hold no plaintext', async () => {
    const redis = await startRedis(folder);
    stops.push(() => redis.process.stop());
    const monitor = await startProcess('redis-cli', ['-p', String(redis.port), 'monitor'], /OK/);
    stops.push(() => monitor.stop());
    const env = { RELAY_REDIS_URL: redis.url, RELAY_POSTGRES_URL: postgres.url };
    const a = await relayProcess(env);
    const b = await relayProcess(env);

    const marisol = await member([a.url, b.url], 'Marisol');
    const okonkwo = await member([b.url], 'Okonkwo');
    marisol.doc.getText('story').insert(0, 'The lighthouse keeper fed the fishermen. ');
    await vi.waitFor(() => {
      expect(story(okonkwo)).toBe('The lighthouse keeper fed the fishermen. ');
    }, wait);
    okonkwo.doc.getText('story').insert(story(okonkwo).length, 'We thanked the harbour. ');
    await vi.waitFor(() => {
      expect(story(marisol)).toBe('The lighthouse keeper fed the fishermen. We thanked the harbour. ');
      expect(names(marisol)).toEqual(['Marisol', 'Okonkwo']);
      expect(names(okonkwo)).toEqual(['Marisol', 'Okonkwo']);
    }, wait);

    // Instance A dies mid-session, with an edit in flight.
    marisol.doc.getText('story').insert(0, '1. ');
    await a.process.stop('SIGKILL');
    marisol.doc.getText('story').insert(story(marisol).length, 'And then the storm passed.');
    await vi.waitFor(() => {
      expect(marisol.relay.status).toEqual({ state: 'connected', url: b.url });
      expect(story(okonkwo)).toBe('1. The lighthouse keeper fed the fishermen. We thanked the harbour. And then the storm passed.');
      expect(story(marisol)).toBe(story(okonkwo));
      expect(names(okonkwo)).toEqual(['Marisol', 'Okonkwo']);
    }, wait);

    // Everything Redis carried and PostgreSQL stored is ciphertext.
    await b.process.stop('SIGTERM');
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const rows = await client.query<{ data: Buffer }>('SELECT data FROM relay_documents');
    await client.query('CHECKPOINT');
    await client.end();
    expect(rows.rows.length).toBe(1);
    const traffic = monitor.output();
    expect(traffic.length).toBeGreaterThan(1000);
    const onDisk = await filesUnder(postgres.dataDirectory);
    for (const word of secretWords) {
      expect(rows.rows[0]!.data.includes(Buffer.from(word)), `PostgreSQL row: ${word}`).toBe(false);
      expect(traffic.includes(word), `Redis traffic: ${word}`).toBe(false);
      expect(onDisk.some((bytes) => bytes.includes(Buffer.from(word))), `PostgreSQL files: ${word}`).toBe(false);
    }
  });

  it('refuses on instance B a token already used on instance A', async () => {
    const redis = await startRedis(folder);
    stops.push(() => redis.process.stop());
    const env = { RELAY_REDIS_URL: redis.url, RELAY_POSTGRES_URL: postgres.url };
    const a = await relayProcess(env);
    const b = await relayProcess(env);
    const once = await (await memberKeyFor(secret, documentName)).token();
    const outcomes = await Promise.all(
      [a.url, b.url].map(async (url, index) => {
        if (index === 1) await new Promise((resolve) => setTimeout(resolve, 500));
        return new Promise<string>((resolve) => {
          const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: QuietWebSocket });
          const provider = new HocuspocusProvider({
            websocketProvider,
            name: documentName,
            document: new Y.Doc(),
            token: once,
            onSynced: () => resolve('synced'),
            onAuthenticationFailed: ({ reason }) => resolve(reason),
          });
          provider.attach();
          cleanups.push(() => {
            provider.destroy();
            websocketProvider.destroy();
          });
        });
      }),
    );
    expect(outcomes).toEqual(['synced', relayRefusals.replayed]);
  });

  it('keeps serving its own clients when Redis goes down, and says so', async () => {
    const redis = await startRedis(folder);
    const a = await relayProcess({ RELAY_REDIS_URL: redis.url, RELAY_DB: path.join(folder, 'redis-down.sqlite') });
    const first = await member([a.url], 'First');
    const second = await member([a.url], 'Second');
    await redis.process.stop('SIGKILL');
    first.doc.getText('story').insert(0, 'Still here without Redis.');
    await vi.waitFor(() => {
      expect(story(second)).toBe('Still here without Redis.');
      expect(a.process.output()).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ unavailable/);
    }, wait);
  });

  it('stops with a clear error and a non-zero exit when PostgreSQL is down at start', async () => {
    const closedPort = await freePort();
    const port = await freePort();
    const result = spawnSync(process.execPath, ['dist/node/relay.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), RELAY_POSTGRES_URL: `postgres://relay:hunter2@127.0.0.1:${closedPort}/postgres` },
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Could not start the relay .*cannot use PostgreSQL at postgres:\/\/relay:\*\*\*@127\.0\.0\.1:\d+\/postgres: .*ECONNREFUSED/);
    expect(result.stderr).not.toContain('hunter2');
  });
});

async function filesUnder(directory: string): Promise<Buffer[]> {
  const found: Buffer[] = [];
  for (const entry of await readdir(directory, { recursive: true })) {
    const file = path.join(directory, entry);
    if ((await stat(file)).isFile()) found.push(await readFile(file));
  }
  return found;
}
