/**
 * Asking less (issue 9) in the widget, keyboard only and axe clean: the progress line
 * ("还有 N 项措施取决于您的回答") instead of page numbers, "回答此题可确定 N 项措施" beside the
 * suggested questions, the yes/no facts as one checklist with "其余都不适用" (the `checklist`
 * attribute) in which no fact moves or disappears while the visitor answers, "查看结果" at
 * any moment, and what would make a measure fit on its card.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { activeElement, answerWithKeyboard, axe, describeViolations, fixtures, newPage, open, setUp, tabTo, waitForWidget, widget } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const AS_OF = '2025-06-01';

/** The widget's state: progress line, checklist ids, profile, and the ranked questions. */
function state(page) {
  return page.evaluate(() => {
    const el = document.querySelector('policy-matcher');
    const root = el.shadowRoot;
    return {
      progress: root.querySelector('.progress')?.textContent ?? '',
      checklist: [...root.querySelectorAll('#pm-checklist [data-check]')].map((n) => n.getAttribute('data-check')),
      checklistHidden: root.querySelector('#pm-checklist')?.hidden ?? null,
      profile: el.profile,
      next: el.result.next_questions,
      waiting: el.result.results.filter((r) => r.standing === 'might_fit' && r.missing.length).length,
      settles: [...root.querySelectorAll('.next-questions li')].map((li) => ({ field: li.querySelector('[data-answer]').getAttribute('data-answer'), note: li.querySelector('.settles')?.textContent ?? null })),
    };
  });
}

async function withChecklist(page) {
  await page.evaluate((d) => {
    const el = document.querySelector('policy-matcher');
    el.setAttribute('as-of', d);
    el.setAttribute('checklist', '');
  }, AS_OF);
  await waitForWidget(page);
}

test('region-locked Xiamen: progress, what an answer settles, the checklist and results at any moment, by keyboard', async () => {
  const { page, context, problems } = await newPage(env);
  await open(page, `${env.url}/www/region-locked.html`);
  await withChecklist(page);
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
  // The yes/no facts the ranking lists are one checklist, not a question each.
  assert.equal(s.checklistHidden, false);
  const bools = s.next.filter((q) => q.value > 0 && s.checklist.includes(q.field));
  assert.ok(bools.length >= 5, `${s.checklist.length} facts in the checklist`);
  for (const id of s.checklist) assert.equal(await widget(page, `.step [data-question="${id}"]`).isHidden(), true, `${id} not asked twice`);
  const first = s.checklist[0];
  const before = s;

  // Tick the first fact with the keyboard: it is "yes"; nothing else is answered yet.
  await tabTo(page, `pm-check-${first}`);
  await page.keyboard.press('Space');
  await page.waitForFunction((id) => document.querySelector('policy-matcher').profile[id] === true, first);
  s = await state(page);
  assert.deepEqual(s.checklist.slice(0, before.checklist.length), before.checklist, 'no fact moved or disappeared');
  assert.equal((await activeElement(page)).id, `pm-check-${first}`, 'focus stays on the fact answered');
  assert.equal(Object.values(s.profile).filter((v) => v === false).length, 0);

  // "其余都不适用": every other fact seen is "no"; fewer measures wait on the visitor.
  await tabTo(page, 'pm-check-none');
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => Object.keys(document.querySelector('policy-matcher').profile).length > n, Object.keys(s.profile).length);
  const after = await state(page);
  for (const id of s.checklist.filter((x) => x !== first)) assert.equal(after.profile[id], false, id);
  assert.equal(after.profile[first], true);
  assert.ok(after.waiting < before.waiting, `${before.waiting} → ${after.waiting}`);
  assert.deepEqual(after.checklist.slice(0, s.checklist.length), s.checklist, 'no fact moved or disappeared');
  assert.match(after.progress, /^(还有 \d+ 项措施取决于您的回答|已没有措施取决于您的回答)/);

  // The results, at any moment.
  await tabTo(page, 'pm-see-results');
  await page.keyboard.press('Enter');
  assert.equal((await activeElement(page)).id, 'pm-results-title');

  const violations = await axe(page);
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
