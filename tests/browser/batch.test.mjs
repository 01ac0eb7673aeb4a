/**
 * The batch page (www/batch.html): a register chosen in the page is matched in a Web
 * Worker with the batch wasm; the downloads equal the CLI's output on the same file; no
 * request carries the file; the page is axe clean; a 100,000-row file leaves the page
 * responsive and reports progress in chunks.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, axe, describeViolations, newPage, screenshot, setUp } from './helpers.mjs';

const CLI = process.env.POLICY_MATCHER_CLI ?? join(ROOT, 'target/release/policy-matcher');
const AS_OF = '2024-06-01';
const REGISTER = '\ufeff企业名称,统一社会信用代码,所在地,行业代码,从业人员,营业收入（万元）,资产总额（万元）,成立日期,资质\n'
  + '厦门测试电子,91350200TESTAAA1X,350203,C39,80,6000,3000,2019/5/1,高新技术企业;专精特新中小企业\n'
  + '海口测试软件,91460100TESTBBB2Y,460100,I65,40,800,500,2021-03-01,专精特新中小企业\n'
  + '类型错误行,91350200TESTCCC3Z,350203,C39,八十,6000,3000,2019-05-01,\n'
  + '"引号未闭合,91350200TESTDDD4W,350203,C39,10,100,50,2019-05-01,\n'
  + '西宁测试铝业,91630100TESTEEE5V,630102,C32,300,50000,80000,2010-01-01,无\n'
  + '长沙测试机械,91430100TESTFFF6U,430102,C34,15,900,600,2016-08-08,\n'
  + '湖里测试商贸,91350206TESTGGG7T,湖里区,F52,12,600万,300,20200101,\n'
  + '无地区测试,91350200TESTHHH8S,,C39,80,6000,3000,2019-05-01,\n';

let env;
let dir;
before(async () => {
  env = await setUp();
  dir = mkdtempSync(join(tmpdir(), 'pm-batch-'));
});
after(async () => { await env?.close(); });

function cli(args, file) {
  const r = spawnSync(CLI, ['batch', '--as-of', AS_OF, ...args, file], { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.ok(r.status === 0 || r.status === 1, `the CLI ran: ${r.stderr}`);
  return r;
}

async function download(page, selector) {
  const waiting = page.waitForEvent('download');
  await page.click(selector);
  const d = await waiting;
  return readFileSync(await d.path(), 'utf8');
}

test('a register is matched in the page: downloads equal the CLI, nothing is sent, axe clean', async () => {
  const file = join(dir, 'register.csv');
  writeFileSync(file, REGISTER);
  const { page, context, problems } = await newPage(env, { acceptDownloads: true });
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
  await page.goto(`${env.url}/www/batch.html`);
  assert.match(await page.locator('#privacy').innerText(), /文件不会离开您的电脑/);
  await page.fill('#as-of', AS_OF);
  await page.setInputFiles('#file', { name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(REGISTER) });
  await page.waitForSelector('#results:not([hidden])', { timeout: 60000 });
  assert.match(await page.locator('#summary').innerText(), /共 8 家企业/);
  // The row without a region is counted once and kept off regional lists (note column).
  assert.match(await page.locator('#summary').innerText(), /1 家企业没有可用的所在地/);

  const pageResults = await download(page, '#download-results');
  const cliResults = cli(['--format', 'csv'], file).stdout;
  assert.equal(pageResults, cliResults, 'the per-enterprise results are the CLI’s, byte for byte');
  assert.match(pageResults, /第4行|引号/);

  const xlsx = await (async () => {
    const waiting = page.waitForEvent('download');
    await page.click('#download-xlsx');
    const d = await waiting;
    assert.equal(d.suggestedFilename(), 'matching-results.xlsx');
    return readFileSync(await d.path());
  })();
  assert.equal(xlsx.subarray(0, 4).toString('binary'), 'PK\x03\x04', 'the XLSX download is a workbook');
  // Read back by the CLI's own XLSX reader: as many data rows as the CSV results.
  const xlsxFile = join(dir, 'results.xlsx');
  writeFileSync(xlsxFile, xlsx);
  assert.match(cli([], xlsxFile).stderr, /8 rows/);

  const listsDir = join(dir, 'lists');
  cli(['--format', 'csv', '--by-measure', listsDir, '-o', join(dir, 'out.csv')], file);
  assert.equal(await download(page, '#download-index'), readFileSync(join(listsDir, 'index.csv'), 'utf8'), 'the index is the CLI’s');
  const links = await page.locator('a[data-measure]').evaluateAll((as) => as.map((a) => a.download));
  assert.ok(links.length >= 5, `several measures have enterprises to contact (${links.length})`);
  for (const name of links.slice(0, 3)) {
    const fromPage = await download(page, `a[download="${name}"]`);
    assert.equal(fromPage, readFileSync(join(listsDir, name), 'utf8'), `push list ${name} is the CLI’s`);
  }

  const origin = new URL(env.url).origin;
  const traces = ['91350200TESTAAA1X', '厦门测试电子', '91630100TESTEEE5V', encodeURIComponent('厦门测试电子')];
  assert.deepEqual(requests.filter((r) => !r.url.startsWith('blob:') && new URL(r.url).origin !== origin), [], 'every request stays on the origin');
  assert.deepEqual(requests.filter((r) => r.method !== 'GET' || r.body), [], 'no request sends a body');
  assert.deepEqual(requests.filter((r) => traces.some((t) => r.url.includes(t))), [], 'no request carries the file');

  const violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await screenshot(page, 'batch-results', { fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('100,000 rows run in the worker: progress in chunks, the page stays responsive', async () => {
  const lines = ['所在地,行业代码,从业人员,营业收入'];
  const regions = ['350203', '460100', '430102', '630102', '440305', '110105'];
  for (let i = 0; i < 100000; i += 1) lines.push(`${regions[i % 6]},C39,${(i % 500) + 1},${(i % 997) * 10000}`);
  const { page, context, problems } = await newPage(env);
  await page.goto(`${env.url}/www/batch.html`);
  await page.fill('#as-of', AS_OF);
  await page.evaluate(() => {
    window.statusTexts = [];
    new MutationObserver(() => window.statusTexts.push(document.getElementById('status').textContent))
      .observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true });
  });
  await page.setInputFiles('#file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
  let slowest = 0;
  while (await page.locator('#results').isHidden()) {
    const t = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    slowest = Math.max(slowest, Date.now() - t);
    if (slowest > 60000) break;
  }
  assert.match(await page.locator('#summary').innerText(), /共 100,000 家企业/);
  const progressTexts = await page.evaluate(() => window.statusTexts.filter((s) => s.startsWith('已匹配')));
  assert.ok(progressTexts.length >= 2, `progress is reported while it runs (${progressTexts.length} updates)`);
  assert.ok(slowest < 2000, `the page kept painting frames (slowest ${slowest} ms)`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a default region for rows without one: the page gives what the CLI gives with --region; a bad one is said', async () => {
  const file = join(dir, 'register-region.csv');
  writeFileSync(file, REGISTER);
  const { page, context, problems } = await newPage(env, { acceptDownloads: true });
  await page.goto(`${env.url}/www/batch.html`);
  await page.fill('#as-of', AS_OF);
  await page.fill('#region', '湖里区');
  await page.setInputFiles('#file', { name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(REGISTER) });
  await page.waitForSelector('#results:not([hidden])', { timeout: 60000 });
  assert.doesNotMatch(await page.locator('#summary').innerText(), /没有可用的所在地/);
  const pageResults = await download(page, '#download-results');
  assert.equal(pageResults, cli(['--format', 'csv', '--region', '湖里区'], file).stdout, 'the results are the CLI’s with --region');
  assert.notEqual(pageResults, cli(['--format', 'csv'], file).stdout, 'the region changed something');

  await page.fill('#region', '长沙');
  await page.click('#start');
  await page.waitForFunction(() => document.querySelector('#file-problems')?.textContent.includes('不唯一'), null, { timeout: 60000 });
  assert.match(await page.locator('#file-problems').innerText(), /430121/);
  const violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  assert.deepEqual(problems, []);
  await context.close();
});
