import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, createCommunity, openKind, signedIn } from './app.js';

// A Markdown bomb dropped on the import dialog of the real app: read in a worker, refused
// with the reason, nothing created, and the window stays usable.

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

async function dropFile(page: Page, file: { name: string; text: string }): Promise<void> {
  await page.evaluate(({ name, text }) => {
    const zone = document.querySelector('dialog [data-drop-zone]');
    if (!zone) throw new Error('No drop zone');
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: 'text/markdown' }));
    for (const event of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(event, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, file);
}

describe('Markdown bombs in the import dialog', () => {
  it('refuses them in a worker with a clear message, creates nothing, and still imports a real file', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await createCommunity(page, 'Care network');
    await page.getByRole('group', { name: 'Share and keep' }).getByRole('button', { name: 'Import', exact: true }).click();
    const importing: Locator = page.getByRole('dialog');

    await dropFile(page, { name: 'emphasis.md', text: '_a'.repeat(40_000) });
    await expect.poll(() => importing.getByRole('alert').textContent()).toMatch(/^This Markdown is too complex to read safely/);
    expect(await importing.getByRole('button', { name: 'Create harvest' }).count()).toBe(0);

    const markdownWorkers = (): number => workers.filter((url) => url.includes('markdown.worker')).length;
    expect(markdownWorkers()).toBe(1);
    await dropFile(page, { name: 'deep.md', text: Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n') });
    // Each file is read by a worker of its own.
    await expect.poll(markdownWorkers).toBe(2);
    await expect.poll(() => importing.getByRole('alert').textContent()).toMatch(/^This Markdown is too complex to read safely/);

    // The dialog still works: a real file is read and imported.
    await dropFile(page, { name: 'winter.md', text: '# Winter circle\n\nWe met by the **fire**.\n' });
    await expect.poll(() => importing.getByText('“Winter circle” from winter.md will become a new harvest in Care network.').isVisible()).toBe(true);
    await importing.getByRole('button', { name: 'Create harvest' }).click();
    await expect.poll(() => importing.getByRole('status').textContent()).toBe('Created the harvest “Winter circle” in Care network.');
    await page.keyboard.press('Escape');
    await openKind(page, 'Harvests');
    await expect.poll(() => page.getByText('Winter circle').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
