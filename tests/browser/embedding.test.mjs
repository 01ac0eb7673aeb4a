/**
 * Embedding: the strict CSP, region lock, a site's own catalogue (valid, invalid, with
 * HTML in its texts), the wasm failing to load, events for the host, nothing leaked.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSP } from '../../scripts/serve.mjs';
import { answerWithKeyboard, idsInGroup, newPage, open, openStep, ROOT, screenshot, setUp, waitForWidget, widget } from './helpers.mjs';

const EXAMPLE_CATALOGUE = join(ROOT, 'www', 'catalogues', 'example-catalogue.json');

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

/** Opens index.html with the demo's element replaced by one with these attributes. */
async function openWith(page, attributes) {
  await page.goto(`${env.url}/www/index.html`);
  await page.evaluate((attrs) => {
    const el = document.createElement('policy-matcher');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.append(Object.assign(document.createElement('p'), { className: 'fallback-text', textContent: '请查阅政策文件' }));
    document.querySelector('policy-matcher').replaceWith(el);
  }, attributes);
  await waitForWidget(page);
}

describe('strict Content-Security-Policy', () => {
  test('the demo page is served with it and the widget works under it', async () => {
    const { page, context, problems } = await newPage(env);
    const response = await page.goto(`${env.url}/www/index.html`);
    assert.equal(response.headers()['content-security-policy'], CSP);
    await waitForWidget(page);
    assert.ok(await widget(page, '.groups .overview').count(), 'the overview renders before any answer');
    await openStep(page, 'size');
    await answerWithKeyboard(page, 'employees', 30);
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.employees === 30);
    assert.deepEqual(problems, [], 'no errors and no CSP violations');
    await context.close();
  });

  test('nothing leaks into the host page: no globals, no document styles', async () => {
    const { page, context } = await newPage(env);
    await page.route(`${env.url}/www/blank.html`, (route) => route.fulfill({
      contentType: 'text/html', headers: { 'Content-Security-Policy': CSP },
      body: '<!DOCTYPE html><html lang="zh-CN"><head><title>blank</title></head><body><p id="host">host</p></body></html>',
    }));
    await page.goto(`${env.url}/www/blank.html`);
    const before = await page.evaluate(() => Object.getOwnPropertyNames(window));
    const hostStyle = await page.evaluate(() => getComputedStyle(document.getElementById('host')).cssText || getComputedStyle(document.getElementById('host')).font);
    await page.evaluate(async () => {
      await import('/www/policy-matcher.js');
      document.body.append(document.createElement('policy-matcher'));
    });
    await waitForWidget(page);
    const added = await page.evaluate((names) => Object.getOwnPropertyNames(window).filter((n) => !names.includes(n)), before);
    assert.deepEqual(added, [], 'no new globals');
    assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length + document.styleSheets.length), 0, 'no styles added to the document');
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('host')).cssText || getComputedStyle(document.getElementById('host')).font), hostStyle);
    // loading the entry twice does not throw (guarded define)
    await page.evaluate(() => import('/www/policy-matcher.js?again'));
    await context.close();
  });
});

describe('region lock', () => {
  test('region="350200" asks no region and matches for Xiamen only', async () => {
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}/www/region-locked.html`);
    assert.equal(await widget(page, '#pm-q-region').count(), 0, 'the region question is not asked');
    assert.match(await widget(page, '.region-lock').textContent(), /厦门/);
    const profile = await page.evaluate(() => document.querySelector('policy-matcher').profile);
    assert.equal(profile.region, '350200');
    await page.evaluate(() => { document.querySelector('policy-matcher').profile = { region: '350200', employees: 30 }; });
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('[data-group="might_fit"] [data-measure-id]'));
    const fitting = [...await idsInGroup(page, 'fits'), ...await idsInGroup(page, 'might_fit')];
    assert.ok(fitting.length > 0, 'some measures may fit');
    const elsewhere = fitting.filter((id) => /^(hainan|hunan|qinghai|guangdong)/.test(id));
    assert.deepEqual(elsewhere, [], 'no measure of another province fits');
    await screenshot(page, 'zh-region-locked');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a shared link cannot move a locked widget to another region', async () => {
    const { page, context } = await newPage(env);
    const fragment = Buffer.from(JSON.stringify({ region: '460100', employees: 5 })).toString('base64url');
    await page.goto(`${env.url}/www/region-locked.html#pm=${fragment}`);
    await waitForWidget(page);
    const profile = await page.evaluate(() => document.querySelector('policy-matcher').profile);
    assert.equal(profile.region, '350200');
    assert.equal(profile.employees, 5);
    await context.close();
  });
});

describe('a site’s own catalogue', () => {
  test('a valid catalogue replaces the built-in one', async () => {
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}/www/custom-catalogue.html`);
    assert.equal(await widget(page, '[part~="catalogue-error"]').count(), 0, 'no warning');
    const ids = await page.evaluate(() => document.querySelector('policy-matcher').result.results.map((r) => r.id));
    const expected = JSON.parse(readFileSync(EXAMPLE_CATALOGUE, 'utf8'));
    const keys = expected.documents.map((d) => d.document.key);
    assert.ok(ids.length > 0);
    assert.ok(ids.every((id) => keys.includes(id.split('/')[0])), `only the site's documents (${keys.join(', ')})`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('it is loaded and matched in a Worker, answer by answer, without blocking the page', async () => {
    const { page, context, problems } = await newPage(env);
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.addInitScript(() => {
      // count the answers sent to the Worker
      window.matchesSent = 0;
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, ...rest) {
        if (message?.type === 'match') window.matchesSent += 1;
        return post.call(this, message, ...rest);
      };
    });
    await open(page, `${env.url}/www/custom-catalogue.html`);
    assert.ok(workers.some((url) => url.endsWith('/www/lib/catalogue-worker.js')), `a catalogue worker ran (${workers.join(', ')})`);
    assert.equal(await page.evaluate(() => window.matchesSent), 1, 'loading asks the Worker once, not again for the first render');
    await page.evaluate(() => { document.querySelector('policy-matcher').profile = { region: '460100', employees: 30 }; });
    await waitForWidget(page);
    const out = await page.evaluate(() => document.querySelector('policy-matcher').result);
    assert.ok(out.results.length > 0 && out.results.every((r) => r.id.startsWith('hainan-2024/')), 'matched against the site catalogue');
    // the same answers through the package on the main thread give the same output
    const direct = await page.evaluate(async (text) => {
      const mod = await import('/pkg/policy_matcher.js');
      await mod.default({ module_or_path: '/pkg/policy_matcher_bg.wasm' });
      const el = document.querySelector('policy-matcher');
      return mod.loadCatalogue(text).catalogue.matchProfile(el.profile, { as_of: el.result.as_of });
    }, readFileSync(EXAMPLE_CATALOGUE, 'utf8'));
    assert.deepEqual(out.results.map((r) => [r.id, r.status, r.standing]), direct.results.map((r) => [r.id, r.status, r.standing]));
    assert.deepEqual(problems, [], 'no errors, no CSP violations');
    await context.close();
  });

  test('where no Worker can run, it is loaded on the main thread', async () => {
    const { page, context, problems } = await newPage(env);
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.addInitScript(() => { Object.defineProperty(window, 'Worker', { value: undefined }); });
    await open(page, `${env.url}/www/custom-catalogue.html`);
    assert.deepEqual(workers, []);
    assert.equal(await widget(page, '[part~="catalogue-error"]').count(), 0, 'no warning');
    await page.evaluate(() => { document.querySelector('policy-matcher').profile = { region: '460100' }; });
    await waitForWidget(page);
    const ids = await page.evaluate(() => document.querySelector('policy-matcher').result.results.map((r) => r.id));
    assert.ok(ids.length > 0 && ids.every((id) => id.startsWith('hainan-2024/')));
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const [name, body, status] of [
    ['not JSON', '<html>not found</html>', 200],
    ['the wrong shape', '{"documents": [{"document": {"key": 3}}]}', 200],
    ['missing (404)', 'Not found', 404],
  ]) {
    test(`an invalid catalogue (${name}) shows a clear message and falls back`, async () => {
      const { page, context } = await newPage(env);
      await page.route(`${env.url}/www/bad-catalogue.json`, (route) => route.fulfill({ status, contentType: 'application/json', body }));
      const errors = [];
      await page.exposeFunction('recordError', (detail) => errors.push(detail));
      await page.addInitScript(() => document.addEventListener('policy-matcher:error', (e) => window.recordError(e.detail)));
      await openWith(page, { catalogue: 'bad-catalogue.json' });
      const notice = widget(page, '[part~="catalogue-error"]');
      assert.equal(await notice.getAttribute('role'), 'alert');
      assert.match(await notice.textContent(), /bad-catalogue\.json.*无法使用.*已改用内置政策目录/s);
      assert.ok(await page.evaluate(() => document.querySelector('policy-matcher').result.results.some((r) => r.id.startsWith('fujian-xiamen/'))), 'the built-in catalogue is used');
      assert.equal(errors.at(-1)?.code, 'catalogue');
      if (name === 'the wrong shape') await screenshot(page, 'zh-catalogue-invalid');
      await context.close();
    });
  }

  test('HTML and script in a catalogue’s texts are shown as text', async () => {
    const { page, context, problems } = await newPage(env);
    const catalogue = JSON.parse(readFileSync(EXAMPLE_CATALOGUE, 'utf8'));
    const article = catalogue.documents[0].article[0];
    const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>粗体</b>';
    article.title = `${article.title}${evil}`;
    article.text = `${article.text}${evil}`;
    await page.route(`${env.url}/www/evil-catalogue.json`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(catalogue) }));
    await openWith(page, { catalogue: 'evil-catalogue.json' });
    assert.equal(await widget(page, '[part~="catalogue-error"]').count(), 0, 'the catalogue is accepted');
    await page.evaluate(() => { document.querySelector('policy-matcher').profile = { region: '460100' }; });
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.groups [data-measure-id]'));
    await page.evaluate(() => {
      for (const d of document.querySelector('policy-matcher').shadowRoot.querySelectorAll('details')) d.open = true;
    });
    const root = await page.evaluate(() => {
      const shadow = document.querySelector('policy-matcher').shadowRoot;
      return { imgs: shadow.querySelectorAll('img, script, b').length, text: shadow.textContent };
    });
    assert.equal(root.imgs, 0, 'no element made from catalogue text');
    assert.ok(root.text.includes(evil), 'the markup is shown literally');
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('failures', () => {
  for (const [name, fulfill] of [
    ['missing', { status: 404, body: 'Not found' }],
    ['corrupt', { status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm at all') }],
  ]) {
    test(`a ${name} wasm shows a message inside the element and the fallback content`, async () => {
      const { page, context } = await newPage(env);
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.route('**/pkg/policy_matcher_bg.wasm', (route) => route.fulfill(fulfill));
      await page.goto(`${env.url}/www/index.html`);
      await waitForWidget(page);
      const alert = widget(page, '[role="alert"]');
      assert.match(await alert.textContent(), /未能加载/);
      assert.ok(await page.locator('policy-matcher > p').isVisible(), 'the light-DOM fallback shows');
      assert.ok(await page.locator('h1').isVisible(), 'the host page is intact');
      assert.deepEqual(pageErrors, [], 'no uncaught error in the host page');
      if (name === 'missing') await screenshot(page, 'zh-wasm-failed');

      // "Try again" works once the wasm is back
      await page.unroute('**/pkg/policy_matcher_bg.wasm');
      await widget(page, '.pm-failed button').click();
      await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.groups'));
      assert.equal(await page.locator('policy-matcher > p').isVisible(), false, 'the fallback hides again');
      await context.close();
    });
  }
});

describe('events', () => {
  test('policy-matcher:change and policy-matcher:results bubble to the document with typed details', async () => {
    const { page, context } = await newPage(env);
    await page.addInitScript(() => {
      window.seen = [];
      for (const type of ['policy-matcher:change', 'policy-matcher:results']) {
        document.addEventListener(type, (e) => window.seen.push({ type, bubbles: e.bubbles, composed: e.composed, detail: JSON.parse(JSON.stringify(e.detail)) }));
      }
    });
    await open(page, `${env.url}/www/index.html`);
    await page.evaluate(() => { window.seen = []; });
    await openStep(page, 'size');
    await answerWithKeyboard(page, 'employees', 12);
    await page.waitForFunction(() => window.seen.some((e) => e.type === 'policy-matcher:results'));
    const seen = await page.evaluate(() => window.seen);
    const change = seen.find((e) => e.type === 'policy-matcher:change' && e.detail.profile.employees === 12);
    assert.ok(change, 'a change event carries the profile');
    assert.ok(change.bubbles && change.composed);
    const results = seen.filter((e) => e.type === 'policy-matcher:results').at(-1);
    assert.ok(results.bubbles && results.composed);
    assert.equal(typeof results.detail.counts.eligible, 'number');
    assert.ok(Array.isArray(results.detail.results));
    assert.match(await page.locator('[data-policy-matcher-status]').textContent(), /已找到符合的政策/);
    await context.close();
  });

  test('attributes are mirrored by properties', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    const mirrored = await page.evaluate(() => {
      const el = document.querySelector('policy-matcher');
      el.region = '350200';
      el.asOf = '2025-06-01';
      const a = [el.getAttribute('region'), el.getAttribute('as-of')];
      el.setAttribute('region', '460100');
      const b = el.region;
      el.region = null;
      return { a, b, hasRegion: el.hasAttribute('region') };
    });
    assert.deepEqual(mirrored, { a: ['350200', '2025-06-01'], b: '460100', hasRegion: false });
    await context.close();
  });
});
