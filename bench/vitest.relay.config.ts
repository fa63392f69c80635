import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run bench:relay`: the relay at 55 and 100 members on one and two instances.
// BENCH_RELAY_SIZES=10 (comma-separated) runs smaller sessions, e.g. to try it quickly.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// eslint-disable-next-line no-restricted-syntax -- Vitest reads the config from the default export.
export default defineConfig({
  root,
  test: {
    include: ['bench/relay.bench.ts', 'bench/relayCatchUp.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    disableConsoleIntercept: true,
  },
});
