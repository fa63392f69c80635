import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { joinPdfs, printBooklet, printingLanes } from './printBooklet.js';

/**
 * A PDF shaped as Chromium writes one (see the e2e test for the real thing): pages, a title,
 * named destinations in the catalog's `/Dests`, and links on the first page that go to them.
 * Each page's width tells which part and page it was.
 */
async function partPdf(part: number, pages: number, anchors: readonly string[], linksTo: readonly string[] = []): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Part ${part}`);
  const made = Array.from({ length: pages }, (_, i) => doc.addPage([100 + part * 10 + i, 800]));
  if (anchors.length > 0) {
    const destinations: Record<string, unknown[]> = {};
    anchors.forEach((anchor, i) => {
      destinations[anchor] = [made[i % pages]?.ref, 'XYZ', 0, 700 - i, 0];
    });
    doc.catalog.set(PDFName.of('Dests'), doc.context.register(doc.context.obj(destinations as never)));
  }
  if (linksTo.length > 0) {
    const links = linksTo.map((anchor, i) =>
      doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, i * 10, 50, i * 10 + 10], Dest: PDFName.of(anchor) })),
    );
    made[0]?.node.set(PDFName.of('Annots'), doc.context.obj(links));
  }
  return doc.save();
}

async function describePdf(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((page, i) => [page.ref.toString(), i]));
  const destinations = new Map<string, number | undefined>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const target = doc.context.lookup(value, PDFArray).get(0);
    destinations.set(name.decodeText(), target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined);
  }
  const links = pages.flatMap((page) =>
    (page.node.Annots()?.asArray() ?? []).map((ref) => doc.context.lookup(ref, PDFDict).get(PDFName.of('Dest'))?.toString()),
  );
  return { title: doc.getTitle(), widths: pages.map((page) => page.getWidth()), destinations, links };
}

describe('joinPdfs', () => {
  it('joins the parts in order and keeps every named destination pointing at its page', async () => {
    const joined = await joinPdfs([
      await partPdf(1, 2, ['contents', 'section-glossary'], ['section-glossary', 'e1', 'e2']),
      await partPdf(2, 3, ['e1']),
      await partPdf(3, 1, ['e2']),
    ]);
    const seen = await describePdf(joined);
    expect(seen.widths).toEqual([110, 111, 120, 121, 122, 130]);
    expect(seen.title).toBe('Part 1');
    // Each destination lands on the copy of the page it named in its own part.
    expect(Object.fromEntries(seen.destinations)).toEqual({ contents: 0, 'section-glossary': 1, e1: 2, e2: 5 });
    expect(seen.links).toEqual(['/section-glossary', '/e1', '/e2']);
  });

  it('says which part is not a PDF, and makes nothing', async () => {
    const good = await partPdf(1, 1, []);
    await expect(joinPdfs([good, new TextEncoder().encode('<html>not a pdf</html>')])).rejects.toThrow(/Part 2 of the booklet is not a readable PDF/);
  });
});

describe('printBooklet', () => {
  it('prints at most `concurrency` parts at once and joins them in the booklet’s order', async () => {
    let running = 0;
    let most = 0;
    const printed: string[] = [];
    const delays = [30, 5, 20, 1, 10];
    const parts = delays.map((_, i) => `part ${i + 1}`);
    const pdf = await printBooklet(
      parts,
      async (html) => {
        running += 1;
        most = Math.max(most, running);
        const part = Number(html.split(' ')[1]);
        await new Promise((resolve) => setTimeout(resolve, delays[part - 1]));
        printed.push(html);
        running -= 1;
        return partPdf(part, 1, [`e${part}`]);
      },
      { concurrency: 2 },
    );
    expect(most).toBe(2);
    expect(printed).not.toEqual(parts); // they finished out of order...
    const seen = await describePdf(pdf);
    expect(seen.widths).toEqual([110, 120, 130, 140, 150]); // ...and were joined in order
    expect([...seen.destinations.keys()]).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('counts the parts printed, and once stopped starts no further part and gives no PDF', async () => {
    const signal = { aborted: false };
    const started: string[] = [];
    const counted: string[] = [];
    const printing = printBooklet(
      ['a', 'b', 'c', 'd', 'e'],
      async (html) => {
        started.push(html);
        await new Promise((resolve) => setTimeout(resolve, 5));
        // Stopped while the second part prints: it finishes, nothing after it starts.
        if (html === 'b') signal.aborted = true;
        return partPdf(1, 1, []);
      },
      { concurrency: 1, signal, onProgress: (done, total) => counted.push(`${done}/${total}`) },
    );
    await expect(printing).rejects.toMatchObject({ code: 'exportCancelled' });
    expect(started).toEqual(['a', 'b']);
    expect(counted).toEqual(['1/5', '2/5']);
  });

  it('hands back a booklet of one part exactly as Chromium printed it', async () => {
    const only = await partPdf(1, 3, ['e1']);
    expect(await printBooklet(['<html></html>'], () => Promise.resolve(only), { concurrency: 4 })).toBe(only);
  });

  it('refuses an empty booklet and passes on a part that could not be printed', async () => {
    await expect(printBooklet([], () => Promise.resolve(new Uint8Array()), { concurrency: 2 })).rejects.toThrow(/nothing to print/);
    const failing = printBooklet(
      ['a', 'b', 'c'],
      (html) => (html === 'b' ? Promise.reject(new Error('The print window closed.')) : partPdf(1, 1, [])),
      { concurrency: 2 },
    );
    await expect(failing).rejects.toThrow('The print window closed.');
  });
});

describe('printingLanes', () => {
  it('prints a part a core, at least one and at most four at once', () => {
    expect([0, 1, 2, 3, 8, 64, Number.NaN].map(printingLanes)).toEqual([1, 1, 2, 3, 4, 4, 1]);
  });
});
