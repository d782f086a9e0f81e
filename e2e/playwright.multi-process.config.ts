import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config.ts';

/**
 * The multi-process browser test (issue #8): Perch as deployed — two web processes and one worker process on one
 * PostgreSQL database — started by the spec itself (no webServer here). Needs E2E_PG_SERVER_URL, a PostgreSQL
 * server on which the spec creates and drops its own database (`.ci/run` passes the CI service).
 */
export default defineConfig({
  ...baseConfig,
  testDir: './multi-process',
  timeout: 240_000,
  webServer: undefined,
  globalSetup: undefined,
  globalTeardown: undefined,
  use: { ...baseConfig.use, baseURL: undefined },
});
