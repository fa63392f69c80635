import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server, type Extension } from '@hocuspocus/server';

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

export const defaultRelayMaxMessageBytes = 8 * 1024 * 1024;

export interface RelayOptions {
  /** Defaults to loopback; pass 0.0.0.0 to serve others. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** SQLite file; created if missing. */
  readonly databasePath: string;
  /**
   * Largest WebSocket message accepted. A whole community's first sync arrives as one
   * message, hence megabytes rather than the signaling server's kilobytes.
   */
  readonly maxMessageBytes?: number;
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
export const refusedRoomReason = 'not a Commonplace room';

/**
 * Hocuspocus sends `reason` to the client in its permission-denied message. The message
 * stays empty on purpose: Hocuspocus prints any hook error that has one to the console,
 * and the refusal is already reported through `warn`.
 */
class RelayRefusal extends Error {
  constructor(readonly reason: string) {
    super();
  }
}

interface Closable {
  close(): unknown;
}

function isClosable(value: unknown): value is Closable {
  return typeof value === 'object' && value !== null && typeof (value as { close?: unknown }).close === 'function';
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const host = options.host ?? '127.0.0.1';
  const warn = options.warn ?? warnToConsole;
  const maxMessageBytes = options.maxMessageBytes ?? defaultRelayMaxMessageBytes;
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) throw new RangeError(`maxMessageBytes must be a positive whole number (got ${maxMessageBytes}).`);

  const sqlite = new SQLite({ database: options.databasePath });
  const closeDatabase = (): void => {
    // The extension opens the database but never closes it; a restart in the same process
    // (and a clean exit) needs the file handle released.
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
    // GET /health for load balancers and container orchestrators: 200 while listening.
    // Rejecting with nothing tells Hocuspocus the response was already written.
    onRequest({ request, response }) {
      if (request.url !== '/health') return Promise.resolve();
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: true }));
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Hocuspocus's "handled" signal
      return Promise.reject();
    },
    onDestroy() {
      closeDatabase();
      return Promise.resolve();
    },
  };

  const server = new Server({
    name: 'commonplace-relay',
    address: host,
    port: options.port ?? 1234,
    quiet: true,
    // The command-line entry owns the signals; a library must not call process.exit.
    stopOnSignals: false,
    extensions: [guard, sqlite],
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
    throw error;
  }

  const port = server.address.port;
  return {
    url: `ws://${hostForUrl(host)}:${port}`,
    port,
    close: () => server.destroy(),
  };
}
