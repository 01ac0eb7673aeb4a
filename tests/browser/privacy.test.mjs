/**
 * Privacy and saving: nothing leaves the page's origin, no request carries an answer,
 * nothing is stored without consent; the share link, the JSON export and "remember".
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { completeWithKeyboard, fixtures, newPage, open, setUp, tabTo, waitForWidget, widget } from './helpers.mjs';

const FIXTURE = fixtures()[0];
let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

/** Answer values distinctive enough to spot in a request (codes, dates, large numbers). */
function tracesOf(profile) {
  return Object.values(profile).flat()
    .filter((v) => (typeof v === 'string' && v.length >= 4) || (typeof v === 'number' && Math.abs(v) >= 1000))
    .map(String);
}

test('after load no request leaves the origin or carries the answers; nothing is stored', async () => {
  const { page, context, problems } = await newPage(env, { acceptDownloads: true });
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), body: r.postData() ?? '' }));
  await open(page, `${env.url}/www/index.html`, { asOf: FIXTURE.as_of });
  const loaded = requests.length;

  await completeWithKeyboard(page, FIXTURE.profile);
  await page.evaluate(() => {
    for (const d of document.querySelector('policy-matcher').shadowRoot.querySelectorAll('details')) d.open = true;
  });
  await widget(page, '#pm-share-button').click();
  const download = page.waitForEvent('download');
  await widget(page, '#pm-export').click();
  await download;

  const origin = new URL(env.url).origin;
  const foreign = requests.filter((r) => !r.url.startsWith('blob:') && new URL(r.url).origin !== origin);
  assert.deepEqual(foreign, [], 'every request stays on the page’s origin');
  const traces = tracesOf(FIXTURE.profile);
  const carrying = requests.filter((r) => traces.some((t) => decodeURIComponent(r.url).includes(t) || r.body.includes(t)));
  assert.deepEqual(carrying, [], 'no request carries an answer');
  assert.deepEqual(requests.slice(loaded).filter((r) => !r.url.startsWith('blob:')), [], 'answering makes no request at all');

  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '' }, 'nothing stored without consent');
  assert.equal(new URL(page.url()).hash, '', 'the address keeps no answers unless the visitor uses a share link');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the share link carries the answers in its fragment only, and restores them', async () => {
  const { page, context } = await newPage(env);
  await open(page, `${env.url}/www/index.html`, { asOf: FIXTURE.as_of });
  await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, FIXTURE.profile);
  await tabTo(page, 'pm-share-button');
  await page.keyboard.press('Enter');
  const link = await widget(page, '#pm-share-link').inputValue();
  const url = new URL(link);
  assert.equal(url.search, '', 'no query string: the server never sees the answers');
  assert.match(url.hash, /^#pm=/);

  const second = await newPage(env);
  const requests = [];
  second.page.on('request', (r) => requests.push(r.url()));
  await second.page.goto(link);
  await waitForWidget(second.page);
  await second.page.evaluate((d) => document.querySelector('policy-matcher').setAttribute('as-of', d), FIXTURE.as_of);
  const profile = await second.page.evaluate(() => document.querySelector('policy-matcher').profile);
  assert.deepEqual(profile, FIXTURE.profile, 'the link restores every answer');
  assert.ok(requests.every((r) => !r.includes('#') && !r.includes('pm=')), 'the fragment is never requested');
  await second.context.close();
  await context.close();
});

test('the JSON export holds the answers and the results', async () => {
  const { page, context } = await newPage(env, { acceptDownloads: true });
  await open(page, `${env.url}/www/index.html`, { asOf: FIXTURE.as_of });
  await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, FIXTURE.profile);
  const downloading = page.waitForEvent('download');
  await widget(page, '#pm-export').click();
  const file = await downloading;
  assert.match(file.suggestedFilename(), /^policy-matcher-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.deepEqual(data.profile, FIXTURE.profile);
  assert.equal(data.as_of, FIXTURE.as_of);
  for (const id of FIXTURE.expect.eligible ?? []) {
    assert.equal(data.results.find((r) => r.id === id)?.status, 'eligible', `${id} exported as eligible`);
  }
  await context.close();
});

test('answers are remembered on this device only while the visitor consents', async () => {
  const { page, context } = await newPage(env);
  await open(page, `${env.url}/www/index.html`, { asOf: FIXTURE.as_of });
  await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, FIXTURE.profile);
  assert.equal(await widget(page, '#pm-remember').isChecked(), false, 'off by default');
  assert.equal(await page.evaluate(() => localStorage.length), 0);

  await tabTo(page, 'pm-remember');
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => localStorage.length), 1, 'stored once consented');
  await page.reload();
  await waitForWidget(page);
  assert.equal(await widget(page, '#pm-remember').isChecked(), true);
  const profile = await page.evaluate(() => document.querySelector('policy-matcher').profile);
  assert.deepEqual(profile, FIXTURE.profile, 'restored after a reload');

  await tabTo(page, 'pm-remember');
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'deleted when consent is withdrawn');
  await context.close();
});
