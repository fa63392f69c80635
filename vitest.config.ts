import { defineConfig } from 'vitest/config';

// Two projects: unit tests (Node, beside the code they test) and end-to-end tests that
// drive the built renderer in a real Chromium. `npm test` runs both.
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          sequence: { groupOrder: 0 },
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'relay/**/*.test.ts', 'renderer/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/traces/**/*.test.ts', 'tests/security/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          // After the unit tests, which are quicker to tell what broke.
          sequence: { groupOrder: 1 },
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          // Generous: several Chromium contexts share two cores; a slow run must not fail for time.
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Each file runs its own Chromium; two at once fit this machine's two cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
