// The server half of the benchmark: recording the shop's responses, the bare
// axum yardstick that replays them, wrk runs and the server's memory.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot, untilAnswering, type RunningShop } from '../support/shop';

const run = promisify(execFile);

/** The release build of `server/examples/bare_limit.rs`. */
const bareBinary = join(repositoryRoot, 'target', 'release', 'examples', 'bare_limit');

/** What one wrk run reports (the JSON line `bench/wrk.lua` prints). */
export type LoadResult = {
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  non_2xx: number;
  socket_errors: number;
};

export const requestsPerSecond = (result: LoadResult) =>
  result.requests / (result.duration_us / 1_000_000);

/** A response as it came over the wire: headers as sent, body as sent (still compressed). */
type RawResponse = { status: number; headers: [string, string][]; body: Buffer };

/** GETs `url` with the given headers and keeps the body's bytes as they arrived. */
export function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers }, (incoming) => {
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
    outgoing.end();
  });
}

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

/** Starts the bare yardstick on `port`, serving the responses in `folder`. */
export async function startBare(port: number, folder: string): Promise<RunningShop> {
  const child = spawn(bareBinary, [`127.0.0.1:${port}`, folder], { stdio: ['ignore', 'ignore', 'inherit'] });
  return untilAnswering(child, `http://127.0.0.1:${port}`);
}

/** The load: wrk with two threads and `connections` connections. */
export type Load = { connections: number; seconds: number };

/** One wrk run against `url`; `stopAfter` ends each of wrk's two threads after that many answers. */
export async function wrk(url: string, cookie: string, load: Load, stopAfter?: number): Promise<LoadResult> {
  const script = join(repositoryRoot, 'end2end', 'bench', 'wrk.lua');
  const args = ['-t2', `-c${load.connections}`, `-d${load.seconds}s`, '-s', script, url, '--', cookie];
  if (stopAfter !== undefined) args.push(String(stopAfter));
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
