import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { startMember, type Member } from '../relay/testing/members.js';
import { freePort, startPostgres, startProcess, startRedis, type RunningProcess } from '../relay/testing/servers.js';
import { relayDocumentNameFor } from '../shared/protocol/roomName.js';

/**
 * A relay session as the issue describes it: N simulated members (Node, the real
 * Hocuspocus provider, the real envelope encryption), 5 typing at human pace (5 keys a
 * second), the rest reading, all with presence; on one relay (SQLite) and on two relays
 * (Redis + PostgreSQL), members spread across instances. All on loopback, members in this
 * one process, so the figures include the members' own decryption on two shared cores.
 */

const sizes = (process.env.BENCH_RELAY_SIZES ?? '55,100').split(',').map(Number);
const typers = 5;
const keystrokesPerTyper = 40;
const keystrokeGapMs = 200;
const entries = 1000;

const join = (urls: string[], secret: string, documentName: string, name: string): Promise<Member> => startMember({ urls, secret, documentName, name });

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function cpuMs(pid: number): number {
  // utime + stime in clock ticks (100 a second on Linux).
  const fields = must(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1], 'stat').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) / 1024;
}
/** Present by construction (an index we just filled); a bench must fail loudly, not guess. */
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`bench: no ${what}`);
  return value;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

interface Row {
  members: number;
  instances: number;
  p50: number;
  p95: number;
  delivered: string;
  lateJoinMs: number;
  cpu: string;
  rss: string;
  bytesPerKeystroke: number;
}

async function session(members: number, instances: 1 | 2, folder: string, shared: { redisUrl: string; postgresUrl: string }): Promise<Row> {
  const relays: { process: RunningProcess; url: string }[] = [];
  for (let i = 0; i < instances; i++) {
    const port = await freePort();
    const env = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Every simulated member shares one address; measure the relay, not its limiter.
      RELAY_MAX_MESSAGES_PER_MINUTE: '100000000',
      ...(instances === 2 ? { RELAY_REDIS_URL: shared.redisUrl, RELAY_POSTGRES_URL: shared.postgresUrl } : { RELAY_DB: path.join(folder, `one-${members}.sqlite`) }),
    };
    relays.push({ process: await startProcess(process.execPath, ['dist/node/relay.mjs'], /Relay listening/, env), url: `ws://127.0.0.1:${port}` });
  }
  const secret = `bench-secret-${members}-${instances}-${Date.now()}`;
  const documentName = relayDocumentNameFor(`bench-${members}-${instances}`, secret);
  const everyone: Member[] = [];
  try {
    // The first member brings a 1,000-entry community.
    const first = await join([must(relays[0], 'relay').url], secret, documentName, 'member-0');
    everyone.push(first);
    first.doc.transact(() => {
      const harvests = first.doc.getMap('harvests');
      for (let i = 0; i < entries; i++) {
        const entry = new Y.Map<unknown>();
        entry.set('title', `Entry ${i}`);
        entry.set('story', new Y.Text(`A story of about three hundred characters, number ${i}. `.repeat(5)));
        harvests.set(`entry-${i}`, entry);
      }
    });
    await until(() => first.relay.status.state === 'connected', 30_000);
    await first.relay.settled();
    for (let i = 1; i < members; i++) everyone.push(await join([must(relays[i % instances], 'relay').url], secret, documentName, `member-${i}`));
    await until(() => everyone.every((m) => m.relay.status.state === 'connected' && m.doc.getMap('harvests').size === entries), 120_000);
    await until(() => everyone.every((m) => m.awareness.getStates().size === members), 60_000);

    // Keystrokes: each typer appends a marker to its own line; every member times its arrival.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let received = 0;
    everyone.forEach((member, index) => {
      member.doc.getText('live').observe((event) => {
        if (event.transaction.local) return;
        const now = performance.now();
        for (const change of event.delta) {
          if (typeof change.insert !== 'string') continue;
          for (const marker of change.insert.match(/k\d+-\d+;/g) ?? []) {
            const at = sentAt.get(marker);
            if (at === undefined || marker.startsWith(`k${index}-`)) continue;
            latencies.push(now - at);
            received += 1;
          }
        }
      });
    });
    let sealedBytes = 0;
    const pids = relays.map((relay) => must(relay.process.child.pid, 'pid'));
    const before = pids.map(cpuMs);
    const started = performance.now();
    await Promise.all(
      everyone.slice(0, typers).map(async (member, index) => {
        const envelope = member.relay.envelope.getArray<Uint8Array>('sealed');
        envelope.observe((event) => {
          if (!event.transaction.local) return;
          for (const change of event.changes.delta) for (const blob of (change.insert as Uint8Array[] | undefined) ?? []) sealedBytes += blob.byteLength;
        });
        for (let n = 0; n < keystrokesPerTyper; n++) {
          const marker = `k${index}-${n};`;
          sentAt.set(marker, performance.now());
          member.doc.getText('live').insert(0, marker);
          await new Promise((resolve) => setTimeout(resolve, keystrokeGapMs));
        }
      }),
    );
    const expected = typers * keystrokesPerTyper * (members - 1);
    await until(() => received >= expected, 60_000).catch(() => undefined);
    const seconds = (performance.now() - started) / 1000;
    const cpu = pids.map((pid, i) => `${Math.round((cpuMs(pid) - must(before[i], 'cpu')) / 10 / seconds)}%`).join(' / ');
    const rss = pids.map((pid) => `${Math.round(rssMb(pid))}`).join(' / ');

    // A late joiner loads the whole community (1,000 entries plus the session).
    const lateStart = performance.now();
    const late = await join([must(relays.at(-1), 'relay').url], secret, documentName, 'late');
    everyone.push(late);
    await until(() => late.doc.getMap('harvests').size === entries && late.doc.getText('live').length === first.doc.getText('live').length, 60_000);
    const lateJoinMs = performance.now() - lateStart;

    latencies.sort((a, b) => a - b);
    return {
      members,
      instances,
      p50: Math.round(percentile(latencies, 50)),
      p95: Math.round(percentile(latencies, 95)),
      delivered: `${received}/${expected}`,
      lateJoinMs: Math.round(lateJoinMs),
      cpu,
      rss,
      bytesPerKeystroke: Math.round(sealedBytes / (typers * keystrokesPerTyper)),
    };
  } finally {
    for (const member of everyone) {
      member.relay.destroy();
      member.awareness.destroy();
    }
    for (const relay of relays) await relay.process.stop();
  }
}

it('relay sessions', async () => {
  const build = spawnSync(process.execPath, ['build/scripts/build-node.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-relay-bench-'));
  const redis = await startRedis(folder);
  const postgres = await startPostgres();
  const rows: Row[] = [];
  const load = loadavg()[0]?.toFixed(1);
  try {
    for (const members of sizes) for (const instances of [1, 2] as const) rows.push(await session(members, instances, folder, { redisUrl: redis.url, postgresUrl: postgres.url }));
  } finally {
    await redis.process.stop();
    await postgres.process.stop();
    await rm(postgres.folder, { recursive: true, force: true });
    await rm(folder, { recursive: true, force: true });
  }
  console.log(`\nRelay bench (load ${load} → ${loadavg()[0]?.toFixed(1) ?? ''}), ${typers} typing at 5 keys/s, ${keystrokesPerTyper} keys each, ${entries}-entry community\n`);
  console.log('| members | instances | keystroke → others p50 | p95 | delivered | late join | relay CPU | relay RSS (MB) | sealed bytes/keystroke |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.members} | ${row.instances} | ${row.p50} ms | ${row.p95} ms | ${row.delivered} | ${row.lateJoinMs} ms | ${row.cpu} | ${row.rss} | ${row.bytesPerKeystroke} |`);
  // Never on time (that is the table's job); only on lost updates.
  for (const row of rows) expect(row.delivered.split('/')[0]).toBe(row.delivered.split('/')[1]);
});
