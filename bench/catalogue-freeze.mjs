// How long a site's catalogue blocks the host page while the widget loads it: the main
// thread's longest task and total blocking time (long tasks beyond 50 ms) from setting
// the `catalogue` attribute until its results show (rendering them included), with the
// catalogue in a Worker (the widget's way) and on the main thread (where no Worker can
// run), side by side in one headless Chromium at 4× CPU slowdown.
//   bash scripts/build.sh && node bench/catalogue-freeze.mjs [--mb 4] [--runs 3]
// The catalogue is the example site catalogue's document repeated under new keys.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const MB = opt('--mb', 4);
const RUNS = opt('--runs', 3);

const base = JSON.parse(readFileSync(join(ROOT, 'www/catalogues/example-catalogue.json'), 'utf8'));
const documents = [];
for (let i = 1; JSON.stringify(documents).length < MB * 1e6; i++) {
  const doc = structuredClone(base.documents[0]);
  doc.document.key += `-copy${i}`;
  if (i > 1) doc.attribute = [];
  documents.push(doc);
}
const catalogue = JSON.stringify({ ...base, documents });

const { server, url } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const rows = [];
for (const mode of ['worker', 'main thread']) {
  const gaps = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.route(`${url}/www/big-catalogue.json`, (route) => route.fulfill({ contentType: 'application/json', body: catalogue }));
    if (mode === 'main thread') await page.addInitScript(() => { Object.defineProperty(window, 'Worker', { value: undefined }); });
    await page.goto(`${url}/www/custom-catalogue.html`);
    await page.waitForFunction(() => document.querySelector('policy-matcher').result);
    // the main thread's long tasks from setting the attribute until the results show
    await page.evaluate(() => {
      window.__tasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e.duration); }).observe({ type: 'longtask' });
      document.querySelector('policy-matcher').setAttribute('catalogue', 'big-catalogue.json');
    });
    await page.waitForFunction(() => document.querySelector('policy-matcher').result?.results?.some((r) => r.id.includes('-copy')), null, { timeout: 120000 });
    await page.evaluate(() => new Promise((resolve) => { setTimeout(resolve, 200); }));
    gaps.push(await page.evaluate(() => ({ longest: Math.max(0, ...window.__tasks), blocking: window.__tasks.reduce((a, d) => a + d - 50, 0) })));
    await context.close();
  }
  const median = (xs) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
  rows.push({ mode, 'catalogue MB': (catalogue.length / 1e6).toFixed(1), 'longest task, median ms': median(gaps.map((g) => g.longest)), 'total blocking, median ms': median(gaps.map((g) => g.blocking)), 'longest per run': gaps.map((g) => Math.round(g.longest)).join(' ') });
}
console.table(rows);
await browser.close();
server.close();
