import { describe, expect, it, vi } from 'vitest';
import { allowNavigation, allowPermission, decideWindowOpen, openExternalSafely } from './webGuards.js';

const unsafe = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'vbscript:msgbox',
  'smb://share/x',
  'ms-msdt:/id',
  'app://commonplace/index.html',
  'not a url',
  '',
];

describe('desktop guards', () => {
  it('denies every navigation', () => {
    expect(allowNavigation('https://example.org')).toBe(false);
    expect(allowNavigation('app://commonplace/other')).toBe(false);
  });

  it('denies every permission request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(allowPermission(permission)).toBe(false);
    }
  });

  it('never opens a new window; safe links go to the system browser', () => {
    expect(decideWindowOpen('https://example.org/x')).toEqual({ action: 'deny', openExternally: 'https://example.org/x' });
    for (const url of unsafe) expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: null });
  });

  it('openExternal refuses unsafe schemes with a clear message and never calls the opener', async () => {
    const open = vi.fn(() => Promise.resolve());
    for (const url of [...unsafe, 42, null]) {
      await expect(openExternalSafely(url, open)).rejects.toThrow(/link/i);
    }
    expect(open).not.toHaveBeenCalled();
    await openExternalSafely('https://example.org', open);
    await openExternalSafely('mailto:a@example.org', open);
    expect(open).toHaveBeenCalledTimes(2);
  });
});
