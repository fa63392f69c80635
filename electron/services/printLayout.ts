/**
 * How the desktop app prints a booklet to PDF: A4 with Electron's default 1 cm margins, in a
 * hidden window laid out beforehand exactly as it will print: as wide as the printable area,
 * with print media emulated. Otherwise Chromium's printing switches the page into print mode
 * and back twice, re-laying out (and re-shaping every word of) the whole booklet each time;
 * laid out beforehand, it prints the same pages with far less layout and style work
 * (measured in docs/PERFORMANCE.md, "PDF export"). The benchmark prints the same way,
 * through these numbers.
 */
export const printPage = { size: 'A4', widthMm: 210, heightMm: 297, marginMm: 10 } as const;

const CSS_PX_PER_MM = 96 / 25.4;

/** The printable area of one page in CSS pixels (718 × 1047 for A4 with 1 cm margins). */
export function printableAreaPx(page: { widthMm: number; heightMm: number; marginMm: number } = printPage): { width: number; height: number } {
  return {
    width: Math.round((page.widthMm - 2 * page.marginMm) * CSS_PX_PER_MM),
    height: Math.round((page.heightMm - 2 * page.marginMm) * CSS_PX_PER_MM),
  };
}
