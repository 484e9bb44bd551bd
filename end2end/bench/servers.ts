// The server half of the benchmark: the yardsticks (bare axum replaying the
// shop's recorded answers, the smallest Leptos page, the lecture's shop in
// Flask, the islands floor, the browser floor), wrk runs and the server's memory.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot, untilAnswering, type RunningShop } from '../support/shop';

const run = promisify(execFile);

/** The release builds of `server/examples/`. */
const example = (name: string) => join(repositoryRoot, 'target', 'release', 'examples', name);

/** The lecture's shop in Flask (`make flask`), and the virtual environment `tools/setup.sh --bench` makes for it. */
const flaskFolder = join(repositoryRoot, 'lecture', 'flask');
const gunicorn = join(repositoryRoot, 'target', 'bench-flask', 'bin', 'gunicorn');

/** What one wrk run reports (the JSON line `bench/wrk.lua` prints). */
export type LoadResult = {
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  /** Answers with a status of 400 or more (wrk's count). */
  status_errors: number;
  socket_errors: number;
};

export const requestsPerSecond = (result: LoadResult) =>
  result.requests / (result.duration_us / 1_000_000);

/** A response as it came over the wire: headers as sent, body as sent (still compressed). */
type RawResponse = { status: number; headers: [string, string][]; body: Buffer };

/** A request as the benchmark sends it: a GET, or a form posted with `body`. */
export type Ask = { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };

/** Sends one request to `url` and keeps the body's bytes as they arrived. */
export function rawRequest(url: string, ask: Ask = {}): Promise<RawResponse> {
  const headers = { ...ask.headers };
  if (ask.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: ask.method ?? 'GET', headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
          pairs.push([incoming.rawHeaders[i], incoming.rawHeaders[i + 1]]);
        }
        resolve({ status: incoming.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(ask.body);
  });
}

/** GETs `url` with the given headers and keeps the body's bytes as they arrived. */
export const rawGet = (url: string, headers: Record<string, string>) => rawRequest(url, { headers });

// Framing headers are the bare server's own business.
const FRAMING = new Set(['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/**
 * Records the shop's answer to each path (as a browser with these cookies
 * would get it) into `folder`, in the format `bare_limit` reads.
 */
export async function recordResponses(baseUrl: string, paths: string[], cookie: string, folder: string) {
  mkdirSync(folder, { recursive: true });
  const manifest: string[] = [];
  for (const [index, path] of paths.entries()) {
    const response = await rawGet(baseUrl + path, { cookie, 'accept-encoding': 'br, gzip' });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    const name = `page${index}`;
    const head = response.headers
      .filter(([header]) => !FRAMING.has(header.toLowerCase()))
      .map(([header, value]) => `${header}: ${value}\n`)
      .join('');
    writeFileSync(join(folder, `${name}.head`), head);
    writeFileSync(join(folder, `${name}.body`), response.body);
    manifest.push(`${path}\t${name}\n`);
  }
  writeFileSync(join(folder, 'pages.tsv'), manifest.join(''));
}

/** Starts the bare yardstick on `port`, serving the responses in `folder` (one of them at `path`). */
export async function startBare(port: number, folder: string, path: string): Promise<RunningShop> {
  const child = spawn(example('bare_limit'), [`127.0.0.1:${port}`, folder], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await untilAnswering(child, base + path);
  return { url: base, process: child };
}

/** Starts the Leptos floor (`server/examples/leptos_floor.rs`) on `port`. */
export async function startFloor(port: number): Promise<RunningShop> {
  const child = spawn(example('leptos_floor'), [`127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  return untilAnswering(child, `http://127.0.0.1:${port}`);
}

/** The islands floor (`bench/islands-floor/`), as `make bench` builds it. */
const islandsFloor = join(repositoryRoot, 'target', 'islands-floor');

/** Starts the islands floor on `port`, serving its page and its build output. */
export async function startIslandsFloor(port: number): Promise<RunningShop> {
  const binary = join(islandsFloor, 'release', 'islands-floor');
  if (!existsSync(binary)) throw new Error(`no ${binary}: run make bench, which builds it`);
  const child = spawn(binary, [`127.0.0.1:${port}`, join(islandsFloor, 'site')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return untilAnswering(child, `http://127.0.0.1:${port}`);
}

/**
 * Serves the browser floor (`bench/browser-floor.html`) on `port`: one
 * static page whose inline script answers a click, for the earliest a
 * click can take effect in this browser on this machine.
 */
export async function startBrowserFloor(port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const page = readFileSync(join(repositoryRoot, 'end2end', 'bench', 'browser-floor.html'));
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page);
  });
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}

/** Starts the lecture's shop in Flask under gunicorn, two sync workers, on `port`. */
export async function startFlask(port: number): Promise<RunningShop> {
  if (!existsSync(gunicorn)) throw new Error(`no ${gunicorn}: run tools/setup.sh --bench`);
  const child = spawn(
    gunicorn,
    ['--workers', '2', '--worker-class', 'sync', '--bind', `127.0.0.1:${port}`, '--log-level', 'warning', 'app:app'],
    // No `__pycache__` left in the repository.
    { cwd: flaskFolder, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const base = `http://127.0.0.1:${port}`;
  await untilAnswering(child, `${base}/customer`);
  return { url: base, process: child };
}

/**
 * Stops a server the benchmark started and waits until it has gone. SIGTERM,
 * so gunicorn's master stops its workers too.
 */
export async function stopServer(server: { process: ChildProcess }) {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The load: wrk with two threads and `connections` connections. */
export type Load = { connections: number; seconds: number };

/**
 * One wrk run against `url`, with `bench/wrk.lua`'s `key=value` options
 * (`cookie=…`, `method=POST`, `body=…`, `accept=…`, `same-origin=1`, `stop-after=N`).
 */
export async function wrk(url: string, load: Load, options: string[]): Promise<LoadResult> {
  const script = join(repositoryRoot, 'end2end', 'bench', 'wrk.lua');
  const threads = Math.min(2, load.connections);
  const args = [`-t${threads}`, `-c${load.connections}`, `-d${load.seconds}s`, '-s', script, url, '--', ...options];
  const { stdout } = await run('wrk', args, { maxBuffer: 1 << 20 });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as LoadResult;
}

/** A process's resident memory in bytes (Linux: `/proc/<pid>/status`). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!kilobytes) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kilobytes[1]) * 1024;
}

/** The servers measured side by side. */
export type Server = 'shop' | 'floor' | 'flask' | 'bare';

/** One thing wrk measures: a request to one server, as a browser or a page's script sends it. */
export type Target = {
  server: Server;
  path: string;
  /** What the request is, for the report. */
  what: string;
  method: 'GET' | 'POST';
  /** A form body (`application/x-www-form-urlencoded`). */
  body?: string;
  accept?: string;
  /** `Sec-Fetch-Site: same-origin`, which a browser sends with the shop's own posts. */
  sameOrigin?: boolean;
  /** Cookies sent after the shopper's own, e.g. other projects' on the same host. */
  moreCookies?: string;
  /** The status every answer should have. */
  status: number;
};

/** The `Cookie` header `target` sends: the shopper's, then any others. */
function cookieOf(target: Target, cookie: string): string {
  return target.moreCookies ? `${cookie}; ${target.moreCookies}` : cookie;
}

/** `bench/wrk.lua`'s options for `target`, sent with `cookie`. */
export function wrkOptions(target: Target, cookie: string): string[] {
  const options = [`cookie=${cookieOf(target, cookie)}`];
  if (target.method !== 'GET') options.push(`method=${target.method}`);
  if (target.body !== undefined) options.push(`body=${target.body}`);
  if (target.accept) options.push(`accept=${target.accept}`);
  if (target.sameOrigin) options.push('same-origin=1');
  return options;
}

/** Sends `target`'s request once, as wrk will, and fails unless it gets the expected status. */
export async function checkAnswer(baseUrl: string, target: Target, cookie: string) {
  const headers: Record<string, string> = { cookie: cookieOf(target, cookie), 'accept-encoding': 'br, gzip' };
  if (target.accept) headers.accept = target.accept;
  if (target.sameOrigin) headers['sec-fetch-site'] = 'same-origin';
  const response = await rawRequest(baseUrl + target.path, { method: target.method, headers, body: target.body });
  if (response.status !== target.status) {
    throw new Error(`${target.server} ${target.method} ${target.path} answered ${response.status}, not ${target.status}`);
  }
}

/** Answers of a wrk run that were not what `target` expects: socket errors, and statuses on the wrong side of 400. */
export function unexpectedAnswers(target: Target, result: LoadResult): number {
  const wrongStatus = target.status >= 400 ? result.requests - result.status_errors : result.status_errors;
  return result.socket_errors + wrongStatus;
}
