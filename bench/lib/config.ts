/** What to run and at what size: `full` (npm run bench), `smoke` (CI) or `sync` (bench:sync). */
export type BenchMode = 'full' | 'smoke' | 'sync';

export const mode: BenchMode = ((): BenchMode => {
  const value = process.env.BENCH_MODE;
  return value === 'smoke' || value === 'sync' ? value : 'full';
})();

const smoke = mode === 'smoke';

export const sizes = {
  /** Typing: words in the harvest, peers whose carets are in it, keystrokes measured. */
  typingWords: smoke ? 2_000 : 20_000,
  typingPeers: smoke ? 1 : 3,
  typingKeys: smoke ? 20 : 300,
  /** Sync: peer counts over WebRTC, keystrokes per configuration, offline edits and runs. */
  syncPeerCounts: smoke ? [2] : [2, 8],
  relayPeerCounts: smoke ? [2] : [2, 8],
  syncKeys: smoke ? 10 : 150,
  offlineEdits: smoke ? 100 : 1_000,
  offlineRuns: smoke ? 1 : 5,
  /** Open, search, memory, export: entries in the seeded community. */
  entries: smoke ? 50 : 1_000,
  openRuns: smoke ? 1 : 7,
  searchQueries: smoke ? 40 : 400,
  /** Storage: edits in total, spread over this many reloads. */
  storageEdits: smoke ? 2_000 : 50_000,
  storageReloads: smoke ? 2 : 20,
  /** Keystrokes per transaction in the storage part: one is what the editor does; bursts of 10 keep the part short. */
  storageKeysPerTransaction: 10,
  coldStartRuns: smoke ? 1 : 10,
  exportRuns: smoke ? 1 : 3,
  /** Traces: automerge-paper edits through the editor in Chromium and through the model in Node (undefined: all). */
  traceEditorEdits: smoke ? 2_000 : 20_000,
  traceNodeEdits: smoke ? 2_000 : undefined,
  /** Concurrent traces in smoke mode are the small one only. */
  concurrentTraces: smoke ? ['friendsforever'] : ['clownschool', 'friendsforever'],
} as const;

/** `BENCH_PARTS=typing,open` runs only those parts (for profiling one thing); unset, the mode decides. */
const only = process.env.BENCH_PARTS?.split(',').map((part) => part.trim()).filter(Boolean);
const wanted = (part: string, byMode: boolean): boolean => (only ? only.includes(part) : byMode);

export const runs = {
  typing: wanted('typing', mode !== 'sync'),
  sync: wanted('sync', true),
  // Export needs the community the open part generates.
  open: wanted('open', mode !== 'sync') || wanted('export', mode !== 'sync'),
  storage: wanted('storage', mode !== 'sync'),
  coldStart: wanted('coldStart', mode !== 'sync'),
  export: wanted('export', mode !== 'sync'),
  traces: wanted('traces', mode !== 'sync'),
  history: wanted('history', mode !== 'sync'),
};

/** One seed for everything generated, so every run measures the same data. */
export const seed = 20_240_420;
