// Turns the benchmark's measurements into Markdown: the tables, each budget
// with its verdict, and the section of docs/performance.md they replace.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { HydrationRun, Weight } from './browser';
import { requestsPerSecond, type Load, type LoadResult } from './servers';

export type Measurements = {
  machine: { date: string; cores: number; cpu: string; rustc: string; chromium: string };
  load: Load;
  throughput: { path: string; shop: LoadResult; bare: LoadResult }[];
  memory: { requests: number; startBytes: number; afterBytes: number };
  weight: { path: string; files: Weight[] };
  hydration: HydrationRun[];
};

/** The targets the benchmark reports against. They are goals, not tests. */
export const BUDGETS = {
  throughputShareOfBare: 0.6,
  firstLoadBytes: 120 * 1024,
  hydratedMilliseconds: 150,
  p99Milliseconds: 5,
  memoryBytes: 25 * 1024 * 1024,
};

const thousands = (value: number) => Math.round(value).toLocaleString('en-GB');
const ms = (microseconds: number) => (microseconds / 1000).toFixed(2);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function renderReport(m: Measurements): string {
  const lines: string[] = [];
  const { machine, load } = m;
  lines.push(
    `Measured on ${machine.date}: ${machine.cores} cores (${machine.cpu}), ${machine.rustc}, Chromium ${machine.chromium}.`,
    `Load: wrk, 2 threads, ${load.connections} connections, ${load.seconds} s per run, over loopback, with a shopper's cookies and \`Accept-Encoding: br, gzip\`.`,
    '',
    '### Server-side rendering against the bare-axum limit',
    '',
    '| page | shop req/s | shop p50 / p99 ms | bare axum req/s | bare p50 / p99 ms | shop ÷ bare | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const { path, shop, bare } of m.throughput) {
    const ratio = requestsPerSecond(shop) / requestsPerSecond(bare);
    const errors = shop.non_2xx + shop.socket_errors + bare.non_2xx + bare.socket_errors;
    lines.push(
      `| \`${path}\` | ${thousands(requestsPerSecond(shop))} | ${ms(shop.p50_us)} / ${ms(shop.p99_us)} | ` +
        `${thousands(requestsPerSecond(bare))} | ${ms(bare.p50_us)} / ${ms(bare.p99_us)} | ` +
        `${(ratio * 100).toFixed(0)} % | ${errors} |`,
    );
  }

  lines.push(
    '',
    '### Memory',
    '',
    `Resident memory of a fresh shop process: ${mb(m.memory.startBytes)} MB at start, ` +
      `**${mb(m.memory.afterBytes)} MB after ${thousands(m.memory.requests)} requests**.`,
    '',
    `### First load of \`${m.weight.path}\` (cold cache)`,
    '',
    '| kind | files | gzip (browsers over HTTP) KB | brotli (browsers over HTTPS) KB |',
    '|---|---:|---:|---:|',
  );
  for (const weight of m.weight.files) {
    lines.push(`| ${weight.kind} | ${weight.files} | ${kb(weight.gzip)} | ${kb(weight.brotli)} |`);
  }
  const total = (key: 'gzip' | 'brotli') => m.weight.files.reduce((sum, weight) => sum + weight[key], 0);
  lines.push(`| **total** | ${m.weight.files.reduce((sum, w) => sum + w.files, 0)} | **${kb(total('gzip'))}** | **${kb(total('brotli'))}** |`);

  const runs = m.hydration;
  const column = (key: keyof HydrationRun) => median(runs.map((run) => run[key]));
  lines.push(
    '',
    `### Hydration of \`/basket\` (median of ${runs.length} cold visits, ms from navigation start)`,
    '',
    '| HTML loaded | wasm loaded | `hydrate()` done | a click takes effect |',
    '|---:|---:|---:|---:|',
    `| ${column('htmlLoaded').toFixed(0)} | ${column('wasmLoaded').toFixed(0)} | ${column('hydrated').toFixed(0)} | **${column('clickEffective').toFixed(0)}** |`,
    '',
    `Every run, click takes effect (ms): ${runs.map((run) => run.clickEffective.toFixed(0)).join(', ')}.`,
  );

  const worstShare = Math.min(
    ...m.throughput.map(({ shop, bare }) => requestsPerSecond(shop) / requestsPerSecond(bare)),
  );
  const worstP99 = Math.max(...m.throughput.map(({ shop }) => shop.p99_us)) / 1000;
  const hydrated = column('clickEffective');
  lines.push(
    '',
    '### Budgets',
    '',
    '| budget | target | measured | verdict |',
    '|---|---:|---:|---|',
    `| SSR throughput, share of bare axum (worst page) | ≥ ${BUDGETS.throughputShareOfBare * 100} % | ${(worstShare * 100).toFixed(0)} % | ${verdict(worstShare >= BUDGETS.throughputShareOfBare)} |`,
    `| p99 latency at ${load.connections} connections (worst page) | ≤ ${BUDGETS.p99Milliseconds} ms | ${worstP99.toFixed(2)} ms | ${verdict(worstP99 <= BUDGETS.p99Milliseconds)} |`,
    `| first load of \`${m.weight.path}\`, brotli | ≤ ${kb(BUDGETS.firstLoadBytes)} KB | ${kb(total('brotli'))} KB | ${verdict(total('brotli') <= BUDGETS.firstLoadBytes)} |`,
    `| first load of \`${m.weight.path}\`, gzip | ≤ ${kb(BUDGETS.firstLoadBytes)} KB | ${kb(total('gzip'))} KB | ${verdict(total('gzip') <= BUDGETS.firstLoadBytes)} |`,
    `| hydrated (a click takes effect), median | ≤ ${BUDGETS.hydratedMilliseconds} ms | ${hydrated.toFixed(0)} ms | ${verdict(hydrated <= BUDGETS.hydratedMilliseconds)} |`,
    `| memory after ${thousands(m.memory.requests)} requests | ≤ ${mb(BUDGETS.memoryBytes)} MB | ${mb(m.memory.afterBytes)} MB | ${verdict(m.memory.afterBytes <= BUDGETS.memoryBytes)} |`,
  );
  return lines.join('\n') + '\n';
}

const BEGIN = '<!-- benchmark:begin (written by `make bench`; edit outside these marks) -->';
const END = '<!-- benchmark:end -->';

/** Replaces the measured section of `file`, keeping everything written around it. */
export function writeReport(file: string, report: string) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Performance\n\n${BEGIN}\n${END}\n`;
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${file} lacks the benchmark marks; put them back to let the benchmark write`);
  writeFileSync(file, `${text.slice(0, begin + BEGIN.length)}\n\n${report}\n${text.slice(end)}`);
}
