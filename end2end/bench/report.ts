// Turns the benchmark's measurements into Markdown: the tables, each budget
// with its verdict, and the section of docs/performance.md they replace.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { BROWSER_FLOOR, ISLANDS_FLOOR, type HydrationRun, type PageWeight, type Probe } from './browser';
import { requestsPerSecond, unexpectedAnswers, type Load, type LoadResult, type Target } from './servers';

export type Measurements = {
  machine: { date: string; cores: number; cpu: string; rustc: string; chromium: string; python: string };
  load: Load;
  rounds: number;
  oneConnection: Load;
  /** Each target's wrk runs, one per round (in round order); `single` is the one-connection run. */
  throughput: { target: Target; runs: LoadResult[]; single?: LoadResult }[];
  memory: { requests: number; startBytes: number; afterBytes: number };
  /** Every page's first load, for a newcomer and for the shopper. */
  weights: PageWeight[];
  /** Cold visits to each probed page, interleaved. */
  hydration: { probe: Probe; runs: HydrationRun[] }[];
  /** The smallest Leptos islands page: its first load, and cold visits interleaved with the others. */
  islandsFloor: { weight: PageWeight; runs: HydrationRun[] };
  /** Cold visits to the browser floor's page, interleaved with the others. */
  browserFloor: HydrationRun[];
};

/** The targets the benchmark reports against. They are goals, not tests. */
export const BUDGETS = {
  /** No route of the shop below this share of `/basket`'s rate. */
  shareOfBasket: 0.5,
  /** The shop's `/basket` at least this many times Flask's. */
  timesFlask: 5,
  /** The shop's `/basket` at least this share of the smallest Leptos page. */
  shareOfFloor: 0.7,
  p99Milliseconds: 10,
  /** Every page's first load, as browsers over HTTPS receive it. */
  firstLoadBrotliBytes: 120 * 1024,
  /** The same, as browsers over plain HTTP receive it. */
  firstLoadGzipBytes: 160 * 1024,
  /** From navigation start until a click takes effect (median of the cold visits). */
  interactiveMilliseconds: 100,
  memoryBytes: 25 * 1024 * 1024,
};

/** A response held back by Nagle's algorithm against a delayed ACK waits about this long. */
const STALL_MILLISECONDS = 40;

const thousands = (value: number) => Math.round(value).toLocaleString('en-GB');
const ms = (microseconds: number) => (microseconds / 1000).toFixed(2);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const percent = (share: number) => (share * 100).toFixed(0);
const times = (ratio: number) => ratio.toFixed(1);
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A figure over the rounds: its median and its spread. */
type Spread = { median: number; min: number; max: number };
/** `a ÷ b` in each round (the two ran minutes apart at most), over the rounds. */
const ratio = (a: LoadResult[], b: LoadResult[]) =>
  spread(a.map((run, round) => requestsPerSecond(run) / requestsPerSecond(b[round])));

const spread = (values: number[]): Spread => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});
/** `median unit (lowest–highest)`, each number written by `format`. */
const withSpread = (figure: Spread, format: (value: number) => string, unit = '') =>
  `${format(figure.median)}${unit} (${format(figure.min)}–${format(figure.max)})`;

const requestLine = (target: Target) =>
  target.method === 'GET' ? `\`${target.path}\`` : `\`${target.method} ${target.path}\``;
const serverName: Record<Target['server'], string> = {
  shop: 'the shop',
  floor: 'Leptos floor',
  flask: 'Flask + gunicorn',
  bare: 'bare axum',
};

export function renderReport(m: Measurements): string {
  const { machine, load, rounds } = m;
  const find = (server: Target['server'], path: string) => {
    const found = m.throughput.find(({ target }) => target.server === server && target.path === path);
    if (!found) throw new Error(`no measurement of ${server} ${path}`);
    return found;
  };
  const rates = (runs: LoadResult[]) => runs.map(requestsPerSecond);
  const basket = find('shop', '/basket');
  const shopTargets = m.throughput.filter(({ target }) => target.server === 'shop');

  const lines: string[] = [
    `Measured on ${machine.date}: ${machine.cores} cores (${machine.cpu}), ${machine.rustc}, ` +
      `Chromium ${machine.chromium}, ${machine.python}.`,
    '',
    '### How',
    '',
    `- Load: wrk, 2 threads, ${load.connections} connections kept alive, ${load.seconds} s per run, over loopback, ` +
      'with the cookies of a shopper made through the shop’s own pages (**Accept all**, a name, the lecture’s ' +
      'four-item basket) and `Accept-Encoding: br, gzip`. Posts carry `Sec-Fetch-Site: same-origin`, as a ' +
      'browser sends with the shop’s own forms (without it the shop answers 403).',
    `- ${rounds} interleaved rounds: each round runs every request below once — the shop’s routes and the ` +
      'yardsticks — starting at a different one each round, after a 1 s warm-up of each. Every figure is the ' +
      '**median over the rounds**, with the spread (lowest–highest) in brackets. A ratio is taken within each ' +
      'round, then its median: the load generator shares the cores with the servers, so absolute rates move ' +
      'between runs and the ratios are the headline.',
    '- Yardsticks, each on its own port during the same rounds: the **Leptos floor** ' +
      '(`server/examples/leptos_floor.rs`: one route rendering one paragraph through a minimal shell with the ' +
      'hydration scripts, `leptos_routes` and mimalloc like the shop); the **lecture’s shop in Flask** ' +
      '(`lecture/flask/`, the app `make flask` serves: `/customer` and `/basket` read `username` and `basket` ' +
      'with `request.cookies.get` and render a Jinja template; gunicorn, 2 sync workers, every package ' +
      'pinned); and **bare axum** (`server/examples/bare_limit.rs`) replaying the bytes the shop ' +
      'answered to `/basket` — the limit of this HTTP stack, not of a Leptos page.',
    `- Stall check: each route once more over ${m.oneConnection.connections} kept-alive connection for ` +
      `${m.oneConnection.seconds} s. A response held back by Nagle’s algorithm waits ~${STALL_MILLISECONDS} ms ` +
      'for the client’s delayed ACK; the shop sets `TCP_NODELAY` on every connection it accepts.',
    '',
  ];

  const flaskBasket = ratio(basket.runs, find('flask', '/basket').runs);
  const flaskCustomer = ratio(find('shop', '/customer').runs, find('flask', '/customer').runs);
  const floorShare = ratio(basket.runs, find('floor', '/').runs);
  const bareShare = ratio(basket.runs, find('bare', '/basket').runs);
  lines.push(
    '### The shop’s pages against Flask and the Leptos floor',
    '',
    '| comparison (same rounds) | median (spread) |',
    '|---|---:|',
    `| shop \`/basket\` ÷ Flask \`/basket\` | **${withSpread(flaskBasket, times, ' ×')}** |`,
    `| shop \`/customer\` ÷ Flask \`/customer\` | ${withSpread(flaskCustomer, times, ' ×')} |`,
    `| shop \`/basket\` as a share of the Leptos floor | **${withSpread(floorShare, percent, ' %')}** |`,
    `| shop \`/basket\` as a share of bare axum replaying it | ${withSpread(bareShare, percent, ' %')} |`,
    '',
    '### Every route of the shop',
    '',
    `| request | what | req/s | share of \`/basket\` | p50 / p99 ms | 1 connection: p50 / p99 ms | unexpected answers |`,
    '|---|---|---:|---:|---:|---:|---:|',
  );
  for (const { target, runs, single } of shopTargets) {
    const share = ratio(runs, basket.runs);
    const unexpected = runs.reduce((sum, run) => sum + unexpectedAnswers(target, run), 0);
    lines.push(
      `| ${requestLine(target)} → ${target.status} | ${target.what} | ${withSpread(spread(rates(runs)), thousands)} | ` +
        `${withSpread(share, percent, ' %')} | ${ms(median(runs.map((run) => run.p50_us)))} / ${ms(median(runs.map((run) => run.p99_us)))} | ` +
        `${single ? `${ms(single.p50_us)} / ${ms(single.p99_us)}` : '–'} | ${unexpected} |`,
    );
  }
  lines.push(
    '',
    '### The yardsticks',
    '',
    '| server | request | what | req/s | p50 / p99 ms | unexpected answers |',
    '|---|---|---|---:|---:|---:|',
  );
  for (const { target, runs } of m.throughput.filter(({ target }) => target.server !== 'shop')) {
    const unexpected = runs.reduce((sum, run) => sum + unexpectedAnswers(target, run), 0);
    lines.push(
      `| ${serverName[target.server]} | ${requestLine(target)} | ${target.what} | ${withSpread(spread(rates(runs)), thousands)} | ` +
        `${ms(median(runs.map((run) => run.p50_us)))} / ${ms(median(runs.map((run) => run.p99_us)))} | ${unexpected} |`,
    );
  }

  const slowestSingle = shopTargets
    .filter(({ single }) => single)
    .reduce((worst, entry) => (entry.single!.p50_us > worst.single!.p50_us ? entry : worst));
  const slowestMs = slowestSingle.single!.p50_us / 1000;
  lines.push(
    '',
    slowestMs < STALL_MILLISECONDS / 2
      ? `No route waits for a delayed ACK: at one connection the slowest median is ${slowestMs.toFixed(2)} ms ` +
          `(${requestLine(slowestSingle.target)}), against the ~${STALL_MILLISECONDS} ms of a stalled response.`
      : `**${requestLine(slowestSingle.target)} looks stalled:** its median at one connection is ` +
          `${slowestMs.toFixed(2)} ms, near the ~${STALL_MILLISECONDS} ms of a response waiting for a delayed ACK.`,
    '',
    ...heavyCookieSentence(shopTargets),
    '### Memory',
    '',
    `Resident memory of a fresh shop process: ${mb(m.memory.startBytes)} MB at start, ` +
      `**${mb(m.memory.afterBytes)} MB after ${thousands(m.memory.requests)} requests** (the shop’s pages in turn).`,
    '',
    '### First load of every page (cold cache)',
    '',
    'Every file a first visit downloads, in KB on the wire: **newcomer** brings no cookies (and gets the consent ' +
      'banner), **shopper** brings the benchmark’s cookies. gzip is what browsers ask for over plain HTTP, brotli ' +
      'what they ask for over HTTPS; pages themselves are sent uncompressed (a reverse proxy may compress them).',
    '',
    '| page | visitor | files | HTML | CSS | JS | wasm | total, gzip | total, brotli |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  const total = (weight: PageWeight, key: 'gzip' | 'brotli') => weight.files.reduce((sum, file) => sum + file[key], 0);
  const ofKind = (weight: PageWeight, kind: string) => {
    const file = weight.files.find((candidate) => candidate.kind === kind);
    return file ? kb(file.brotli) : '–';
  };
  // The shop's pages, then the islands floor, in the same table.
  const weighed = [
    ...m.weights.map((weight) => ({ name: `\`${weight.path}\``, weight })),
    { name: 'islands floor', weight: m.islandsFloor.weight },
  ];
  for (const { name, weight } of weighed) {
    lines.push(
      `| ${name} | ${weight.visitor} | ${weight.files.reduce((sum, file) => sum + file.files, 0)} | ` +
        `${ofKind(weight, 'HTML')} | ${ofKind(weight, 'CSS')} | ${ofKind(weight, 'JS')} | ${ofKind(weight, 'wasm')} | ` +
        `${kb(total(weight, 'gzip'))} | **${kb(total(weight, 'brotli'))}** |`,
    );
  }
  lines.push(
    '',
    'The kinds are shown as brotli; HTML is the same either way. The **islands floor** ' +
      '(`end2end/bench/islands-floor/`, built and served by the benchmark) is the smallest Leptos islands ' +
      'page: one island with a button and a count, a one-rule stylesheet, the shop’s versions and wasm profile.',
  );
  const heaviest = (key: 'gzip' | 'brotli') =>
    m.weights.reduce((worst, weight) => (total(weight, key) > total(worst, key) ? weight : worst));

  lines.push(
    '',
    `### Interactive (median of ${m.hydration[0]?.runs.length ?? 0} cold visits each, ms from navigation start)`,
    '',
    'A script in the page tries the button every millisecond from the moment it exists, in a way that does ' +
      'nothing until the page’s own code handles it, and notes when the page shows the effect.',
    '',
    '| page | the click | HTML loaded | wasm loaded | islands hydrated | the click takes effect |',
    '|---|---|---:|---:|---:|---:|',
  );
  const column = (runs: HydrationRun[], key: keyof HydrationRun) => median(runs.map((run) => run[key]));
  const cell = (runs: HydrationRun[], key: keyof HydrationRun) => {
    const value = column(runs, key);
    return value < 0 ? '—' : value.toFixed(0);
  };
  // The shop's pages, then the two floors, in the same table and list.
  const floor = m.browserFloor;
  const timed = [
    ...m.hydration.map(({ probe, runs }) => ({ name: `\`${probe.path}\``, what: probe.what, runs })),
    { name: 'islands floor', what: ISLANDS_FLOOR.what, runs: m.islandsFloor.runs },
    { name: 'browser floor', what: BROWSER_FLOOR.what, runs: floor },
  ];
  for (const { name, what, runs } of timed) {
    lines.push(
      `| ${name} | ${what} | ${cell(runs, 'htmlLoaded')} | ${cell(runs, 'wasmLoaded')} | ` +
        `${cell(runs, 'hydrated')} | **${cell(runs, 'clickEffective')}** |`,
    );
  }
  lines.push(
    '',
    'The **islands floor** is the earliest a click can take effect on any Leptos islands page here (its ' +
      'wasm is the islands runtime and one island). The **browser floor** (`end2end/bench/browser-floor.html`, ' +
      'served by the benchmark itself) is the earliest for any page in this browser on this machine: a static ' +
      'page with no stylesheet, no wasm and no framework, whose inline script answers the click (its ' +
      '“islands hydrated” is when that script has run).',
  );
  lines.push('', 'Every run, the click takes effect (ms):', '');
  for (const { name, runs } of timed) {
    lines.push(`- ${name}: ${runs.map((run) => run.clickEffective.toFixed(0)).join(', ')}`);
  }
  const slowestInteractive = m.hydration
    .map(({ probe, runs }) => ({ probe, effective: column(runs, 'clickEffective') }))
    .reduce((worst, candidate) => (candidate.effective > worst.effective ? candidate : worst));

  const slowest = shopTargets
    .map((entry) => ({ entry, share: ratio(entry.runs, basket.runs).median }))
    .reduce((worst, candidate) => (candidate.share < worst.share ? candidate : worst));
  const basketP99 = median(basket.runs.map((run) => run.p99_us)) / 1000;
  lines.push(
    '',
    '### Budgets',
    '',
    '| budget | target | measured (median) | verdict |',
    '|---|---:|---:|---|',
    `| no route below half the rate of \`/basket\` (slowest: ${requestLine(slowest.entry.target)}) | ≥ ${percent(BUDGETS.shareOfBasket)} % | ${percent(slowest.share)} % | ${verdict(slowest.share >= BUDGETS.shareOfBasket)} |`,
    `| \`/basket\` against Flask \`/basket\` | ≥ ${BUDGETS.timesFlask} × | ${times(flaskBasket.median)} × | ${verdict(flaskBasket.median >= BUDGETS.timesFlask)} |`,
    `| \`/basket\` against the Leptos floor | ≥ ${percent(BUDGETS.shareOfFloor)} % | ${percent(floorShare.median)} % | ${verdict(floorShare.median >= BUDGETS.shareOfFloor)} |`,
    `| p99 of \`/basket\` at ${load.connections} connections | ≤ ${BUDGETS.p99Milliseconds} ms | ${basketP99.toFixed(2)} ms | ${verdict(basketP99 <= BUDGETS.p99Milliseconds)} |`,
    `| first load of every page, brotli (heaviest: \`${heaviest('brotli').path}\`, ${heaviest('brotli').visitor}; islands floor ${kb(total(m.islandsFloor.weight, 'brotli'))} KB) | ≤ ${kb(BUDGETS.firstLoadBrotliBytes)} KB | ${kb(total(heaviest('brotli'), 'brotli'))} KB | ${verdict(total(heaviest('brotli'), 'brotli') <= BUDGETS.firstLoadBrotliBytes)} |`,
    `| first load of every page, gzip (heaviest: \`${heaviest('gzip').path}\`, ${heaviest('gzip').visitor}; islands floor ${kb(total(m.islandsFloor.weight, 'gzip'))} KB) | ≤ ${kb(BUDGETS.firstLoadGzipBytes)} KB | ${kb(total(heaviest('gzip'), 'gzip'))} KB | ${verdict(total(heaviest('gzip'), 'gzip') <= BUDGETS.firstLoadGzipBytes)} |`,
    `| interactive: a click takes effect (slowest: \`${slowestInteractive.probe.path}\`; islands floor ${column(m.islandsFloor.runs, 'clickEffective').toFixed(0)} ms, browser floor ${column(floor, 'clickEffective').toFixed(0)} ms) | ≤ ${BUDGETS.interactiveMilliseconds} ms | ${slowestInteractive.effective.toFixed(0)} ms | ${verdict(slowestInteractive.effective <= BUDGETS.interactiveMilliseconds)} |`,
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

/** How much a heavy `Cookie` header costs against the same page with a shopper's cookies only. */
function heavyCookieSentence(shopTargets: Measurements['throughput']): string[] {
  const heavy = shopTargets.find(({ target }) => target.moreCookies);
  const plain = shopTargets.find(({ target }) => !target.moreCookies && target.path === heavy?.target.path);
  if (!heavy || !plain) return [];
  const cost = ratio(plain.runs, heavy.runs);
  return [
    `A \`Cookie\` header with 100 more cookies of 600 B (60 KB, under the 64 KiB limit) makes ` +
      `${requestLine(heavy.target)} cost **${cost.median.toFixed(2)}×** a request with the shopper's cookies only ` +
      `(${cost.min.toFixed(2)}–${cost.max.toFixed(2)}): the header is parsed once per request.`,
    '',
  ];
}
