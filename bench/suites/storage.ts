import path from 'node:path';
import { expect } from 'vitest';
import { createCommunity, createHarvest, openKind, signIn, storyLabel } from '../lib/app.js';
import { injectBench, launchPersistent } from '../lib/chromium.js';
import { seed, sizes } from '../lib/config.js';
import { addRow, p95AtMost } from '../lib/report.js';
// Brings in the type of window.__commonplace.
import type {} from '../../renderer/app/testHooks.js';

/**
 * What IndexedDB holds after many edits and reloads (a real profile on disk): the
 * y-indexeddb updates' bytes and the origin's usage, each as a multiple of the document
 * encoded once. Edits go through the model into a harvest body, each its own transaction
 * (as keystrokes are), between reloads.
 */
export async function benchStorage(url: string, tmp: string): Promise<void> {
  const context = await launchPersistent(path.join(tmp, 'storage-profile'), { testHooks: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await signIn(page, 'Niamh Byrne');
    await createCommunity(page, 'Allotment circle');
    await createHarvest(page, 'Season notes');
    await page.getByRole('textbox', { name: storyLabel, exact: true }).click();
    await page.keyboard.type('Notes from the season. ');
    // Away from the editor, so the edits are stored, not also re-rendered.
    await openKind(page, 'Glossary');
    const communityId = await page.evaluate(() => window.__commonplace?.workspace.personal.communities[0]?.id ?? '');
    const database = `commonplace-community-${communityId}`;
    const perReload = Math.ceil(sizes.storageEdits / sizes.storageReloads);
    const before: number[] = [];
    let edits = 0;
    for (let reload = 0; reload < sizes.storageReloads; reload++) {
      await injectBench(page);
      const count = Math.min(perReload, sizes.storageEdits - edits);
      await page.evaluate(([n, s, k]) => window.__bench.editHarvestBody(n, s, k), [
        count,
        seed + reload,
        sizes.storageKeysPerTransaction,
      ] as const);
      edits += count;
      // Reading the store waits for y-indexeddb's pending writes (IndexedDB orders transactions).
      const stored = await page.evaluate((name) => window.__bench.storedBytes(name), database);
      before.push(stored.bytes / stored.encodedState);
      await page.reload();
      await page.getByRole('navigation', { name: 'Allotment circle' }).waitFor({ timeout: 60_000 });
      await page.evaluate(async (id) => {
        await window.__commonplace?.workspace.openCommunity(id);
      }, communityId);
    }
    // y-indexeddb writes the compacted state after opening; let it land.
    await page.waitForTimeout(1000);
    await injectBench(page);
    const stored = await page.evaluate((name) => window.__bench.storedBytes(name), database);
    expect(edits).toBe(sizes.storageEdits);
    expect(stored.encodedState).toBeGreaterThan(0);
    const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
    addRow({
      part: 'storage',
      measure: `y-indexeddb bytes ÷ encoded state after ${sizes.storageEdits} edits (${sizes.storageKeysPerTransaction} a transaction), ${sizes.storageReloads} reloads (${kb(stored.bytes)} in ${stored.records} records; state ${kb(stored.encodedState)})`,
      unit: 'x',
      samples: [stored.bytes / stored.encodedState],
      budget: { text: '≤ 3×', check: (r) => r.p95 <= 3 },
    });
    addRow({
      part: 'storage',
      measure: `origin usage (navigator.storage.estimate) ÷ encoded state (${kb(stored.usage)})`,
      unit: 'x',
      samples: [stored.usage / stored.encodedState],
      note: 'the whole origin on disk: both databases and LevelDB’s own files (logs, manifests), which depend on when LevelDB last compacted; reported, not budgeted',
    });
    addRow({
      part: 'storage',
      measure: 'y-indexeddb bytes ÷ encoded state just before each reload',
      unit: 'x',
      samples: before,
      budget: p95AtMost(3, 'x'),
    });
  } finally {
    await context.close();
  }
}
