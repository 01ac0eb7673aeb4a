/**
 * Older browsers: what the widget needs is checked before its code loads; a browser without
 * it keeps the light-DOM content and gets "请使用新版浏览器或切换到极速模式" (or the English),
 * and a policy-matcher:error { code: 'unsupported' }. Each missing feature is imitated by
 * removing it from this Chromium before the page's scripts run. No structuredClone is used.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { axe, describeViolations, newPage, open, openStep, answerWithKeyboard, ROOT, setUp } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

/** Each missing feature, imitated in an init script (runs before the page's own scripts). */
const OLD_BROWSERS = [
  ['wasm-reference-types', 'WebAssembly without reference types (Chrome < 96, Safari < 15.1)', () => {
    const validate = WebAssembly.validate;
    // an engine that rejects the externref value type (0x6f) but validates the rest
    WebAssembly.validate = (bytes) => !new Uint8Array(bytes.buffer ?? bytes).includes(0x6f) && validate(bytes);
  }],
  ['adopted-style-sheets', 'no constructable stylesheets (Firefox < 101, Safari < 16.4)', () => {
    delete ShadowRoot.prototype.adoptedStyleSheets;
  }],
  ['custom-elements', 'no custom elements', () => {
    Object.defineProperty(window, 'customElements', { value: undefined, configurable: true });
  }],
  ['es2022-array-at', 'no Array.prototype.at (Chrome < 92)', () => {
    delete Array.prototype.at;
  }],
];

describe('feature detection', () => {
  test('this Chromium has everything the widget needs', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    assert.deepEqual(await page.evaluate(async () => (await import('/www/lib/support.js')).missingFeatures()), []);
    assert.equal(await page.locator('.pm-unsupported').count(), 0);
    await context.close();
  });

  for (const [feature, name, imitate] of OLD_BROWSERS) {
    test(`${name}: the light-DOM content with a note, and an error event`, async () => {
      const { page, context, problems } = await newPage(env);
      const requests = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.addInitScript(imitate);
      await page.addInitScript(() => {
        window.pmErrors = [];
        document.addEventListener('policy-matcher:error', (e) => window.pmErrors.push(e.detail));
      });
      await page.goto(`${env.url}/www/index.html`);
      await page.waitForSelector('policy-matcher .pm-unsupported');
      const note = page.locator('policy-matcher .pm-unsupported');
      assert.match(await note.textContent(), /请使用新版浏览器或切换到极速模式/);
      assert.ok(await note.isVisible());
      assert.ok(await page.locator('policy-matcher > p', { hasText: '12345' }).isVisible(), 'the site’s own fallback content shows');
      const errors = await page.evaluate(() => window.pmErrors);
      assert.equal(errors.length, 1);
      assert.equal(errors[0].code, 'unsupported');
      assert.deepEqual(errors[0].missing, [feature]);
      assert.deepEqual(requests.filter((p) => p.startsWith('/pkg/') || p.endsWith('policy-matcher-element.js')), [], 'the widget’s code and the wasm are not even loaded');
      if (feature === 'wasm-reference-types') {
        const violations = await axe(page);
        assert.deepEqual(violations, [], describeViolations(violations));
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('on an English page the note is in English, and a widget added later gets it too', async () => {
    const { page, context } = await newPage(env);
    await page.addInitScript(OLD_BROWSERS[2][2]);
    await page.goto(`${env.url}/www/english.html`);
    await page.waitForSelector('policy-matcher .pm-unsupported');
    assert.match(await page.locator('.pm-unsupported').textContent(), /newer browser/);
    await page.evaluate(() => {
      const el = document.createElement('policy-matcher');
      el.id = 'later';
      document.querySelector('main').append(el);
    });
    await page.waitForSelector('#later .pm-unsupported');
    await context.close();
  });
});

describe('no structuredClone', () => {
  test('the widget works on a browser without it (Chrome < 98, Safari < 15.4)', async () => {
    const { page, context, problems } = await newPage(env);
    await page.addInitScript(() => { delete window.structuredClone; });
    await open(page, `${env.url}/www/index.html`);
    await openStep(page, 'size');
    await answerWithKeyboard(page, 'employees', 30);
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.employees === 30);
    const result = await page.evaluate(() => {
      const el = document.querySelector('policy-matcher');
      const a = el.result;
      a.results.length = 0;
      return { copy: el.result.results.length > 0, typeOfClone: typeof window.structuredClone };
    });
    assert.deepEqual(result, { copy: true, typeOfClone: 'undefined' }, 'result is a copy the page cannot change');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('nothing in www/ uses it', () => {
    const files = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(m?js|html)$/.test(name)) files.push(path);
      }
    };
    walk(join(ROOT, 'www'));
    assert.ok(files.length > 5);
    assert.deepEqual(files.filter((f) => readFileSync(f, 'utf8').includes('structuredClone(')), []);
  });
});
