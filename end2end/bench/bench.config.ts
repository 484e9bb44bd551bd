import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/shop';

// `make bench` runs the benchmark through Playwright's runner, which gives it
// TypeScript and a browser. It is not part of `make test`: it measures,
// it does not pass or fail on numbers.
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 0,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions() },
});
