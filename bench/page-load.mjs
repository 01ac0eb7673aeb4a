// The demo page as a visitor on a cheap phone meets it: headless Chromium at 4× CPU
// slowdown (CDP Emulation.setCPUThrottlingRate), a fresh context per run. Prints, per run
// and as medians: when the form is usable after navigation (its first question on
// screen), one answer to painted results (typing the number of employees), the layout
// shift (CLS) while loading, and the requests and gzip bytes the widget costs.
//   bash scripts/build.sh && node bench/page-load.mjs [--runs 5] [--rate 4] [--page www/index.html]
import { chromium } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { startServer } from '../scripts/serve.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const RUNS = Number(opt('--runs', 5));
const RATE = Number(opt('--rate', 4));
const PAGE = opt('--page', 'www/index.html');

const { server, url } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const runs = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  const requests = [];
  page.on('response', async (response) => {
    const u = response.url();
    if (!/\/(pkg|www\/lib|www\/policy-matcher)/.test(u)) return;
    try { requests.push({ url: u, gz: gzipSync(await response.body(), { level: 9 }).length }); } catch { /* redirected or aborted */ }
  });
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  const start = Date.now();
  await page.goto(`${url}/${PAGE}`, { waitUntil: 'commit' });
  // usable: the first question's control is on screen
  await page.waitForFunction(() => document.querySelector('policy-matcher')?.shadowRoot?.querySelector('form input, form select'), null, { polling: 'raf', timeout: 60000 });
  const usable = await page.evaluate(() => performance.now());
  await page.waitForLoadState('networkidle');
  // one answer to painted results: an input event, then the next frame after the results changed
  const answer = await page.evaluate(async () => {
    const el = document.querySelector('policy-matcher');
    const before = el.result;
    const t0 = performance.now();
    el.profile = { ...el.profile, region: '350203', employees: 30 };
    await new Promise((resolve) => { const check = () => (el.result !== before ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check)); check(); });
    return performance.now() - t0;
  });
  const cls = await page.evaluate(() => window.__cls);
  runs.push({ usable, answer, cls, requests: requests.length, gz: requests.reduce((a, r) => a + r.gz, 0), wall: Date.now() - start });
  await context.close();
}
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
console.table(runs.map((r) => ({ 'usable ms': Math.round(r.usable), 'answer→paint ms': Math.round(r.answer), CLS: r.cls.toFixed(3), requests: r.requests, 'gzip KiB': (r.gz / 1024).toFixed(0) })));
console.log(`medians at ${RATE}× CPU slowdown: usable ${Math.round(median('usable'))} ms after navigation, answer→paint ${Math.round(median('answer'))} ms, CLS ${median('cls').toFixed(3)}, ${median('requests')} requests, ${(median('gz') / 1024).toFixed(0)} KiB gzip`);
await browser.close();
server.close();
