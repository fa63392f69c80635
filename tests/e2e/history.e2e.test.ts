/**
 * The journey of a harvest in the app, two members in two browser contexts: they write over
 * three sessions, naming a checkpoint after each; the history shows the checkpoints, the
 * comparison shows each one's words with their name; the first version is restored (the
 * other member sees it) and the restore is undone, then only a selected passage is; the
 * edits are played back. Then a term one member deletes is restored from the trash by the
 * other, and a resource list shows who added each resource and is restored as a whole.
 * A second test: automatic checkpoints survive a reload, and a read-only community's
 * history can be read but changes nothing.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chooseColour, chromiumForFile, createCommunity, createEntry, editor, editorText, openHarvest, openKind, signedIn, twoInOneHarvest } from './app.js';
import type {} from '../../renderer/app/testHooks.js';
import { COMMUNITY_SCHEMA_VERSION } from '../../shared/model/Community.js';
import { schemaMark, schemaMarkKey } from '../../shared/model/schemaVersion.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');
const patience = { timeout: 30_000 };

const story = 'Harvest story';

/** Axe's WCAG 2.2 A and AA rules on what is shown (the open dialog): one line per violation. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function typeAtEnd(page: Page, words: string): Promise<void> {
  await editor(page, story).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(words);
}

async function openHistory(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

async function nameCheckpoint(page: Page, name: string): Promise<void> {
  await openHistory(page);
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name for a checkpoint of how things are now').fill(name);
  await dialog.getByRole('button', { name: 'Name this checkpoint' }).click();
  await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Checkpoint named');
  await closeDialog(page);
}

async function addResource(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Add resource' }).click();
  await page.getByLabel('Title', { exact: true }).last().fill(title);
  await page.getByRole('button', { name: 'Add resource' }).click();
  await expect.poll(() => page.locator('li.resource', { hasText: title }).count()).toBe(1);
}

/** The compare list's option for a checkpoint, by its name. */
async function compareWith(page: Page, name: string): Promise<void> {
  const select = page.getByRole('dialog').getByLabel('Compare with');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
}

describe('the journey of a harvest', () => {
  it('two members, three sessions: checkpoints, who wrote what, restore and undo', async () => {
    const { a, b } = await twoInOneHarvest(browser(), baseUrl, { harvest: 'March circle', guest: 'Ben', patience });
    // Two different colours, as the comparison below tells their words apart by colour too (at
    // sign-in each gets a random one, which two people can share).
    await chooseColour(a.page, 1, patience);
    await chooseColour(b.page, 2, patience);

    // Session one: Amira opens.
    await typeAtEnd(a.page, 'Amira opened the circle.');
    await expect.poll(() => editorText(b.page, story), patience).toBe('Amira opened the circle.');
    await nameCheckpoint(a.page, 'First session');
    // Session two: Ben tells a story.
    await typeAtEnd(b.page, ' Ben told a story.');
    await expect.poll(() => editorText(a.page, story), patience).toBe('Amira opened the circle. Ben told a story.');
    await nameCheckpoint(b.page, 'Second session');
    // Session three: Amira closes.
    await typeAtEnd(a.page, ' Amira closed.');
    const full = 'Amira opened the circle. Ben told a story. Amira closed.';
    await expect.poll(() => editorText(b.page, story), patience).toBe(full);
    await nameCheckpoint(a.page, 'Third session');

    // Ben's history shows all three named checkpoints, whoever set them.
    await openHistory(b.page);
    const history = b.page.getByRole('dialog');
    for (const name of ['First session', 'Second session', 'Third session']) {
      await expect.poll(() => history.getByRole('button', { name: new RegExp(name) }).count(), patience).toBe(1);
    }
    // With who set each and who was there.
    expect(await history.getByRole('listitem').filter({ hasText: 'Second session' }).textContent()).toMatch(/set by Ben \(present: (Ben, Amira|Amira, Ben)\)/);
    // Open the second session read-only: the text as it was then.
    await history.getByRole('button', { name: /Second session/ }).click();
    await expect.poll(() => history.getByTestId('history-text').innerText()).toContain('Ben told a story.');
    await expect.poll(() => history.getByTestId('history-text').innerText()).not.toContain('Amira closed.');
    await expect.poll(() => history.getByLabel('Move through the checkpoints').getAttribute('aria-valuetext')).toContain('Second session');
    // Who wrote what at that checkpoint: each run with its writer's name in the accessible text.
    const authored = history.locator('.history-authored');
    expect(await authored.evaluateAll((els) => els.map((el) => el.textContent))).toEqual(['written by Amira: Amira opened the circle.', 'written by Ben:  Ben told a story.']);
    // The scrubber moves through the checkpoints by keyboard too.
    await history.getByLabel('Move through the checkpoints').press('End');
    await expect.poll(() => history.getByTestId('history-text').innerText()).toContain('Amira closed.');
    await history.getByRole('button', { name: /Second session/ }).click();
    // Compared with the first session: Ben's words are added, with his name (not only his colour).
    await compareWith(b.page, 'First session');
    const added = history.locator('ins');
    await expect.poll(() => added.count()).toBe(1);
    expect(await added.innerText()).toContain('Ben told a story.');
    expect(await added.locator('.visually-hidden').textContent()).toBe('added by Ben: ');
    expect(await added.getAttribute('style')).toMatch(/border-color/);
    // From the first to the third session: each one's words with their own name.
    await history.getByRole('button', { name: /Third session/ }).click();
    await expect.poll(() => added.count()).toBe(2);
    expect(await added.evaluateAll((els) => els.map((el) => [el.textContent]))).toEqual([['added by Ben:  Ben told a story.'], ['added by Amira:  Amira closed.']]);
    // Each in their own colour: Ben's words and Amira's are marked differently.
    const colours = await added.evaluateAll((els) => els.map((el) => (el as HTMLElement).style.borderColor));
    expect(colours[0]).not.toBe(colours[1]);

    // Play the edits back from the first session: said once per stretch (politely), the text
    // growing between checkpoints; paused in the first stretch it cannot yet hold Amira's closing.
    await history.getByLabel('Compare with').selectOption('');
    await history.getByRole('button', { name: /First session/ }).click();
    const live = history.locator('[aria-live="polite"]');
    await history.getByRole('button', { name: 'Play the edits' }).click();
    await expect.poll(() => live.textContent()).toMatch(/^Playing the edits from First session.* to Second session/);
    await history.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => live.textContent()).toMatch(/^Paused between First session/);
    const paused = await history.getByTestId('history-text').innerText();
    expect(paused).toContain('Amira opened the circle.');
    expect(paused).not.toContain('Amira closed.');
    expect(await history.getByRole('button', { name: 'Restore to this checkpoint' }).isDisabled()).toBe(true);
    await history.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => live.textContent(), patience).toBe('Showing: Now');
    // The text shown, without the visually hidden "written by" labels between runs.
    const shown = await history.getByTestId('history-text').evaluate((root) => {
      const copy = root.cloneNode(true) as HTMLElement;
      for (const label of copy.querySelectorAll('.visually-hidden')) label.remove();
      return copy.textContent;
    });
    expect(shown).toBe(full);
    // Stop returns to the checkpoint the stretch began at.
    await history.getByRole('button', { name: /Second session/ }).click();
    await history.getByRole('button', { name: 'Play the edits' }).click();
    await history.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => live.textContent()).toMatch(/^Showing: Second session/);
    expect(await axeViolations(b.page)).toEqual([]);
    await closeDialog(b.page);

    // Amira restores the first session; Ben sees it; then she undoes the restore.
    await openHistory(a.page);
    const mine = a.page.getByRole('dialog');
    await mine.getByRole('button', { name: /First session/ }).click();
    await mine.getByRole('button', { name: 'Restore to this checkpoint' }).click();
    await expect.poll(() => editorText(a.page, story), patience).toBe('Amira opened the circle.');
    await expect.poll(() => editorText(b.page, story), patience).toBe('Amira opened the circle.');
    await mine.getByRole('button', { name: 'Undo the restore' }).click();
    await expect.poll(() => editorText(a.page, story), patience).toBe(full);
    await expect.poll(() => editorText(b.page, story), patience).toBe(full);

    // Only a passage: Ben's sentence goes back to the first session, Amira's closing stays.
    await mine.getByRole('button', { name: 'Now', exact: true }).click();
    await mine.getByTestId('history-text').evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0 || node.parentElement?.closest('.visually-hidden')) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
        return;
      }
    }, 'Ben told a story.');
    const target = mine.getByLabel('Restore “Ben told a story.” to');
    await expect.poll(() => target.count()).toBe(1);
    await target.selectOption((await target.locator('option', { hasText: 'First session' }).getAttribute('value')) ?? '');
    await mine.getByRole('button', { name: 'Restore the selected passage' }).click();
    const passageRestored = 'Amira opened the circle.  Amira closed.';
    await expect.poll(() => editorText(a.page, story), patience).toBe(passageRestored);
    await expect.poll(() => editorText(b.page, story), patience).toBe(passageRestored);
    await mine.getByRole('button', { name: 'Undo the restore' }).click();
    await expect.poll(() => editorText(b.page, story), patience).toBe(full);
    await closeDialog(a.page);

    // A term Amira deletes, Ben brings back from the trash.
    await openKind(a.page, 'Glossary');
    await createEntry(a.page, 'New term', 'Term', 'Holding space');
    await openKind(b.page, 'Glossary');
    const term = (page: Page) => page.getByRole('button', { name: /Holding space/ });
    await expect.poll(() => term(b.page).count(), patience).toBe(1);
    await a.page.getByRole('button', { name: 'Delete term' }).click();
    await expect.poll(() => term(b.page).count(), patience).toBe(0);
    await b.page.getByRole('button', { name: 'Trash', exact: true }).click();
    const trash = b.page.getByRole('dialog');
    await expect.poll(() => trash.getByRole('listitem').first().innerText(), patience).toMatch(/Holding space[\s\S]*deleted by Amira/);
    await trash.getByRole('button', { name: 'Restore “Holding space”' }).click();
    await expect.poll(() => trash.getByRole('status').textContent()).toContain('is back');
    await closeDialog(b.page);
    await expect.poll(() => term(a.page).count(), patience).toBe(1);
    await expect.poll(() => term(b.page).count(), patience).toBe(1);

    // A resource list: who added each resource shows for both; the history compares and
    // restores the list itself, not only its description.
    await openKind(a.page, 'Resources');
    await createEntry(a.page, 'New resource list', 'Title', 'Reading');
    await addResource(a.page, 'The Art of Hosting');
    await nameCheckpoint(a.page, 'Before Ben');
    await openKind(b.page, 'Resources');
    const list = (page: Page) => page.getByRole('button', { name: /Reading/ });
    await expect.poll(() => list(b.page).count(), patience).toBe(1);
    await list(b.page).click();
    const resource = (page: Page, title: string) => page.locator('li.resource', { hasText: title });
    await expect.poll(() => resource(b.page, 'The Art of Hosting').textContent(), patience).toContain('added by Amira');
    await addResource(b.page, 'Open Space');
    await expect.poll(() => resource(a.page, 'Open Space').textContent(), patience).toContain('added by Ben');
    await openHistory(a.page);
    const listHistory = a.page.getByRole('dialog');
    await compareWith(a.page, 'Before Ben');
    const resources = listHistory.getByTestId('history-list-resources');
    await expect.poll(() => resources.locator('ins').textContent()).toBe('added: Open Space');
    expect(await resources.locator('li', { hasText: 'Open Space' }).textContent()).toContain('added by Ben');
    expect(await resources.locator('li', { hasText: 'The Art of Hosting' }).textContent()).toBe('The Art of Hosting added by Amira');
    await listHistory.getByLabel('Compare with').selectOption('');
    await listHistory.getByRole('button', { name: /Before Ben/ }).click();
    await listHistory.getByRole('button', { name: 'Restore to this checkpoint' }).click();
    await expect.poll(() => resource(b.page, 'Open Space').count(), patience).toBe(0);
    expect(await resource(b.page, 'The Art of Hosting').count()).toBe(1);
    await listHistory.getByRole('button', { name: 'Undo the restore' }).click();
    await expect.poll(() => resource(b.page, 'Open Space').count(), patience).toBe(1);
    await closeDialog(a.page);
    await a.page.context().close();
    await b.page.context().close();
  }, 180_000);

  it('keeps automatic checkpoints after a reload; a read-only community’s history can be read, not changed', async () => {
    const { context, page } = await signedIn(browser(), baseUrl, 'Amira', { testHooks: true });
    await createCommunity(page, 'Quiet circle');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Evening');
    await typeAtEnd(page, 'First words.');
    // A name that is empty or too long: said by the field, and nothing is named.
    await openHistory(page);
    const naming = page.getByRole('dialog');
    await naming.getByRole('button', { name: 'Name this checkpoint' }).click();
    await expect.poll(() => naming.getByRole('alert').textContent()).toBe('Please give the checkpoint a name.');
    await naming.getByLabel('Name for a checkpoint of how things are now').fill('x'.repeat(81));
    await naming.getByRole('button', { name: 'Name this checkpoint' }).click();
    await expect.poll(() => naming.getByRole('alert').textContent()).toBe('A checkpoint name can be at most 80 characters.');
    expect(await naming.getByRole('button', { name: /^Named/ }).count()).toBe(0);
    await closeDialog(page);
    await nameCheckpoint(page, 'Named one');
    await openHistory(page);
    const dialog = page.getByRole('dialog');
    // Kept before the first edit of this session (creating the harvest): the time before it.
    const automatic = dialog.getByRole('button', { name: /^Before editing/ });
    await expect.poll(() => automatic.count()).toBeGreaterThan(0);
    const kept = await automatic.count();
    await closeDialog(page);

    await page.waitForTimeout(300);
    await page.reload();
    await openHarvest(page, 'Evening');
    await openHistory(page);
    await expect.poll(() => automatic.count(), patience).toBe(kept);
    await automatic.first().click();
    await expect.poll(() => dialog.getByLabel('Move through the checkpoints').getAttribute('aria-valuetext')).toMatch(/^Before editing/);
    expect(await dialog.getByTestId('history-text').innerText()).not.toContain('First words.');
    await closeDialog(page);

    // The same community as a newer version wrote it: opened read-only.
    const newer = COMMUNITY_SCHEMA_VERSION + 1;
    await page.evaluate(
      async ([version, markKey, mark]) => {
        const workspace = window.__commonplace?.workspace;
        const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
        opened?.community.doc.transact(() => {
          opened.community.meta.set('schemaVersion', version);
          opened.community.meta.set(markKey, mark);
        });
      },
      [newer, schemaMarkKey, schemaMark(newer)] as const,
    );
    await page.waitForTimeout(300);
    await page.reload();
    await expect.poll(() => page.getByRole('alert').first().textContent(), patience).toContain('saved by a newer version of Commonplace');
    await openHarvest(page, 'Evening');
    const state = (): Promise<string> =>
      page.evaluate(async () => {
        const workspace = window.__commonplace?.workspace;
        const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
        const clients = [...(opened?.community.doc.store.clients.entries() ?? [])];
        // The state vector (reading a checkpoint splits items, which is not a change).
        return JSON.stringify(clients.map(([client, structs]) => [client, (structs.at(-1)?.id.clock ?? 0) + (structs.at(-1)?.length ?? 0)]));
      });
    const before = await state();
    await openHistory(page);
    await expect.poll(() => dialog.getByText('This community is open read-only').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Name this checkpoint' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Restore to this checkpoint' }).count()).toBe(0);
    // Looking through it still works: the named checkpoint opens, and plays.
    await dialog.getByRole('button', { name: /Named one/ }).click();
    await expect.poll(() => dialog.getByTestId('history-text').innerText()).toContain('First words.');
    await dialog.getByRole('button', { name: /^Before editing/ }).first().click();
    await dialog.getByRole('button', { name: 'Play the edits' }).click();
    await expect.poll(() => dialog.locator('[aria-live="polite"]').textContent(), patience).toBe('Showing: Now');
    await closeDialog(page);
    expect(await state()).toBe(before);
    await context.close();
  }, 120_000);
});
