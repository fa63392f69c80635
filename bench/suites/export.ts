import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { selectForExport, type Booklet } from '../../shared/export/booklet.js';
import { toDocx } from '../../shared/export/docx.js';
import { toHtml } from '../../shared/export/html.js';
import { toMarkdown } from '../../shared/export/markdown.js';
import { sizes } from '../lib/config.js';
import type { GeneratedCommunity } from '../lib/generate.js';
import { addRow, p95AtMost } from '../lib/report.js';
import { median, timeAsync, timeSync } from '../lib/stats.js';

/**
 * Exporting the whole community for its members, as the export dialog does: the selection
 * (rich text walked into blocks) and then each format. Markdown, HTML and DOCX run in Node
 * with shared/export; PDF is Chromium printing the HTML export (page.pdf).
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
  const pdfSteps = { layout: [] as number[], print: [] as number[], pages: 0 };
  const page = await browser.newPage();
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
      const pdf = await timeAsync(async () => {
        const t0 = performance.now();
        await page.setContent(html.value, { waitUntil: 'load' });
        const t1 = performance.now();
        const file = await page.pdf({ format: 'A4', printBackground: false });
        pdfSteps.layout.push(t1 - t0);
        pdfSteps.print.push(performance.now() - t1);
        return file;
      });
      times.pdf.push(selected.ms + html.ms + pdf.ms);
      bytes.pdf = pdf.value.byteLength;
      pdfSteps.pages = (pdf.value.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pdf.value.subarray(0, 5).toString()).toBe('%PDF-');
    }
  } finally {
    await page.close();
  }
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
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
    measure: `PDF (HTML export printed by Chromium), ${mb(bytes.pdf)}`,
    unit: 'ms',
    samples: times.pdf,
    budget: p95AtMost(3000, 'ms'),
    note: `${pdfSteps.pages} A4 pages; loading the HTML ${median(pdfSteps.layout).toFixed(0)} ms, printing ${median(pdfSteps.print).toFixed(0)} ms (medians)`,
  });
}
