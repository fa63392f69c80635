import { localDate } from '../dates.js';
import type { Community } from '../model/Community.js';
import type { Dilemma } from '../model/Dilemma.js';
import type { Harvest } from '../model/Harvest.js';
import type { PersonalDoc } from '../model/PersonalDoc.js';
import { createPrivateHarvest } from '../model/privateHarvest.js';
import type { ResourceInput, ResourceList } from '../model/ResourceList.js';
import { webLinkSchema } from '../links.js';
import { appendBlocks, blocksToPlainText, inlinesToPlainText, type Block, type Inline } from '../model/storyBlocks.js';
import { MAX_MARKDOWN_BYTES, readImportText } from './limits.js';
import { markdownToBlocks } from './markdown.js';
import { CommonplaceError } from '../CommonplaceError.js';
import type { EntryKind } from '../model/Entry.js';

/**
 * Creates one new entry from a Markdown file. The file is checked first (size, binary
 * content), the whole entry is built in one transaction, and a field that fails validation
 * throws before anything is created (`EntryCollection.create` tries it on a scratch copy).
 */

/** The kinds a Markdown file can become: every kind but the glossary, which comes from a spreadsheet. */
export type MarkdownImportKind = Exclude<EntryKind, 'glossary'>;

/** Harvests and resource lists go into a community; dilemmas into the private journal. */
export interface MarkdownImportTargets {
  readonly harvest: Community;
  readonly resourceList: Community;
  readonly dilemma: PersonalDoc;
}

export interface MarkdownImportEntries {
  readonly harvest: Harvest;
  readonly resourceList: ResourceList;
  readonly dilemma: Dilemma;
}

export interface MarkdownFile {
  /** The file's name, for the title when the Markdown has no level-1 heading. */
  readonly name: string;
  readonly content: Uint8Array | string;
}

export interface MarkdownImportResult<T> {
  readonly entry: T;
  /** Things the person should know (list items that were not resources, for example). */
  readonly warnings: readonly string[];
}

export interface MarkdownImportOptions {
  /** `YYYY-MM-DD` for reflections without a date; today by default. */
  readonly today?: string;
  /**
   * The file already read by readMarkdownFile (the renderer does it in a worker with a
   * time limit, see parseMarkdownOffThread); read here when absent.
   */
  readonly blocks?: readonly Block[];
  /**
   * A harvest goes in "private to me": created in this personal document, never in the
   * community's (where its text would stay in the history even if moved out later).
   */
  readonly privateTo?: PersonalDoc;
}

/** A Markdown file's blocks, or a CommonplaceError: over MAX_MARKDOWN_BYTES, binary, or too complex. */
export function readMarkdownFile(content: Uint8Array | string): Block[] {
  return markdownToBlocks(readImportText(content, MAX_MARKDOWN_BYTES));
}

const TITLE_MAX = 200;

export function importMarkdownAs<K extends MarkdownImportKind>(
  kind: K,
  target: MarkdownImportTargets[K],
  file: MarkdownFile,
  memberId: string,
  options: MarkdownImportOptions = {},
): MarkdownImportResult<MarkdownImportEntries[K]> {
  const { title, body } = splitTitle(options.blocks ? [...options.blocks] : readMarkdownFile(file.content), file.name);
  switch (kind) {
    case 'harvest':
      return importHarvest(target as Community, title, body) as MarkdownImportResult<MarkdownImportEntries[K]>;
    case 'resourceList':
      return importResourceList(target as Community, title, body, memberId) as MarkdownImportResult<MarkdownImportEntries[K]>;
    case 'dilemma':
      return importDilemma(target as PersonalDoc, title, body, memberId, options.today ?? localDate()) as MarkdownImportResult<MarkdownImportEntries[K]>;
    default:
      throw new CommonplaceError('importKindNotMarkdown');
  }

  function importHarvest(community: Community, harvestTitle: string, blocks: Block[]): MarkdownImportResult<Harvest> {
    const { privateTo } = options;
    const create = (fill: (harvest: Harvest) => void): Harvest => (privateTo ? createPrivateHarvest(privateTo, community, memberId, fill) : community.harvests.create(memberId, fill));
    const entry = create((harvest) => {
      harvest.setTitle(harvestTitle);
      if (!privateTo) harvest.setSharedConsent('community');
      if (blocks.length > 0) appendBlocks(harvest.body, blocks);
    });
    return { entry, warnings: [] };
  }
}

/** The first level-1 heading is the title (and leaves the body); otherwise the file name. */
export function splitTitle(blocks: readonly Block[], fileName: string): { title: string; body: Block[] } {
  const index = blocks.findIndex((b) => b.type === 'heading' && b.level === 1 && inlinesToPlainText(b.content).trim() !== '');
  const heading = index >= 0 ? blocks[index] : undefined;
  if (heading?.type === 'heading') {
    return { title: cleanTitle(inlinesToPlainText(heading.content)), body: blocks.filter((_, i) => i !== index) };
  }
  return { title: titleFromFileName(fileName), body: [...blocks] };
}

export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.(md|markdown|mdown|mkd|txt|csv)$/i, '').replace(/[_]+/g, ' ');
  return cleanTitle(name) || 'Imported document';
}

function cleanTitle(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > TITLE_MAX ? `${clean.slice(0, TITLE_MAX - 1).trimEnd()}…` : clean;
}

// --- resource lists ----------------------------------------------------------------

function importResourceList(community: Community, title: string, blocks: readonly Block[], memberId: string): MarkdownImportResult<ResourceList> {
  const firstList = blocks.findIndex((b) => b.type === 'list');
  const description = blocksToPlainText(blocks.slice(0, firstList >= 0 ? firstList : blocks.length).filter((b) => b.type === 'paragraph' || b.type === 'blockquote')).trim();
  const resources: ResourceInput[] = [];
  let withoutLink = 0;
  const visit = (list: readonly Block[]): void => {
    for (const block of list) {
      if (block.type === 'blockquote') visit(block.children);
      if (block.type !== 'list') continue;
      for (const item of block.items) {
        const resource = resourceFromItem(item);
        if (resource) resources.push(resource);
        else if (item.some((b) => b.type === 'paragraph' && inlinesToPlainText(b.content).trim())) withoutLink += 1;
        visit(item.filter((b) => b.type === 'list' || b.type === 'blockquote'));
      }
    }
  };
  visit(blocks);
  const entry = community.resourceLists.create(memberId, (list) => {
    list.setTitle(title);
    if (description) list.setDescription(description);
    for (const resource of resources) list.addResource(resource);
  });
  const warnings: string[] = [];
  if (withoutLink > 0) warnings.push(`${withoutLink} list item${withoutLink === 1 ? '' : 's'} had no web link (http or https) and ${withoutLink === 1 ? 'was' : 'were'} not added as resources.`);
  if (resources.length === 0) warnings.push('No list items with web links were found, so the list has no resources yet.');
  return { entry, warnings };
}

/** A list item whose first paragraph has a web link: its text is the title, the rest is why. */
function resourceFromItem(item: readonly Block[]): ResourceInput | null {
  const first = item.find((b) => b.type === 'paragraph');
  if (first?.type !== 'paragraph') return null;
  const linked = first.content.filter((i): i is Extract<Inline, { type: 'text' }> => i.type === 'text' && i.href !== undefined);
  const href = linked[0]?.href;
  if (!href) return null;
  const link = webLinkSchema.safeParse(href);
  if (!link.success) return null;
  const titleText = cleanTitle(linked.filter((i) => i.href === href).map((i) => i.text).join('')) || cleanTitle(link.data);
  const rest = first.content
    .filter((i) => !(i.type === 'text' && i.href === href))
    .map((i) => (i.type === 'text' ? i.text : ' '))
    .join('');
  const more = blocksToPlainText(item.filter((b) => b !== first && b.type !== 'list'));
  const why = [rest.replace(/^[\s:–—,;-]+/, '').trim(), more.trim()].filter(Boolean).join('\n');
  return { title: titleText, link: link.data, why: why.slice(0, 20_000) };
}

// --- dilemmas ----------------------------------------------------------------------

type DilemmaPart = 'context' | 'values' | 'options' | 'reflections' | 'decided' | 'learned';

const partNames: Record<DilemmaPart, readonly string[]> = {
  context: ['context', 'contesto', 'situation'],
  values: ['values', 'values in tension', 'valori', 'valori in tensione'],
  options: ['options', 'options considered', 'opzioni', 'opzioni considerate'],
  reflections: ['reflections', 'riflessioni', 'journal', 'diario'],
  decided: ['decision', 'decided', 'what was decided', 'decisione', 'cosa si è deciso'],
  learned: ['learning', 'learned', 'learnt', 'what was learned', 'what was learnt', 'apprendimenti', 'cosa si è imparato'],
};

function partOf(heading: string): DilemmaPart | null {
  const name = heading.trim().toLocaleLowerCase().replace(/[:.]$/, '');
  for (const [part, names] of Object.entries(partNames) as [DilemmaPart, readonly string[]][]) if (names.includes(name)) return part;
  return null;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function importDilemma(personal: PersonalDoc, title: string, blocks: readonly Block[], memberId: string, today: string): MarkdownImportResult<Dilemma> {
  const parts: Record<DilemmaPart | 'free', Block[]> = { context: [], values: [], options: [], reflections: [], decided: [], learned: [], free: [] };
  let current: DilemmaPart | 'free' = 'free';
  for (const block of blocks) {
    if (block.type === 'heading' && block.level >= 2) {
      const part = partOf(inlinesToPlainText(block.content));
      if (part) {
        current = part;
        continue;
      }
    }
    parts[current].push(block);
  }
  // Reflections: a date (as a heading or a paragraph on its own) starts a new one.
  const reflections: { date: string; blocks: Block[] }[] = [];
  for (const block of parts.reflections) {
    const text = block.type === 'heading' || block.type === 'paragraph' ? inlinesToPlainText(block.content).trim() : '';
    if (isoDate.test(text)) reflections.push({ date: text, blocks: [] });
    else {
      if (reflections.length === 0) reflections.push({ date: today, blocks: [] });
      reflections[reflections.length - 1]?.blocks.push(block);
    }
  }
  if (parts.free.length > 0) reflections.unshift({ date: today, blocks: parts.free });
  const entry = personal.dilemmas.create(memberId, (dilemma) => {
    dilemma.setTitle(title);
    const context = blocksToPlainText(parts.context).trim();
    if (context) dilemma.setContext(context);
    const values = listLines(parts.values);
    if (values.length > 0) dilemma.setValuesInTension(values);
    const options = listLines(parts.options);
    if (options.length > 0) dilemma.setOptions(options);
    const decided = blocksToPlainText(parts.decided).trim();
    const learned = blocksToPlainText(parts.learned).trim();
    if (decided || learned) dilemma.setOutcome(decided, learned);
    for (const reflection of reflections) {
      if (reflection.blocks.length === 0) continue;
      const added = dilemma.addReflection(reflection.date);
      appendBlocks(added.body, reflection.blocks);
    }
  });
  return { entry, warnings: [] };
}

/** List items (or lines, without a list) as short strings. */
function listLines(blocks: readonly Block[]): string[] {
  const lists = blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
  const lines = lists.length > 0 ? lists.flatMap((list) => list.items.map((item) => blocksToPlainText(item).replace(/\s+/g, ' ').trim())) : blocksToPlainText(blocks).split('\n');
  return lines.map((line) => line.trim()).filter(Boolean);
}
