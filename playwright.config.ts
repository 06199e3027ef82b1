import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './e2e/chromium';
import { ADMIN_STORAGE_STATE, DEMO_ADMIN } from './e2e/demo-admin';

// End-to-end tests run the product as users do (`burnrate start`) on a port and data folder
// of their own, so a running `npm start` is left alone.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const E2E_DATA_DIR = '.data/e2e';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_FLAGS },
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    timezoneId: 'UTC',
  },
  // Every spec runs signed in as the demo admin (e2e/auth.setup.ts); e2e/auth.spec.ts starts
  // anonymous on purpose.
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    { name: 'chromium', dependencies: ['setup'], use: { storageState: ADMIN_STORAGE_STATE } },
  ],
  webServer: {
    // `burnrate start` on a fresh data folder every run (see the script).
    command: 'node e2e/start-fresh.mjs',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGINT', timeout: 20_000 },
    env: {
      PORT: String(PORT),
      BURNRATE_DATA_DIR: E2E_DATA_DIR,
      BURNRATE_PG_PORT: '',
      BURNRATE_DEMO: 'on',
      LOG_LEVEL: 'warn',
      // Tests only: a known demo admin password instead of a printed one-time password.
      BURNRATE_DEMO_ADMIN_PASSWORD: DEMO_ADMIN.password,
    },
  },
});
