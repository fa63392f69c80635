import { AxeBuilder } from '@axe-core/playwright';
import { inflateRawSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { decodeBackup } from '../../shared/backup/backupFile.js';
import { addTerm, chromiumForFile, createCommunity, createEntry, editor, openKind, signedIn } from './app.js';
import { chooseFile, download } from './files.js';

const browser = chromiumForFile();
const baseUrl = inject('baseUrl');

// --- helpers -----------------------------------------------------------------------

function dialog(page: Page): Locator {
  return page.getByRole('dialog');
}

async function openTool(page: Page, name: 'Export' | 'Import' | 'Back up community'): Promise<Locator> {
  await page.getByRole('group', { name: 'Share and keep' }).getByRole('button', { name, exact: true }).click();
  await expect.poll(() => dialog(page).isVisible()).toBe(true);
  return dialog(page);
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog(page).count()).toBe(0);
}

/** Clicks `button` and returns the file the browser downloaded. */
/** Drops a file on the open dialog's drop zone, as a person dragging it from their desktop would. */
async function dropFile(page: Page, file: { name: string; type: string; bytes: number[] }): Promise<void> {
  await page.evaluate(({ name, type, bytes }) => {
    const zone = document.querySelector('dialog [data-drop-zone]');
    if (!zone) throw new Error('No drop zone');
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], name, { type }));
    for (const event of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(event, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, file);
}

const statusOf = (scope: Locator): Promise<string | null> => scope.getByRole('status').textContent();
const alertOf = (scope: Locator): Promise<string | null> => scope.getByRole('alert').textContent();

/** The text of one file inside a zip (a .docx), found through the zip's central directory. */
function readZipEntry(zip: Buffer, wanted: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('Not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('Bad central directory');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    if (name === wanted) {
      const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const data = zip.subarray(start, start + compressedSize);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${wanted} is not in the zip`);
}

/** A community with a glossary term, a public harvest and a members-only harvest. */
async function communityWithConsent(page: Page): Promise<void> {
  await createCommunity(page, 'Lecturers circle', 'Teaching that changes lives');
  await openKind(page, 'Glossary');
  await addTerm(page, 'Holding space', 'Being present for someone without judgement.');

  await openKind(page, 'Harvests');
  await createEntry(page, 'New harvest', 'Title', 'Spring gathering');
  // Public is asked for, with what it means, before it is set.
  await page.getByRole('checkbox', { name: /May be shared publicly/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, every storyteller agreed' }).click();
  await expect.poll(() => page.getByRole('checkbox', { name: /May be shared publicly/ }).isChecked()).toBe(true);
  await editor(page, 'Harvest story').click();
  await page.keyboard.type('We learned to rest by the river of stories.');

  await createEntry(page, 'New harvest', 'Title', 'Members-only circle');
  await editor(page, 'Harvest story').click();
  await page.keyboard.type('A story told for this circle only.');
  expect(await page.getByRole('radio', { name: /^This community/ }).isChecked()).toBe(true);
}

// --- tests -------------------------------------------------------------------------

describe('export', () => {
  it('exports the community as Markdown and HTML, leaving out what consent keeps in the community', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await communityWithConsent(page);

    const exporting = await openTool(page, 'Export');
    await exporting.getByRole('radio', { name: /People outside the community/ }).check();
    // Before anything is written, the dialog says what is left out and why.
    await expect.poll(() => exporting.getByRole('heading', { name: /Left out: 1 entry/ }).isVisible()).toBe(true);
    const leftOut = (await exporting.locator('.left-out').textContent()) ?? '';
    expect(leftOut).toContain('Members-only circle');
    expect(leftOut).toContain('Its consent is for this community only');
    expect(await exporting.getByRole('heading', { name: /Included: 2 entries/ }).isVisible()).toBe(true);

    const markdown = await download(page, exporting.getByRole('button', { name: 'Save as Markdown' }));
    expect(markdown.name).toBe('lecturers-circle.md');
    await expect.poll(() => statusOf(exporting)).toBe('Saved lecturers-circle.md');
    const md = markdown.bytes.toString('utf8');
    expect(md).toMatch(/^# Lecturers circle\n/);
    expect(md).toContain('## Shared language');
    expect(md).toContain('### Holding space');
    expect(md).toContain('Being present for someone without judgement.');
    expect(md).toContain('### Spring gathering');
    expect(md).toContain('river of stories');
    expect(md).toContain('For sharing beyond the community.');
    expect(md).not.toContain('Members-only');
    expect(md).not.toContain('for this circle only');
    // Written off the page's thread, by the export worker.
    expect(workers.some((url) => /\/assets\/export\.worker-[\w-]+\.js$/.test(url))).toBe(true);

    await exporting.getByRole('radio', { name: /Web page/ }).check();
    const web = await download(page, exporting.getByRole('button', { name: 'Save as web page' }));
    expect(web.name).toBe('lecturers-circle.html');
    await expect.poll(() => statusOf(exporting)).toBe('Saved lecturers-circle.html');
    const html = web.bytes.toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<h3 id="e1">Holding space</h3>');
    expect(html).toContain('Spring gathering');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toContain('Members-only');

    // For the community itself, the members-only harvest is in.
    await exporting.getByRole('radio', { name: /^This community/ }).check();
    await expect.poll(() => exporting.locator('.left-out').count()).toBe(0);
    await exporting.getByRole('radio', { name: /Markdown/ }).check();
    const members = await download(page, exporting.getByRole('button', { name: 'Save as Markdown' }));
    const membersMd = members.bytes.toString('utf8');
    expect(membersMd).toContain('### Members-only circle');
    expect(membersMd).toContain('For members of the community.');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('exports chosen documents as a Word document and as a printable PDF', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    await communityWithConsent(page);

    const exporting = await openTool(page, 'Export');
    await exporting.getByRole('radio', { name: /Chosen documents/ }).check();
    await expect.poll(() => exporting.getByText('Tick at least one document to export.').isVisible()).toBe(true);
    expect(await exporting.getByRole('button', { name: 'Save as Markdown' }).isDisabled()).toBe(true);
    const harvests = exporting.getByRole('group', { name: 'Story harvests' });
    expect(await harvests.getByRole('checkbox').count()).toBe(2);
    await harvests.getByRole('checkbox', { name: 'Spring gathering' }).check();
    await exporting.getByLabel('Title (optional)').fill('Spring booklet');
    await exporting.getByRole('radio', { name: /Word/ }).check();

    const word = await download(page, exporting.getByRole('button', { name: 'Save as Word document' }));
    expect(word.name).toBe('spring-booklet.docx');
    expect(word.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const documentXml = readZipEntry(word.bytes, 'word/document.xml');
    expect(documentXml).toContain('Spring booklet');
    expect(documentXml).toContain('Spring gathering');
    expect(documentXml).toContain('river of stories');
    expect(documentXml).not.toContain('Holding space');
    expect(documentXml).not.toContain('Members-only');
    await expect.poll(() => statusOf(exporting)).toBe('Saved spring-booklet.docx');

    // PDF in a browser: the bridge prints the HTML export from a sandboxed frame, and the
    // person picks "Save as PDF" in the print dialog. Catch the frame's HTML on its way.
    await exporting.getByRole('radio', { name: /^PDF/ }).check();
    const frame = page.locator('iframe[srcdoc]');
    await exporting.getByRole('button', { name: 'Print or save as PDF' }).click();
    await frame.waitFor({ state: 'attached' });
    const printedHtml = (await frame.getAttribute('srcdoc')) ?? '';
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    await expect.poll(() => statusOf(exporting)).toBe('The print dialog opened with the booklet. Choose “Save as PDF” as the printer to make a PDF.');
    expect(printedHtml).toMatch(/^<!DOCTYPE html>/);
    expect(printedHtml).toContain('<title>Spring booklet</title>');
    expect(printedHtml).not.toMatch(/<script/i);

    // What would be printed: the same HTML with print styles, then Chromium's own PDF.
    const printer = await context.newPage();
    await printer.setContent(printedHtml);
    await printer.emulateMedia({ media: 'print' });
    const printedText = (await printer.textContent('body')) ?? '';
    expect(printedText).toContain('Spring booklet');
    expect(printedText).toContain('Spring gathering');
    expect(printedText).toContain('river of stories');
    expect(printedText).not.toContain('Members-only');
    const pdf = await printer.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('on the desktop, follows the PDF printing part by part, and stopping it saves nothing', async () => {
    // The desktop app's bridge as the preload exposes it, with a main process that prints
    // only when the test says so (tests/e2e cannot run Electron; the main side is
    // electron/services/mainHandlers.ts, tested in ipcGuard.test.ts).
    const desktopBridge = (): void => {
      type Printing = { request: { job: string; parts: string[] }; done: number; cancelled: boolean; finish: (result: unknown) => void };
      const state = window as unknown as { printings: Printing[] };
      state.printings = [];
      const current = (job: string): Printing | undefined => state.printings.find((printing) => printing.request.job === job);
      (window as unknown as { commonplace: unknown }).commonplace = {
        capabilities: { pdf: 'file', automaticBackups: true },
        getAppInfo: () => Promise.resolve({ shell: 'desktop', version: 'test', platform: 'linux' }),
        openExternal: () => Promise.resolve(),
        saveFile: (request: { suggestedName: string }) => Promise.resolve({ saved: true, name: request.suggestedName }),
        openFile: () => Promise.resolve(null),
        getSignalingEndpoints: () => Promise.resolve({ local: [], discovered: [] }),
        printToPdf: (request: { job: string; parts: string[] }) =>
          new Promise((resolve) => {
            state.printings.push({ request, done: 0, cancelled: false, finish: resolve });
          }),
        printProgress: (job: string) => {
          const printing = current(job);
          return Promise.resolve(printing ? { done: printing.done, total: printing.request.parts.length } : null);
        },
        cancelPrint: (job: string) => {
          const printing = current(job);
          if (printing) {
            printing.cancelled = true;
            printing.finish({ saved: false });
          }
          return Promise.resolve();
        },
        keepAutomaticBackup: () => Promise.resolve({ kept: false }),
        setPersonalBackupPassphrase: () => Promise.resolve(),
        hasPersonalBackupPassphrase: () => Promise.resolve(false),
        keepPersonalBackup: () => Promise.resolve({ kept: false }),
      };
    };
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira Okafor', { initScript: desktopBridge });
    await communityWithConsent(page);
    type Seen = { job: string; parts: string[]; done: number; cancelled: boolean }[];
    const printings = (): Promise<Seen> =>
      page.evaluate(() =>
        (window as unknown as { printings: { request: { job: string; parts: string[] }; done: number; cancelled: boolean }[] }).printings.map((p) => ({
          job: p.request.job,
          parts: p.request.parts,
          done: p.done,
          cancelled: p.cancelled,
        })),
      );
    const setDone = (index: number, done: number): Promise<void> =>
      page.evaluate(([i, d]) => {
        const printing = (window as unknown as { printings: { done: number }[] }).printings[i];
        if (printing) printing.done = d;
      }, [index, done] as const);
    const finish = (index: number, result: unknown): Promise<void> =>
      page.evaluate(([i, r]) => (window as unknown as { printings: { finish: (r: unknown) => void }[] }).printings[i]?.finish(r), [index, result] as const);

    const exporting = await openTool(page, 'Export');
    await exporting.getByRole('radio', { name: /^PDF/ }).check();
    const bar = exporting.getByRole('progressbar', { name: 'Export progress' });
    await exporting.getByRole('button', { name: 'Print or save as PDF' }).click();
    // The booklet went to the main process as print parts (one, for a booklet this short).
    await expect.poll(async () => (await printings()).length).toBe(1);
    const [first] = await printings();
    expect(first?.parts).toHaveLength(1);
    expect(first?.parts[0]).toMatch(/^<!DOCTYPE html>/);
    expect(first?.parts[0]).toContain('Lecturers circle');
    expect(first?.parts[0]).not.toMatch(/<script/i);
    await expect.poll(() => bar.getAttribute('max')).toBe('1');
    expect(await bar.getAttribute('value')).toBe('0');
    await setDone(0, 1);
    await expect.poll(() => bar.getAttribute('value')).toBe('1');
    await finish(0, { saved: true, name: 'lecturers-circle.pdf' });
    await expect.poll(() => statusOf(exporting)).toBe('Saved lecturers-circle.pdf');
    expect(await bar.count()).toBe(0);

    // Stopped while printing: the main process is told to stop and the dialog says nothing was saved.
    await exporting.getByRole('button', { name: 'Print or save as PDF' }).click();
    await expect.poll(async () => (await printings()).length).toBe(2);
    await exporting.getByRole('button', { name: 'Stop the export' }).click();
    await expect.poll(() => statusOf(exporting)).toBe('The export was stopped. Nothing was saved.');
    const [, second] = await printings();
    expect(second?.cancelled).toBe(true);
    expect(second?.job).not.toBe(first?.job);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows progress while writing and can be stopped, saving nothing', async () => {
    // No service worker: it precaches the export worker, and a script it serves from its
    // cache never reaches the route below (so, racing the route, the real worker could run).
    const { context, page, problems } = await signedIn(browser(), baseUrl, 'Amira Okafor', { contextOptions: { serviceWorkers: 'block' } });
    // A worker that reports one entry done and then never finishes, standing in for a
    // long export (real ones are over too fast here to press the button in time). Later
    // exports get the real worker.
    let stall = true;
    let stalled = 0;
    await context.route(/\/assets\/export\.worker-[\w-]+\.js$/, (route) => {
      if (!stall) return route.continue();
      stalled += 1;
      return route.fulfill({
        contentType: 'text/javascript',
        body: "self.onmessage = (e) => self.postMessage({ type: 'progress', done: 1, total: e.data.booklet.included.length });",
      });
    });
    const downloads: string[] = [];
    page.on('download', (file) => downloads.push(file.suggestedFilename()));
    await communityWithConsent(page);

    const exporting = await openTool(page, 'Export');
    await exporting.getByRole('button', { name: 'Save as Markdown' }).click();
    const bar = exporting.getByRole('progressbar', { name: 'Export progress' });
    // Progress is shown: entries done out of the three, said in words too.
    await expect.poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(stalled).toBe(1);
    expect(await bar.getAttribute('max')).toBe('3');
    await expect.poll(() => statusOf(exporting)).toMatch(/^Writing the export… [1-9]0% done\.$/);
    // Options cannot change under a running export.
    expect(await exporting.getByRole('radio', { name: /Web page/ }).isDisabled()).toBe(true);
    await exporting.getByRole('button', { name: 'Stop the export' }).click();
    await expect.poll(() => statusOf(exporting)).toBe('The export was stopped. Nothing was saved.');
    expect(await bar.count()).toBe(0);
    expect(await exporting.getByRole('button', { name: 'Save as Markdown' }).isEnabled()).toBe(true);

    // The stopped export saved nothing: the next one, left to finish, is the only download.
    stall = false;
    const next = await download(page, exporting.getByRole('button', { name: 'Save as Markdown' }));
    expect(next.name).toBe('lecturers-circle.md');
    await expect.poll(() => statusOf(exporting)).toBe('Saved lecturers-circle.md');
    expect(downloads).toEqual(['lecturers-circle.md']);

    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('import', () => {
  it('imports Markdown through the file picker and by drag and drop', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    await createCommunity(page, 'Care network');

    // A harvest, through the file picker.
    let importing = await openTool(page, 'Import');
    const harvestMd = '# Winter circle\n\nWe met by the **fire** and shared what keeps us going.\n\n- rest\n- company\n';
    await chooseFile(page, importing.getByRole('button', { name: 'Choose a Markdown file…' }), { name: 'winter.md', mimeType: 'text/markdown', buffer: Buffer.from(harvestMd) });
    await expect.poll(() => importing.getByText('“Winter circle” from winter.md will become a new harvest in Care network.').isVisible()).toBe(true);
    await importing.getByRole('button', { name: 'Create harvest' }).click();
    await expect.poll(() => statusOf(importing)).toBe('Created the harvest “Winter circle” in Care network.');

    // A dilemma, dropped onto the dialog, into the private journal.
    await importing.getByRole('radio', { name: /A dilemma in my private journal/ }).check();
    const dilemmaMd = '# Recording sessions\n\n## Context\n\nA member asked to record our circle.\n\n## Values in tension\n\n- Safety\n- Memory\n';
    await dropFile(page, { name: 'recording.md', type: 'text/markdown', bytes: [...Buffer.from(dilemmaMd)] });
    await expect.poll(() => importing.getByText('“Recording sessions” from recording.md will become a new dilemma in your private journal.').isVisible()).toBe(true);
    await importing.getByRole('button', { name: 'Add to my journal' }).click();
    await expect.poll(() => statusOf(importing)).toBe('Added the dilemma “Recording sessions” to your private journal.');

    // A resource list, dropped too; the item without a link is reported.
    await importing.getByRole('radio', { name: /A new resource list/ }).check();
    const resourcesMd = '# Reading for hosts\n\nWhat we recommend.\n\n- [The Art of Hosting](https://artofhosting.org) – the practice\n- A book without a link\n';
    await dropFile(page, { name: 'reading.md', type: 'text/markdown', bytes: [...Buffer.from(resourcesMd)] });
    await importing.getByRole('button', { name: 'Create resource list' }).click();
    await expect.poll(() => statusOf(importing)).toBe(
      'Created the resource list “Reading for hosts” in Care network with 1 resource. 1 list item had no web link (http or https), so it was not added as a resource.',
    );
    await closeDialog(page);

    await openKind(page, 'Harvests');
    await page.getByRole('button', { name: /Winter circle/ }).click();
    await expect.poll(() => editor(page, 'Harvest story').textContent()).toContain('We met by the fire');
    expect(await editor(page, 'Harvest story').locator('strong').textContent()).toBe('fire');
    await openKind(page, 'Dilemmas');
    await page.getByRole('button', { name: /Recording sessions/ }).click();
    expect(await page.getByLabel('Context', { exact: true }).inputValue()).toBe('A member asked to record our circle.');
    await openKind(page, 'Resources');
    await page.getByRole('button', { name: /Reading for hosts/ }).click();
    expect(await page.getByRole('link', { name: 'The Art of Hosting' }).getAttribute('href')).toBe('https://artofhosting.org');

    // Importing again later opens a fresh dialog.
    importing = await openTool(page, 'Import');
    expect(await importing.getByRole('radio', { name: /A new story harvest/ }).isChecked()).toBe(true);
    await closeDialog(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('imports a glossary from CSV after a preview that shows the line it cannot read', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    await createCommunity(page, 'Care network');
    const importing = await openTool(page, 'Import');
    await importing.getByRole('radio', { name: /Glossary terms from a spreadsheet/ }).check();
    const csv = ['term,definition,other names,related', 'Holding space,"Being present, without judgement.",Space holding,Circle', 'Circle,A way of meeting in the round.,,', ',A definition with no term,,', ''].join('\n');
    await chooseFile(page, importing.getByRole('button', { name: 'Choose a CSV file…' }), { name: 'glossary.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    const rows = importing.getByRole('table', { name: '2 terms to import' });
    await expect.poll(() => rows.isVisible()).toBe(true);
    expect(await rows.getByRole('row').count()).toBe(3);
    expect(await rows.getByRole('rowheader').allTextContents()).toEqual(['Holding space', 'Circle']);
    expect(await rows.textContent()).toContain('Being present, without judgement.');
    const skipped = importing.getByRole('table', { name: '1 line that will not be imported' });
    expect(await skipped.getByRole('rowheader').allTextContents()).toEqual(['4']);
    expect(await skipped.textContent()).toContain('This line has no term.');
    // Nothing is created before the person confirms.
    expect(await importing.textContent()).toContain('glossary.csv: 2 terms will be imported, 1 lines cannot be used.');

    await importing.getByRole('button', { name: 'Import 2 terms' }).click();
    await expect.poll(() => statusOf(importing)).toBe('Added 2 terms to the glossary of Care network. 1 link between terms was made.');
    await closeDialog(page);
    await openKind(page, 'Glossary');
    expect(await page.getByRole('list', { name: 'Terms' }).getByRole('listitem').count()).toBe(2);
    await page.getByRole('button', { name: /Holding space/ }).click();
    await expect.poll(() => editor(page, 'Definition').textContent()).toBe('Being present, without judgement.');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('backup', () => {
  it('backs up, restores on another device, and merges edits made apart both ways', async () => {
    const a = await signedIn(browser(), baseUrl, 'Amira Okafor');
    const b = await signedIn(browser(), baseUrl, 'Giulia Rossi');
    // Two laptops with no network between them: the backup file is the only way across.
    // (Both would otherwise find each other's signaling room, named from the community id.)
    for (const side of [a, b]) await side.context.routeWebSocket(/\/signal/, (socket) => socket.close());
    await createCommunity(a.page, 'Lecturers circle');
    await openKind(a.page, 'Glossary');
    await createEntry(a.page, 'New term', 'Term', 'Holding space');

    // The secret is left out unless the person asks for it.
    let backingUp = await openTool(a.page, 'Back up community');
    const secretBox = backingUp.getByRole('checkbox', { name: /Include the community secret/ });
    expect(await secretBox.isChecked()).toBe(false);
    const today = new Date();
    const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const first = await download(a.page, backingUp.getByRole('button', { name: 'Save backup' }));
    expect(first.name).toBe(`lecturers-circle-${date}.cpbk`);
    await expect.poll(() => statusOf(backingUp)).toBe(`Saved lecturers-circle-${date}.cpbk`);
    expect(first.bytes.subarray(0, 4).toString('latin1')).toBe('CPBK');
    expect(decodeBackup(new Uint8Array(first.bytes)).meta.secret).toBeUndefined();
    await secretBox.check();
    const withSecret = await download(a.page, backingUp.getByRole('button', { name: 'Save backup' }));
    expect(decodeBackup(new Uint8Array(withSecret.bytes)).meta.secret).toMatch(/.{16,}/);
    await closeDialog(a.page);

    // Device B has never seen the community: it is added.
    await b.page.getByRole('button', { name: 'Restore or merge backup' }).click();
    let restoring = dialog(b.page);
    await chooseFile(b.page, restoring.getByRole('button', { name: 'Choose a backup file…' }), { name: first.name, mimeType: 'application/octet-stream', buffer: first.bytes });
    await expect.poll(() => restoring.getByText('Lecturers circle is not on this device yet: it will be added to your communities.').isVisible()).toBe(true);
    await restoring.getByRole('button', { name: 'Add Lecturers circle to this device' }).click();
    await expect.poll(() => statusOf(restoring)).toBe('Restored Lecturers circle with 1 entry. It is now in your communities.');
    await closeDialog(b.page);
    await b.page.getByRole('navigation', { name: 'Communities' }).getByRole('button', { name: 'Lecturers circle' }).click();
    await openKind(b.page, 'Glossary');
    expect(await b.page.getByRole('list', { name: 'Terms' }).getByRole('listitem').allTextContents()).toEqual(['Holding space']);

    // Edited apart.
    await createEntry(a.page, 'New term', 'Term', 'Circle');
    await createEntry(b.page, 'New term', 'Term', 'World café');

    // Backups exchanged and merged both ways.
    backingUp = await openTool(a.page, 'Back up community');
    const fromA = await download(a.page, backingUp.getByRole('button', { name: 'Save backup' }));
    await closeDialog(a.page);
    backingUp = await openTool(b.page, 'Back up community');
    const fromB = await download(b.page, backingUp.getByRole('button', { name: 'Save backup' }));
    await closeDialog(b.page);

    for (const [side, file] of [
      [a, fromB],
      [b, fromA],
    ] as const) {
      await side.page.getByRole('button', { name: 'Restore or merge backup' }).click();
      restoring = dialog(side.page);
      await chooseFile(side.page, restoring.getByRole('button', { name: 'Choose a backup file…' }), { name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
      await expect.poll(() => restoring.getByText('Lecturers circle is already on this device: the backup will be merged into it.').isVisible()).toBe(true);
      await restoring.getByRole('button', { name: 'Merge into Lecturers circle' }).click();
      await expect.poll(() => statusOf(restoring)).toBe('Merged into Lecturers circle: 2 entries before, 3 after.');
      await closeDialog(side.page);
    }

    const terms = async (page: Page): Promise<string[]> => (await page.getByRole('list', { name: 'Terms' }).getByRole('listitem').allTextContents()).sort();
    await expect.poll(() => terms(a.page)).toEqual(['Circle', 'Holding space', 'World café']);
    await expect.poll(() => terms(b.page)).toEqual(['Circle', 'Holding space', 'World café']);
    // Still there after a reload: the merge and the restore were stored.
    await b.page.reload();
    await b.page.getByRole('navigation', { name: 'Communities' }).getByRole('button', { name: 'Lecturers circle' }).click();
    await openKind(b.page, 'Glossary');
    await expect.poll(() => terms(b.page)).toEqual(['Circle', 'Holding space', 'World café']);

    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});

describe('bad input', () => {
  it('refuses a binary file as Markdown and a garbage backup, saying why, and changes nothing', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    await createCommunity(page, 'Transition town');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]);

    const importing = await openTool(page, 'Import');
    await chooseFile(page, importing.getByRole('button', { name: 'Choose a Markdown file…' }), { name: 'photo.md', mimeType: 'text/markdown', buffer: png });
    await expect.poll(() => alertOf(importing)).toBe('This file is not text (or not UTF-8 text), so it was not imported. Please save it as UTF-8 text and try again.');
    expect(await importing.getByRole('button', { name: 'Create harvest' }).count()).toBe(0);
    // Dropped, with a name that is not a text file's.
    await dropFile(page, { name: 'photo.png', type: 'image/png', bytes: [...png] });
    await expect.poll(() => alertOf(importing)).toBe('“photo.png” is not a file of the right kind. Please choose a .md, .markdown, .txt file.');
    await closeDialog(page);
    await openKind(page, 'Harvests');
    expect(await page.getByText('No harvests yet').isVisible()).toBe(true);

    // A backup that is not one, and one cut short.
    const sidebar = page.getByRole('navigation', { name: 'Communities' });
    const communitiesBefore = await sidebar.getByRole('listitem').count();
    await page.getByRole('button', { name: 'Restore or merge backup' }).click();
    const restoring = dialog(page);
    await chooseFile(page, restoring.getByRole('button', { name: 'Choose a backup file…' }), { name: 'garbage.cpbk', mimeType: 'application/octet-stream', buffer: Buffer.from('not a backup at all, just words') });
    await expect.poll(() => alertOf(restoring)).toBe('This is not a Commonplace backup file. Nothing was changed.');
    expect(await restoring.getByRole('button', { name: /Add .* to this device|Merge into/ }).count()).toBe(0);
    await closeDialog(page);

    const backingUp = await openTool(page, 'Back up community');
    const good = await download(page, backingUp.getByRole('button', { name: 'Save backup' }));
    await closeDialog(page);
    await page.getByRole('button', { name: 'Restore or merge backup' }).click();
    await dropFile(page, { name: 'cut.cpbk', type: 'application/octet-stream', bytes: [...good.bytes.subarray(0, good.bytes.length - 20)] });
    await expect.poll(() => alertOf(restoring)).toBe('This backup file is incomplete (it may not have finished copying). Please copy it again. Nothing was changed.');
    await closeDialog(page);
    expect(await sidebar.getByRole('listitem').count()).toBe(communitiesBefore);

    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('accessibility', () => {
  it('has no axe violations in the export, import, backup and restore dialogs', async () => {
    const { context, page, problems } = await signedIn(browser(), baseUrl);
    await communityWithConsent(page);
    const violations = async (state: string): Promise<string[]> => {
      const result = await new AxeBuilder({ page }).include('dialog').analyze();
      return result.violations.map((v) => `${state}: ${v.id} (${v.nodes.length})`);
    };
    const found: string[] = [];

    const exporting = await openTool(page, 'Export');
    await exporting.getByRole('radio', { name: /People outside the community/ }).check();
    found.push(...(await violations('export, whole community, public')));
    await exporting.getByRole('radio', { name: /Chosen documents/ }).check();
    found.push(...(await violations('export, chosen documents')));
    await closeDialog(page);

    const importing = await openTool(page, 'Import');
    await importing.getByRole('radio', { name: /Glossary terms from a spreadsheet/ }).check();
    await chooseFile(page, importing.getByRole('button', { name: 'Choose a CSV file…' }), { name: 'g.csv', mimeType: 'text/csv', buffer: Buffer.from('term,definition\nCircle,A way of meeting\n,orphan\n') });
    await expect.poll(() => importing.getByRole('table').count()).toBe(2);
    found.push(...(await violations('import, CSV preview')));
    await closeDialog(page);

    await openTool(page, 'Back up community');
    found.push(...(await violations('backup')));
    await closeDialog(page);

    await page.getByRole('button', { name: 'Restore or merge backup' }).click();
    await chooseFile(page, dialog(page).getByRole('button', { name: 'Choose a backup file…' }), { name: 'bad.cpbk', mimeType: 'application/octet-stream', buffer: Buffer.from('nope') });
    await expect.poll(() => alertOf(dialog(page))).toContain('not a Commonplace backup');
    found.push(...(await violations('restore, refused file')));
    await closeDialog(page);

    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
