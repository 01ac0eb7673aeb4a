/**
 * Smaller host-page hazards: a Prototype-style Array.prototype.toJSON (export and share
 * must still write arrays), invalid region / as-of attributes (a `config` error and a note),
 * share links scoped to one widget by its element id, and a CSP with Trusted Types.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CSP } from '../../scripts/serve.mjs';
import { axe, describeViolations, newPage, open, setUp, waitForWidget, widget } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const PROFILE = { region: '350206', employees: 30, qualifications: ['specialized_sme'], entity_type: 'enterprise' };

describe('a Prototype-style Array.prototype.toJSON', () => {
  test('export and share still write arrays as arrays', async () => {
    const { page, context, problems } = await newPage(env, { acceptDownloads: true });
    await page.addInitScript(() => {
      // Prototype.js 1.6: an enumerable toJSON that returns the array's JSON as a string
      // eslint-disable-next-line no-extend-native
      Array.prototype.toJSON = function () { return `[${this.map((x) => JSON.stringify(x)).join(', ')}]`; };
    });
    await open(page, `${env.url}/www/index.html`);
    assert.equal(await page.evaluate(() => JSON.stringify({ a: ['x'] })), '{"a":"[\\"x\\"]"}', 'the page’s JSON.stringify is really corrupted');
    await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, PROFILE);
    await waitForWidget(page);

    const [download] = await Promise.all([page.waitForEvent('download'), widget(page, '#pm-export').click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(exported.profile.qualifications, ['specialized_sme']);
    assert.ok(Array.isArray(exported.results) && exported.results.length > 0, 'results is an array');
    assert.ok(exported.results.every((r) => typeof r === 'object' && !Array.isArray(r)));
    assert.ok(Array.isArray(exported.derived.size.possible ?? []));

    await widget(page, '#pm-share-button').click();
    const link = await widget(page, '#pm-share-link').inputValue();
    const shared = JSON.parse(Buffer.from(link.split('#pm=')[1], 'base64url').toString('utf8'));
    assert.deepEqual(shared.qualifications, ['specialized_sme']);
    assert.equal(shared.employees, 30);
    // the profile getter gives arrays too
    assert.equal(await page.evaluate(() => Array.isArray(document.querySelector('policy-matcher').profile.qualifications)), true);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

/** Opens index.html with its widget replaced by one with these attributes; returns the error events. */
async function openWith(page, attributes) {
  await page.addInitScript(() => {
    window.pmErrors = [];
    document.addEventListener('policy-matcher:error', (e) => window.pmErrors.push(e.detail));
  });
  await page.goto(`${env.url}/www/index.html`);
  await page.evaluate((attrs) => {
    const el = document.createElement('policy-matcher');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector('policy-matcher').replaceWith(el);
  }, attributes);
  await waitForWidget(page);
}

describe('invalid attributes', () => {
  for (const [name, attributes, expected] of [
    ['a region that is not 6 digits', { region: '35020' }, [['region', '35020']]],
    ['a 6-digit region that does not exist', { region: '999999' }, [['region', '999999']]],
    ['an as-of that is not a date', { 'as-of': '2025-02-30' }, [['as-of', '2025-02-30']]],
    ['both', { region: 'Xiamen', 'as-of': '1 June 2025' }, [['region', 'Xiamen'], ['as-of', '1 June 2025']]],
  ]) {
    test(`${name}: a config error event and a note in the widget`, async () => {
      const { page, context, problems } = await newPage(env);
      await openWith(page, attributes);
      const errors = await page.evaluate(() => window.pmErrors);
      assert.deepEqual(errors.map((e) => [e.code, e.attribute, e.value]), expected.map(([a, v]) => ['config', a, v]));
      assert.ok(errors.every((e) => e.message && e.message_en));
      const note = await widget(page, '[part~="config-error"]').textContent();
      for (const [attribute, value] of expected) assert.ok(note.includes(attribute) && note.includes(value), `the note names ${attribute}="${value}"`);
      // the widget still works: no lock, today
      assert.equal(await widget(page, '.region-lock').count(), 0);
      assert.ok(await widget(page, '#pm-q-region').count() > 0, 'the region question is asked');
      if (name === 'both') {
        const violations = await axe(page);
        assert.deepEqual(violations, [], describeViolations(violations));
        // reported once, not on every re-render
        await widget(page, '#pm-language').click();
        assert.match(await widget(page, '[part~="config-error"]').textContent(), /Page setting error/);
        assert.equal((await page.evaluate(() => window.pmErrors)).length, 2);
        // corrected: the note goes
        await page.evaluate(() => {
          const el = document.querySelector('policy-matcher');
          el.region = '350200';
          el.asOf = '2025-06-01';
        });
        await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.region-lock'));
        assert.equal(await widget(page, '[part~="config-error"]').count(), 0);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('valid attributes give no config error', async () => {
    const { page, context } = await newPage(env);
    await openWith(page, { region: '350200', 'as-of': '2025-06-01' });
    assert.deepEqual(await page.evaluate(() => window.pmErrors), []);
    assert.equal(await widget(page, '[part~="config-error"]').count(), 0);
    await context.close();
  });
});

describe('share links on a page with several widgets', () => {
  async function twoWidgets(page, path) {
    await page.route(`${env.url}${path}`, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': CSP },
      body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>two</title>
        <script type="module" src="/www/policy-matcher.js"></script></head><body><main><h1>two</h1>
        <section aria-label="企业"><policy-matcher id="firms"></policy-matcher></section>
        <section aria-label="个体户"><policy-matcher id="individuals"></policy-matcher></section></main></body></html>`,
    }));
  }
  const profiles = (page) => page.evaluate(() => [...document.querySelectorAll('policy-matcher')].map((el) => el.profile));
  const waitForBoth = (page) => page.waitForFunction(() => [...document.querySelectorAll('policy-matcher')].every((el) => el.shadowRoot?.querySelector('.groups .group')));

  test('a link made in one widget fills in only that widget', async () => {
    const { page, context, problems } = await newPage(env);
    await twoWidgets(page, '/www/two.html');
    await page.goto(`${env.url}/www/two.html`);
    await waitForBoth(page);
    await page.evaluate(() => { document.getElementById('individuals').profile = { employees: 3, revenue: 500000 }; });
    await page.locator('#individuals').locator('#pm-share-button').click();
    const link = await page.locator('#individuals').locator('#pm-share-link').inputValue();
    assert.match(link, /#pm:individuals=/);

    await page.goto('about:blank');
    await page.goto(link);
    await waitForBoth(page);
    assert.deepEqual(await profiles(page), [{}, { employees: 3, revenue: 500000 }]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an unscoped #pm= link fills in no widget that has an id on a page with several', async () => {
    const { page, context } = await newPage(env);
    await twoWidgets(page, '/www/two.html');
    const fragment = Buffer.from(JSON.stringify({ employees: 5 })).toString('base64url');
    await page.goto(`${env.url}/www/two.html#pm=${fragment}`);
    await waitForBoth(page);
    assert.deepEqual(await profiles(page), [{}, {}]);
    await context.close();
  });

  test('an unscoped #pm= link still fills in a page’s only widget, with or without an id', async () => {
    const { page, context } = await newPage(env);
    const fragment = Buffer.from(JSON.stringify({ employees: 5 })).toString('base64url');
    await open(page, `${env.url}/www/index.html#pm=${fragment}`);
    assert.deepEqual(await page.evaluate(() => document.querySelector('policy-matcher').profile), { employees: 5 });
    await context.close();
  });
});

describe('strict CSP with Trusted Types', () => {
  for (const [names, worker] of [['policy-matcher', true], ["'none'", false]]) {
    test(`a site catalogue, with trusted-types ${names}: ${worker ? 'in a Worker through the policy-matcher policy' : 'on the main thread'}`, async () => {
      const { page, context, problems } = await newPage(env);
      const workers = [];
      page.on('worker', (w) => workers.push(w.url()));
      await page.route(`${env.url}/www/trusted-types-catalogue.html`, (route) => route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': `${CSP}; require-trusted-types-for 'script'; trusted-types ${names}` },
        body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>tt</title>
          <script type="module" src="/www/policy-matcher.js"></script></head><body><main><h1>tt</h1>
          <policy-matcher catalogue="/www/catalogues/example-catalogue.json"><p>fallback</p></policy-matcher></main></body></html>`,
      }));
      await page.goto(`${env.url}/www/trusted-types-catalogue.html`);
      await waitForWidget(page);
      assert.equal(await widget(page, '[part~="catalogue-error"]').count(), 0);
      const ids = await page.evaluate(() => document.querySelector('policy-matcher').result.results.map((r) => r.id));
      assert.ok(ids.length && ids.every((id) => id.startsWith('hainan-2024/')), 'the site catalogue is used');
      assert.equal(workers.some((u) => u.endsWith('/catalogue-worker.js')), worker);
      if (worker) assert.deepEqual(problems, [], 'no Trusted Types or CSP violation, no error');
      // with 'none' the page refuses the policy itself: that one report, and nothing else
      else assert.ok(problems.every((p) => /trusted-types|Trusted Type|policy-matcher/i.test(p)), problems.join('\n'));
      await context.close();
    });
  }

  test('the widget, its share link, export and config note need no policy', async () => {
    const { page, context, problems } = await newPage(env, { acceptDownloads: true });
    await page.route(`${env.url}/www/trusted-types.html`, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': `${CSP}; require-trusted-types-for 'script'; trusted-types 'none'` },
      body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>tt</title>
        <script type="module" src="/www/policy-matcher.js"></script></head><body><main><h1>tt</h1>
        <policy-matcher as-of="2025-13-01"><p>fallback</p></policy-matcher></main></body></html>`,
    }));
    await page.goto(`${env.url}/www/trusted-types.html`);
    await waitForWidget(page);
    assert.equal(await widget(page, '.pm-failed').count(), 0);
    assert.equal(await widget(page, '[part~="config-error"]').count(), 1);
    await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, PROFILE);
    await waitForWidget(page);
    await Promise.all([page.waitForEvent('download'), widget(page, '#pm-export').click()]);
    await widget(page, '#pm-share-button').click();
    assert.match(await widget(page, '#pm-share-link').inputValue(), /#pm=/);
    assert.deepEqual(problems, [], 'no Trusted Types or CSP violation, no error');
    // the policy is really enforced on this page
    assert.equal(await page.evaluate(() => { try { document.createElement('div').innerHTML = '<b>x</b>'; return 'allowed'; } catch (e) { return e.name; } }), 'TypeError');
    await context.close();
  });
});
