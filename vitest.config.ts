import { defineConfig } from 'vitest/config';

// Tests by suffix and place: *.test.ts are pure and fast; *.int.test.ts beside their code talk to
// real PostgreSQL, Redis and DynamoDB-API servers (module: stores only, ready in seconds); those in
// tests/ drive the whole platform through the gateway (integration).
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          // Fast tests first; the integration project then runs with its own worker count.
          sequence: { groupOrder: 0 },
          include: ['**/*.test.ts', 'web/src/**/*.test.tsx'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '.data/**'],
        },
      },
      {
        test: {
          name: 'module',
          sequence: { groupOrder: 1 },
          include: ['**/*.int.test.ts'],
          exclude: ['tests/**', '**/node_modules/**', '.data/**'],
          globalSetup: ['tests/support/stores-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 2 },
          include: ['tests/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '.data/**'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
