import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebServer } from '../services/webServer.js';

// `npm run web`: the built renderer in a plain browser, from one Node process.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../renderer');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 5173);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535 (got "${process.env.PORT ?? ''}").`);
  process.exit(2);
}

startWebServer({ root, host, port }).then(
  (running) => {
    console.log(`Commonplace is being served at ${running.url}`);
    const stop = (): void => {
      void running.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(`Could not start the web server on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
