import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, describeError, parseMemberKeys, wholeNumber, yesNo } from './config.js';
import { relayDefaults, startRelay, type RelayOptions } from './server.js';

// `npm run relay`: an always-on Hocuspocus relay that keeps communities' documents in SQLite.
// It listens on every interface by default because its purpose is to be reached by others.
// Every setting is an environment variable; README "Running the relay" lists them.
function optionsFromEnv(env: NodeJS.ProcessEnv): RelayOptions {
  const keysFile = env.RELAY_MEMBER_KEYS_FILE;
  return {
    host: env.HOST ?? '0.0.0.0',
    port: wholeNumber(env, 'PORT', 1234, 0, 65535),
    databasePath: path.resolve(env.RELAY_DB ?? './relay.sqlite'),
    ...(env.RELAY_POSTGRES_URL ? { postgresUrl: env.RELAY_POSTGRES_URL } : {}),
    ...(env.RELAY_REDIS_URL ? { redisUrl: env.RELAY_REDIS_URL } : {}),
    maxMessageBytes: wholeNumber(env, 'RELAY_MAX_MESSAGE_BYTES', relayDefaults.maxMessageBytes, 1),
    maxDocumentBytes: wholeNumber(env, 'RELAY_MAX_DOCUMENT_BYTES', relayDefaults.maxDocumentBytes, 1),
    maxDocuments: wholeNumber(env, 'RELAY_MAX_DOCUMENTS', relayDefaults.maxDocuments, 1),
    maxConnectionsPerAddress: wholeNumber(env, 'RELAY_MAX_CONNECTIONS_PER_ADDRESS', relayDefaults.maxConnectionsPerAddress, 1),
    maxMessagesPerMinute: wholeNumber(env, 'RELAY_MAX_MESSAGES_PER_MINUTE', relayDefaults.maxMessagesPerMinute, 1),
    trustOnFirstUse: yesNo(env, 'RELAY_TRUST_ON_FIRST_USE', true),
    ...(keysFile ? { memberKeys: parseMemberKeys(readFileSync(keysFile, 'utf8'), keysFile) } : {}),
  };
}

let options: RelayOptions;
try {
  options = optionsFromEnv(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Could not read the relay's settings: ${describeError(error)}`);
  process.exit(2);
}

startRelay(options).then(
  (running) => {
    const storage = options.postgresUrl ? 'PostgreSQL' : options.databasePath;
    console.log(`Relay listening at ${running.url}, storing documents in ${storage}${options.redisUrl ? ', sharing through Redis' : ''}`);
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
    console.error(`Could not start the relay on ${options.host ?? ''}:${options.port ?? ''}: ${describeError(error)}`);
    process.exit(1);
  },
);
