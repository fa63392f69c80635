import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from './contentSecurity.js';
import { hostForUrl, listen } from './listen.js';
import { allowOrigins, createSignalingHub, type OriginCheck, type SignalingHub, type SignalingHubOptions } from './signaling.js';
import { readStaticFile } from './staticFiles.js';

/**
 * Serves the built renderer to a plain browser (`npm run web`) from one Node process.
 * The same process also carries the signaling endpoint at /signal, so a page served
 * this way finds its peers on its own origin.
 */

/** Where the web server accepts y-webrtc signaling upgrades. */
export const signalingPath = '/signal';

export interface WebServerOptions {
  /** Folder of the built renderer (dist/renderer). */
  readonly root: string;
  readonly host?: string;
  /** 0 picks a free port (tests). */
  readonly port?: number;
  /**
   * y-webrtc signaling at /signal on the same origin: on by default, `false` to switch it
   * off (every upgrade is then refused), or options for the hub's limits and logger.
   */
  readonly signaling?: boolean | SignalingHubOptions;
}

export interface RunningWebServer {
  readonly url: string;
  readonly server: Server;
  /** Present when signaling is on. */
  readonly signaling: SignalingHub | undefined;
  close(): Promise<void>;
}

async function handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', ...securityHeaders }).end();
    return;
  }
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  const file = await readStaticFile(root, pathname);
  response.writeHead(file.status, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.byteLength),
    // Hashed assets never change; index.html must always be fresh to pick them up.
    'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...securityHeaders,
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

/**
 * /signal serves the pages this server sent (whose Origin is the address they were loaded
 * from, the Host the browser asked for), the desktop app and non-browser clients, and no
 * other web page. A page on another site, open in a browser on this machine or LAN, is
 * refused even though it can reach the port.
 */
export const allowSameOrigin: OriginCheck = (origin, request) => {
  const host = request.headers.host;
  const own = host === undefined ? [] : [`http://${host}`, `https://${host}`];
  return allowOrigins(own)(origin, request);
};

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    handle(options.root, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, securityHeaders);
      response.end();
    });
  });
  const signalingOptions = options.signaling ?? true;
  const signaling = signalingOptions === false ? undefined : createSignalingHub({ allowOrigin: allowSameOrigin, ...(signalingOptions === true ? {} : signalingOptions) });
  if (signaling) signaling.attach(server, signalingPath);
  // Explicit, so a refused upgrade does not depend on what this Node version does by default.
  else server.on('upgrade', (_request, socket) => socket.destroy());
  let address: AddressInfo;
  try {
    address = await listen(server, options.port ?? 5173, host);
  } catch (error) {
    await signaling?.close();
    throw error;
  }
  return {
    url: `http://${hostForUrl(host)}:${address.port}`,
    server,
    signaling,
    close: async () => {
      // Upgraded sockets are no longer the http server's, so closeAllConnections misses them.
      await signaling?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
