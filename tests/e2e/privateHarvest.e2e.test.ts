import { describe, expect, inject, it } from 'vitest';
import { chromiumForFile, createCommunity, createEntry, joinedBy, openKind, signedIn, syncStatus } from './app.js';

// A harvest made "Private to me" from the New harvest dialog is written only on this
// device: a member who joins later receives the community's harvests but never that one.

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

describe('a harvest created private', () => {
  it('never reaches another member', async () => {
    const a = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(a.page, 'Care circle');
    await openKind(a.page, 'Harvests');
    await a.page.getByRole('button', { name: 'New harvest', exact: true }).click();
    const dialog = a.page.getByRole('dialog');
    await dialog.getByLabel('Title', { exact: true }).fill('Hard story');
    await dialog.getByRole('radio', { name: /Private to me/ }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => a.page.locator('#detail-title').textContent()).toBe('Hard story');
    await expect.poll(() => a.page.getByRole('radio', { name: /Private to me/ }).isChecked()).toBe(true);
    await createEntry(a.page, 'New harvest', 'Title', 'Open story');

    const b = await joinedBy(browser(), baseUrl, a.page, 'Giulia');
    await expect.poll(() => syncStatus(b.page).textContent(), { timeout: 30_000 }).toContain('1 peer');
    await openKind(b.page, 'Harvests');
    await expect.poll(() => b.page.getByRole('button', { name: /Open story/ }).count(), { timeout: 30_000 }).toBe(1);
    expect(await b.page.getByText('Hard story').count()).toBe(0);
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
