import { Redis } from '@hocuspocus/extension-redis';
import { SQLite } from '@hocuspocus/extension-sqlite';
import IORedis from 'ioredis';
import { Server, type Extension } from '@hocuspocus/server';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { relayRefusals, relayTokenMaxAgeMs } from '../shared/protocol/relay/token.js';
import { AddressLimits } from './limits.js';
import { openPostgres } from './postgres.js';
import { admit, NonceWindow, type MemberKeys, type NonceClaims } from './members.js';
import { relaySqliteSchema, SqliteMemberKeys, type SqliteDatabase } from './sqliteKeys.js';

/** How the relay reports refusals and outages; injected so tests can assert on them. */
export type Warn = (message: string) => void;

const warnToConsole: Warn = (message) => {
  console.warn(message);
};

/** An IPv6 literal needs brackets inside a URL. */
const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/**
 * An always-on relay for when no two people are online at once: a Hocuspocus server that
 * keeps each community's documents in SQLite, so a change made today reaches a member who
 * opens the app tomorrow. It serves only Commonplace rooms and caps message size.
 */

/**
 * A room name is a hash of the community id as lowercase hex (32 to 64 characters), so
 * the relay never learns a community's name and cannot be used as a general document store.
 */
export const roomNamePattern = /^[0-9a-f]{32,64}$/;

export function isRoomName(name: string): boolean {
  return roomNamePattern.test(name);
}

export const relayDefaults = {
  maxMessageBytes: 8 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxDocuments: 1000,
  maxConnectionsPerAddress: 256,
  maxMessagesPerMinute: 12_000,
} as const;
export const defaultRelayMaxMessageBytes = relayDefaults.maxMessageBytes;

export interface RelayOptions {
  /** Defaults to loopback; pass 0.0.0.0 to serve others. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** SQLite file; created if missing. Unused with `postgresUrl`. */
  readonly databasePath: string;
  /** Shared persistence for several instances, instead of SQLite. */
  readonly postgresUrl?: string;
  /** Instances sharing a Redis share documents and presence live (redis://host:port). */
  readonly redisUrl?: string;
  /**
   * Largest WebSocket message accepted. A whole community's first sync arrives as one
   * message, hence megabytes rather than the signaling server's kilobytes.
   */
  readonly maxMessageBytes?: number;
  /** A document whose stored state grows past this refuses further writes. */
  readonly maxDocumentBytes?: number;
  /** How many communities the relay registers before it refuses new ones. */
  readonly maxDocuments?: number;
  readonly maxConnectionsPerAddress?: number;
  readonly maxMessagesPerMinute?: number;
  /**
   * false: only members of documents in `memberKeys` are let in. true (default): the first
   * member's key is registered for a document nobody has registered yet.
   */
  readonly trustOnFirstUse?: boolean;
  /** Keys registered by the operator: document name -> Ed25519 public key (base64url). */
  readonly memberKeys?: ReadonlyMap<string, string>;
  /**
   * Lets anyone with a room name in, as before members-only relays. Only for tests of
   * clients that do not send member tokens yet.
   */
  readonly open?: boolean;
  readonly warn?: Warn;
}

export interface RunningRelay {
  /** ws:// address, with the host as given (0.0.0.0 stays 0.0.0.0). */
  readonly url: string;
  readonly port: number;
  /** Stores every open document, closes connections and the database. */
  close(): Promise<void>;
}

/** What the relay says when it refuses a document; the provider reports it as the reason. */
export const refusedRoomReason = relayRefusals.notARoom;

/**
 * Set by the relay on each upgrade from the socket's address, replacing anything a client
 * sent, so later hooks (which see only a web Request) know who is asking.
 */
const addressHeader = 'x-commonplace-relay-address';

/**
 * Hocuspocus sends `reason` to the client in its permission-denied message. The message
 * stays empty on purpose: Hocuspocus prints any hook error that has one to the console,
 * and the refusal is already reported through `warn`.
 */
class RelayRefusal extends Error {
  constructor(
    readonly reason: string,
    /** A WebSocket close code, for refusals after the connection was let in. */
    readonly code?: number,
  ) {
    super();
  }
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive whole number (got ${value}).`);
  return value;
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

interface Closable {
  close(): unknown;
}

function isClosable(value: unknown): value is Closable {
  return typeof value === 'object' && value !== null && typeof (value as { close?: unknown }).close === 'function';
}

/**
 * Hocuspocus's Redis extension on a client that never gives up reconnecting: while Redis
 * is away this instance keeps serving its own clients, and says once (not per retry) that
 * it is cut off from the others.
 */
function redisExtension(url: string, warn: Warn): Redis {
  let down = false;
  const createClient = (): IORedis => {
    // Commands wait for the first connection, but fail after one reconnect attempt rather
    // than piling up while Redis is away.
    const client = new IORedis(url, { maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 200, 2000) });
    client.on('error', (error: Error) => {
      if (down) return;
      down = true;
      warn(`relay: Redis at ${url} unavailable (${error.message}); serving this instance's clients only until it is back`);
    });
    client.on('ready', () => {
      if (!down) return;
      down = false;
      warn(`relay: Redis at ${url} is back`);
    });
    return client;
  };
  return new Redis({ createClient });
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const host = options.host ?? '127.0.0.1';
  const warn = options.warn ?? warnToConsole;
  const maxMessageBytes = positive('maxMessageBytes', options.maxMessageBytes ?? relayDefaults.maxMessageBytes);
  const maxDocumentBytes = positive('maxDocumentBytes', options.maxDocumentBytes ?? relayDefaults.maxDocumentBytes);
  const maxDocuments = positive('maxDocuments', options.maxDocuments ?? relayDefaults.maxDocuments);
  const limits = new AddressLimits(
    positive('maxConnectionsPerAddress', options.maxConnectionsPerAddress ?? relayDefaults.maxConnectionsPerAddress),
    positive('maxMessagesPerMinute', options.maxMessagesPerMinute ?? relayDefaults.maxMessagesPerMinute),
  );
  const trustOnFirstUse = options.trustOnFirstUse ?? true;
  const localNonces = new NonceWindow();
  // With several instances, a token used on one must be refused by the others too: the
  // nonce is claimed in Redis (SET NX with the window as expiry). Redis down: each
  // instance still refuses replays it has seen itself.
  const nonceRedis = options.redisUrl ? new IORedis(options.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 200, 2000) }) : null;
  nonceRedis?.on('error', () => undefined);
  const nonces: NonceClaims = {
    async claim(key, now) {
      if (!localNonces.claim(key, now)) return false;
      if (!nonceRedis || nonceRedis.status !== 'ready') return true;
      try {
        return (await nonceRedis.set(`commonplace-relay:nonce:${key}`, '1', 'PX', 2 * relayTokenMaxAgeMs, 'NX')) === 'OK';
      } catch {
        return true;
      }
    },
  };

  const postgres = options.postgresUrl ? await openPostgres(options.postgresUrl) : null;
  const sqlite = postgres ? null : new SQLite({ database: options.databasePath, schema: relaySqliteSchema });
  const keys: MemberKeys = postgres ? postgres.keys : new SqliteMemberKeys(() => (sqlite as { db?: unknown } | null)?.db as SqliteDatabase | undefined);
  const redis = options.redisUrl ? redisExtension(options.redisUrl, warn) : null;
  const preregistered = options.memberKeys ?? new Map<string, string>();
  // Stored size of each open document, re-measured when it seems to pass the cap: updates
  // only add, but a compaction's deletions shrink the real state.
  const documentBytes = new Map<string, number>();
  const closeDatabase = (): void => {
    // The extension opens the database but never closes it; a restart in the same process
    // (and a clean exit) needs the file handle released.
    if (!sqlite) return;
    const database: unknown = sqlite.db;
    if (isClosable(database)) database.close();
    sqlite.db = undefined;
  };
  const guard: Extension = {
    extensionName: 'CommonplaceRoomGuard',
    // onConnect runs before a document is created or loaded, so a refused name never
    // reaches memory or the database.
    onConnect({ documentName }) {
      if (!isRoomName(documentName)) {
        const shown = documentName.length > 80 ? `${documentName.slice(0, 80)}…` : documentName;
        warn(`relay: refused document ${JSON.stringify(shown)}: ${refusedRoomReason}`);
        return Promise.reject(new RelayRefusal(refusedRoomReason));
      }
      return Promise.resolve();
    },
    async onAuthenticate({ documentName, token, requestHeaders }) {
      if (options.open) return;
      const address = requestHeaders.get(addressHeader) ?? 'unknown';
      const operatorKey = preregistered.get(documentName);
      if (operatorKey !== undefined && (await keys.get(documentName)) === undefined) await keys.register(documentName, operatorKey, Number.MAX_SAFE_INTEGER);
      const admission = await admit(documentName, token, { keys, nonces, trustOnFirstUse, maxDocuments });
      if (!admission.ok) {
        warn(`relay: refused ${address} for document ${documentName.slice(0, 16)}…: ${admission.reason}`);
        throw new RelayRefusal(admission.reason);
      }
      if (admission.registered) warn(`relay: registered the member key for document ${documentName.slice(0, 16)}… (first use)`);
    },
    onUpgrade({ request, socket }: { request: IncomingMessage; socket: Duplex }) {
      const address = request.socket.remoteAddress ?? 'unknown';
      request.headers[addressHeader] = address;
      if (!limits.connect(address)) {
        warn(`relay: refused a connection from ${address}: ${relayRefusals.tooManyConnections}`);
        refuseUpgrade(socket, '429 Too Many Requests');
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Hocuspocus's "handled" signal
        return Promise.reject();
      }
      socket.once('close', () => {
        limits.disconnect(address);
      });
      return Promise.resolve();
    },
    afterLoadDocument({ documentName, document }) {
      documentBytes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
      return Promise.resolve();
    },
    afterUnloadDocument({ documentName }) {
      documentBytes.delete(documentName);
      return Promise.resolve();
    },
    beforeHandleMessage({ documentName, document, update, requestHeaders }) {
      const address = requestHeaders.get(addressHeader) ?? 'unknown';
      if (!limits.message(address)) {
        warn(`relay: closed a connection from ${address}: ${relayRefusals.tooManyMessages}`);
        return Promise.reject(new RelayRefusal(relayRefusals.tooManyMessages, 4429));
      }
      let size = (documentBytes.get(documentName) ?? 0) + update.byteLength;
      if (size > maxDocumentBytes) size = Y.encodeStateAsUpdate(document).byteLength + update.byteLength;
      if (size > maxDocumentBytes) {
        warn(`relay: refused a write to document ${documentName.slice(0, 16)}…: ${relayRefusals.documentTooLarge}`);
        return Promise.reject(new RelayRefusal(relayRefusals.documentTooLarge, 4413));
      }
      documentBytes.set(documentName, size);
      return Promise.resolve();
    },
    // GET /health for load balancers and container orchestrators: 200 while listening.
    // Rejecting with nothing tells Hocuspocus the response was already written.
    onRequest({ request, response }) {
      if (request.url !== '/health') return Promise.resolve();
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: true }));
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Hocuspocus's "handled" signal
      return Promise.reject();
    },
    async onDestroy() {
      closeDatabase();
      nonceRedis?.disconnect();
      await postgres?.close();
    },
  };

  const server = new Server({
    name: 'commonplace-relay',
    address: host,
    port: options.port ?? 1234,
    quiet: true,
    // The command-line entry owns the signals; a library must not call process.exit.
    stopOnSignals: false,
    // Storage before Redis: Redis's store lock fails while Redis is down, and that must
    // not stop this instance from saving its own clients' work.
    extensions: [guard, postgres?.extension ?? sqlite, ...(redis ? [redis] : [])].filter((extension): extension is Extension => extension !== null),
    websocketOptions: { maxPayload: maxMessageBytes, perMessageDeflate: false },
  });

  try {
    // Server.listen never rejects on a listen error; it would surface as an unhandled
    // 'error' event instead, so race it here.
    await new Promise<void>((resolve, reject) => {
      server.httpServer.once('error', reject);
      server.listen().then(
        () => {
          server.httpServer.off('error', reject);
          resolve();
        },
        reject,
      );
    });
  } catch (error) {
    closeDatabase();
    nonceRedis?.disconnect();
    await postgres?.close();
    throw error;
  }

  const port = server.address.port;
  return {
    url: `ws://${hostForUrl(host)}:${port}`,
    port,
    close: () => server.destroy(),
  };
}
