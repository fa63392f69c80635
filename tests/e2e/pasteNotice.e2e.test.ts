import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCommunity, createEntry, editor, openKind, signedIn } from './app.js';
import { axeViolations } from './axeCheck.js';
import { browserPerFile, patientPoll as poll } from './browserPerFile.js';

// What a paste from Word or a web page could not keep is shown by the story, not only
// spoken to a screen reader: a sighted person sees that the table became text and the
// pictures were left out.

const { browser, baseUrl } = browserPerFile();

/** A paste event as the browser sends it, with the clipboard's HTML, into the real editor. */
const paste = (page: Page, html: string) =>
  editor(page, 'Harvest story').evaluate((el, pasted) => {
    const data = new DataTransfer();
    data.setData('text/html', pasted);
    data.setData('text/plain', 'plain');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);

// What Word puts on the clipboard: its own namespaces, styles and a table with a picture in a cell.
const fromWord = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><body>
<p class="MsoNormal">Notes from the circle<o:p></o:p></p>
<table class="MsoTableGrid" border="1"><tr><td><p class="MsoNormal">Who<o:p></o:p></p></td><td><p class="MsoNormal">Said<o:p></o:p></p></td></tr>
<tr><td><p class="MsoNormal">Mairi</p></td><td><p class="MsoNormal">Listen first <img width="120" src="file:///C:/Users/x/AppData/Local/Temp/clip_image001.png"></p></td></tr></table>
</body></html>`;

describe('a paste that the story cannot hold whole', () => {
  it('shows, by the story, that the table became text and the picture was left out', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(page, 'Care circle');
    await openKind(page, 'Harvests');
    await createEntry(page, 'New harvest', 'Title', 'Pasted notes');
    const story = editor(page, 'Harvest story');
    await story.click();
    const notice = page.locator('.paste-notice');

    // Plain words: nothing to say.
    await paste(page, '<p>Only words</p>');
    await poll(() => story.textContent()).toContain('Only words');
    expect(await notice.count()).toBe(0);

    await paste(page, fromWord);
    await poll(() => story.evaluate((el) => [...el.querySelectorAll('p')].map((p) => p.textContent))).toEqual(['Only wordsNotes from the circle', 'Who · Said', 'Mairi · Listen first']);
    await poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('The table was pasted as text: one line per row. The picture was left out: a story holds text only.');
    expect(await axeViolations(page, 'paste notice')).toEqual([]);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await poll(() => notice.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
