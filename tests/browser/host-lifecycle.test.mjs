/**
 * The element's life on a real site: properties set before its script has loaded, the
 * package served from another directory (pkg-base), and the focus after a failed retry.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSP } from '../../scripts/serve.mjs';
import { activeElement, newPage, ROOT, setUp, tabTo, waitForWidget, widget } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

/** Serves an HTML page at a path, with the strict CSP. */
async function servePage(page, path, body) {
  await page.route(`${env.url}${path}`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': CSP },
    body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>host</title></head><body><main><h1>host</h1>${body}</main></body></html>`,
  }));
}

const MIME = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };

/** Serves a directory of the repository under another URL prefix (a site's own layout). */
async function serveDirectory(page, prefix, dir) {
  await page.route(`${env.url}${prefix}**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(prefix.length);
    const file = join(ROOT, dir, name);
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return route.fulfill({ status: 404, body: 'Not found' });
    }
    return route.fulfill({ status: 200, body, contentType: MIME[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' });
  });
}

describe('properties set before the element is upgraded', () => {
  test('region, asOf, lang, profile and pkgBase are applied and the setters keep working', async () => {
    const { page, context, problems } = await newPage(env);
    await servePage(page, '/www/late.html', '');
    await page.goto(`${env.url}/www/late.html`);
    await page.evaluate(async () => {
      const el = document.createElement('policy-matcher');
      // a page script that runs before the widget's module has loaded
      el.region = '350200';
      el.asOf = '2025-06-01';
      el.lang = 'en';
      el.pkgBase = '/pkg/';
      el.profile = { employees: 30, entity_type: 'enterprise' };
      document.querySelector('main').append(el);
      await import('/www/policy-matcher.js');
    });
    await waitForWidget(page);
    const state = await page.evaluate(() => {
      const el = document.querySelector('policy-matcher');
      return {
        own: Object.getOwnPropertyNames(el),
        attributes: ['region', 'as-of', 'lang', 'pkg-base'].map((a) => el.getAttribute(a)),
        profile: el.profile,
        asOf: el.result.as_of,
        lock: el.shadowRoot.querySelector('.region-lock')?.textContent,
        regionAsked: Boolean(el.shadowRoot.querySelector('#pm-q-region')),
        language: el.shadowRoot.querySelector('.pm').getAttribute('lang'),
      };
    });
    assert.deepEqual(state.own, [], 'no own property hides a setter');
    assert.deepEqual(state.attributes, ['350200', '2025-06-01', 'en', '/pkg/']);
    assert.deepEqual(state.profile, { employees: 30, entity_type: 'enterprise', region: '350200' });
    assert.equal(state.asOf, '2025-06-01');
    assert.match(state.lock, /Xiamen|厦门/);
    assert.equal(state.regionAsked, false);
    assert.equal(state.language, 'en');
    // the setters still work afterwards
    await page.evaluate(() => { document.querySelector('policy-matcher').region = null; });
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('#pm-q-region'));
    assert.equal(await page.evaluate(() => document.querySelector('policy-matcher').hasAttribute('region')), false);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('pkg-base: the package in another directory', () => {
  test('a site serving www/ as /assets/pm/ and pkg/ as /static/wasm/ names it with pkg-base', async () => {
    const { page, context, problems } = await newPage(env);
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await serveDirectory(page, '/assets/pm/', 'www');
    await serveDirectory(page, '/static/wasm/', 'pkg');
    await servePage(page, '/site/page.html',
      '<script type="module" src="/assets/pm/policy-matcher.js"></script><policy-matcher pkg-base="/static/wasm"><p>fallback</p></policy-matcher>');
    await page.goto(`${env.url}/site/page.html`);
    await waitForWidget(page);
    assert.equal(await widget(page, '.pm-failed').count(), 0, 'the widget loads');
    assert.ok(requests.includes('/static/wasm/policy_matcher_bg.wasm'));
    assert.deepEqual(requests.filter((p) => p.startsWith('/pkg/') || p.startsWith('/assets/pkg/')), [], 'nothing from a default location');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('without pkg-base that layout fails with a message, and setting pkg-base then loads it', async () => {
    const { page, context } = await newPage(env);
    await serveDirectory(page, '/assets/pm/', 'www');
    await serveDirectory(page, '/static/wasm/', 'pkg');
    await servePage(page, '/site/page.html',
      '<script type="module" src="/assets/pm/policy-matcher.js"></script><policy-matcher><p>fallback</p></policy-matcher>');
    const errors = [];
    await page.exposeFunction('recordError', (detail) => errors.push(detail));
    await page.addInitScript(() => document.addEventListener('policy-matcher:error', (e) => window.recordError({ code: e.detail.code })));
    await page.goto(`${env.url}/site/page.html`);
    await waitForWidget(page);
    assert.match(await widget(page, '.pm-failed [role="alert"]').textContent(), /未能加载/);
    assert.equal(errors.at(-1)?.code, 'load');
    await page.evaluate(() => document.querySelector('policy-matcher').setAttribute('pkg-base', '/static/wasm/'));
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.groups .group'));
    await context.close();
  });
});

describe('server settings', () => {
  test('a wasm served without application/wasm still loads, more slowly, with a console warning', async () => {
    const { page, context } = await newPage(env);
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.route('**/pkg/policy_matcher_bg.wasm', (route) => route.fulfill({
      status: 200, contentType: 'application/octet-stream', body: readFileSync(join(ROOT, 'pkg', 'policy_matcher_bg.wasm')),
    }));
    await page.goto(`${env.url}/www/index.html`);
    await waitForWidget(page);
    assert.equal(await widget(page, '.pm-failed').count(), 0, 'the widget loads');
    assert.ok(warnings.some((w) => w.includes('application/wasm')), 'the README’s MIME advice is visible in the console');
    await context.close();
  });
});

describe('focus after "try again"', () => {
  test('a failed retry leaves the focus on the retry button, a successful one in the questionnaire', async () => {
    const { page, context } = await newPage(env);
    await page.route('**/pkg/policy_matcher_bg.wasm', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.goto(`${env.url}/www/index.html`);
    await waitForWidget(page);
    await tabTo(page, 'pm-retry');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.pm-failed #pm-retry'));
    await page.waitForFunction(() => document.activeElement?.localName === 'policy-matcher');
    assert.equal((await activeElement(page)).id, 'pm-retry', 'not the page’s <body>');

    await page.unroute('**/pkg/policy_matcher_bg.wasm');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.groups .group'));
    const active = await activeElement(page);
    assert.equal(await page.evaluate(() => document.activeElement?.localName), 'policy-matcher', 'the focus is inside the widget');
    assert.equal(active.tag, 'h2');
    assert.match(active.text, /^企业在哪里/, 'the first step’s heading (progress is no longer a page number: issue 9)');
    await context.close();
  });
});
