// Bundles the main process, the preload and the Node command-line entries with esbuild.
// The preload is sandboxed, so it must be one CommonJS file that requires only 'electron'.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const nodeEntry = {
  ...common,
  outdir: 'dist/node',
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  // Some bundled CommonJS dependencies call require(); give ESM output one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main/index.ts', preload: 'electron/preload/index.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...nodeEntry,
    entryPoints: { web: 'electron/cli/web.ts', signal: 'electron/cli/signal.ts' },
  }),
  build({
    ...nodeEntry,
    entryPoints: { relay: 'relay/main.ts' },
    // A native addon cannot be bundled; it is loaded from node_modules at run time.
    external: ['better-sqlite3'],
  }),
]);
