/**
 * axe-core finds no violations in any state of the widget: empty, errors shown, results,
 * an expanded result, the on-demand groups open, English, phone width, large text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activeElement, answerWithKeyboard, axe, describeViolations, fixtures, newPage, open, openStep, screenshot, setUp, tabTo, waitForWidget, widget,
} from './helpers.mjs';

const FIXTURE = fixtures()[0];
let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

async function assertNoViolations(page, state) {
  const violations = await axe(page);
  assert.equal(violations.length, 0, `axe violations (${state}):\n${describeViolations(violations)}`);
}

async function withProfile(page) {
  await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, FIXTURE.profile);
  await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.group-fits [data-measure-id]'));
}

test('empty form', async () => {
  const { page, context } = await newPage(env);
  await open(page, `${env.url}/www/index.html`, { asOf: FIXTURE.as_of });
  await assertNoViolations(page, 'empty');
  await context.close();
});

test('errors shown: the summary takes focus and links to the field', async () => {
  const { page, context } = await newPage(env);
  await open(page, `${env.url}/www/index.html`);
  await answerWithKeyboard(page, 'region', '没有这个地方');
  await tabTo(page, 'pm-next');
  await page.keyboard.press('Enter');
  const summary = widget(page, '.error-summary');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.match(await summary.textContent(), /从列表中选择.*350203/);
  assert.match((await activeElement(page)).text, /请修改以下内容/, 'focus moves to the error summary');
  assert.equal(await widget(page, '#pm-q-region').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'zh-errors');
  await assertNoViolations(page, 'errors');

  await page.keyboard.press('Tab'); // the link to the field
  await page.keyboard.press('Enter');
  assert.equal((await activeElement(page)).id, 'pm-q-region', 'the summary link focuses the field');

  // a number wrongly typed says how to fix it (reached through the step list)
  await page.reload();
  await waitForWidget(page);
  await openStep(page, 'size');
  await answerWithKeyboard(page, 'employees', '三十');
  await tabTo(page, 'pm-next');
  await page.keyboard.press('Enter');
  assert.match(await widget(page, '.error-summary').textContent(), /从业人员数请填写整数，例如 80/);
  await assertNoViolations(page, 'number error');
  await context.close();
});

test('results, an expanded result and the on-demand groups', async () => {
  const { page, context } = await newPage(env);
  await open(page, `${env.url}/www/index.html`, { asOf: FIXTURE.as_of });
  await withProfile(page);
  await assertNoViolations(page, 'results');
  await widget(page, '.group-fits .result-summary').first().click();
  await assertNoViolations(page, 'expanded result');
  await page.evaluate(() => {
    for (const d of document.querySelector('policy-matcher').shadowRoot.querySelectorAll('details')) d.open = true;
  });
  await widget(page, '#pm-share-button').click();
  await assertNoViolations(page, 'everything open');
  await context.close();
});

test('English, phone width and large text', async () => {
  const { page, context } = await newPage(env, { width: 375, height: 812 });
  await open(page, `${env.url}/www/english.html`, { asOf: FIXTURE.as_of });
  await assertNoViolations(page, 'English empty');
  await withProfile(page);
  await widget(page, '.group-fits .result-summary').first().click();
  await assertNoViolations(page, 'English results');
  await page.evaluate(() => document.querySelector('policy-matcher').setAttribute('lang', 'zh-CN'));
  await widget(page, 'button[aria-pressed]').click();
  assert.equal(await widget(page, 'button[aria-pressed]').getAttribute('aria-pressed'), 'true');
  await assertNoViolations(page, 'large text');
  await screenshot(page, 'zh-phone-large-text');
  await context.close();
});

test('themed and region-locked pages', async () => {
  for (const name of ['themed', 'region-locked']) {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/${name}.html`, { asOf: FIXTURE.as_of });
    await withProfile(page);
    await assertNoViolations(page, name);
    if (name === 'themed') await screenshot(page, 'zh-themed');
    await context.close();
  }
});
