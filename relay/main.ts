import path from 'node:path';
import { startRelay } from './server.js';
import { ConfigError, describeError, wholeNumber } from './config.js';

// `npm run relay`: an always-on Hocuspocus relay that keeps communities' documents in SQLite.
// It listens on every interface by default because its purpose is to be reached by others.
const host = process.env.HOST ?? '0.0.0.0';
let port: number;
try {
  port = wholeNumber(process.env, 'PORT', 1234, 0, 65535);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : describeError(error));
  process.exit(2);
}
const databasePath = path.resolve(process.env.RELAY_DB ?? './relay.sqlite');

startRelay({ host, port, databasePath }).then(
  (running) => {
    console.log(`Relay listening at ${running.url}, storing documents in ${databasePath}`);
    let stopping = false;
    const stop = (): void => {
      // A second Ctrl-C while documents are being stored must not cut the store short.
      if (stopping) return;
      stopping = true;
      void running.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(`Could not start the relay on ${host}:${port} with ${databasePath}: ${describeError(error)}`);
    process.exit(1);
  },
);
