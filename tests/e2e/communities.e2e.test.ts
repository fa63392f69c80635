import { describe, expect, inject, it } from 'vitest';
import { addResource, addTerm, chromiumForFile, createCommunity, createEntry, editor, openKind, signedIn, whenStored, withHarvest } from './app.js';
// Brings in the type of window.__commonplace for page.evaluate callbacks.
import type {} from '../../renderer/app/testHooks.js';
import { COMMUNITY_SCHEMA_VERSION } from '../../shared/model/Community.js';
import { schemaMark, schemaMarkKey } from '../../shared/model/schemaVersion.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

describe('communities and the four kinds, offline', () => {
  it('keeps one of each kind, made by mouse and keyboard, across a reload', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira Okafor', { testHooks: true });
    await createCommunity(page, 'Lecturers circle', 'Teaching that changes lives');

    // Glossary, by mouse.
    await openKind(page, 'Glossary');
    await addTerm(page, 'Holding space', 'Being present for someone without judgement.');

    // Harvest, by keyboard: focus the button, Enter, type, Tab and an arrow to "This community", Enter.
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: 'New harvest' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Spring gathering');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Spring gathering');
    await page.getByLabel('Method').selectOption('world-cafe');
    await page.getByLabel('Calling question').fill('What helps us hold space for students?');
    await page.getByLabel('Calling question').press('Enter');
    await editor(page, 'Harvest story').click();
    await page.keyboard.type('We learned about holding space for each other by the river of stories.');

    // Dilemma (private).
    await openKind(page, 'Dilemmas');
    await createEntry(page, 'New dilemma', 'Title', 'Marking in a hurry');

    // Resource list with one resource.
    await openKind(page, 'Resources');
    await createEntry(page, 'New resource list', 'Title', 'Reading for facilitators');
    await addResource(page, 'The Art of Hosting', 'https://artofhosting.org');

    // Once IndexedDB has committed the last keystrokes, reload.
    await whenStored(page);
    await page.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Lecturers circle' }).isVisible()).toBe(true);
    await openKind(page, 'Glossary');
    await page.getByRole('button', { name: /Holding space/ }).click();
    await expect.poll(() => editor(page, 'Definition').textContent()).toBe('Being present for someone without judgement.');
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: /Spring gathering/ }).click();
    expect(await page.getByLabel('Method').inputValue()).toBe('world-cafe');
    expect(await page.getByLabel('Calling question').inputValue()).toBe('What helps us hold space for students?');
    await expect.poll(() => editor(page, 'Harvest story').textContent()).toContain('river of stories');
    await openKind(page, 'Dilemmas');
    expect(await page.getByRole('button', { name: /Marking in a hurry/ }).isVisible()).toBe(true);
    await openKind(page, 'Resources');
    await page.getByRole('button', { name: /Reading for facilitators/ }).click();
    expect(await page.getByRole('link', { name: 'The Art of Hosting' }).getAttribute('href')).toBe('https://artofhosting.org');

    // A glossary term is highlighted in the harvest, and its definition shows on hover.
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: /Spring gathering/ }).click();
    const highlighted = page.locator('.glossary-term', { hasText: 'holding space' });
    await expect.poll(() => highlighted.count()).toBeGreaterThan(0);
    await highlighted.first().hover();
    await expect.poll(() => page.getByRole('note').first().textContent()).toContain('Being present for someone without judgement.');

    // Search finds a word from the harvest body.
    await page.getByRole('searchbox', { name: 'Search' }).fill('river');
    await expect.poll(() => page.getByRole('button', { name: /Spring gathering/ }).count()).toBe(1);
    await page.getByRole('button', { name: /Spring gathering/ }).click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Spring gathering');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps a dilemma private until it is shared, and says so before sharing', async () => {
    const { context, page } = await signedIn(browser(), baseUrl);
    await createCommunity(page, 'Care network');
    await openKind(page, 'Dilemmas');
    await createEntry(page, 'New dilemma', 'Title', 'Consent in supervision');
    const sharedList = page.getByRole('list', { name: 'Shared with this community' });
    expect(await sharedList.count()).toBe(0);
    expect(await page.getByText('No one has shared a dilemma here yet.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Share with community' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Every member of the community will be able to read it');
    await dialog.getByRole('button', { name: 'Share a copy' }).click();
    await expect.poll(() => sharedList.getByRole('button', { name: /Consent in supervision/ }).count()).toBe(1);
    await context.close();
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const { context, page } = await signedIn(browser(), baseUrl);
    await createCommunity(page, 'Transition town');

    // Empty and overlong titles.
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: 'New harvest' }).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Please give it a title.');
    await page.getByRole('dialog').getByLabel('Title').fill('x'.repeat(201));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('200 characters or fewer');
    await page.keyboard.press('Escape');
    expect(await page.getByText('No harvests yet').isVisible()).toBe(true);

    // Duplicate glossary terms: a warning, still allowed.
    await openKind(page, 'Glossary');
    await createEntry(page, 'New term', 'Term', 'Resilience');
    await page.getByRole('button', { name: 'New term' }).click();
    await page.getByRole('dialog').getByLabel('Term').fill('resilience');
    await expect.poll(() => page.getByRole('dialog').getByRole('status').textContent()).toContain('already in the glossary');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('list', { name: 'Terms' }).getByRole('listitem').count()).toBe(2);

    // Unsafe links refused.
    await openKind(page, 'Resources');
    await createEntry(page, 'New resource list', 'Title', 'Tools');
    for (const link of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd']) {
      await page.getByRole('button', { name: 'Add resource' }).click();
      await page.getByLabel('Title', { exact: true }).last().fill('Bad');
      await page.getByLabel('Link').fill(link);
      await page.getByRole('button', { name: 'Add resource' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Only web links (http or https) are allowed.');
      await page.getByRole('button', { name: 'Cancel' }).click();
    }
    expect(await page.getByText('No resources in this list yet.').isVisible()).toBe(true);

    // Pasted HTML with a script and an event handler: sanitised by the editor schema, never run.
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Pasted');
    await editor(page, 'Harvest story').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/html', '<p>Safe <b>bold</b></p><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><a href="javascript:window.__pwned = 3">click</a>');
      data.setData('text/plain', 'Safe bold');
      const target = document.querySelector('[aria-label="Harvest story"]');
      target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => editor(page, 'Harvest story').textContent()).toContain('Safe bold');
    const html = await editor(page, 'Harvest story').innerHTML();
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  });

  it('opens a community written by a newer version read-only, with a clear message and a way out', async () => {
    const { context, page } = await withHarvest(browser(), baseUrl, { community: 'Future circle', harvest: 'Written today', testHooks: true });
    const writeMeta = (entries: [string, unknown][]): Promise<void> =>
      page.evaluate(async (values) => {
        const workspace = window.__commonplace?.workspace;
        const opened = await workspace?.openCommunity(workspace.personal.communities[0]?.id ?? '');
        opened?.community.doc.transact(() => {
          for (const [key, value] of values) opened.community.meta.set(key, value);
        });
      }, entries);

    // A bare version bump, as a hostile peer could write, is not believed.
    await writeMeta([['schemaVersion', 99]]);
    await whenStored(page);
    await page.reload();
    await openKind(page, 'Harvests');
    await expect.poll(() => page.getByRole('button', { name: 'New harvest' }).count()).toBe(1);

    // A newer version as a newer app writes it (with its mark) opens read-only.
    const newer = COMMUNITY_SCHEMA_VERSION + 1;
    await writeMeta([
      ['schemaVersion', newer],
      [schemaMarkKey, schemaMark(newer)],
    ]);
    await whenStored(page);
    await page.reload();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('saved by a newer version of Commonplace');
    await openKind(page, 'Harvests');
    expect(await page.getByRole('button', { name: 'New harvest' }).count()).toBe(0);
    await page.getByRole('button', { name: /Written today/ }).click();
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('readonly')).not.toBeNull();
    expect(await editor(page, 'Harvest story').getAttribute('contenteditable')).toBe('false');

    // The way out: ignore that version, and after a restart the community is editable.
    await page.getByRole('button', { name: 'Ignore this version and edit' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('will ignore that version');
    // The choice is kept in the personal document: stored before the restart.
    await whenStored(page);
    await page.reload();
    await openKind(page, 'Harvests');
    await expect.poll(() => page.getByRole('button', { name: 'New harvest' }).count()).toBe(1);
    await context.close();
  });

  it('saves a field still being typed in when the window is hidden (no blur happens then)', async () => {
    const { context, page } = await withHarvest(browser(), baseUrl, { community: 'Drafts circle', harvest: 'Lid shut', testHooks: true });
    // The title is saved on blur or Enter (a calling question is saved as typed, so it
    // would prove nothing here): a draft of it, never left, then the lid shuts.
    await page.getByLabel('Title', { exact: true }).fill('Lid shut mid-sentence');
    expect(await page.locator('#detail-title').textContent()).toBe('Lid shut');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    // In the document now (the heading shows the document's title), with no blur...
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('Lid shut mid-sentence');
    expect(await page.getByLabel('Title', { exact: true }).evaluate((field) => field === document.activeElement)).toBe(true);
    // ...and on disk after a restart.
    await whenStored(page);
    await page.reload();
    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: /Lid shut mid-sentence/ }).click();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Lid shut mid-sentence');
    await context.close();
  });

  it('keeps the caret in view while a long harvest is typed, and brings it back after scrolling away', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    await createCommunity(page, 'Long evenings');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'What the night held');
    await editor(page, 'Harvest story').click();
    // Where the caret is on screen, against the window's height.
    const caret = () =>
      page.evaluate(() => {
        const selection = getSelection();
        let rect = selection?.getRangeAt(0).getBoundingClientRect();
        // A caret in an empty line has no box of its own (all zeros): measure its line.
        if (!rect || (rect.top === 0 && rect.bottom === 0)) {
          const node = selection?.focusNode;
          rect = (node instanceof Element ? node : node?.parentElement)?.getBoundingClientRect();
        }
        return { top: rect?.top ?? -1, bottom: rect?.bottom ?? -1, height: innerHeight };
      });
    // Far more lines than the window holds: the story scrolls as it grows.
    for (let line = 1; line <= 45; line++) {
      await page.keyboard.type(`Line ${line}: we stayed with the question a while longer.`);
      const { top, bottom, height } = await caret();
      expect(top, `line ${line}`).toBeGreaterThanOrEqual(0);
      expect(bottom, `line ${line}`).toBeLessThanOrEqual(height);
      await page.keyboard.press('Enter');
    }
    const { bottom, height } = await caret();
    // ProseMirror's own scrolling, with room left below the caret rather than none.
    expect(height - bottom).toBeGreaterThan(32);

    // Scrolled to the top with the caret far below: the next key brings it back.
    await page.evaluate(() => {
      for (let node: Element | null = document.activeElement; node; node = node.parentElement) node.scrollTop = 0;
      document.scrollingElement?.scrollTo(0, 0);
    });
    await expect.poll(async () => (await caret()).top).toBeGreaterThan(height);
    await page.keyboard.type('The end.');
    await expect.poll(async () => (await caret()).bottom).toBeLessThanOrEqual(height);
    expect(await caret().then((c) => c.top)).toBeGreaterThanOrEqual(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
