/**
 * A widget in a sandboxed iframe without allow-forms: Next and Enter move between steps
 * (buttons and key handling, no form submission); without allow-same-origin, where storage
 * throws, ticking "remember" unticks itself and says why.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newPage, SCREENSHOTS, setUp } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const PAGE = '/tests/browser/pages/iframe-sandbox.html';

/**
 * An opaque-origin frame loads module scripts and the wasm with CORS: the recipe in the
 * README has the server send Access-Control-Allow-Origin for them; the test server does not,
 * so the test adds the header.
 */
async function allowCors(page) {
  await page.route(`${env.url}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
  });
}

async function frameOf(page, id) {
  const frame = await (await page.$(`#${id}`)).contentFrame();
  await frame.waitForFunction(() => document.querySelector('policy-matcher')?.shadowRoot?.querySelector('.groups .group, .pm-failed'), null, { timeout: 20000 });
  return frame;
}

function step(frame) {
  return frame.evaluate(() => {
    const root = document.querySelector('policy-matcher').shadowRoot;
    return [...root.querySelectorAll('fieldset.step')].find((s) => !s.hidden).getAttribute('data-step');
  });
}

describe('a sandboxed iframe without allow-forms', () => {
  test('Next and Enter move between steps', async () => {
    const { page, context, problems } = await newPage(env);
    await allowCors(page);
    await page.goto(`${env.url}${PAGE}`);
    const frame = await frameOf(page, 'same-origin');
    const widget = (selector) => page.frameLocator('#same-origin').locator('policy-matcher').locator(selector);
    assert.equal(await frame.evaluate(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.pm-failed')), null);
    assert.equal(await step(frame), 'location');
    await widget('#pm-next').click();
    assert.equal(await step(frame), 'activity', 'the Next button moves on');

    await widget('#pm-step-nav-size').click();
    await widget('#pm-q-employees').click();
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');
    assert.equal(await step(frame), 'qualifications', 'Enter in a field moves on');
    assert.equal(await frame.evaluate(() => document.querySelector('policy-matcher').profile.employees), 30);

    // Enter on the last step goes to the results, as Next does
    await widget('#pm-step-nav-specifics').click();
    await widget('#pm-next').click();
    const focused = await frame.evaluate(() => document.querySelector('policy-matcher').shadowRoot.activeElement?.id);
    assert.equal(focused, 'pm-results-title');
    assert.deepEqual(problems.filter((p) => /form submission|allow-forms/i.test(p)), [], 'no blocked form submission');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Enter while an input method is composing does not move on', async () => {
    const { page, context } = await newPage(env);
    await allowCors(page);
    await page.goto(`${env.url}${PAGE}`);
    const frame = await frameOf(page, 'same-origin');
    const moved = await frame.evaluate(() => {
      const root = document.querySelector('policy-matcher').shadowRoot;
      const input = root.querySelector('#pm-q-region');
      input.focus();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, composed: true, cancelable: true }));
      return [...root.querySelectorAll('fieldset.step')].find((s) => !s.hidden).getAttribute('data-step');
    });
    assert.equal(moved, 'location');
    await context.close();
  });

  test('without allow-same-origin, "remember" unticks itself and says why', async () => {
    const { page, context, problems } = await newPage(env);
    await allowCors(page);
    await page.goto(`${env.url}${PAGE}`);
    const frame = await frameOf(page, 'opaque');
    const widget = (selector) => page.frameLocator('#opaque').locator('policy-matcher').locator(selector);
    assert.equal(await frame.evaluate(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.pm-failed')?.textContent ?? null), null, 'the widget loads');
    assert.equal(await frame.evaluate(() => { try { return typeof window.localStorage; } catch (e) { return e.name; } }), 'SecurityError', 'storage throws in this frame');
    const box = widget('#pm-remember');
    await box.scrollIntoViewIfNeeded();
    await box.click();
    assert.equal(await box.isChecked(), false, 'the box is unticked again');
    assert.match(await widget('#pm-remember-hint').textContent(), /不允许此页面在本设备上保存.*没有保存/);
    // it stays so while the visitor answers
    await widget('#pm-step-nav-size').click();
    await widget('#pm-q-employees').fill('12');
    await frame.waitForFunction(() => document.querySelector('policy-matcher').profile.employees === 12);
    assert.equal(await box.isChecked(), false);
    assert.match(await widget('#pm-remember-hint').textContent(), /没有保存/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await widget('.tools').screenshot({ path: join(SCREENSHOTS, 'host-iframe-remember-refused.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
