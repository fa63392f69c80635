import type { HarvestMethod } from '../model/Harvest.js';
import type { Consent } from '../model/Harvest.js';
import type { Resource, ResourceCost, ResourceType } from '../model/ResourceList.js';
import type { Booklet, BookletEntry, DilemmaSnapshot, ExportSection, GlossarySnapshot, HarvestSnapshot, ResourceListSnapshot } from './booklet.js';
import { exportSections } from './booklet.js';
import { sectionOf } from '../model/Entry.js';
import { clampHeadingLevel, safeHref, type Block, type Inline } from '../model/storyBlocks.js';
import { localDate } from '../dates.js';

/**
 * The booklet laid out once as headings and blocks, so the three exporters only render a
 * generic structure: which fields each kind shows, in what order and with what label is
 * decided here, not three times.
 */

/** Every word an export adds around the content; English by default, the UI may translate. */
export interface ExportLabels {
  readonly contents: string;
  readonly sections: Record<ExportSection, string>;
  readonly audience: { readonly community: string; readonly public: string };
  readonly madeOn: string;
  readonly sessionDate: string;
  readonly place: string;
  readonly online: string;
  readonly method: string;
  readonly methods: Record<HarvestMethod, string>;
  readonly callingQuestion: string;
  readonly storytellers: string;
  readonly anonymous: string;
  /** Members who wrote in a harvest, and what is said when they are withheld for anonymity. */
  readonly contributors: string;
  readonly contributorsWithheld: string;
  readonly themes: string;
  readonly consent: string;
  readonly consents: Record<Consent, string>;
  readonly story: string;
  readonly insights: string;
  readonly patterns: string;
  readonly quotes: string;
  readonly otherNames: string;
  readonly definition: string;
  readonly examples: string;
  readonly related: string;
  readonly proposedBy: string;
  readonly language: string;
  readonly contested: string;
  readonly tags: string;
  readonly description: string;
  readonly link: string;
  readonly type: string;
  readonly types: Record<ResourceType, string>;
  readonly why: string;
  readonly forWhom: string;
  readonly recommendedBy: string;
  readonly cost: string;
  readonly costs: Record<ResourceCost, string>;
  readonly accessibility: string;
  readonly context: string;
  readonly valuesInTension: string;
  readonly options: string;
  readonly reflections: string;
  readonly status: string;
  readonly statuses: { readonly open: string; readonly resolved: string };
  readonly decided: string;
  readonly learned: string;
  readonly sharedBy: string;
}

export const englishLabels: ExportLabels = {
  contents: 'Contents',
  sections: { glossary: 'Shared language', harvests: 'Story harvests', resources: 'Resources', dilemmas: 'Dilemmas' },
  audience: { community: 'For members of the community.', public: 'For sharing beyond the community.' },
  madeOn: 'Made with Commonplace on',
  sessionDate: 'Session date',
  place: 'Place',
  online: 'Online',
  method: 'Method',
  methods: { circle: 'Circle', 'world-cafe': 'World Café', 'open-space': 'Open Space', fishbowl: 'Fishbowl', other: 'Other' },
  callingQuestion: 'Calling question',
  storytellers: 'Storytellers',
  anonymous: 'Anonymous',
  contributors: 'Written by',
  contributorsWithheld: 'Not listed, because a storyteller chose to stay anonymous',
  themes: 'Themes',
  consent: 'Consent',
  consents: { private: 'Private', community: 'This community only', public: 'May be shared publicly' },
  story: 'The story',
  insights: 'Insights',
  patterns: 'Patterns',
  quotes: 'Quotes',
  otherNames: 'Other names',
  definition: 'Definition',
  examples: 'Examples',
  related: 'Related terms',
  proposedBy: 'Proposed by',
  language: 'Language',
  contested: 'Still contested',
  tags: 'Tags',
  description: 'Description',
  link: 'Link',
  type: 'Type',
  types: { tool: 'Tool', method: 'Method', reading: 'Reading', video: 'Video', course: 'Course', template: 'Template', organisation: 'Organisation', other: 'Other' },
  why: 'Why it is recommended',
  forWhom: 'For whom',
  recommendedBy: 'Recommended by',
  cost: 'Cost',
  costs: { free: 'Free', paid: 'Paid', unknown: 'Unknown' },
  accessibility: 'Accessibility',
  context: 'Context',
  valuesInTension: 'Values in tension',
  options: 'Options considered',
  reflections: 'Reflections',
  status: 'Status',
  statuses: { open: 'Open', resolved: 'Resolved' },
  decided: 'What was decided',
  learned: 'What was learned',
  sharedBy: 'Shared by',
};

export interface LaidOutEntry {
  /** A stable anchor inside the document (`e1`, `e2`…), never an id from the document. */
  readonly anchor: string;
  readonly heading: string;
  readonly blocks: readonly Block[];
  readonly source: BookletEntry;
}

export interface LaidOutSection {
  readonly anchor: string;
  readonly section: ExportSection;
  readonly heading: string;
  readonly entries: readonly LaidOutEntry[];
}

export interface BookletLayout {
  readonly title: string;
  /** The community's domain, under the title. */
  readonly subtitle: string;
  /** Who it is for and when it was made. */
  readonly note: string;
  readonly contentsHeading: string;
  readonly sections: readonly LaidOutSection[];
  readonly entryCount: number;
}

/** Entry headings are level 3 (title 1, section 2); headings inside content go below them. */
export const ENTRY_HEADING_LEVEL = 3;

export function layoutBooklet(booklet: Booklet, labels: ExportLabels = englishLabels): BookletLayout {
  let counter = 0;
  const sections: LaidOutSection[] = [];
  for (const section of exportSections) {
    const entries = booklet.included.filter((entry) => sectionOf(entry.kind) === section);
    if (entries.length === 0) continue;
    sections.push({
      anchor: `section-${section}`,
      section,
      heading: labels.sections[section],
      entries: entries.map((entry) => {
        counter += 1;
        return { anchor: `e${counter}`, heading: entry.title || '—', blocks: entryBlocks(entry, labels), source: entry };
      }),
    });
  }
  const date = Number.isFinite(booklet.createdAt) ? localDate(new Date(booklet.createdAt)) : '';
  const place = booklet.place ? ` ${booklet.place}.` : '';
  return {
    title: booklet.title,
    subtitle: booklet.domain,
    note: `${booklet.communityName}.${place} ${labels.audience[booklet.audience]} ${labels.madeOn} ${date}.`.trim(),
    contentsHeading: labels.contents,
    sections,
    entryCount: counter,
  };
}

function entryBlocks(entry: BookletEntry, labels: ExportLabels): Block[] {
  switch (entry.kind) {
    case 'harvest':
      return harvestBlocks(entry, labels);
    case 'glossary':
      return glossaryBlocks(entry, labels);
    case 'resourceList':
      return resourceListBlocks(entry, labels);
    case 'dilemma':
      return dilemmaBlocks(entry, labels);
  }
}

// --- building blocks ---------------------------------------------------------------

function text(value: string, marks: { bold?: true; italic?: true } = {}): Inline {
  return { type: 'text', text: value, marks };
}

function paragraphs(value: string): Block[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ type: 'paragraph', content: [text(line)] }));
}

function subheading(value: string): Block {
  return { type: 'heading', level: clampHeadingLevel(ENTRY_HEADING_LEVEL + 1), content: [text(value)] };
}

function bulletList(values: readonly string[]): Block {
  return { type: 'list', ordered: false, start: 1, items: values.map((value) => [{ type: 'paragraph', content: [text(value)] }]) };
}

/** Metadata rows as a list of "Label: value", skipping empty values. */
function metaList(rows: readonly (readonly [string, string | readonly Inline[]])[]): Block[] {
  const items = rows
    .filter(([, value]) => (typeof value === 'string' ? value.trim() !== '' : value.length > 0))
    .map(([label, value]): Block[] => [{ type: 'paragraph', content: [text(`${label}: `, { bold: true }), ...(typeof value === 'string' ? [text(value)] : value)] }]);
  return items.length > 0 ? [{ type: 'list', ordered: false, start: 1, items }] : [];
}

/** Rich text inside an entry: its headings shift below the entry's own heading. */
export function nestBlocks(blocks: readonly Block[]): Block[] {
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'heading':
        return { ...block, level: clampHeadingLevel(block.level + ENTRY_HEADING_LEVEL) };
      case 'list':
        return { ...block, items: block.items.map(nestBlocks) };
      case 'blockquote':
        return { ...block, children: nestBlocks(block.children) };
      default:
        return block;
    }
  });
}

function part(heading: string, blocks: readonly Block[]): Block[] {
  return blocks.length > 0 ? [subheading(heading), ...blocks] : [];
}

// --- each kind ---------------------------------------------------------------------

function harvestBlocks(h: HarvestSnapshot, labels: ExportLabels): Block[] {
  const method = h.method === 'other' && h.methodOther ? h.methodOther : labels.methods[h.method];
  const where = [h.online ? labels.online : '', h.place].filter(Boolean).join(', ');
  const storytellers = h.storytellers.map((s) => (s.anonymous || !s.name ? labels.anonymous : s.name)).join(', ');
  const byType = (type: 'insight' | 'pattern' | 'quote'): typeof h.items => h.items.filter((item) => item.type === type);
  const quotes = byType('quote').map(
    (q): Block => ({
      type: 'blockquote',
      children: [...paragraphs(q.text), ...(q.attribution ? [{ type: 'paragraph', content: [text(`— ${q.attribution}`, { italic: true })] } as Block] : [])],
    }),
  );
  return [
    ...metaList([
      [labels.sessionDate, h.sessionDate],
      [labels.place, where],
      [labels.method, method],
      [labels.callingQuestion, h.callingQuestion],
      [labels.storytellers, storytellers],
      [labels.contributors, h.contributorsWithheld ? labels.contributorsWithheld : h.contributors.join(', ')],
      [labels.themes, h.themes.join(', ')],
      [labels.consent, labels.consents[h.consent]],
    ]),
    ...part(labels.story, nestBlocks(h.body)),
    ...part(labels.insights, byType('insight').length ? [bulletList(byType('insight').map((i) => i.text))] : []),
    ...part(labels.patterns, byType('pattern').length ? [bulletList(byType('pattern').map((i) => i.text))] : []),
    ...part(labels.quotes, quotes),
  ];
}

function glossaryBlocks(g: GlossarySnapshot, labels: ExportLabels): Block[] {
  return [
    ...metaList([
      [labels.otherNames, g.otherNames.join(', ')],
      [labels.related, g.related.join(', ')],
      [labels.proposedBy, g.proposedBy],
      [labels.language, g.language],
      [labels.tags, g.tags.join(', ')],
    ]),
    ...part(labels.definition, nestBlocks(g.definition)),
    ...part(labels.examples, g.examples.length ? [bulletList(g.examples)] : []),
    ...(g.contested ? part(labels.contested, g.discussion.trim() ? paragraphs(g.discussion) : [{ type: 'paragraph', content: [text(labels.contested, { italic: true })] }]) : []),
  ];
}

function resourceBlocks(r: Resource, labels: ExportLabels): Block[] {
  const href = safeHref(r.link);
  return [
    subheading(r.title || '—'),
    ...metaList([
      [labels.link, href ? [{ type: 'text', text: href, marks: {}, href }] : []],
      [labels.type, labels.types[r.type]],
      [labels.why, r.why],
      [labels.forWhom, r.forWhom],
      [labels.recommendedBy, r.recommendedBy],
      [labels.language, r.language],
      [labels.cost, labels.costs[r.cost]],
      [labels.accessibility, r.accessibility],
      [labels.tags, r.tags.join(', ')],
    ]),
  ];
}

function resourceListBlocks(l: ResourceListSnapshot, labels: ExportLabels): Block[] {
  return [...paragraphs(l.description), ...metaList([[labels.tags, l.tags.join(', ')]]), ...l.resources.flatMap((r) => resourceBlocks(r, labels))];
}

function dilemmaBlocks(d: DilemmaSnapshot, labels: ExportLabels): Block[] {
  return [
    ...metaList([
      [labels.status, labels.statuses[d.status]],
      [labels.sharedBy, d.sharedBy],
    ]),
    ...part(labels.context, paragraphs(d.context)),
    ...part(labels.valuesInTension, d.valuesInTension.length ? [bulletList(d.valuesInTension)] : []),
    ...part(labels.options, d.options.length ? [bulletList(d.options)] : []),
    ...part(
      labels.reflections,
      d.reflections.flatMap((r): Block[] => [{ type: 'paragraph', content: [text(r.date, { bold: true })] }, ...nestBlocks(r.body)]),
    ),
    ...part(labels.decided, paragraphs(d.decided)),
    ...part(labels.learned, paragraphs(d.learned)),
  ];
}
