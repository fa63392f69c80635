import { vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';

/**
 * A y-webrtc-style signaling client for tests: records every message and how the
 * connection ended, so a test can wait for either.
 */
export interface TestClient {
  readonly socket: WebSocket;
  readonly messages: Record<string, unknown>[];
  /** Settles when the connection closes, with the code and reason the client saw. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /**
   * Round trip through the server: everything sent before has been handled, and every
   * message the server wrote to this client before answering has arrived.
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export async function connectClient(url: string, options: ClientOptions = {}): Promise<TestClient> {
  const socket = new WebSocket(url, options);
  const messages: Record<string, unknown>[] = [];
  let pongs = 0;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString('utf8') });
    });
  });
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (parsed.type === 'pong') pongs += 1;
    else messages.push(parsed);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => {
      resolve();
    });
    socket.once('error', reject);
  });
  // Errors after open (a reset by the server) end in 'close', which the tests watch.
  socket.on('error', () => undefined);
  return {
    socket,
    messages,
    closed,
    send(message) {
      socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    },
    async sync() {
      const wanted = pongs + 1;
      socket.send(JSON.stringify({ type: 'ping' }));
      await vi.waitFor(
        () => {
          if (pongs < wanted) throw new Error('no pong yet');
        },
        { timeout: 2000, interval: 5 },
      );
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      // A client that stopped reading never sees the server's answer; do not wait for it.
      const timer = setTimeout(() => {
        socket.terminate();
      }, 500);
      await closed;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the HTTP status that refused an upgrade, or rejects if it was accepted. */
export async function refusedStatus(url: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      socket.terminate();
      reject(new Error(`${url} accepted the connection`));
    });
    socket.on('error', (error) => {
      reject(error);
    });
  });
}
