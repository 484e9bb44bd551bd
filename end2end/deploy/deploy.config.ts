import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/shop';
import { PROXY_URL } from './deployment';

// The deployment specs: the release shop behind nginx over HTTPS, on two
// instances (see deployment.ts). `make test-browser` runs them after the
// main specs.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './deployment.ts',
  retries: 0,
  forbidOnly: true,
  // One at a time: the round-robin test counts which instance answers.
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: PROXY_URL,
    browserName: 'chromium',
    // The certificate is made for the run, by no authority the browser knows.
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
});
