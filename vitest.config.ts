import { defineConfig } from 'vitest/config';

/**
 * Three kinds of tests (house style): `*.test.ts(x)` unit and component tests, `*.int.test.ts` integration tests
 * against a real database (embedded PGlite by default; TEST_DATABASE_URL for a PostgreSQL server), and the
 * browser suite in e2e/ (Playwright, run separately). `*.pg.test.ts` need a PostgreSQL server (several processes on
 * one database) and run with the integration project when TEST_DATABASE_URL is set.
 */
const pgServer = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'prisma/tools/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.pg.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'apps/server/**/*.int.test.ts',
            'prisma/tools/**/*.int.test.ts',
            // Several Perch processes on one database exist only on a PostgreSQL server (the embedded database is
            // one process by design): these suites join the integration run when it targets one.
            ...(pgServer ? ['apps/server/**/*.pg.test.ts'] : []),
          ],
          globalSetup: ['apps/server/test/global-setup.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
          // Runs after the unit and web projects (a different worker count needs its own group).
          sequence: { groupOrder: 1 },
        },
      },
      'apps/web/vitest.config.ts',
    ],
  },
});
