import { describe, expect, it } from 'vitest';
import { devServerUrlToUse } from './devServer.js';

describe('VITE_DEV_SERVER_URL', () => {
  it('is ignored by a packaged app, whatever it says', () => {
    expect(devServerUrlToUse('http://attacker.example/', true)).toBeUndefined();
    expect(devServerUrlToUse('http://localhost:5173/', true)).toBeUndefined();
  });

  it('is honoured when the app is not packaged (npm run dev)', () => {
    expect(devServerUrlToUse('http://localhost:5173', false)).toBe('http://localhost:5173/');
    expect(devServerUrlToUse(undefined, false)).toBeUndefined();
    expect(devServerUrlToUse('', false)).toBeUndefined();
  });

  it('refuses a value that is not an http(s) URL, clearly', () => {
    expect(() => devServerUrlToUse('not a url', false)).toThrow(/not a URL/);
    expect(() => devServerUrlToUse('file:///etc/passwd', false)).toThrow(/must be http or https/);
  });
});
