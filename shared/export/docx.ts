import {
  AlignmentType,
  Bookmark,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ILevelsOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { cleanTextDeep } from '../cleanText.js';
import type { Booklet } from './booklet.js';
import { englishLabels, layoutBooklet } from './layout.js';
import type { ExportOptions } from './markdown.js';
import { progressTracker, throwIfCancelled } from './progress.js';
import { normaliseInlines, safeHref, type Block, type HeadingLevel as Level, type Inline } from '../model/storyBlocks.js';

const headingStyles = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
  5: HeadingLevel.HEADING_5,
  6: HeadingLevel.HEADING_6,
} as const satisfies Record<Level, unknown>;

/** Word allows nine list levels. */
const MAX_LIST_LEVEL = 8;

interface Context {
  readonly quoteDepth: number;
  readonly listLevel: number;
}

/** Collects the numbering definitions the document needs: one per starting number. */
class Numbering {
  private readonly starts = new Set<number>();
  private instance = 0;

  next(start: number): { reference: string; instance: number } {
    this.starts.add(start);
    this.instance += 1;
    return { reference: `ordered-${start}`, instance: this.instance };
  }

  config(): { reference: string; levels: ILevelsOptions[] }[] {
    return [...this.starts].map((start) => ({
      reference: `ordered-${start}`,
      levels: Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        alignment: AlignmentType.START,
        start: level === 0 ? start : 1,
        style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
      })),
    }));
  }
}

/**
 * The booklet as a Word document (.docx): title, contents with links to each entry, a page
 * break before each section, headings, bullet and numbered lists, quotes, bold, italic and
 * strike-through kept, links as real hyperlinks (http, https and mailto only).
 */
export async function toDocx(booklet: Booklet, options: ExportOptions = {}): Promise<Uint8Array> {
  // The last line of defence: a peer or an old version may have stored characters XML
  // forbids, and a single one makes Word refuse the whole file.
  const layout = cleanTextDeep(layoutBooklet(booklet, options.labels ?? englishLabels));
  const progress = progressTracker(layout.entryCount, options);
  const numbering = new Numbering();
  const children: Paragraph[] = [];

  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(layout.title)] }));
  if (layout.subtitle) children.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(layout.subtitle)] }));
  children.push(new Paragraph({ children: [run({ text: layout.note, italics: true })] }));

  if (layout.sections.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(layout.contentsHeading)] }));
    for (const section of layout.sections) {
      children.push(new Paragraph({ children: [new InternalHyperlink({ anchor: bookmarkId(section.anchor), children: [run({ text: section.heading, bold: true, style: 'Hyperlink' })] })] }));
      for (const entry of section.entries) {
        children.push(new Paragraph({ indent: { left: 360 }, children: [new InternalHyperlink({ anchor: bookmarkId(entry.anchor), children: [new TextRun({ text: entry.heading, style: 'Hyperlink' })] })] }));
      }
    }
  }

  for (const section of layout.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [new Bookmark({ id: bookmarkId(section.anchor), children: [new TextRun(section.heading)] })],
      }),
    );
    for (const entry of section.entries) {
      progress.check();
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new Bookmark({ id: bookmarkId(entry.anchor), children: [new TextRun(entry.heading)] })] }));
      // Entry content headings were laid out below level 3; Word's outline here starts one higher.
      children.push(...blocksToParagraphs(entry.blocks, { quoteDepth: 0, listLevel: 0 }, numbering, -1));
      progress.step();
    }
  }

  const document = new Document({
    creator: 'Commonplace',
    title: layout.title,
    description: layout.subtitle,
    styles: {
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true, color: '444444' }, paragraph: { indent: { left: 720 }, spacing: { before: 120, after: 120 } } },
        { id: 'Code', name: 'Code', basedOn: 'Normal', next: 'Normal', run: { font: 'Courier New', size: 20 }, paragraph: { spacing: { before: 0, after: 0 } } },
      ],
    },
    numbering: { config: numbering.config() },
    sections: [{ children }],
  });
  throwIfCancelled(options.signal);
  const buffer = await Packer.toArrayBuffer(document);
  return new Uint8Array(buffer);
}

/** Word bookmark names: a letter first, then letters, digits and underscores. */
function bookmarkId(anchor: string): string {
  return `cp_${anchor.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function blocksToParagraphs(blocks: readonly Block[], context: Context, numbering: Numbering, headingShift: number): Paragraph[] {
  return blocks.flatMap((block) => blockToParagraphs(block, context, numbering, headingShift));
}

function quoteOptions(context: Context): { style?: string; indent?: { left: number } } {
  return context.quoteDepth > 0 ? { style: 'Quote', indent: { left: 720 * context.quoteDepth } } : {};
}

/**
 * Whether a paragraph's style makes its text italic (our Quote style, docx's Heading 4), so
 * text without the italic mark must say "not italic" to stay upright, as in the HTML export.
 * Everywhere else a mark that is off is left out: every run used to carry five "off"
 * properties (b, bCs, i, iCs, strike), half of document.xml and most of the objects docx
 * built and serialised.
 */
function italicStyle(context: Context, level?: Level): boolean {
  return level === undefined ? context.quoteDepth > 0 : level === 4;
}

function blockToParagraphs(block: Block, context: Context, numbering: Numbering, headingShift: number): Paragraph[] {
  switch (block.type) {
    case 'paragraph':
      return [new Paragraph({ ...quoteOptions(context), children: inlinesToRuns(block.content, italicStyle(context)) })];
    case 'heading': {
      const level = Math.min(6, Math.max(1, block.level + headingShift)) as Level;
      return [new Paragraph({ heading: headingStyles[level], keepNext: true, children: inlinesToRuns(block.content, italicStyle(context, level)) })];
    }
    case 'list': {
      const level = Math.min(MAX_LIST_LEVEL, context.listLevel);
      const ordered = block.ordered ? numbering.next(block.start) : null;
      return block.items.flatMap((item) =>
        item.flatMap((child, index) => {
          if (index === 0 && child.type === 'paragraph') {
            return [
              new Paragraph({
                ...quoteOptions(context),
                ...(ordered ? { numbering: { reference: ordered.reference, instance: ordered.instance, level } } : { bullet: { level } }),
                children: inlinesToRuns(child.content, italicStyle(context)),
              }),
            ];
          }
          // Nested lists go one level deeper; other blocks in the item keep the item's indent.
          return blockToParagraphs(child, { ...context, listLevel: child.type === 'list' ? context.listLevel + 1 : context.listLevel }, numbering, headingShift);
        }),
      );
    }
    case 'blockquote':
      return blocksToParagraphs(block.children, { ...context, quoteDepth: context.quoteDepth + 1 }, numbering, headingShift);
    case 'codeBlock':
      return block.text.split('\n').map((line) => new Paragraph({ style: 'Code', children: [new TextRun({ text: line, font: 'Courier New' })] }));
    case 'rule':
      return [new Paragraph({ border: { bottom: { style: 'single', size: 6, color: 'AAAAAA', space: 1 } }, children: [] })];
  }
}

function inlinesToRuns(inlines: readonly Inline[], italicParagraph: boolean): ParagraphChild[] {
  return normaliseInlines(inlines).map((inline): ParagraphChild => {
    if (inline.type === 'break') return new TextRun({ text: '', break: 1 });
    const href = inline.href === undefined ? null : safeHref(inline.href);
    const textRun = run({
      text: inline.text.replace(/\n/g, ' '),
      ...(inline.marks.bold ? { bold: true } : {}),
      ...(inline.marks.italic ? { italics: true } : italicParagraph ? { italics: false } : {}),
      ...(inline.marks.strike ? { strike: true } : {}),
      ...(inline.marks.code ? { font: 'Courier New' } : {}),
      ...(href ? { style: 'Hyperlink' } : {}),
    });
    return href ? new ExternalHyperlink({ link: href, children: [textRun] }) : textRun;
  });
}

/** Typed options first: as an inline literal, `bold` and `italics` resolve to String's deprecated methods. */
function run(options: IRunOptions): TextRun {
  return new TextRun(options);
}
