import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './contentSecurity.js';
import { startWebServer, type RunningWebServer } from './webServer.js';

let running: RunningWebServer;
beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'commonplace-web-'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Commonplace</title>');
  running = await startWebServer({ root, port: 0 });
});
afterAll(() => running.close());

describe('web server', () => {
  it('serves the renderer on loopback with the CSP and security headers', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${running.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Commonplace');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(`${running.url}/`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers 404 for missing assets', async () => {
    expect((await fetch(`${running.url}/assets/missing.js`)).status).toBe(404);
  });

  it('fails clearly when the port is taken', async () => {
    const port = Number(new URL(running.url).port);
    await expect(startWebServer({ root: '.', port })).rejects.toThrow(/EADDRINUSE/);
  });
});
