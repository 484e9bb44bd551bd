// `make bench`: measures the release shop and writes docs/performance.md.
// Run through Playwright's runner for its TypeScript and its browser; this
// is a measurement, not a test, so nothing here passes or fails on numbers.
import { test } from '@playwright/test';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot, startShop, killShop } from '../support/shop';
import { cookieHeader, firstLoadWeight, hydrationRun, shopperCookies } from './browser';
import { renderReport, writeReport, type Measurements } from './report';
import { recordResponses, residentBytes, startBare, wrk, type Load } from './servers';

const PATHS = ['/', '/customer', '/basket'];
const LOAD: Load = { connections: 64, seconds: Number(process.env.BENCH_SECONDS ?? 10) };
const MEMORY_REQUESTS = 100_000;
const HYDRATION_RUNS = Number(process.env.BENCH_HYDRATION_RUNS ?? 9);
const SHOP_PORT = 3200;
const MEMORY_SHOP_PORT = 3201;
const BARE_PORT = 3202;

test('measure the shop', async ({ browser }) => {
  const shop = await startShop(SHOP_PORT);
  let bareProcess: ChildProcess | undefined;
  try {
    const cookies = await shopperCookies(browser, shop.url);
    const cookie = cookieHeader(cookies);

    const recorded = join(tmpdir(), `cookie-shop-bench-${process.pid}`);
    await recordResponses(shop.url, PATHS, cookie, recorded);
    const yardstick = await startBare(BARE_PORT, recorded);
    bareProcess = yardstick.process;

    const throughput: Measurements['throughput'] = [];
    for (const path of PATHS) {
      // A short warm-up each, then the measured run, the shop and the bare server in turn.
      await wrk(shop.url + path, cookie, { ...LOAD, seconds: 2 });
      const shopResult = await wrk(shop.url + path, cookie, LOAD);
      await wrk(yardstick.url + path, cookie, { ...LOAD, seconds: 2 });
      const bareResult = await wrk(yardstick.url + path, cookie, LOAD);
      throughput.push({ path, shop: shopResult, bare: bareResult });
      console.log(`${path}: measured`);
    }

    // A fresh process, so its memory counts exactly these requests.
    const fresh = await startShop(MEMORY_SHOP_PORT);
    let memory: Measurements['memory'];
    try {
      const startBytes = residentBytes(fresh.process.pid!);
      // wrk runs for its whole duration even when its threads stop early,
      // so the requests go in one-second runs until there are enough.
      let requests = 0;
      for (let turn = 0; requests < MEMORY_REQUESTS; turn++) {
        const path = PATHS[turn % PATHS.length];
        const perThread = Math.ceil((MEMORY_REQUESTS - requests) / 2);
        requests += (await wrk(fresh.url + path, cookie, { ...LOAD, seconds: 1 }, perThread)).requests;
      }
      memory = { requests, startBytes, afterBytes: residentBytes(fresh.process.pid!) };
    } finally {
      await killShop(fresh);
    }
    console.log('memory: measured');

    const weight = { path: '/basket', files: await firstLoadWeight(browser, shop.url, '/basket', cookies) };
    const hydration = [];
    for (let run = 0; run < HYDRATION_RUNS; run++) {
      hydration.push(await hydrationRun(browser, shop.url, cookies));
    }

    const measurements: Measurements = {
      machine: {
        date: new Date().toISOString().slice(0, 10),
        cores: cpus().length,
        cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
        rustc: execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim(),
        chromium: browser.version(),
      },
      load: LOAD,
      throughput,
      memory,
      weight,
      hydration,
    };
    const report = renderReport(measurements);
    console.log(`\n${report}`);
    writeReport(join(repositoryRoot, 'docs', 'performance.md'), report);
  } finally {
    bareProcess?.kill('SIGTERM');
    await killShop(shop);
  }
});
