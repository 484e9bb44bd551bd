import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, serverBinary, serverEnvironment } from './support/shop';

// The tests start their own release server on this port, so a shop you are
// running on 3000 is left alone. Set BASE_URL to test a server you started.
const port = Number(process.env.SHOP_PORT ?? 3100);
const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  // A failure must show, not be retried away.
  retries: 0,
  forbidOnly: true,
  workers: 2,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: process.env.BASE_URL
    ? undefined
    : {
        command: serverBinary,
        env: serverEnvironment(port),
        url: baseURL,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
