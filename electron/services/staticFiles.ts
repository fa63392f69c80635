import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Resolves a request path to a file inside the built renderer, for both the app://
 * protocol and the web server. Anything that escapes the root (`..`, encoded slashes,
 * absolute paths) resolves to nothing; unknown routes fall back to index.html because
 * the renderer routes on the client.
 */

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a URL pathname to an absolute path under `root`, or `null` if it would escape. */
export function resolveInsideRoot(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const absoluteRoot = path.resolve(root);
  const target = path.resolve(absoluteRoot, '.' + path.posix.normalize('/' + decoded));
  if (target !== absoluteRoot && !target.startsWith(absoluteRoot + path.sep)) return null;
  return target;
}

export interface StaticFile {
  readonly status: 200 | 404;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Reads the file for `pathname`, falling back to index.html for client-side routes. */
export async function readStaticFile(root: string, pathname: string): Promise<StaticFile> {
  const notFound: StaticFile = { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('Not found') };
  const target = resolveInsideRoot(root, pathname);
  if (!target) return notFound;
  const candidates = path.extname(target) ? [target] : [target, path.join(path.resolve(root), 'index.html')];
  for (const candidate of candidates) {
    try {
      const info = await stat(candidate);
      if (!info.isFile()) continue;
      return { status: 200, contentType: contentTypeFor(candidate), body: await readFile(candidate) };
    } catch {
      // try the next candidate
    }
  }
  return notFound;
}
