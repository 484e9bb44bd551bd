// `make bench`: measures the release shop beside its yardsticks and writes
// docs/performance.md. Run through Playwright's runner for its TypeScript
// and its browser; this is a measurement, not a test, so nothing here passes
// or fails on numbers.
import { test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MISSING_PAGE, repositoryRoot, startShop, killShop, type RunningShop } from '../support/shop';
import {
  BROWSER_FLOOR,
  cookieHeader,
  firstLoadWeight,
  hydrationRun,
  ISLANDS_FLOOR,
  PROBES,
  shopperCookies,
  type Visitor,
} from './browser';
import { renderReport, writeReport, type Measurements } from './report';
import {
  checkAnswer,
  recordResponses,
  residentBytes,
  startBare,
  startBrowserFloor,
  startFlask,
  startFloor,
  startIslandsFloor,
  stopServer,
  wrk,
  wrkOptions,
  type Load,
  type LoadResult,
  type Server,
  type Target,
} from './servers';

const LOAD: Load = { connections: 64, seconds: Number(process.env.BENCH_SECONDS ?? 5) };
/** Interleaved rounds; each figure in the report is the median over them. */
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
/** One connection, kept alive: a page held back by Nagle's algorithm shows as ~40 ms here. */
const ONE_CONNECTION: Load = { connections: 1, seconds: 2 };
const MEMORY_REQUESTS = 100_000;
const HYDRATION_RUNS = Number(process.env.BENCH_HYDRATION_RUNS ?? 9);
const PORTS: Record<Server, number> & { memory: number; browserFloor: number; islandsFloor: number } = {
  shop: 3200,
  memory: 3201,
  bare: 3202,
  floor: 3203,
  flask: 3204,
  browserFloor: 3205,
  islandsFloor: 3206,
};

const page = (server: Server, path: string, what: string, status = 200): Target => ({
  server,
  path,
  what,
  method: 'GET',
  status,
});

/** Every route of the shop, as a browser (or the page's own script) asks for it. */
const SHOP: Target[] = [
  page('shop', '/', 'home page'),
  page('shop', '/customer', 'the lecture’s customer page'),
  page('shop', '/basket', 'the lecture’s basket page'),
  page('shop', '/cookies', 'every cookie, explained'),
  page('shop', '/storage', 'web storage'),
  page('shop', '/lecture', 'the lecture’s JavaScript'),
  page('shop', '/session', 'a live server-held session, read from the SQLite store'),
  page('shop', MISSING_PAGE, 'a page that does not exist', 404),
  {
    ...page('shop', '/customer', 'the customer page with 100 more cookies of 600 B (60 KB), as a student’s localhost collects'),
    moreCookies: Array.from({ length: 100 }, (_, n) => `project${n}=${'v'.repeat(600)}`).join('; '),
  },
  {
    server: 'shop',
    path: '/api/remember_me',
    what: 'server function (the page’s script posts `name`)',
    method: 'POST',
    body: 'name=Ada',
    accept: 'application/json',
    sameOrigin: true,
    status: 200,
  },
  {
    server: 'shop',
    path: '/api/basket',
    what: 'form post with JavaScript off (`add=oil`)',
    method: 'POST',
    body: 'lifetime=one-day&add=oil',
    accept: 'text/html',
    sameOrigin: true,
    status: 302,
  },
];

/** The yardsticks, measured in the same rounds. */
const YARDSTICKS: Target[] = [
  page('floor', '/', 'the smallest Leptos page'),
  page('flask', '/customer', 'the lecture’s shop in Flask'),
  page('flask', '/basket', 'the lecture’s shop in Flask'),
  page('bare', '/basket', 'the shop’s `/basket` bytes replayed by bare axum'),
];

/** Round `round` runs every target once, starting at a different one each round. */
function roundOrder<T>(items: T[], round: number): T[] {
  const start = (round * Math.ceil(items.length / ROUNDS)) % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

test('measure the shop', async ({ browser }) => {
  const servers: Partial<Record<Server, RunningShop>> = {};
  let islandsFloor: RunningShop | undefined;
  try {
    const shop = await startShop(PORTS.shop);
    servers.shop = shop;
    const cookies = await shopperCookies(browser, shop.url);
    const cookie = cookieHeader(cookies);

    const recorded = join(tmpdir(), `cookie-shop-bench-${process.pid}`);
    await recordResponses(shop.url, ['/basket'], cookie, recorded);
    servers.bare = await startBare(PORTS.bare, recorded, '/basket');
    servers.floor = await startFloor(PORTS.floor);
    servers.flask = await startFlask(PORTS.flask);

    const targets = [...SHOP, ...YARDSTICKS];
    const urlOf = (target: Target) => servers[target.server]!.url + target.path;
    for (const target of targets) await checkAnswer(servers[target.server]!.url, target, cookie);

    // A short warm-up of each, then the rounds.
    for (const target of targets) await wrk(urlOf(target), { ...LOAD, seconds: 1 }, wrkOptions(target, cookie));
    const runs = new Map<Target, LoadResult[]>(targets.map((target) => [target, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of roundOrder(targets, round)) {
        runs.get(target)!.push(await wrk(urlOf(target), LOAD, wrkOptions(target, cookie)));
      }
      console.log(`round ${round + 1} of ${ROUNDS}: measured`);
    }
    const oneConnection = new Map<Target, LoadResult>();
    for (const target of SHOP) {
      oneConnection.set(target, await wrk(urlOf(target), ONE_CONNECTION, wrkOptions(target, cookie)));
    }
    for (const server of ['bare', 'floor', 'flask'] as const) await stopServer(servers[server]!);

    // A fresh process, so its memory counts exactly these requests.
    const fresh = await startShop(PORTS.memory);
    let memory: Measurements['memory'];
    try {
      const startBytes = residentBytes(fresh.process.pid!);
      // wrk runs for its whole duration even when its threads stop early,
      // so the requests go in one-second runs until there are enough.
      const pages = SHOP.filter((target) => target.method === 'GET' && target.status === 200);
      let requests = 0;
      for (let turn = 0; requests < MEMORY_REQUESTS; turn++) {
        const target = pages[turn % pages.length];
        const perThread = Math.ceil((MEMORY_REQUESTS - requests) / 2);
        const options = [...wrkOptions(target, cookie), `stop-after=${perThread}`];
        requests += (await wrk(fresh.url + target.path, { ...LOAD, seconds: 1 }, options)).requests;
      }
      memory = { requests, startBytes, afterBytes: residentBytes(fresh.process.pid!) };
    } finally {
      await killShop(fresh);
    }
    console.log('memory: measured');

    const pages = SHOP.filter((target) => target.method === 'GET' && target.status === 200 && !target.moreCookies);
    const weights = [];
    for (const visitor of ['newcomer', 'shopper'] as Visitor[]) {
      for (const { path } of pages) weights.push(await firstLoadWeight(browser, shop.url, path, visitor, cookies));
    }
    islandsFloor = await startIslandsFloor(PORTS.islandsFloor);
    const islandsFloorWeight = await firstLoadWeight(browser, islandsFloor.url, ISLANDS_FLOOR.path, 'newcomer', []);
    console.log('first loads: measured');
    // Interleaved too: each run visits the three pages and the two floors in turn.
    const hydration = PROBES.map((probe) => ({ probe, runs: [] as Awaited<ReturnType<typeof hydrationRun>>[] }));
    const islandsFloorRuns: Measurements['islandsFloor']['runs'] = [];
    const browserFloor: Measurements['browserFloor'] = [];
    const floorPage = await startBrowserFloor(PORTS.browserFloor);
    try {
      for (let run = 0; run < HYDRATION_RUNS; run++) {
        for (const { probe, runs } of hydration) runs.push(await hydrationRun(browser, shop.url, cookies, probe));
        islandsFloorRuns.push(await hydrationRun(browser, islandsFloor.url, [], ISLANDS_FLOOR));
        browserFloor.push(await hydrationRun(browser, floorPage.url, [], BROWSER_FLOOR));
      }
    } finally {
      await floorPage.close();
    }

    const measurements: Measurements = {
      machine: {
        date: new Date().toISOString().slice(0, 10),
        cores: cpus().length,
        cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
        rustc: execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim(),
        chromium: browser.version(),
        python: execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim(),
      },
      load: LOAD,
      rounds: ROUNDS,
      oneConnection: ONE_CONNECTION,
      throughput: targets.map((target) => ({ target, runs: runs.get(target)!, single: oneConnection.get(target) })),
      memory,
      weights,
      hydration,
      islandsFloor: { weight: islandsFloorWeight, runs: islandsFloorRuns },
      browserFloor,
    };
    const report = renderReport(measurements);
    console.log(`\n${report}`);
    writeReport(join(repositoryRoot, 'docs', 'performance.md'), report);
  } finally {
    for (const server of ['bare', 'floor', 'flask'] as const) {
      if (servers[server]) await stopServer(servers[server]);
    }
    if (islandsFloor) await stopServer(islandsFloor);
    if (servers.shop) await killShop(servers.shop);
  }
});
