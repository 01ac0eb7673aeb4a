/**
 * Asking less (issue 9) in the widget, keyboard only and axe clean: the progress line
 * ("还有 N 项措施取决于您的回答") instead of page numbers, "回答此题可确定 N 项措施" beside the
 * suggested questions, the yes/no facts as one checklist (the default) with the exclusive
 * "都不适用", in which no fact moves or disappears while the visitor answers; asking them one
 * by one (`ask="one-by-one"`); "查看结果" at any moment; a founding date given as a year,
 * with the month asked only where the year does not decide; and what would make a measure
 * fit on its card.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activeElement, answerWithKeyboard, axe, describeViolations, fixtures, newPage, open, openStep, ROOT, setUp, tabTo, waitForWidget, widget } from './helpers.mjs';

const pkg = await import(join(ROOT, 'pkg', 'policy_matcher.js'));
pkg.initSync({ module: readFileSync(join(ROOT, 'pkg', 'policy_matcher_bg.wasm')) });

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const AS_OF = '2025-06-01';

/** The widget's state: progress line, checklist ids and boxes, profile, and the ranked questions. */
function state(page) {
  return page.evaluate(() => {
    const el = document.querySelector('policy-matcher');
    const root = el.shadowRoot;
    return {
      progress: root.querySelector('.progress')?.textContent ?? '',
      checklist: [...root.querySelectorAll('#pm-checklist [data-check]')].map((n) => n.getAttribute('data-check')),
      ticked: [...root.querySelectorAll('#pm-checklist [data-check] input:checked')].map((n) => n.value),
      none: root.querySelector('#pm-check-none')?.checked ?? null,
      checklistHidden: root.querySelector('#pm-checklist')?.hidden ?? null,
      profile: el.profile,
      next: el.result.next_questions,
      waiting: el.result.results.filter((r) => r.standing === 'might_fit' && r.missing.length).length,
      settles: [...root.querySelectorAll('.next-questions li')].map((li) => ({ field: li.querySelector('[data-answer]').getAttribute('data-answer'), note: li.querySelector('.settles')?.textContent ?? null })),
    };
  });
}

/** Presses Space on a control reached with Tab, and waits for the answers to change. */
async function press(page, id) {
  const before = JSON.stringify(await page.evaluate(() => document.querySelector('policy-matcher').profile));
  await tabTo(page, id);
  await page.keyboard.press('Space');
  await page.waitForFunction((b) => JSON.stringify(document.querySelector('policy-matcher').profile) !== b, before);
  return state(page);
}

test('region-locked Xiamen: progress, what an answer settles, the checklist by default and results at any moment, by keyboard', async () => {
  const { page, context, problems } = await newPage(env);
  await open(page, `${env.url}/www/region-locked.html`, { asOf: AS_OF });
  assert.equal(await page.evaluate(() => document.querySelector('policy-matcher').ask), 'checklist', 'the default, with no attribute');
  let s = await state(page);
  // Progress counts the measures that wait on the visitor, not pages.
  assert.equal(s.progress, `还有 ${s.waiting} 项措施取决于您的回答`);
  assert.ok(s.waiting > 0);
  assert.equal(await widget(page, '.step-count').count(), 0, 'no page numbers');
  // Beside each suggested question, what answering it settles (from next_questions).
  assert.ok(s.settles.length > 0);
  for (const { field, note } of s.settles) {
    const q = s.next.find((x) => x.field === field);
    assert.equal(note, q.settles > 0 ? `回答此题可确定 ${q.settles} 项措施` : null, field);
  }
  // The yes/no facts the ranking lists are one checklist (GOV.UK: fieldset, legend, hint), not a question each.
  assert.equal(s.checklistHidden, false);
  assert.equal(await widget(page, '#pm-checklist > legend').textContent(), '以下哪些情况适用于您的企业？');
  assert.match(await widget(page, '#pm-checklist-hint').textContent(), /未勾选的视为不适用/);
  const bools = s.next.filter((q) => q.value > 0 && s.checklist.includes(q.field));
  assert.ok(bools.length >= 5, `${s.checklist.length} facts in the checklist`);
  for (const id of s.checklist) assert.equal(await widget(page, `.step [data-question="${id}"]`).isHidden(), true, `${id} not asked twice`);
  assert.equal(Object.keys(s.profile).filter((k) => s.checklist.includes(k)).length, 0, 'nothing answered before the visitor answers the list');
  const [first, second] = s.checklist;
  const before = s;

  // Tick the first fact with the keyboard: it is "yes", and the list is answered — every other fact listed is "no".
  s = await press(page, `pm-check-${first}`);
  assert.deepEqual(s.checklist.slice(0, before.checklist.length), before.checklist, 'no fact moved or disappeared');
  assert.equal((await activeElement(page)).id, `pm-check-${first}`, 'focus stays on the fact answered');
  assert.equal(s.profile[first], true);
  for (const id of before.checklist.filter((x) => x !== first)) assert.equal(s.profile[id], false, id);
  assert.ok(s.waiting < before.waiting, `${before.waiting} → ${s.waiting}`);
  assert.equal(s.profile.region, '350200', 'the locked region');

  // "都不适用" is exclusive: it unticks the fact ticked; every fact is "no".
  s = await press(page, 'pm-check-none');
  assert.deepEqual(s.ticked, []);
  assert.equal(s.none, true);
  for (const id of before.checklist) assert.equal(s.profile[id], false, id);
  // …and ticking a fact unticks "都不适用".
  s = await press(page, `pm-check-${second}`);
  assert.equal(s.none, false);
  assert.deepEqual(s.ticked, [second]);
  assert.equal(s.profile[second], true);
  assert.equal(s.profile[first], false);
  assert.deepEqual(s.checklist.slice(0, before.checklist.length), before.checklist, 'no fact moved or disappeared');
  assert.match(s.progress, /^(还有 \d+ 项措施取决于您的回答|已没有措施取决于您的回答)/);
  // What the widget shows is the package's answer to what the visitor expressed.
  const expected = pkg.matchProfile(s.profile, { as_of: AS_OF });
  const shown = await page.evaluate(() => document.querySelector('policy-matcher').result.results.map((r) => [r.id, r.standing]));
  assert.deepEqual(shown, expected.results.map((r) => [r.id, r.standing]));

  // The results, at any moment.
  await tabTo(page, 'pm-see-results');
  await page.keyboard.press('Enter');
  assert.equal((await activeElement(page)).id, 'pm-results-title');

  const violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a fact that joins an answered checklist is marked new and unanswered until the visitor moves on', async () => {
  const { page, context, problems } = await newPage(env);
  await open(page, `${env.url}/www/index.html`, { asOf: AS_OF });
  assert.equal(await widget(page, '#pm-checklist').isHidden(), true, 'no checklist before the region is known');
  await answerWithKeyboard(page, 'region', '350206');
  await page.waitForFunction(() => !document.querySelector('policy-matcher').shadowRoot.querySelector('#pm-checklist').hidden);
  let s = await press(page, 'pm-check-none');
  const xiamen = s.checklist;
  for (const id of xiamen) assert.equal(s.profile[id], false, id);
  // Another region: its own facts join the end of the list, marked new, not answered; "都不适用" no longer speaks for them.
  await answerWithKeyboard(page, 'region', '630100');
  await page.waitForFunction((n) => document.querySelector('policy-matcher').shadowRoot.querySelectorAll('#pm-checklist [data-check]').length > n, xiamen.length);
  s = await state(page);
  assert.deepEqual(s.checklist.slice(0, xiamen.length), xiamen, 'no fact moved or disappeared');
  const joined = s.checklist.slice(xiamen.length);
  assert.equal(s.none, false);
  for (const id of joined) {
    assert.equal(s.profile[id], undefined, id);
    assert.equal(await widget(page, `[data-check="${id}"] .checklist-new`).textContent(), ' （新增，尚未回答）');
  }
  for (const id of xiamen) assert.equal(s.profile[id], false, `${id} keeps its answer`);
  let violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  // Moving on (查看结果) answers the list as shown: the new facts, unticked, are "no".
  await tabTo(page, 'pm-see-results');
  await page.keyboard.press('Enter');
  await page.waitForFunction((ids) => ids.every((id) => document.querySelector('policy-matcher').profile[id] === false), joined);
  assert.equal(await widget(page, '#pm-checklist .checklist-new:not([hidden])').count(), 0);
  assert.equal((await activeElement(page)).id, 'pm-results-title');
  violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  assert.deepEqual(problems, []);
  await context.close();
});

test('ask="one-by-one": no checklist, each yes/no fact is its own question; the property mirrors the attribute', async () => {
  const { page, context, problems } = await newPage(env);
  await open(page, `${env.url}/www/region-locked.html`, { asOf: AS_OF });
  await page.evaluate(() => { document.querySelector('policy-matcher').ask = 'one-by-one'; });
  await waitForWidget(page);
  assert.equal(await page.evaluate(() => document.querySelector('policy-matcher').getAttribute('ask')), 'one-by-one');
  assert.equal(await widget(page, '#pm-checklist').count(), 0, 'no checklist');
  const s = await state(page);
  // A yes/no fact the ranking lists is asked in its own step, with yes/no radios.
  const bools = await page.evaluate(() => {
    const root = document.querySelector('policy-matcher').shadowRoot;
    return document.querySelector('policy-matcher').result.next_questions.filter((q) => q.value > 0).map((q) => q.field)
      .filter((id) => root.querySelector(`[data-question="${id}"] input[type=radio][value=true]`));
  });
  assert.ok(bools.length >= 5, bools.join());
  const id = bools[0];
  const step = await page.evaluate((q) => document.querySelector('policy-matcher').shadowRoot.querySelector(`[data-question="${q}"]`).closest('fieldset.step').dataset.step, id);
  await openStep(page, step);
  await answerWithKeyboard(page, id, true);
  await page.waitForFunction((q) => document.querySelector('policy-matcher').profile[q] === true, id);
  const after = await state(page);
  // Only that fact is answered: the others stay unanswered, unlike on the checklist.
  assert.deepEqual(Object.keys(after.profile).sort(), [...Object.keys(s.profile), id].sort());
  const violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  // Back to the default: the checklist returns, with the answer kept.
  await page.evaluate(() => { document.querySelector('policy-matcher').removeAttribute('ask'); });
  await waitForWidget(page);
  assert.equal(await page.evaluate(() => document.querySelector('policy-matcher').ask), 'checklist');
  await page.waitForFunction(() => !document.querySelector('policy-matcher').shadowRoot.querySelector('#pm-checklist').hidden);
  assert.equal((await state(page)).profile[id], true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a founding date given as a year: the month is asked only when the year does not decide', async () => {
  const { page, context, problems } = await newPage(env);
  await open(page, `${env.url}/www/index.html`, { asOf: AS_OF });
  // A Huli small manufacturer hiring on 1-year contracts: fujian-xiamen/31 (成立3年内) waits on the founding date.
  const base = { region: '350206', entity_type: 'enterprise', industry: 'C398', employees: 30, revenue: 5000000, hires_with_1y_contract_6m_insurance: true };
  await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, base);
  const refineOf = () => page.evaluate(() => document.querySelector('policy-matcher').result.next_questions.find((q) => q.field === 'established') ?? null);
  assert.equal((await refineOf())?.refine, undefined, 'not given yet: asked, with nothing to add');
  const step = await page.evaluate(() => document.querySelector('policy-matcher').shadowRoot.querySelector('[data-question="established"]').closest('fieldset.step').dataset.step);
  await openStep(page, step);
  const typeYearMonth = async (year, month) => {
    await tabTo(page, 'pm-q-established');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(year);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    if (month) await page.keyboard.type(month);
    const want = month ? `${year}-${month.padStart(2, '0')}` : year;
    await page.waitForFunction((w) => document.querySelector('policy-matcher').profile.established === w, want);
    return want;
  };
  const note = () => widget(page, '#pm-refine-established');
  // The year in which the 3 years end (2022, judged on 2025-06-01) does not decide: the month is asked for, beside the question.
  let given = await typeYearMonth('2022', '');
  const q = pkg.matchProfile({ ...base, established: given }, { as_of: AS_OF }).next_questions.find((x) => x.field === 'established');
  assert.equal(q?.refine, 'month', 'the package asks for the month');
  assert.deepEqual(await refineOf(), q);
  assert.equal(await note().textContent(), `请补充成立月份：仅凭年份，还有 ${q.settles} 项措施无法确定。`);
  assert.match(await widget(page, '[data-question="established"]').getAttribute('aria-describedby'), /pm-refine-established/);
  assert.match(await widget(page, '.next-questions [data-answer="established"]').textContent(), /（请补充月份）$/);
  // The suggestion takes the visitor to the month.
  await tabTo(page, (a) => a?.tag === 'button' && a.text.startsWith('成立日期'));
  await page.keyboard.press('Enter');
  assert.equal((await activeElement(page)).id, 'pm-q-established-month');
  let violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  // The month given decides: no longer asked.
  given = await typeYearMonth('2022', '7');
  assert.equal(pkg.matchProfile({ ...base, established: given }, { as_of: AS_OF }).next_questions.some((x) => x.field === 'established'), false);
  assert.equal(await refineOf(), null);
  assert.equal(await note().count(), 0);
  // A year that decides by itself (2023: within 3 years whatever the month): the month is not asked.
  given = await typeYearMonth('2023', '');
  assert.equal(pkg.matchProfile({ ...base, established: given }, { as_of: AS_OF }).next_questions.some((x) => x.field === 'established'), false);
  assert.equal(await refineOf(), null);
  assert.equal(await note().count(), 0);
  assert.doesNotMatch(await widget(page, '[data-question="established"]').getAttribute('aria-describedby'), /pm-refine/);
  violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a card says what would make the measure fit, or why it cannot, in both languages', async () => {
  const fixture = fixtures().find((f) => f.file.startsWith('fujian-xiamen-electronics-exporter'));
  for (const [url, lang] of [['index.html', 'zh'], ['english.html', 'en']]) {
    const { page, context, problems } = await newPage(env, lang === 'en' ? { locale: 'en-GB' } : {});
    await open(page, `${env.url}/www/${url}`, { asOf: fixture.as_of });
    await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, fixture.profile);
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('[data-measure-id="fujian-xiamen/8"] .to-qualify'));
    const text = (id) => widget(page, `[data-measure-id="${id}"] .to-qualify`).textContent();
    const result = await page.evaluate(() => document.querySelector('policy-matcher').result.results);
    const tq = (id) => result.find((r) => r.id === id).to_qualify;
    // A qualification to obtain (not a little giant), and a fact that cannot change (not an individual business).
    assert.ok(tq('fujian-xiamen/8').reachable && !tq('fujian-xiamen/20').reachable);
    assert.ok((await text('fujian-xiamen/8')).includes(lang === 'en' ? tq('fujian-xiamen/8').text.en : tq('fujian-xiamen/8').text.zh));
    assert.match(await text('fujian-xiamen/8'), lang === 'en' ? /^What would make it fit: Eligible once recognised as/ : /^怎样才能符合： 取得“专精特新“小巨人”企业”认定后可申请/);
    assert.match(await text('fujian-xiamen/20'), lang === 'en' ? /^Why it cannot fit: .*cannot change/ : /^为何无法符合： 仅限.*无法更改/);
    const violations = await axe(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('no question disappears from the page while the visitor answers beside it', async () => {
  const { page, context, problems } = await newPage(env);
  await open(page, `${env.url}/www/index.html`, { asOf: AS_OF });
  const visible = () => page.evaluate(() => [...document.querySelector('policy-matcher').shadowRoot.querySelectorAll('fieldset.step:not([hidden]) [data-question]')]
    .filter((q) => !q.hidden).map((q) => q.getAttribute('data-question')));
  const before = await visible();
  assert.ok(before.includes('region') && before.includes('entity_type'), before.join());
  // Guangzhou: on AS_OF its measures wait on other answers, none on entity_type (since the catalogue's
  // encoding rules made entity_type decide Qinghai measures, Xining no longer serves here), yet the
  // entity_type question stays where the visitor saw it.
  await answerWithKeyboard(page, 'region', '440100');
  await page.waitForFunction(() => document.querySelector('policy-matcher').profile.region === '440100');
  const next = await page.evaluate(() => document.querySelector('policy-matcher').result.next_questions.map((q) => q.field));
  assert.ok(next.length > 0 && !next.includes('entity_type'), `the test needs a region where entity_type decides nothing but other questions remain: ${next.join()}`);
  assert.deepEqual(await visible(), before);
  assert.deepEqual(problems, []);
  await context.close();
});
