import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startWebServer, type RunningWebServer } from '../electron/services/webServer.js';
import { launch } from './lib/chromium.js';
import { mode, runs } from './lib/config.js';
import type { GeneratedCommunity } from './lib/generate.js';
import { addError, finish } from './lib/report.js';
import { benchColdStart } from './suites/coldStart.js';
import { benchExport } from './suites/export.js';
import { benchHistory } from './suites/history.js';
import { benchOpen } from './suites/open.js';
import { benchStorage } from './suites/storage.js';
import { benchSync } from './suites/sync.js';
import { benchTraces } from './suites/traces.js';
import { benchTyping } from './suites/typing.js';

/**
 * `npm run bench`: every measure in sequence, one table at the end (also bench/results.json).
 * Budgets are reported, never asserted; a part fails only on an error or a wrong result.
 */
const started = performance.now();
let browser: Browser;
let site: RunningWebServer;
let tmp: string;
let renderer: string;
let community: GeneratedCommunity | undefined;

beforeAll(async () => {
  // BENCH_RENDERER serves another build, e.g. an unminified one for readable profiles.
  const root = path.resolve(process.env.BENCH_RENDERER ?? 'dist/renderer');
  if (!existsSync(path.join(root, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` (npm run bench does).');
  tmp = await mkdtemp(path.join(tmpdir(), 'commonplace-bench-'));
  // A private copy of the build: others may rebuild dist/ while the benchmark runs.
  renderer = path.join(tmp, 'renderer');
  await cp(root, renderer, { recursive: true });
  site = await startWebServer({ root: renderer, host: '127.0.0.1', port: 0 });
  browser = await launch();
  console.info(`[bench] mode ${mode}, app at ${site.url}, scratch in ${tmp}`);
});

afterAll(async () => {
  await browser.close();
  await site.close();
  await rm(tmp, { recursive: true, force: true });
  console.log(`\n${finish(mode, performance.now() - started, 'bench/results.json')}\n`);
});

async function part(name: string, run: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  try {
    await run();
  } catch (error) {
    addError(name, error);
    throw error;
  } finally {
    console.info(`[bench] ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

// Tests in one file run one after another: no part measures while another runs.
describe(`Commonplace benchmark (${mode})`, () => {
  it.runIf(runs.coldStart)('cold start', () => part('cold start', () => benchColdStart(site.url, tmp)));
  it.runIf(runs.open)('open, memory, search', () =>
    part('open', async () => {
      community = await benchOpen(site.url, tmp);
    }),
  );
  it.runIf(runs.export)('export', () =>
    part('export', async () => {
      if (!community) throw new Error('The open part did not produce the community to export.');
      await benchExport(browser, community);
    }),
  );
  it.runIf(runs.storage)('storage', () => part('storage', () => benchStorage(site.url, tmp)));
  it.runIf(runs.typing)('typing', () => part('typing', () => benchTyping(browser, site.url)));
  it.runIf(runs.sync)('sync', () => part('sync', () => benchSync(browser, site.url, tmp, renderer)));
  it.runIf(runs.traces)('editing traces', () => part('traces', () => benchTraces(browser, site.url)));
  it.runIf(runs.history)('history', () => part('history', () => {
      benchHistory();
      return Promise.resolve();
    }));
});
