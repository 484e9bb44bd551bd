// The documentation's screenshots (`make screenshots`): one walk through
// the shop as a shopper, writing PNGs into docs/screenshots/. Not a test
// suite — `make test` does not run it. It starts its own release server,
// so build first (`cargo leptos build --release --precompress`).
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, serverBinary, serverEnvironment } from '../support/shop';

const port = Number(process.env.SCREENSHOT_PORT ?? 3150);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: 'shots.spec.ts',
  retries: 0,
  workers: 1,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    // The same pictures on every machine: no animations, one time zone.
    timezoneId: 'UTC',
    locale: 'en-GB',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    command: serverBinary,
    env: serverEnvironment(port),
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
