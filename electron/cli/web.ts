import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signalingPath, startWebServer } from '../services/webServer.js';
import { describeError, portFromEnv } from './port.js';

// `npm run web`: the built renderer in a plain browser, from one Node process.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../renderer');
const host = process.env.HOST ?? '127.0.0.1';
const port = portFromEnv(5173);

startWebServer({ root, host, port, signaling: true }).then(
  (running) => {
    console.log(`Commonplace is being served at ${running.url}`);
    console.log(`Peers find each other through ${running.url.replace(/^http/, 'ws')}${signalingPath}`);
    const stop = (): void => {
      void running.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(`Could not start the web server on ${host}:${port}: ${describeError(error)}`);
    process.exit(1);
  },
);
