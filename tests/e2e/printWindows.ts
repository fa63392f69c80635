import type { Browser, Page } from 'playwright-core';
import { printableAreaPx, printPage } from '../../electron/services/printLayout.js';

/**
 * The desktop app's printing (electron/main `renderPdf`), in Chromium for the tests and the
 * benchmark, which cannot run Electron. `page.pdf` is the same `Page.printToPDF` as
 * `webContents.printToPDF`, given what the app gets or defaults to: A4, backgrounds, and
 * Electron's default margins of 1 cm (Playwright's are 0, which makes fewer pages).
 */
const margin = `${printPage.marginMm}mm`;
export const desktopPrintOptions = { format: printPage.size, printBackground: true, margin: { top: margin, right: margin, bottom: margin, left: margin } } as const;

/** A page laid out as the app's hidden print window is (printLayout.ts): printable width, print media. */
export async function openPrintPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize(printableAreaPx());
  await page.emulateMedia({ media: 'print' });
  return page;
}

/**
 * `count` print pages and the `printPart` that `printBooklet` calls with at most `count`
 * parts at once: each part loaded into whichever page is free and printed there.
 */
export async function openPrintWindows(browser: Browser, count: number): Promise<{ printPart: (html: string) => Promise<Uint8Array>; close: () => Promise<void> }> {
  const pages = await Promise.all(Array.from({ length: count }, () => openPrintPage(browser)));
  const free = [...pages];
  return {
    printPart: async (html) => {
      const page = free.pop();
      if (!page) throw new Error('More parts printing at once than print windows.');
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return new Uint8Array(await page.pdf(desktopPrintOptions));
      } finally {
        free.push(page);
      }
    },
    close: async () => {
      await Promise.all(pages.map((page) => page.close()));
    },
  };
}
