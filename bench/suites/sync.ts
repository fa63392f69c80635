import { cpus } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { startRelay } from '../../relay/server.js';
import { startWebServer } from '../../electron/services/webServer.js';
import { createCommunity, createHarvest, inviteCode, join, openHarvest, signIn, slow, storyLabel, useRelay } from '../lib/app.js';
import { clockOffset, injectBench, mainThreadMeter, openApp, type AppPage } from '../lib/chromium.js';
import { median, percentile } from '../lib/stats.js';
import { seed, sizes } from '../lib/config.js';
import { cpuProfile, printHot, profiling } from '../lib/profile.js';
import { addRow, p95AtMost } from '../lib/report.js';

interface Group {
  readonly pages: AppPage[];
  close(): Promise<void>;
}

/** n people in one community with the same harvest open; over WebRTC, or through a relay only. */
async function group(browser: Browser, url: string, peers: number, relayUrl?: string): Promise<Group> {
  const pages: AppPage[] = [];
  const close = async (): Promise<void> => {
    for (const p of pages) {
      if (p.problems.length)
        console.warn(`[bench] sync: page reported ${p.problems.length} problem(s): ${p.problems.slice(0, 3).join(' | ')}`);
      await p.context.close();
    }
  };
  try {
    const host = await openApp(browser, url);
    pages.push(host);
    await signIn(host.page, 'Peer 1');
    await createCommunity(host.page, 'Sync circle');
    if (relayUrl) await useRelay(host.page, relayUrl);
    await createHarvest(host.page, 'Live harvest');
    await host.page.getByRole('textbox', { name: storyLabel, exact: true }).click();
    await host.page.keyboard.type('Notes from the session. ');
    const code = await inviteCode(host.page);
    for (let i = 2; i <= peers; i++) {
      const peer = await openApp(browser, url);
      pages.push(peer);
      await signIn(peer.page, `Peer ${i}`);
      await join(peer.page, code, 'Sync circle');
      await openHarvest(peer.page, 'Live harvest');
    }
    for (const p of pages) await injectBench(p.page);
    if (!relayUrl) {
      // A full mesh: every peer has a data channel open to every other.
      for (const p of pages) await expect.poll(() => p.page.evaluate(() => window.__bench.syncPeers()), slow).toBe(peers - 1);
    }
    const length = await host.page.evaluate((label) => window.__bench.editorTextLength(label), storyLabel);
    for (const p of pages)
      await expect.poll(() => p.page.evaluate((label) => window.__bench.editorTextLength(label), storyLabel), slow).toBe(length);
    return { pages, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * One person types; every other peer's editor shows the character. Each sample is one
 * keystroke to one peer: from keydown on the sender to the frame after the receiver's
 * editor changed, on one clock (each page's clock is aligned to Node's by round trips).
 */
async function latency(g: Group, keys: number): Promise<{ painted: number[]; doc: number[]; cpu: string }> {
  const [sender, ...receivers] = g.pages;
  if (!sender) throw new Error('empty group');
  const base = await sender.page.evaluate((label) => window.__bench.editorTextLength(label), storyLabel);
  for (const r of receivers) await r.page.evaluate((label) => window.__bench.startReceiver(label), storyLabel);
  await sender.page.evaluate(() => window.__bench.startSender());
  const offsets = new Map<AppPage, number>();
  for (const p of g.pages) offsets.set(p, await clockOffset(p.page));
  await sender.page.evaluate((label) => window.__bench.editorByLabel(label).commands.focus('end'), storyLabel);
  // The focus command lands in the next animation frame; the first key must not come sooner.
  await sender.page.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, storyLabel);
  const meters = await Promise.all(g.pages.map((p) => mainThreadMeter(p.page)));
  const text = 'the circle listened and then spoke again ';
  const typeAll = async (): Promise<void> => {
    for (let k = 0; k < keys; k++) {
      await sender.page.keyboard.type(text[k % text.length] ?? 'x');
      await sender.page.waitForTimeout(receivers.length > 2 ? 250 : 150);
    }
  };
  const watched = receivers[0];
  if (profiling && watched) {
    const profiled = await cpuProfile(watched.page, typeAll);
    printHot(`sync-receiver of ${g.pages.length} peers, ${keys} keystrokes (${profiled.ms.toFixed(0)} ms profiled)`, profiled.hot);
  } else {
    await typeAll();
  }
  const times = await Promise.all(meters.map((read) => read()));
  const busy = times.map((t) => t.busy / keys);
  const threads = times.map((t) => t.cpu / keys);
  const cpu =
    `main thread per keystroke: in tasks (Chrome TaskDuration) sender ${(busy[0] ?? 0).toFixed(1)} ms, each receiver median ${median(busy.slice(1)).toFixed(1)} ms; ` +
    `CPU it got (ThreadTime) sender ${(threads[0] ?? 0).toFixed(1)} ms, each receiver median ${median(threads.slice(1)).toFixed(1)} ms; ${g.pages.length} renderers share ${cpus().length} cores`;
  const final = await sender.page.evaluate((label) => window.__bench.editorText(label), storyLabel);
  expect(final.length, 'every keystroke reached the sender’s editor').toBe(base + keys);
  for (const [i, r] of receivers.entries()) {
    try {
      await expect.poll(() => r.page.evaluate((label) => window.__bench.editorText(label), storyLabel), slow).toBe(final);
    } catch (error) {
      const got = await r.page.evaluate((label) => window.__bench.editorText(label), storyLabel);
      let at = 0;
      while (at < final.length && got[at] === final[at]) at += 1;
      throw new Error(
        `Peer ${i + 2} did not converge: ${got.length} of ${final.length} chars, first difference at ${at} (${JSON.stringify(final.slice(Math.max(0, at - 20), at + 20))} vs ${JSON.stringify(got.slice(Math.max(0, at - 20), at + 20))})`,
        { cause: error },
      );
    }
  }
  const sent = (await sender.page.evaluate(() => window.__bench.sentTimes())).map((t) => t - (offsets.get(sender) ?? 0));
  expect(sent).toHaveLength(keys);
  const painted: number[] = [];
  const doc: number[] = [];
  for (const r of receivers) {
    const offset = offsets.get(r) ?? 0;
    const records = await r.page.evaluate(() => window.__bench.receivedTimes());
    for (let k = 0; k < keys; k++) {
      const arrived = records.find((rec) => rec.length >= base + k + 1);
      if (!arrived) throw new Error(`keystroke ${k} never arrived`);
      painted.push(arrived.painted - offset - (sent[k] ?? 0));
      doc.push(arrived.doc - offset - (sent[k] ?? 0));
    }
  }
  return { painted, doc, cpu };
}

/** The tail the table leaves out: p99, the worst sample, and how many missed 50 ms. */
function tail(samples: readonly number[]): string {
  const over = samples.filter((ms) => ms > 50).length;
  return `p99 ${percentile(samples, 99).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms, ${over} of ${samples.length} over 50 ms`;
}

/** A peer pauses sync, the other makes edits, it resumes: time until its editor shows the same text. */
async function offline(g: Group, edits: number, runs: number): Promise<number[]> {
  const [a, b] = g.pages;
  if (!a || !b) throw new Error('offline needs two peers');
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    await b.page.evaluate(() => window.__bench.setPaused(true));
    await expect.poll(() => a.page.evaluate(() => window.__bench.syncPeers()), slow).toBe(0);
    await a.page.evaluate(([label, n, s]) => window.__bench.editInEditor(label, n, s), [storyLabel, edits, seed + run] as const);
    const expected = await a.page.evaluate((label) => window.__bench.editorText(label), storyLabel);
    expect(await b.page.evaluate((label) => window.__bench.editorText(label), storyLabel)).not.toBe(expected);
    const ms = await b.page.evaluate(
      async ([label, text]) => {
        const done = window.__bench.waitForText(label, text, 60_000);
        await window.__bench.setPaused(false);
        return done;
      },
      [storyLabel, expected] as const,
    );
    times.push(ms);
  }
  return times;
}

/**
 * Live sync latency for 2 and 8 peers over WebRTC on loopback (signaling from the same web
 * server as `npm run web`), then through a Hocuspocus relay (startRelay in this process)
 * with signaling off; and how long a peer that missed 1,000 edits takes to catch up.
 */
export async function benchSync(browser: Browser, url: string, tmp: string, rendererRoot: string): Promise<void> {
  for (const peers of sizes.syncPeerCounts) {
    const g = await group(browser, url, peers);
    try {
      const result = await latency(g, sizes.syncKeys);
      addRow({
        part: 'sync',
        measure: `WebRTC, ${peers} peers: keystroke → text painted on each other peer`,
        unit: 'ms',
        samples: result.painted,
        budget: p95AtMost(50, 'ms'),
        note: `${tail(result.painted)}; ${result.cpu}`,
      });
      addRow({
        part: 'sync',
        measure: `WebRTC, ${peers} peers: keystroke → update applied on each other peer`,
        unit: 'ms',
        samples: result.doc,
      });
      if (peers === 2) {
        const times = await offline(g, sizes.offlineEdits, sizes.offlineRuns);
        addRow({
          part: 'sync',
          measure: `WebRTC: peer offline for ${sizes.offlineEdits.toLocaleString('en')} edits, resume → converged`,
          unit: 'ms',
          samples: times,
        });
      }
    } finally {
      await g.close();
    }
  }

  const relay = await startRelay({ host: '127.0.0.1', port: 0, databasePath: path.join(tmp, 'relay.sqlite'), warn: () => undefined });
  const site = await startWebServer({ root: rendererRoot, host: '127.0.0.1', port: 0, signaling: false });
  try {
    for (const peers of sizes.relayPeerCounts) {
      const g = await group(browser, site.url, peers, relay.url);
      try {
        const result = await latency(g, sizes.syncKeys);
        addRow({
          part: 'sync',
          measure: `relay only, ${peers} peers: keystroke → text painted on each other peer`,
          unit: 'ms',
          samples: result.painted,
          budget: p95AtMost(50, 'ms'),
          note: `${tail(result.painted)}; ${result.cpu}`,
        });
      } finally {
        await g.close();
      }
    }
  } finally {
    await site.close();
    await relay.close();
  }
}
