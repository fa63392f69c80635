import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, percentile } from './stats.js';

export type Unit = 'ms' | 'µs' | 'MB' | 'KB' | 'x' | 's';

/** One line of the table: a measure with its median and p95, its floor and its budget. */
export interface Row {
  readonly part: string;
  readonly measure: string;
  readonly unit: Unit;
  readonly n: number;
  readonly median: number;
  readonly p95: number;
  /** What the same work costs with nothing of Commonplace around it (same machine, same run). */
  readonly floor?: { readonly label: string; readonly median: number };
  /** median / floor median */
  readonly ratio?: number;
  readonly budget?: string;
  readonly pass?: boolean;
  readonly note?: string;
}

export interface Budget {
  readonly text: string;
  readonly check: (row: { median: number; p95: number; ratio?: number }) => boolean;
}

export const p95AtMost = (limit: number, unit: Unit): Budget => ({ text: `p95 ≤ ${limit} ${unit}`, check: (r) => r.p95 <= limit });

const rows: Row[] = [];
const errors: { part: string; message: string }[] = [];

export function addRow(input: {
  part: string;
  measure: string;
  unit: Unit;
  samples: readonly number[];
  floor?: { label: string; samples: readonly number[] };
  budget?: Budget;
  note?: string;
}): Row {
  const { samples } = input;
  if (samples.length === 0 || samples.some((v) => !Number.isFinite(v)))
    throw new Error(`${input.measure}: no valid samples (${samples.join(', ')})`);
  const med = median(samples);
  const p95 = percentile(samples, 95);
  const floorMedian = input.floor ? median(input.floor.samples) : undefined;
  const ratio = floorMedian !== undefined && floorMedian > 0 ? med / floorMedian : undefined;
  const row: Row = {
    part: input.part,
    measure: input.measure,
    unit: input.unit,
    n: samples.length,
    median: med,
    p95,
    ...(input.floor && floorMedian !== undefined ? { floor: { label: input.floor.label, median: floorMedian } } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    ...(input.budget
      ? { budget: input.budget.text, pass: input.budget.check({ median: med, p95, ...(ratio !== undefined ? { ratio } : {}) }) }
      : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  rows.push(row);
  console.info(`[bench] ${formatRow(row).join(' | ')}`);
  return row;
}

export function addError(part: string, error: unknown): void {
  errors.push({ part, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

function fmt(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '-';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function formatRow(row: Row): string[] {
  return [
    row.part,
    row.measure,
    String(row.n),
    fmt(row.median, row.unit),
    fmt(row.p95, row.unit),
    row.floor ? `${fmt(row.floor.median, row.unit)} (${row.floor.label})` : '',
    row.ratio !== undefined ? `${row.ratio.toFixed(2)}×` : '',
    row.budget ?? '',
    row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL',
  ];
}

const header = ['part', 'measure', 'n', 'median', 'p95', 'floor (median)', '× floor', 'budget', 'result'];

/** The table as GitHub Markdown, which also reads well in a terminal. */
export function renderTable(): string {
  const lines = [header, ...rows.map(formatRow)];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(formatRow(r)))].join('\n');
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
  commit: string;
  /** 1-minute load average at the start and at the end: other work on the machine skews timings. */
  loadAverage: { start: number; end: number };
}

export const machine: MachineInfo = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  chromium: 'not launched',
  loadAverage: { start: os.loadavg()[0] ?? 0, end: 0 },
  date: new Date().toISOString(),
  commit: ((): string => {
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
      const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
      return dirty ? `${head} (with uncommitted changes)` : head;
    } catch {
      return 'unknown';
    }
  })(),
};

export function finish(mode: string, totalMs: number, outFile: string): string {
  machine.loadAverage.end = os.loadavg()[0] ?? 0;
  const passed = rows.filter((r) => r.pass === true).length;
  const failed = rows.filter((r) => r.pass === false);
  const summary = [
    `Commonplace benchmark (${mode}) on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, Chromium ${machine.chromium}, ${machine.date}, commit ${machine.commit}, load average ${machine.loadAverage.start.toFixed(1)} → ${machine.loadAverage.end.toFixed(1)}`,
    '',
    renderTable(),
    '',
    ...rows.filter((r) => r.note).map((r) => `- ${r.part}, ${r.measure}: ${r.note ?? ''}`),
    '',
    `Budgets: ${passed} met, ${failed.length} missed${failed.length ? ` (${failed.map((r) => r.measure).join('; ')})` : ''}. Total ${(totalMs / 1000).toFixed(0)} s.`,
    ...(mode === 'smoke'
      ? ['Smoke mode: sizes are small, so budgets are reported only; the run fails on errors and wrong results, never on time.']
      : []),
    ...errors.map((e) => `ERROR in ${e.part}: ${e.message.split('\n')[0] ?? ''}`),
  ].join('\n');
  writeFileSync(
    path.resolve(outFile),
    `${JSON.stringify({ mode, machine, totalSeconds: Math.round(totalMs / 100) / 10, rows, errors }, null, 2)}\n`,
  );
  return summary;
}
