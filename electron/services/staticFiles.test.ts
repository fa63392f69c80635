import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile, resolveInsideRoot } from './staticFiles.js';

let root = '';
beforeAll(async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'commonplace-static-'));
  root = path.join(parent, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(parent, 'secret.txt'), 'secret');
});

describe('static files for app:// and the web server', () => {
  it('serves files inside the root with their content type', async () => {
    const file = await readStaticFile(root, '/assets/app.js');
    expect(file.status).toBe(200);
    expect(file.contentType).toMatch(/javascript/);
  });

  it('falls back to index.html for client-side routes', async () => {
    const file = await readStaticFile(root, '/communities/abc');
    expect(file.status).toBe(200);
    expect(file.body.toString()).toBe('<!doctype html>');
  });

  it('never escapes the root', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt', '/%00', '/%E0%A4%A']) {
      const file = await readStaticFile(root, attempt);
      expect(file.body.toString(), attempt).not.toBe('secret');
    }
    expect(resolveInsideRoot(root, '/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveInsideRoot(root, '/a\\..\\..\\secret.txt')).toBeNull();
    expect((await readStaticFile(root, '/missing.js')).status).toBe(404);
  });
});
