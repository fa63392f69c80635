import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

/**
 * CPU profiles of the renderer over the DevTools protocol, summarised as the functions
 * with the most self and inclusive time. `BENCH_PROFILE=1 npm run bench` prints them for the
 * typing and open parts; run it against an unminified build for readable names
 * (docs/PERFORMANCE.md says how).
 */
export const profiling = process.env.BENCH_PROFILE === '1';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface HotFunction {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

export async function cpuProfile<T>(page: Page, run: () => Promise<T>): Promise<{ value: T; hot: HotFunction[]; ms: number }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  const value = await run();
  const { profile } = await session.send('Profiler.stop');
  await session.detach();
  const nodes = profile.nodes as ProfileNode[];
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const keyOf = (node: ProfileNode): string => {
    const file = node.callFrame.url.split('/').pop() ?? '';
    return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    let node = byId.get(samples[i] ?? -1);
    if (!node) continue;
    self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + ms);
    const seen = new Set<string>();
    while (node) {
      const key = keyOf(node);
      if (!seen.has(key)) {
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + ms);
      }
      const up = parent.get(node.id);
      node = up === undefined ? undefined : byId.get(up);
    }
  }
  const hot = [...total.entries()]
    .map(([name, totalMs]) => ({ name, selfMs: self.get(name) ?? 0, totalMs }))
    .filter((f) => !/^\((root|program|idle|garbage collector)\)/.test(f.name));
  return { value, hot, ms: (profile.endTime - profile.startTime) / 1000 };
}

export function printHot(title: string, hot: readonly HotFunction[], count = 40): void {
  const file = path.join(tmpdir(), `commonplace-profile-${title.split(' ')[0] ?? 'part'}-${Date.now()}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      [...hot].sort((a, b) => b.totalMs - a.totalMs),
      null,
      1,
    ),
  );
  console.info(`[profile] ${title}: every function in ${file}`);
  const lines = [...hot]
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, count)
    .map((f) => `  ${f.totalMs.toFixed(0).padStart(7)} ms total ${f.selfMs.toFixed(0).padStart(6)} ms self  ${f.name}`);
  const bySelf = [...hot]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, 12)
    .map((f) => `  ${f.selfMs.toFixed(0).padStart(7)} ms self  ${f.name}`);
  console.info(`[profile] ${title}: by inclusive time\n${lines.join('\n')}\n[profile] ${title}: by self time\n${bySelf.join('\n')}`);
}

/**
 * `BENCH_TRACE=<file.json>` writes Chrome traces (open them in DevTools' Performance panel
 * or Perfetto) of the typing part (`<file>-typing.json`: each keystroke is a user-timing
 * measure "key N" from keydown to its frame) and of one open of the big community
 * (`<file>-open.json`). `BENCH_TRACE_CATEGORIES` (comma-separated) adds to the timeline's
 * own categories; `blink,cc` show the frame's phases, `v8.execute` script evaluation.
 */
export const tracing = process.env.BENCH_TRACE;

export async function traceRun<T>(browser: Browser, page: Page, part: string, run: () => Promise<T>): Promise<T> {
  const file = `${(tracing ?? 'trace').replace(/\.json$/, '')}-${part}.json`;
  const extra = process.env.BENCH_TRACE_CATEGORIES?.split(',').filter(Boolean) ?? [];
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'latencyInfo', ...extra];
  await browser.startTracing(page, { path: file, categories });
  try {
    return await run();
  } finally {
    await browser.stopTracing();
    console.info(`[trace] ${part}: ${file}`);
  }
}
