import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { throwIfCancelled, type ProgressOptions } from '../../shared/export/progress.js';

/**
 * Prints a booklet's parts (shared/export/html.ts `toPrintParts`) to one PDF: each part
 * through Chromium's print engine (`printPart`: `webContents.printToPDF` in a hidden window in
 * the desktop app, `page.pdf` in the benchmark and the tests), up to `concurrency` at once,
 * then the parts' PDFs joined in order: a long booklet prints faster as parts than as one
 * document, and faster again two at once (measured in docs/PERFORMANCE.md, "PDF export").
 * A booklet of one part is printed as it is, with nothing merged.
 * `onProgress` counts parts printed; once `signal` is aborted no further part starts and the
 * printing ends with `exportCancelled()` (parts already printing are let finish).
 */
export async function printBooklet(
  parts: readonly string[],
  printPart: (html: string) => Promise<Uint8Array>,
  options: ProgressOptions & { readonly concurrency: number },
): Promise<Uint8Array> {
  if (parts.length === 0) throw new Error('There is nothing to print: the booklet has no pages.');
  const printed: Uint8Array[] = new Array<Uint8Array>(parts.length);
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < parts.length) {
      throwIfCancelled(options.signal);
      const index = next++;
      printed[index] = await printPart(parts[index] as string);
      done += 1;
      options.onProgress?.(done, parts.length);
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, parts.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  throwIfCancelled(options.signal);
  return printed.length === 1 ? (printed[0] as Uint8Array) : joinPdfs(printed);
}

/**
 * How many parts to print at once: one a core (each is a renderer process of its own), at
 * most four, beyond which the joining and memory (a renderer per part) outweigh the gain.
 */
export function printingLanes(cores: number): number {
  return Math.max(1, Math.min(4, Math.floor(cores) || 1));
}

/**
 * Joins PDFs page by page, keeping the first one's title. Chromium writes a link to a place
 * in the document as a named destination (`/Dest /e12`, resolved in the catalog's `/Dests`);
 * copying pages keeps the links but not the catalog, so every part's destinations are carried
 * over, pointing at the copied pages, and the contents' links work across parts.
 */
export async function joinPdfs(pdfs: readonly Uint8Array[]): Promise<Uint8Array> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  const destinations = joined.context.obj({});
  for (const [index, bytes] of pdfs.entries()) {
    let part: PDFDocument;
    try {
      part = await PDFDocument.load(bytes, { updateMetadata: false });
    } catch (error) {
      throw new Error(`Part ${index + 1} of the booklet is not a readable PDF (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (index === 0) copyInfo(part, joined);
    const copied = await joined.copyPages(part, part.getPageIndices());
    for (const page of copied) joined.addPage(page);
    const pageRefs = new Map(part.getPages().map((page, i) => [page.ref.toString(), (copied[i] as (typeof copied)[number]).ref]));
    const partDestinations = part.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
    for (const [name, value] of partDestinations?.entries() ?? []) {
      const destination = part.context.lookup(value);
      if (!(destination instanceof PDFArray)) continue;
      const target = destination.get(0);
      const page = target instanceof PDFRef ? pageRefs.get(target.toString()) : undefined;
      if (!page) continue;
      // [page /XYZ left top zoom]: only the page changes; the rest are plain numbers and names.
      const rest = destination.asArray().slice(1);
      destinations.set(name, joined.context.obj([page, ...rest]));
    }
  }
  if (destinations.keys().length > 0) joined.catalog.set(PDFName.of('Dests'), joined.context.register(destinations));
  return joined.save({ useObjectStreams: false });
}

function copyInfo(from: PDFDocument, to: PDFDocument): void {
  const title = from.getTitle();
  if (title) to.setTitle(title);
  const creator = from.getCreator();
  if (creator) to.setCreator(creator);
  const producer = from.getProducer();
  if (producer) to.setProducer(producer);
  const created = from.getCreationDate();
  if (created) to.setCreationDate(created);
  const modified = from.getModificationDate();
  if (modified) to.setModificationDate(modified);
}
