import { availableParallelism } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { printBooklet, printingLanes } from '../../electron/services/printBooklet.js';
import { selectForExport, type Booklet } from '../../shared/export/booklet.js';
import { toDocx } from '../../shared/export/docx.js';
import { escapeHtml, toHtml, toPrintParts } from '../../shared/export/html.js';
import { toMarkdown } from '../../shared/export/markdown.js';
import { desktopPrintOptions, openPrintPage, openPrintWindows } from '../../tests/e2e/printWindows.js';
import { sizes } from '../lib/config.js';
import type { GeneratedCommunity } from '../lib/generate.js';
import { addRow, p95AtMost } from '../lib/report.js';
import { median, timeAsync, timeSync } from '../lib/stats.js';

function pageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** `items` in `count` runs of nearly equal length, in order. */
function split<T>(items: readonly T[], count: number): T[][] {
  return Array.from({ length: count }, (_, i) => items.slice(Math.floor((i * items.length) / count), Math.floor(((i + 1) * items.length) / count)));
}

/** Each item `ratio` times on average, spread evenly over the list (below 1, an even thinning). */
function resample<T>(items: readonly T[], ratio: number): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    for (let k = Math.floor(i * ratio); k < Math.floor((i + 1) * ratio); k++) out.push(item);
  });
  return out;
}

function plainHtml(paragraphs: readonly string[]): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Floor</title></head><body>\n${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}\n</body></html>\n`;
}

/**
 * The PDF row's floor: Chromium printing the booklet's own text (`innerText` of the loaded
 * export, one paragraph a line) as plain HTML with no stylesheet, stretched or thinned evenly
 * to the booklet's number of pages, in as many parts as the booklet, printed and joined the
 * same way. The same number of pages, not the same text, because Chromium's cost per page
 * grows with the length of the document. Calibrated on an even sample of about 300 pages;
 * the row's label gives the pages the floor really had.
 */
async function plainHtmlFloor(page: Page, html: string, pages: number, parts: number): Promise<string[]> {
  await page.setContent(html, { waitUntil: 'load' });
  const paragraphs = (await page.evaluate(() => document.body.innerText))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const sampleRatio = Math.min(1, 300 / Math.max(1, pages));
  await page.setContent(plainHtml(resample(paragraphs, sampleRatio)), { waitUntil: 'load' });
  const samplePages = pageCount(await page.pdf(desktopPrintOptions));
  return split(resample(paragraphs, (sampleRatio * pages) / Math.max(1, samplePages)), parts).map(plainHtml);
}

/**
 * Exporting the whole community for its members, as the export dialog does: the selection
 * (rich text walked into blocks) and then each format. Markdown, HTML and DOCX run in Node
 * with shared/export; PDF is Chromium printing the booklet's print parts (page.pdf, as many
 * at once as the app would on this machine) and joining them, as the desktop app does.
 */
export async function benchExport(browser: Browser, generated: GeneratedCommunity): Promise<void> {
  const { community } = generated;
  const select = (): Booklet => selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community' });
  const times: Record<'select' | 'markdown' | 'html' | 'docx' | 'pdf', number[]> = {
    select: [],
    markdown: [],
    html: [],
    docx: [],
    pdf: [],
  };
  const bytes = { markdown: 0, html: 0, docx: 0, pdf: 0 };
  const pdfSteps = { parts: 0, print: [] as number[], pages: 0 };
  const floor = { ms: [] as number[], pages: 0, parts: [] as string[] };
  const lanes = printingLanes(availableParallelism());
  const windows = await openPrintWindows(browser, lanes);
  const page = await openPrintPage(browser);
  try {
    for (let run = 0; run < sizes.exportRuns; run++) {
      const selected = timeSync(select);
      times.select.push(selected.ms);
      const booklet = selected.value;
      expect(booklet.included.length).toBe(sizes.entries);
      expect(booklet.leftOut).toHaveLength(0);
      const md = timeSync(() => toMarkdown(booklet));
      times.markdown.push(selected.ms + md.ms);
      bytes.markdown = Buffer.byteLength(md.value);
      const html = timeSync(() => toHtml(booklet));
      times.html.push(selected.ms + html.ms);
      bytes.html = Buffer.byteLength(html.value);
      const docx = await timeAsync(() => toDocx(booklet));
      times.docx.push(selected.ms + docx.ms);
      bytes.docx = docx.value.byteLength;
      const parts = timeSync(() => toPrintParts(booklet));
      const pdf = await timeAsync(() => printBooklet(parts.value, windows.printPart, { concurrency: lanes }));
      times.pdf.push(selected.ms + parts.ms + pdf.ms);
      pdfSteps.print.push(pdf.ms);
      pdfSteps.parts = parts.value.length;
      bytes.pdf = pdf.value.byteLength;
      pdfSteps.pages = pageCount(pdf.value);
      expect(Buffer.from(pdf.value.subarray(0, 5)).toString()).toBe('%PDF-');
      if (floor.parts.length === 0) floor.parts = await plainHtmlFloor(page, html.value, pdfSteps.pages, pdfSteps.parts);
      const plain = await timeAsync(() => printBooklet(floor.parts, windows.printPart, { concurrency: lanes }));
      floor.ms.push(plain.ms);
      floor.pages = pageCount(plain.value);
    }
  } finally {
    await page.close();
    await windows.close();
  }
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  const printMs = median(pdfSteps.print);
  const floorPerPage = median(floor.ms) / Math.max(1, floor.pages);
  addRow({ part: 'export', measure: `select ${sizes.entries} entries (rich text → blocks)`, unit: 'ms', samples: times.select });
  addRow({
    part: 'export',
    measure: `Markdown (select + render), ${mb(bytes.markdown)}`,
    unit: 'ms',
    samples: times.markdown,
    budget: p95AtMost(3000, 'ms'),
  });
  addRow({
    part: 'export',
    measure: `HTML (select + render), ${mb(bytes.html)}`,
    unit: 'ms',
    samples: times.html,
    budget: p95AtMost(3000, 'ms'),
  });
  addRow({
    part: 'export',
    measure: `DOCX (select + render + zip), ${mb(bytes.docx)}`,
    unit: 'ms',
    samples: times.docx,
    budget: p95AtMost(3000, 'ms'),
  });
  addRow({
    part: 'export',
    measure: `PDF (${pdfSteps.parts === 1 ? 'the booklet printed by Chromium as one part' : `the booklet in ${pdfSteps.parts} parts printed by Chromium, ${lanes} at once, joined`}), ${mb(bytes.pdf)}`,
    unit: 'ms',
    samples: times.pdf,
    floor: { label: `the same text as plain HTML, no stylesheet, ${floor.pages} pages, printed the same way`, samples: floor.ms },
    budget: p95AtMost(3000, 'ms'),
    note:
      `${pdfSteps.pages} A4 pages (1 cm margins); loading, printing and joining the parts ${printMs.toFixed(0)} ms, ` +
      `${(printMs / pdfSteps.pages).toFixed(1)} ms a page; the floor, plain HTML loaded, printed and joined, ${floorPerPage.toFixed(1)} ms a page, ` +
      `at which Chromium alone prints about ${Math.floor(3000 / floorPerPage)} pages in 3 s (medians)`,
  });
}
