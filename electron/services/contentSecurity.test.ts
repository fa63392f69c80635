import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './contentSecurity.js';

function directive(name: string): string[] {
  const found = contentSecurityPolicy.split(';').map((part) => part.trim().split(/\s+/)).find(([key]) => key === name);
  return found?.slice(1) ?? [];
}

describe('content security policy', () => {
  it('lets the renderer reach signaling and relay endpoints over ws:// and wss://', () => {
    expect(directive('connect-src')).toEqual(expect.arrayContaining(["'self'", 'ws:', 'wss:']));
  });

  it('allows no inline or remote script', () => {
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('object-src')).toEqual(["'none'"]);
  });
});
