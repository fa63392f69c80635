import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from './contentSecurity.js';
import { readStaticFile } from './staticFiles.js';

/**
 * Serves the built renderer to a plain browser (`npm run web`) from one Node process.
 * The same process will also carry the signaling endpoint at /signal, so a page served
 * this way finds its peers on its own origin.
 */

export interface WebServerOptions {
  /** Folder of the built renderer (dist/renderer). */
  readonly root: string;
  readonly host?: string;
  /** 0 picks a free port (tests). */
  readonly port?: number;
}

export interface RunningWebServer {
  readonly url: string;
  readonly server: Server;
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

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    handle(options.root, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, securityHeaders);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5173, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
