import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const rows = [];
for (let i = 0; i < 15; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const t = (window.__t = {});
    const inst = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...a) => { t.instStart = performance.now(); const r = await inst(...a); t.instEnd = performance.now(); return r; };
    new MutationObserver(() => { if (!t.hyd && document.body?.hasAttribute('data-hydrated')) t.hyd = performance.now(); }).observe(document, { attributes: true, subtree: true });
  });
  await page.goto('http://127.0.0.1:3200' + (process.argv[2] ?? '/basket'));
  await page.waitForFunction(() => window.__t.hyd);
  rows.push(await page.evaluate(() => { const t = window.__t; const w = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm')); return { wasm: w.responseEnd, ...t }; }));
  await context.close();
}
const med = (k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return Math.round(v[7]); };
const medd = (f) => { const v = rows.map(f).sort((a, b) => a - b); return Math.round(v[7]); };
console.log(process.argv[2], 'wasm', med('wasm'), 'instStart', med('instStart'), 'compile', medd((r) => r.instEnd - r.instStart), 'hydrate', medd((r) => r.hyd - r.instEnd), 'hydrated', med('hyd'));
await browser.close();
