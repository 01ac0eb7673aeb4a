/**
 * Names, not codes: the region and industry questions are comboboxes (ARIA 1.2) over the
 * names module — typed by name, pinyin or code, picked with the keyboard alone, echoed in
 * full; a region lock names the region; money typed as people write it is echoed in words.
 * Chinese and English pages; axe-core finds nothing with the list open or closed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerWithKeyboard, axe, describeViolations, newPage, open, openStep, screenshot, setUp, tabTo, widget } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const profile = (page) => page.evaluate(() => document.querySelector('policy-matcher').profile);

async function assertNoViolations(page, state) {
  const violations = await axe(page);
  assert.equal(violations.length, 0, `axe violations (${state}):\n${describeViolations(violations)}`);
}

/** Focuses a combobox with Tab, types over it, and waits for its list to open. */
async function typeInto(page, id, text) {
  await tabTo(page, `pm-q-${id}`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await page.waitForFunction((qid) => document.querySelector('policy-matcher').shadowRoot
    .getElementById(`pm-q-${qid}`).getAttribute('aria-expanded') === 'true', id);
}

/** The open list's options as the visitor sees them. */
function optionTexts(page, id) {
  return widget(page, `#pm-list-${id} [role=option] .option-label`).allTextContents();
}

/**
 * Types a name, moves to the wanted suggestion with ArrowDown (checking that the active
 * option is announced through aria-activedescendant), and picks it with Enter.
 */
async function pick(page, id, text, wantedLabel) {
  await typeInto(page, id, text);
  const labels = await optionTexts(page, id);
  const index = labels.indexOf(wantedLabel);
  assert.ok(index >= 0, `${text}: "${wantedLabel}" among the suggestions ${JSON.stringify(labels)}`);
  for (let i = 0; i <= index; i += 1) await page.keyboard.press('ArrowDown');
  const input = widget(page, `#pm-q-${id}`);
  const activeId = await input.getAttribute('aria-activedescendant');
  assert.equal(await widget(page, `#${activeId}`).getAttribute('aria-selected'), 'true');
  assert.equal(await widget(page, `#${activeId} .option-label`).textContent(), wantedLabel);
  await page.keyboard.press('Enter');
  assert.equal(await input.getAttribute('aria-expanded'), 'false', 'Enter closes the list');
  assert.equal(await input.inputValue(), wantedLabel, 'the pick is shown in the field');
  assert.match(await widget(page, `#pm-echo-${id}`).textContent(), new RegExp(wantedLabel.replace(/[()]/g, '\\$&')));
}

describe('region by name', () => {
  test('zh-CN: 厦门, 厦门市, 湖里区, 厦门市湖里区, 湖里 and the code, keyboard only', async () => {
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    const input = widget(page, '#pm-q-region');
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-controls'), 'pm-list-region');
    for (const typed of ['厦门', '厦门市']) {
      await pick(page, 'region', typed, '福建省厦门市 350200');
      await page.waitForFunction(() => document.querySelector('policy-matcher').profile.region === '350200');
    }
    await typeInto(page, 'region', '湖里');
    await assertNoViolations(page, 'region list open');
    await screenshot(page, 'zh-region-combobox');
    for (const typed of ['湖里区', '厦门市湖里区', '湖里', '350206']) {
      await pick(page, 'region', typed, '福建省厦门市湖里区 350206');
      await page.waitForFunction(() => document.querySelector('policy-matcher').profile.region === '350206');
    }
    assert.match(await widget(page, '#pm-echo-region').textContent(), /^已选：福建省厦门市湖里区 350206$/);
    // Escape closes the list and keeps what was typed.
    await typeInto(page, 'region', '长沙');
    await page.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.inputValue(), '长沙');
    // A name that is nowhere says so under the field, and again on Continue.
    await tabTo(page, 'pm-q-region');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('没有这个地方');
    assert.match(await widget(page, '#pm-echo-region').textContent(), /没有找到“没有这个地方”/);
    await tabTo(page, 'pm-next');
    await page.keyboard.press('Enter');
    assert.match(await widget(page, '.error-summary').textContent(), /从列表中选择.*350203/);
    await assertNoViolations(page, 'region not found');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('en: pinyin Xiamen and Huli', async () => {
    const { page, context, problems } = await newPage(env, { locale: 'en' });
    await open(page, `${env.url}/www/english.html`);
    await pick(page, 'region', 'Xiamen', 'Xiamen, Fujian 350200');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.region === '350200');
    await pick(page, 'region', 'Huli', 'Huli District, Xiamen, Fujian 350206');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.region === '350206');
    await pick(page, 'region', '厦门市湖里区', 'Huli District, Xiamen, Fujian 350206');
    await typeInto(page, 'region', 'xia');
    await assertNoViolations(page, 'en region list open');
    await screenshot(page, 'en-region-combobox');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a county lock shows the name, not the code', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/region-locked.html`);
    assert.match(await widget(page, '.region-lock').textContent(), /福建省厦门市/);
    await page.evaluate(() => document.querySelector('policy-matcher').setAttribute('region', '350206'));
    await page.waitForFunction(() => /福建省厦门市湖里区/.test(document.querySelector('policy-matcher').shadowRoot.querySelector('.region-lock')?.textContent ?? ''));
    assert.doesNotMatch(await widget(page, '.region-lock').textContent(), /350206/);
    assert.equal((await profile(page)).region, '350206');
    await context.close();
  });
});

describe('industry by words', () => {
  test('zh-CN: 电子元件 finds C398 and its classes, 软件 its classes, 奶茶 an everyday word', async () => {
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    await openStep(page, 'activity');
    await typeInto(page, 'industry', '电子元件');
    const labels = await optionTexts(page, 'industry');
    assert.equal(labels[0], 'C398 电子元件及电子专用材料制造');
    for (const code of ['C3981', 'C3982', 'C3989']) assert.ok(labels.some((l) => l.startsWith(`${code} `)), `${code} in ${labels}`);
    await assertNoViolations(page, 'industry list open');
    await screenshot(page, 'zh-industry-combobox');
    await pick(page, 'industry', '电子元件', 'C398 电子元件及电子专用材料制造');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.industry === 'C398');
    const echo = await widget(page, '#pm-echo-industry').textContent();
    assert.match(echo, /C 制造业 › C39 计算机、通信和其他电子设备制造业 › C398/, 'the full path');
    assert.match(echo, /划型标准“工业”/, 'the size row');

    await typeInto(page, 'industry', '软件');
    const software = await optionTexts(page, 'industry');
    for (const code of ['I6511', 'I6512', 'I6513', 'I6519']) assert.ok(software.some((l) => l.startsWith(`${code} `)), `${code} in ${software}`);

    await pick(page, 'industry', '奶茶', 'H6239 其他饮料及冷饮服务');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.industry === 'H6239');
    assert.match(await widget(page, '#pm-echo-industry').textContent(), /餐饮业/);
    await pick(page, 'industry', '民宿', 'H6130 民宿服务');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('en: English words where English names exist; otherwise the list says it is Chinese', async () => {
    const { page, context } = await newPage(env, { locale: 'en' });
    await open(page, `${env.url}/www/english.html`);
    await openStep(page, 'activity');
    await pick(page, 'industry', 'software', 'I65 Software and IT services');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.industry === 'I65');
    await pick(page, 'industry', 'milk tea', 'H6239 其他饮料及冷饮服务');
    await tabTo(page, 'pm-q-industry');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('electronic components');
    assert.match(await widget(page, '#pm-echo-industry').textContent(), /in Chinese/);
    await assertNoViolations(page, 'en industry not found');
    await context.close();
  });
});

describe('amounts as people write them', () => {
  test('1500, 1,500 and 0.3亿 in 万元, echoed in words', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    // Revenue is asked once the industry says which size indicators count (工业: employees
    // and revenue); without an industry the matcher does not ask for it.
    await openStep(page, 'activity');
    await answerWithKeyboard(page, 'industry', 'C39');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.industry === 'C39');
    await openStep(page, 'size');
    for (const [typed, yuan, words] of [['1500', 15000000, '即 1500万元'], ['1,500', 15000000, '即 1500万元'], ['0.3亿', 30000000, '即 3000万元'], ['80万元', 800000, '即 80万元']]) {
      await tabTo(page, 'pm-q-revenue');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(typed);
      assert.equal(await widget(page, '#pm-echo-revenue').textContent(), words, typed);
      await page.waitForFunction((y) => document.querySelector('policy-matcher').profile.revenue === y, yuan);
    }
    await assertNoViolations(page, 'amount echoed');
    await context.close();
  });
});

describe('founding date', () => {
  test('the year alone, or the year and month, is an answer', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    await openStep(page, 'activity');
    await tabTo(page, 'pm-q-established');
    await page.keyboard.type('2023');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.established === '2023');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.established === '2023-03');
    await page.keyboard.press('Tab');
    await page.keyboard.type('15');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.established === '2023-03-15');
    // A day without its month is not a date.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await tabTo(page, 'pm-next');
    await page.keyboard.press('Enter');
    assert.match(await widget(page, '.error-summary').textContent(), /至少填写年份/);
    await assertNoViolations(page, 'date error');
    await context.close();
  });
});
