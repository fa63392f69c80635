import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumForFile } from './app.js';
import { printBooklet } from '../../electron/services/printBooklet.js';
import { selectForExport } from '../../shared/export/booklet.js';
import { toPrintParts } from '../../shared/export/html.js';
import { importMarkdownAs } from '../../shared/import/importMarkdown.js';
import { Community } from '../../shared/model/Community.js';
import { openPrintWindows } from './printWindows.js';

/**
 * The desktop app's PDF of a long booklet, printed as the app prints it (electron/main
 * `renderPdf`): the booklet in parts, each through Chromium's print engine in a window laid
 * out as it will print, two at once, joined into one PDF. Here `page.pdf` stands in for
 * `webContents.printToPDF` (both are Chromium's `Page.printToPDF`).
 */
const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function longCommunity(): Community {
  const community = Community.create({ name: 'Care network', domain: 'Care that does no harm', creator: amira });
  for (let i = 1; i <= 6; i++) community.glossary.create(amira.id, (entry) => entry.setTerm(`Term ${i}`));
  const paragraph = 'We sat in a circle and passed the talking piece; what was said stayed in the room. '.repeat(12);
  for (let i = 1; i <= 24; i++) {
    const markdown = `# Gathering ${i}\n\n## What we heard\n\n${paragraph}\n\n${paragraph}\n\n> A quote from gathering ${i}.\n\n- one\n- two\n`;
    importMarkdownAs('harvest', community, { name: `gathering-${i}.md`, content: markdown }, amira.id);
  }
  return community;
}

/** Pages, and where each named place and each link on a page leads. */
async function readPdf(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const pageIndex = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i]));
  const places = new Map<string, number>();
  for (const [name, value] of doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)?.entries() ?? []) {
    const target = doc.context.lookup(value, PDFArray).get(0);
    const page = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
    if (page !== undefined) places.set(name.decodeText(), page);
  }
  const links = doc.getPages().flatMap((page) =>
    (page.node.Annots()?.asArray() ?? []).flatMap((ref) => {
      const destination = doc.context.lookup(ref, PDFDict).get(PDFName.of('Dest'));
      return destination instanceof PDFName ? [destination.decodeText()] : [];
    }),
  );
  return { pages: doc.getPageCount(), title: doc.getTitle(), places, links };
}

describe('printing a long booklet to PDF in parts', () => {
  const browser = chromiumForFile();
  let windows: Awaited<ReturnType<typeof openPrintWindows>>;
  const lanes = 2;

  beforeAll(async () => {
    windows = await openPrintWindows(browser(), lanes);
  });

  it('joins the parts into one PDF whose contents lead to every entry, in order', async () => {
    const booklet = selectForExport(longCommunity(), undefined, { scope: { kind: 'community' }, audience: 'community' });
    expect(booklet.included).toHaveLength(30);
    const parts = toPrintParts(booklet, { partBytes: 8 * 1024 });
    expect(parts.length).toBeGreaterThanOrEqual(4);

    const printedAlone: number[] = [];
    const pdf = await printBooklet(
      parts,
      async (html) => {
        const part = await windows.printPart(html);
        printedAlone.push((await PDFDocument.load(part)).getPageCount());
        return part;
      },
      { concurrency: lanes },
    );

    const joined = await readPdf(pdf);
    expect(joined.pages).toBe(printedAlone.reduce((sum, pages) => sum + pages, 0));
    expect(joined.title).toBe(booklet.title);
    // The contents link to both sections and all 30 entries, and every link has its place,
    // though most places were printed in other parts than the contents.
    const anchors = [...parts.join('').matchAll(/<h[23] id="([^"]+)"/g)].map((match) => match[1] as string).filter((anchor) => anchor !== 'contents');
    expect(anchors).toHaveLength(32);
    expect([...joined.links].sort()).toEqual([...anchors].sort());
    for (const link of joined.links) expect(joined.places.has(link)).toBe(true);
    // The places come in the booklet's order, after the contents page, spread over the parts.
    const pagesInOrder = anchors.map((anchor) => joined.places.get(anchor) as number);
    expect(pagesInOrder).toEqual([...pagesInOrder].sort((a, b) => a - b));
    expect(pagesInOrder[0]).toBeGreaterThan(0);
    expect(pagesInOrder.at(-1)).toBeGreaterThan(printedAlone[0] as number);
  });
});
