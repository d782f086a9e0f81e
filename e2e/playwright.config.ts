import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests: a real Perch server (the built SPA + API on one port) on a fresh database — embedded PGlite in
 * a temporary folder by default, or E2E_DATABASE_URL — driven by Debian's Chromium (no browser download here).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
/** The sandbox X network of the e2e server (e2e/tests/sandbox.ts reads the same variable). */
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
// Set once in the main process (workers inherit it) and removed by the global teardown.
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `perch-e2e-${Date.now()}`);
const dataDir = process.env.E2E_DATA_DIR;
const chromium = process.env.PERCH_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: '.artifacts/report' }]],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'pnpm --filter @perch/server run start:demo',
    url: `${baseURL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseURL,
      PERCH_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // The sandbox X network runs (the reply tests post to it and read its timeline) but posts nothing by itself.
      PERCH_SIMULATOR: 'true',
      SIMULATOR_RATE: '0',
      // Two weeks of demo history (not six): enough for the dashboards test, and the workers turn it into clocks and
      // rollups in well under a minute on the one embedded connection the other tests share.
      PERCH_DEMO_HISTORY_WEEKS: '2',
      SANDBOX_PORT: String(sandboxPort),
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
