import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens and settles once: rejects with the listen error (EADDRINUSE, EACCES) instead of
 * leaving it to an 'error' event nobody handles, which would crash the process.
 */
export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

/** An IPv6 literal needs brackets inside a URL. */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
