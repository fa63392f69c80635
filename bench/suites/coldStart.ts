import path from 'node:path';
import { signIn } from '../lib/app.js';
import { launchPersistent } from '../lib/chromium.js';
import { sizes } from '../lib/config.js';
import { installMarks, readMark } from '../lib/marks.js';
import { addRow, p95AtMost } from '../lib/report.js';
import { median } from '../lib/stats.js';

const targets = [
  { name: 'first-run', selector: 'main.first-run h1' },
  { name: 'home', selector: '.home h1' },
];

/**
 * Cold start of the renderer, each run in a new browser process (as launching the desktop
 * app starts a new renderer): a person who has signed in before (the profile on disk keeps
 * the HTTP and V8 code caches, as Electron keeps app://'s code cache) navigates to home; and
 * a first launch ever (a new empty profile, nothing cached) to the first-run screen.
 * The browser's own launch is not counted: navigation start is time zero.
 */
export async function benchColdStart(url: string, tmp: string): Promise<void> {
  const profile = path.join(tmp, 'cold-profile');
  const setup = await launchPersistent(profile);
  try {
    const page = setup.pages()[0] ?? (await setup.newPage());
    await page.goto(url);
    await signIn(page, 'Owen Price');
  } finally {
    await setup.close();
  }
  const home: number[] = [];
  const homeInteractive: number[] = [];
  const fetched: number[] = [];
  const scripts: number[] = [];
  const firstRun: number[] = [];
  for (let run = 0; run < sizes.coldStartRuns; run++) {
    const context = await launchPersistent(profile);
    try {
      await installMarks(context, targets);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      const times = await readMark(page, 'home', 800);
      home.push(times.painted);
      homeInteractive.push(times.interactive);
      fetched.push(times.responseEnd);
      scripts.push(times.domContentLoaded);
    } finally {
      await context.close();
    }
    const fresh = await launchPersistent(path.join(tmp, `cold-new-${run}`));
    try {
      await installMarks(fresh, targets);
      const page = fresh.pages()[0] ?? (await fresh.newPage());
      await page.goto(url);
      firstRun.push((await readMark(page, 'first-run', 300)).painted);
    } finally {
      await fresh.close();
    }
  }
  addRow({
    part: 'cold start',
    measure: 'new renderer process → home painted (signed in before)',
    unit: 'ms',
    samples: home,
    budget: p95AtMost(1000, 'ms'),
    note: `index.html fetched by ${Math.round(median(fetched))} ms, DOMContentLoaded (the bundle has run) at ${Math.round(median(scripts))} ms (medians)`,
  });
  addRow({
    part: 'cold start',
    measure: 'same → home interactive (first 50 ms without a long task)',
    unit: 'ms',
    samples: homeInteractive,
    budget: p95AtMost(1000, 'ms'),
  });
  addRow({
    part: 'cold start',
    measure: 'first launch ever (empty profile, nothing cached) → first-run screen painted',
    unit: 'ms',
    samples: firstRun,
    budget: p95AtMost(1000, 'ms'),
  });
}
