import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from './chromium.js';

/**
 * One Chromium for the test file, launched before its tests and closed after them, with the
 * served app's address; `browser()` is read inside a test. Each test makes its own contexts.
 */
export function browserPerFile(): { browser: () => Browser; baseUrl: string } {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launchChromium();
  });
  afterAll(() => launched?.close());
  return {
    browser: () => {
      if (!launched) throw new Error('Chromium is not launched yet: call browser() inside a test.');
      return launched;
    },
    baseUrl: inject('baseUrl'),
  };
}

/** expect.poll with room for a machine shared with other work. */
export const patientPoll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout, interval: 100 });
