import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run bench` (full), `npm run bench:smoke` (--mode smoke: small sizes, for CI) and
// `npm run bench:sync` (--mode sync: the sync part only). One test file runs every part in
// sequence, on one worker, so nothing else competes for the two cores while it measures.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// eslint-disable-next-line no-restricted-syntax -- Vitest reads the config from the default export.
export default defineConfig(({ mode }) => ({
  root,
  define: { __APP_VERSION__: JSON.stringify('bench') },
  test: {
    include: ['bench/run.test.ts'],
    environment: 'node',
    env: { BENCH_MODE: mode === 'smoke' || mode === 'sync' ? mode : 'full' },
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    // The table is printed by the run itself, straight to stdout.
    disableConsoleIntercept: true,
  },
}));
