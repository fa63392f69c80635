import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startWebServer } from '../../electron/services/webServer.js';
import { findChromium } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built renderer is served for this run, e.g. http://127.0.0.1:40123 */
    baseUrl: string;
  }
}

/** Serves the built renderer once for all end-to-end tests, on a free loopback port. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.resolve('dist/renderer');
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error('The renderer is not built. Run `npm run build` (or `npm test`, which builds first).');
  }
  findChromium(); // fail here, once, with the install hint
  const server = await startWebServer({ root, port: 0 });
  project.provide('baseUrl', server.url);
  return () => server.close();
}
