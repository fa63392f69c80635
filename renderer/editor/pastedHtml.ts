/**
 * What a story cannot hold, found in pasted HTML before the editor reads it: the story
 * format has no tables and no pictures. A table becomes one paragraph per row (its cells
 * joined by " · "), so no words are lost; pictures are left out. Both are counted, so the
 * person is told (nothing is dropped silently).
 */
export interface PastedHtml {
  readonly html: string;
  readonly tables: number;
  readonly images: number;
}

export const cellSeparator = ' · ';

export function flattenPastedHtml(html: string): PastedHtml {
  // An inert document: nothing in it runs or loads.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const tables = Array.from(doc.body.querySelectorAll('table'));
  // A <picture> wraps its <img>: the pictures are counted by what draws them.
  const images = doc.body.querySelectorAll('img, svg, canvas').length;
  if (tables.length === 0 && images === 0) return { html, tables: 0, images: 0 };
  for (const image of Array.from(doc.body.querySelectorAll('img, picture, svg, canvas'))) image.remove();
  // Innermost first, so a table inside a cell is flattened before its cell is read.
  for (const table of tables.reverse()) {
    const rows = Array.from(table.querySelectorAll('tr')).filter((row) => row.closest('table') === table);
    const paragraphs = rows
      .map((row) =>
        Array.from(row.children)
          .filter((cell) => cell.tagName === 'TD' || cell.tagName === 'TH')
          .map((cell) => cell.textContent.replace(/\s+/g, ' ').trim())
          .filter((text) => text !== '')
          .join(cellSeparator),
      )
      .filter((text) => text !== '')
      .map((text) => {
        const paragraph = doc.createElement('p');
        paragraph.textContent = text;
        return paragraph;
      });
    table.replaceWith(...paragraphs);
  }
  return { html: doc.body.innerHTML, tables: tables.length, images };
}
