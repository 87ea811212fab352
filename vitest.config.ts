import { defineConfig } from 'vitest/config';

// Five projects: pure unit tests, the web's components in a simulated DOM (happy-dom, ADR 068), integration tests
// against a real PostgreSQL, browser journeys, and the fault suite (`npm run test:faults`: processes killed under
// load, tampering, two instances; not part of `npm test`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'core/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'server/lint/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'dom',
          include: ['web/src/**/*.dom.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['web/src/testing/dom-setup.ts'],
          env: { TZ: 'UTC' },
          // A test types into a form the way a person does, key by key, on a machine shared with other work.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'int',
          include: ['server/src/**/*.int.test.ts', 'core/src/**/*.int.test.ts', 'bench/**/*.int.test.ts'],
          globalSetup: ['server/src/testing/global-database.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'faults',
          include: [
            'server/src/faults/**/*.faults.ts',
            // Scenarios the integration suite already runs, repeated here so the fault suite is whole.
            'server/src/modules/audit/audit-chain.int.test.ts',
            'server/src/platform/two-instances.int.test.ts',
          ],
          globalSetup: ['server/src/testing/global-database.ts', 'server/src/faults/global-figures.ts'],
          env: { TZ: 'UTC' },
          // Generous: each scenario boots PostgreSQL and the app, sometimes twice, on whatever machine runs it.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: true,
          // Scenarios spend much of their time waiting for a restart or a stale heartbeat: three at a time.
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['server/src/testing/global-database.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
