import { describe, expect, it } from 'vitest';
import { checkLink, externalLinkSchema, webLinkSchema } from './links.js';

describe('links', () => {
  it('accepts web links and trims them', () => {
    expect(checkLink(webLinkSchema, '  https://example.org/a?b=c  ')).toEqual({ ok: true, url: 'https://example.org/a?b=c' });
    expect(checkLink(webLinkSchema, 'http://example.org')).toMatchObject({ ok: true });
  });

  it('refuses unsafe schemes, saying why', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'mailto:a@b.org', 'ftp://x.org', 'nonsense']) {
      const check = checkLink(webLinkSchema, url);
      expect(check.ok, url).toBe(false);
      if (!check.ok) expect(check.reason).toBe('webLinkOnly');
    }
  });

  it('allows mail links only where the OS opens them', () => {
    expect(checkLink(externalLinkSchema, 'mailto:circle@example.org').ok).toBe(true);
    expect(checkLink(externalLinkSchema, 'x'.repeat(5000)).ok).toBe(false);
  });
});
