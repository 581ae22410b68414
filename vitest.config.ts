import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.unit.test.ts', 'web/src/**/*.unit.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['server/**/*.api.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file opens its own database; two workers keep a 2-core machine busy, not swamped.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          // Run by scripts/test-e2e.mjs, which starts the server and sets E2E_BASE_URL and CHROMIUM_PATH.
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser against one shared server: files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
