// Starting the shop for tests, and finding a Chromium to drive.
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The repository's root folder. */
export const repositoryRoot = resolve(__dirname, '..', '..');

/** The release server binary that `cargo leptos build --release` writes. */
export const serverBinary = join(repositoryRoot, 'target', 'release', 'cookie-shop');

/** The environment cargo-leptos would give the server, on the given port. */
export function serverEnvironment(port: number): Record<string, string> {
  return {
    LEPTOS_OUTPUT_NAME: 'cookie-shop',
    LEPTOS_SITE_ROOT: join(repositoryRoot, 'target', 'site'),
    LEPTOS_SITE_PKG_DIR: 'pkg',
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_ENV: 'PROD',
    RUST_LOG: 'warn',
  };
}

/**
 * A system Chromium: `CHROMIUM_PATH`, else the first Chromium or Chrome on
 * PATH. Undefined means "use Playwright's own browser".
 */
export function systemChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}
