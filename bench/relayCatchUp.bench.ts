import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { startMember, type Member } from '../relay/testing/members.js';
import { freePort, startProcess, type RunningProcess } from '../relay/testing/servers.js';
import type { EncryptedRelayOptions } from '../renderer/transport/relay/EncryptedRelay.js';
import { relayDocumentNameFor } from '../shared/protocol/roomName.js';

/**
 * Catch-up after the relay was lost: two members on a real relay (`npm run relay`'s
 * dist/node/relay.mjs, members only, encrypted); the relay process is stopped (SIGTERM, as a
 * restart or deploy does) for a while, one member keeps writing, the relay comes back on the
 * same address and database. Measured: relay back → the other member has the edit.
 * Side by side: the Hocuspocus provider's default reconnect backoff (1 s doubling to 30 s)
 * and ours (figures in docs/ARCHITECTURE.md, "Relay").
 * `npm run build:node && npx vitest run --config bench/vitest.relay.config.ts bench/relayCatchUp.bench.ts`.
 */

const outagesMs = [1500, 4000, 7000, 10_000, 14_000];
const providerDefaults = { delay: 1000, minDelay: 1000, maxDelay: 30_000 };

async function until(check: () => boolean, limitMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > limitMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const member = (url: string, secret: string, documentName: string, backoff: EncryptedRelayOptions['backoff']): Promise<Member> =>
  startMember({ urls: [url], secret, documentName, ...(backoff ? { backoff } : {}) });

it('catch-up after the relay comes back: provider defaults beside ours', async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-catchup-'));
  const port = await freePort();
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), RELAY_DB: path.join(folder, 'relay.sqlite') };
  const url = `ws://127.0.0.1:${port}`;
  const startRelay = (): Promise<RunningProcess> => startProcess(process.execPath, ['dist/node/relay.mjs'], /Relay listening/, env);
  const rows: string[] = [];
  try {
    for (const [label, backoff] of [['provider defaults', providerDefaults], ['Commonplace', undefined]] as const) {
      const times: number[] = [];
      for (const [run, outage] of outagesMs.entries()) {
        let relay = await startRelay();
        const secret = `catch-up secret ${label} ${run}`;
        const documentName = relayDocumentNameFor(`community-${label}-${run}`, secret);
        const a = await member(url, secret, documentName, backoff);
        const b = await member(url, secret, documentName, backoff);
        await until(() => a.relay.status.state === 'connected' && b.relay.status.state === 'connected');
        await relay.stop();
        await until(() => b.relay.status.state !== 'connected');
        a.doc.getText('t').insert(0, 'written while the relay was down');
        await new Promise((resolve) => setTimeout(resolve, outage));
        relay = await startRelay();
        const back = performance.now();
        await until(() => b.doc.getText('t').toJSON() === 'written while the relay was down');
        times.push(performance.now() - back);
        a.relay.destroy();
        b.relay.destroy();
        await relay.stop();
      }
      rows.push(`| ${label} | ${times.map((ms) => (ms / 1000).toFixed(2)).join(' | ')} | ${(Math.max(...times) / 1000).toFixed(2)} |`);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  console.log(['', `| reconnect | ${outagesMs.map((ms) => `down ${ms / 1000} s`).join(' | ')} | worst |`, `|---|${outagesMs.map(() => '---|').join('')}---|`, ...rows].join('\n'));
}, 10 * 60_000);
