import Papa from 'papaparse';
import type { Community } from '../model/Community.js';
import { longTextSchema, parseField, titleSchema } from '../model/fields.js';
import type { GlossaryEntry } from '../model/GlossaryEntry.js';
import { importOrigin } from '../model/origins.js';
import { appendParagraphs } from '../model/richText.js';
import { readImportText } from './limits.js';

/**
 * A glossary from a spreadsheet (CSV). `parseGlossaryCsv` only reads and checks, giving a
 * preview the person confirms; `applyGlossaryImport` then creates every entry and links
 * related terms in one transaction, or nothing if anything is refused.
 */

export const MAX_GLOSSARY_ROWS = 5000;
const TERM_MAX = 200;
const DEFINITION_MAX = 20_000;

export interface GlossaryCsvRow {
  /** Line in the file where the row starts (the header is line 1). */
  readonly line: number;
  readonly term: string;
  readonly definition: string;
  readonly otherNames: readonly string[];
  /** Names of related terms, as written. */
  readonly related: readonly string[];
}

export const glossaryProblemReasons = [
  'no-term-column',
  'malformed-row',
  'missing-term',
  'term-too-long',
  'name-too-long',
  'definition-too-long',
  'duplicate-in-file',
  'already-in-glossary',
  'too-many-rows',
  'unknown-related',
] as const;
export type GlossaryProblemReason = (typeof glossaryProblemReasons)[number];

/** English text for each reason; the UI translates by `reason`. */
export const glossaryProblemMessages: Record<GlossaryProblemReason, string> = {
  'no-term-column': 'The first line needs a column called "term" (or "termine").',
  'malformed-row': 'This line could not be read (check its quotation marks); it will be skipped.',
  'missing-term': 'This line has no term; it will be skipped.',
  'term-too-long': `The term is longer than ${TERM_MAX} characters; this line will be skipped.`,
  'name-too-long': `One of the other names or related terms is longer than ${TERM_MAX} characters; this line will be skipped.`,
  'definition-too-long': `The definition is longer than ${DEFINITION_MAX.toLocaleString('en')} characters; this line will be skipped.`,
  'duplicate-in-file': 'This term is already on an earlier line; this line will be skipped.',
  'already-in-glossary': 'This term is already in the glossary; it will not be added again.',
  'too-many-rows': `Only the first ${MAX_GLOSSARY_ROWS.toLocaleString('en')} terms are read; please split the file.`,
  'unknown-related': 'A related term is neither in this file nor in the glossary; that link will not be made.',
};

const warnings: ReadonlySet<GlossaryProblemReason> = new Set(['unknown-related']);

export interface GlossaryCsvProblem {
  readonly line: number;
  readonly reason: GlossaryProblemReason;
  /** Errors skip the row; warnings keep it. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The term or name concerned, when there is one. */
  readonly detail?: string;
}

export interface GlossaryCsvPreview {
  /** Rows that will be imported. */
  readonly rows: readonly GlossaryCsvRow[];
  readonly problems: readonly GlossaryCsvProblem[];
}

type Column = 'term' | 'definition' | 'otherNames' | 'related';

const headerNames: Record<Column, readonly string[]> = {
  term: ['term', 'terms', 'word', 'termine', 'parola', 'voce'],
  definition: ['definition', 'meaning', 'description', 'definizione', 'significato', 'descrizione'],
  otherNames: ['other names', 'other name', 'aliases', 'alias', 'synonyms', 'synonym', 'also known as', 'altri nomi', 'sinonimi', 'sinonimo'],
  related: ['related', 'related terms', 'related term', 'see also', 'correlati', 'termini correlati', 'termini collegati', 'collegati', 'vedi anche'],
};

function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLocaleLowerCase().replace(/[\s_-]+/g, ' ');
}

function splitNames(cell: string): string[] {
  return [...new Set(cell.split(/[;|]/).map((name) => name.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

const key = (name: string): string => name.trim().toLocaleLowerCase();

/** Reads a glossary CSV into a preview. Throws a CommonplaceError for a file too large or not text. */
export function parseGlossaryCsv(content: string | Uint8Array, options: { community?: Community } = {}): GlossaryCsvPreview {
  const text = readImportText(content).replace(/\r\n?/g, '\n');
  const problems: GlossaryCsvProblem[] = [];
  const problem = (line: number, reason: GlossaryProblemReason, detail?: string): void => {
    problems.push({ line, reason, severity: warnings.has(reason) ? 'warning' : 'error', message: glossaryProblemMessages[reason], ...(detail === undefined ? {} : { detail }) });
  };

  const records: { line: number; cells: string[]; malformed: boolean }[] = [];
  let newlinesBefore = 0;
  let scanned = 0;
  let start = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (result) => {
      // The row starts after the previous one, past any blank lines.
      while (start < text.length && text[start] === '\n') start += 1;
      for (; scanned < start; scanned++) if (text[scanned] === '\n') newlinesBefore += 1;
      const malformed = result.errors.some((error) => error.type !== 'Delimiter');
      records.push({ line: newlinesBefore + 1, cells: result.data.map((cell: unknown) => (typeof cell === 'string' ? cell : '')), malformed });
      start = result.meta.cursor;
    },
  });

  const header = records[0];
  const columns: Partial<Record<Column, number>> = {};
  header?.cells.forEach((cell, index) => {
    const name = normaliseHeader(cell);
    for (const column of Object.keys(headerNames) as Column[]) if (columns[column] === undefined && headerNames[column].includes(name)) columns[column] = index;
  });
  if (columns.term === undefined) {
    problem(header?.line ?? 1, 'no-term-column');
    return { rows: [], problems };
  }

  const existing = new Map<string, string>();
  for (const entry of options.community?.glossary.list() ?? []) for (const name of entry.allNames) existing.set(key(name), name);

  const rows: GlossaryCsvRow[] = [];
  const seen = new Map<string, number>();
  const cell = (cells: readonly string[], column: Column): string => {
    const index = columns[column];
    return index === undefined ? '' : (cells[index] ?? '');
  };
  for (const record of records.slice(1)) {
    if (rows.length >= MAX_GLOSSARY_ROWS) {
      problem(record.line, 'too-many-rows');
      break;
    }
    if (record.malformed) {
      problem(record.line, 'malformed-row');
      continue;
    }
    const term = cell(record.cells, 'term').replace(/\s+/g, ' ').trim();
    const definition = cell(record.cells, 'definition').trim();
    const otherNames = splitNames(cell(record.cells, 'otherNames')).filter((name) => key(name) !== key(term));
    const related = splitNames(cell(record.cells, 'related')).filter((name) => key(name) !== key(term));
    if (!term) {
      if (definition || otherNames.length > 0) problem(record.line, 'missing-term');
      continue;
    }
    if (term.length > TERM_MAX) {
      problem(record.line, 'term-too-long', term.slice(0, 60));
      continue;
    }
    const longName = [...otherNames, ...related].find((name) => name.length > TERM_MAX);
    if (longName) {
      problem(record.line, 'name-too-long', longName.slice(0, 60));
      continue;
    }
    if (definition.length > DEFINITION_MAX) {
      problem(record.line, 'definition-too-long', term);
      continue;
    }
    if (seen.has(key(term))) {
      problem(record.line, 'duplicate-in-file', term);
      continue;
    }
    if (existing.has(key(term))) {
      problem(record.line, 'already-in-glossary', term);
      continue;
    }
    seen.set(key(term), record.line);
    for (const name of otherNames) if (!seen.has(key(name))) seen.set(key(name), record.line);
    rows.push({ line: record.line, term, definition, otherNames, related });
  }

  for (const row of rows) {
    for (const name of row.related) if (!seen.has(key(name)) && !existing.has(key(name))) problem(row.line, 'unknown-related', name);
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}

export interface GlossaryImportResult {
  readonly created: readonly GlossaryEntry[];
  /** How many links between terms were made. */
  readonly linked: number;
  /** Rows not created because the term is now in the glossary (added since the preview). */
  readonly skipped: readonly { readonly line: number; readonly term: string }[];
}

/**
 * Creates the previewed entries and links their related terms (to each other and to terms
 * already in the glossary) in one transaction. Every field is validated first, so a bad
 * row refuses the whole import and the community is unchanged.
 */
export function applyGlossaryImport(community: Community, preview: GlossaryCsvPreview, memberId: string): GlossaryImportResult {
  const taken = new Set<string>();
  for (const entry of community.glossary.list()) for (const name of entry.allNames) taken.add(key(name));
  const skipped: { line: number; term: string }[] = [];
  const planned: GlossaryCsvRow[] = [];
  const plannedNames = new Set<string>();
  for (const row of preview.rows) {
    // Validate exactly as the model will, before anything is written.
    const term = parseField(titleSchema, row.term);
    const otherNames = row.otherNames.map((name) => parseField(titleSchema, name));
    parseField(longTextSchema, row.definition);
    row.related.forEach((name) => parseField(titleSchema, name));
    if (taken.has(key(term)) || plannedNames.has(key(term))) {
      skipped.push({ line: row.line, term });
      continue;
    }
    plannedNames.add(key(term));
    planned.push({ ...row, term, otherNames });
  }

  const created: GlossaryEntry[] = [];
  let linked = 0;
  if (planned.length === 0) return { created, linked, skipped };
  community.doc.transact(() => {
    for (const row of planned) {
      created.push(
        community.glossary.create(memberId, (entry) => {
          entry.setTerm(row.term);
          if (row.otherNames.length > 0) entry.setOtherNames(row.otherNames);
          const paragraphs = row.definition
            .split(/\n+/)
            .map((line) => line.trim())
            .filter(Boolean);
          if (paragraphs.length > 0) appendParagraphs(entry.definition, paragraphs);
        }),
      );
    }
    const byName = new Map<string, string>();
    for (const entry of community.glossary.list()) for (const name of entry.allNames) if (!byName.has(key(name))) byName.set(key(name), entry.id);
    // Terms from the file win over other names of existing terms.
    for (const entry of created) byName.set(key(entry.term), entry.id);
    created.forEach((entry, index) => {
      for (const name of planned[index]?.related ?? []) {
        const otherId = byName.get(key(name));
        if (otherId && otherId !== entry.id && !entry.linkedIds.includes(otherId)) {
          entry.link(otherId);
          linked += 1;
        }
      }
    });
  }, importOrigin);
  return { created, linked, skipped };
}
