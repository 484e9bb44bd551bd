// Starting the shop for tests, and finding a Chromium to drive.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The repository's root folder. */
export const repositoryRoot = resolve(__dirname, '..', '..');

/** Every page of the shop. */
export const PAGES = ['/', '/customer', '/basket', '/cookies', '/storage', '/lecture'];

/**
 * The basket items a page lists in the HTML the server sent, in order
 * (before any script ran; item names as the HTML spells them).
 */
export function basketItemsInHtml(html: string): string[] {
  const items = html.matchAll(/data-testid="basket-item"><span class="item">([^<]*)/g);
  return [...items].map((match) => match[1]);
}

/** A path no route matches: the shop answers it with its 404 page. */
export const MISSING_PAGE = '/no/such/page';

/** The release server binary that `cargo leptos build --release` writes. */
export const serverBinary = join(repositoryRoot, 'target', 'release', 'server');

/**
 * The build's output name (`/pkg/<name>.js`…): the project's name in the
 * root Cargo.toml, read through `cargo metadata` so it is spelled once.
 */
function outputName(): string {
  const metadata = JSON.parse(
    execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    }),
  );
  const project = metadata.metadata.leptos[0];
  return project['output-name'] ?? project.name;
}

// Asked once per process: every server started below uses it.
export const OUTPUT_NAME = outputName();

/** The environment cargo-leptos would give the server, on the given port. */
export function serverEnvironment(port: number): Record<string, string> {
  return {
    LEPTOS_OUTPUT_NAME: OUTPUT_NAME,
    LEPTOS_SITE_ROOT: join(repositoryRoot, 'target', 'site'),
    LEPTOS_SITE_PKG_DIR: 'pkg',
    // The build names its files by content hash and lists them in target/release/hash.txt.
    LEPTOS_HASH_FILES: 'true',
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_ENV: 'PROD',
    // The signing key file lives here, so a restarted server keeps it.
    COOKIE_SHOP_DATA: join(repositoryRoot, 'target', 'end2end-data'),
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

/** How the tests and the benchmark start Chromium. */
export function chromiumLaunchOptions() {
  return {
    executablePath: systemChromium(),
    // No sandbox when run as root (CI); no calls home from a closed network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

/** A shop server this test started itself, on its own port. */
export type RunningShop = { url: string; process: ChildProcess };

/**
 * Starts the release server on `port`, with `settings` added to its
 * environment, and resolves once it answers.
 */
export async function startShop(port: number, settings: Record<string, string> = {}): Promise<RunningShop> {
  const child = spawn(serverBinary, [], {
    env: { ...process.env, ...serverEnvironment(port), ...settings },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return untilAnswering(child, `http://127.0.0.1:${port}`);
}

/**
 * Resolves once the server `child` just started answers `url`; gives up (and kills it) if it exits or stays silent for 10 s.
 */
export async function untilAnswering(child: ChildProcess, url: string): Promise<RunningShop> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server for ${url} exited with ${child.exitCode}`);
    try {
      // Any answer will do: a shop with PUBLIC_ORIGIN set refuses this address (421).
      if ((await fetch(url)).status < 500) return { url, process: child };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server for ${url} did not answer`);
}

/** Stops a shop the hard way (`kill -9`): nothing can be saved on the way out. */
export async function killShop(shop: RunningShop) {
  // A process killed by a signal has a signalCode and no exitCode.
  if (shop.process.exitCode !== null || shop.process.signalCode !== null) return;
  const exited = new Promise((resolve) => shop.process.once('exit', resolve));
  shop.process.kill('SIGKILL');
  await exited;
}
