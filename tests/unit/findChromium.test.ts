import { describe, expect, it } from 'vitest';
import { findChromium } from '../e2e/chromium.js';

describe('finding Chromium for the end-to-end tests', () => {
  it('prefers CHROMIUM_PATH', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome' }, (p) => p === '/opt/chrome' || p === '/usr/bin/chromium')).toBe('/opt/chrome');
  });

  it('says when CHROMIUM_PATH points nowhere', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nope' }, () => false)).toThrow(/CHROMIUM_PATH is set to "\/nope"/);
  });

  it('falls back to the usual system paths', () => {
    expect(findChromium({}, (p) => p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
  });

  it('explains how to install one when none is found', () => {
    expect(() => findChromium({}, () => false)).toThrow(/apt-get install -y chromium/);
  });
});
