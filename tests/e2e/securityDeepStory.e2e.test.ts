import * as Y from 'yjs';
import { describe, expect, inject, it } from 'vitest';
import { Community } from '../../shared/model/Community.js';
import { deepStoryUpdate } from '../security/hostileContent.js';
import { chromiumForFile, editor, withHarvest } from './app.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

describe('a community that already holds a story nested 9,000 deep (issue 15.2)', () => {
  it('still opens after a reload, searches, and shows the entry, its depth flattened', async () => {
    const { context, page, problems } = await withHarvest(browser(), baseUrl, { harvest: 'Spring circle', testHooks: true });
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('A story about the allotment.');

    // The attacker's harvest, made on another device, planted past the guard as content
    // that arrived before the guard existed would be.
    const attacker = new Community(new Y.Doc());
    const update = deepStoryUpdate(attacker, 9000, 'Deep story');
    expect(update.byteLength).toBeGreaterThan(150_000);
    await page.evaluate(async (bytes) => {
      const hooks = window.__commonplace;
      const id = hooks?.workspace.personal.communities[0]?.id ?? '';
      await hooks?.plantUpdate(id, bytes);
    }, Array.from(update));

    await page.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Care circle' }).isVisible(), { timeout: 20_000 }).toBe(true);

    // Search finds both: the ordinary story by its words, the deep one by its title.
    const search = page.getByRole('searchbox');
    await search.fill('allotment');
    await expect.poll(() => page.locator('.hits .entry-title').allTextContents()).toEqual(['Spring circle']);
    await search.fill('deep');
    await expect.poll(() => page.locator('.hits .entry-title').allTextContents()).toEqual(['Deep story']);
    await page.getByRole('button', { name: /Deep story/ }).click();

    // Stories are flat lines now: the schema 2 migration read the old tree iteratively and
    // clamped its depth, so the entry opens with its words instead of bricking anything.
    await expect.poll(() => page.locator('#detail-title').textContent(), { timeout: 20_000 }).toBe('Deep story');
    await expect.poll(() => editor(page, 'Harvest story').textContent(), { timeout: 20_000 }).toContain('bottom');
    expect(await page.locator('.error-card').count()).toBe(0);
    await page.getByRole('button', { name: /Spring circle/ }).click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Spring circle');
    await expect.poll(() => editor(page, 'Harvest story').textContent()).toContain('allotment');
    expect(problems.filter((p) => !/could not|Maximum call stack|error boundary|The above error/i.test(p))).toEqual([]);
    await context.close();
  });
});
