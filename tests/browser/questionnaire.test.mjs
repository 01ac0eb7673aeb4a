/**
 * The visitor's flow: the questionnaire completed with the keyboard alone for every shared
 * fixture profile, the yes/no facts on the checklist (the default) — each measure in the
 * group that matching what the visitor expressed gives (the package, run here in node, not
 * the widget's own output), and the fixture's own expectations where the visitor expressed
 * nothing beyond the fixture; the language switch; the screenshots a reviewer looks at
 * (Chinese, English, phone width, 200% zoom, print).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  activeElement, answerWithKeyboard, checklistState, completeWithKeyboard, fixtures, idsInGroup, newPage, open, openStep,
  ROOT, screenshot, setUp, tabTo, waitForWidget, widget,
} from './helpers.mjs';

const pkg = await import(join(ROOT, 'pkg', 'policy_matcher.js'));
pkg.initSync({ module: readFileSync(join(ROOT, 'pkg', 'policy_matcher_bg.wasm')) });

const FIXTURES = fixtures();
let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

/** Where a fixture's measures are shown: by their verdict, or by the standing it names. */
const SHOWN = { eligible: ['fits', 'promise'], possible: ['might_fit', 'promise'], ineligible: ['ineligible', 'elsewhere'] };
const GROUPS = ['fits', 'might_fit', 'promise', 'upcoming', 'lapsed', 'expired', 'ineligible', 'elsewhere', 'task'];

/** Asserts every expected id is in its group, naming the ones that are not. */
async function assertGroups(page, expect) {
  const where = {};
  for (const [status, groups] of Object.entries(SHOWN)) for (const id of expect[status] ?? []) where[id] = groups;
  for (const [standing, ids] of Object.entries(expect.standing ?? {})) {
    for (const id of ids) where[id] = standing === 'fits' || standing === 'might_fit' ? [standing, 'promise'] : [standing];
  }
  // the on-demand groups are closed <details>, but their items are in the DOM to be read
  const shown = {};
  for (const g of GROUPS) for (const id of await idsInGroup(page, g)) shown[id] = g;
  const wrong = Object.entries(where).filter(([id, groups]) => !groups.includes(shown[id])).map(([id, groups]) => `${id} in ${shown[id]}, expected ${groups.join(' or ')}`);
  assert.deepEqual(wrong, []);
}

/**
 * What the visitor expressed after completeWithKeyboard: the answers typed in the steps, and
 * every fact of the checklist they answered (shown without "新增"): ticked where the fixture
 * says it applies, else "no" (the checklist's rule: unticked is "no").
 */
async function expressed(page, fixture, answered) {
  const out = {};
  for (const id of answered) out[id] = fixture.profile[id];
  for (const item of (await checklistState(page))?.items ?? []) if (!item.isNew) out[item.id] = fixture.profile[item.id] === true;
  return out;
}

/**
 * Checks the widget against the package run on what the visitor expressed: the profile it
 * holds, every measure's group, and the fixture's expectations when the visitor said
 * nothing the fixture does not (no "no" added by the checklist).
 */
async function assertExpressed(page, fixture, answered) {
  const profile = await expressed(page, fixture, answered);
  assert.deepEqual(await page.evaluate(() => document.querySelector('policy-matcher').profile), profile, 'the widget holds what the visitor expressed');
  const standing = {};
  for (const r of pkg.matchProfile(profile, { as_of: fixture.as_of }).results) (standing[r.standing] ??= []).push(r.id);
  await assertGroups(page, { standing });
  const added = Object.keys(profile).filter((id) => !(id in fixture.profile));
  if (added.length === 0) await assertGroups(page, fixture.expect);
  return { profile, added };
}

describe('completing the questionnaire with the keyboard only', () => {
  assert.ok(FIXTURES.length > 0, 'tests/fixtures/*.json holds the shared fixture profiles');
  for (const fixture of FIXTURES) {
    test(`${fixture.file}: ${fixture.name}`, async () => {
      const { page, context, problems } = await newPage(env);
      await open(page, `${env.url}/www/index.html`, { asOf: fixture.as_of });
      const answered = await completeWithKeyboard(page, fixture.profile);
      assert.equal((await activeElement(page)).id, 'pm-results-title', 'focus moves to the results at the end');

      const profile = await page.evaluate(() => document.querySelector('policy-matcher').profile);
      for (const id of answered) assert.deepEqual(profile[id], fixture.profile[id], `answer to ${id} as typed`);

      if (fixture.expect.size) {
        const size = await widget(page, '.size-value').getAttribute('data-size');
        assert.equal(size, fixture.expect.size, 'derived size');
      }
      await assertExpressed(page, fixture, answered);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

describe('asking one by one (ask="one-by-one")', () => {
  test('a fixture completed with the keyboard: each yes/no fact its own question, nothing the fixture does not say answered', async () => {
    const fixture = FIXTURES.find((f) => f.file.startsWith('fujian-xiamen-electronics-exporter'));
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}/www/index.html`, { asOf: fixture.as_of });
    await page.evaluate(() => document.querySelector('policy-matcher').setAttribute('ask', 'one-by-one'));
    await waitForWidget(page);
    assert.equal(await widget(page, '#pm-checklist').count(), 0);
    const answered = await completeWithKeyboard(page, fixture.profile);
    // Yes/no facts of the fixture were answered in their steps, as questions (one that no longer decides is skipped).
    const bools = Object.entries(fixture.profile).filter(([, v]) => typeof v === 'boolean').map(([k]) => k);
    assert.ok(bools.some((id) => answered.includes(id)), `${bools} among ${answered}`);
    const { added } = await assertExpressed(page, fixture, answered);
    assert.deepEqual(added, [], 'nothing beyond the fixture: its own expectations hold');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('answers', () => {
  test('a region or industry is found by name or by code; full-width digits are read', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    const profile = () => page.evaluate(() => document.querySelector('policy-matcher').profile);
    await answerWithKeyboard(page, 'region', '厦门市');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.region === '350200');
    await answerWithKeyboard(page, 'region', '福建省 — 泉州市（350500）');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.region === '350500');
    await openStep(page, 'activity');
    await answerWithKeyboard(page, 'industry', 'c39');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.industry === 'C39');
    await openStep(page, 'size');
    await answerWithKeyboard(page, 'employees', '８０');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.employees === 80);
    await answerWithKeyboard(page, 'revenue', '1,200.5');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.revenue === 12005000);
    assert.equal((await profile()).region, '350500');
    await context.close();
  });
  test('answers set as a property while the visitor is typing in a field are kept', async () => {
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    // The region typed and still focused: the re-render removes the field, which fires "change".
    await answerWithKeyboard(page, 'region', '350206');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.region === '350206');
    const set = { region: '350203', entity_type: 'enterprise', employees: 12 };
    const now = await page.evaluate((p) => { const el = document.querySelector('policy-matcher'); el.profile = p; return el.profile; }, set);
    assert.deepEqual(now, set);
    await page.evaluate(() => new Promise((resolve) => { setTimeout(resolve, 100); }));
    assert.deepEqual(await page.evaluate(() => document.querySelector('policy-matcher').profile), set);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('results', () => {
  const fixture = FIXTURES[0];

  test('filters by category and benefit type, and a search over titles and text', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`, { asOf: fixture.as_of });
    await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, fixture.profile);
    const count = () => page.evaluate(() => document.querySelector('policy-matcher').shadowRoot.querySelectorAll('[data-measure-id]').length);
    const all = await count();

    await widget(page, '.filters > summary').click();
    const category = await widget(page, '#pm-filter-category option').nth(1).getAttribute('value');
    await widget(page, '#pm-filter-category').selectOption(category);
    const byCategory = await page.evaluate(() => document.querySelector('policy-matcher').result.results);
    const shownIds = await page.evaluate(() => [...document.querySelector('policy-matcher').shadowRoot.querySelectorAll('[data-measure-id]')].map((e) => e.dataset.measureId));
    assert.deepEqual(shownIds.sort(), byCategory.filter((r) => r.categories.includes(category)).map((r) => r.id).sort());
    assert.match(await widget(page, '.shown').textContent(), new RegExp(`${shownIds.length} / ${all}`));

    await widget(page, '#pm-filter-category').selectOption('');
    await widget(page, '#pm-filter-type').selectOption('subsidy');
    const bySubsidy = await count();
    assert.ok(bySubsidy > 0 && bySubsidy < all, 'the benefit-type filter narrows the list');

    await widget(page, '#pm-filter-type').selectOption('');
    await widget(page, '#pm-filter-search').fill('贷款');
    const found = await page.evaluate(() => [...document.querySelector('policy-matcher').shadowRoot.querySelectorAll('.result[data-measure-id]')]
      .map((li) => li.textContent));
    assert.ok(found.length > 0 && found.length < all, 'the search narrows the list');
    assert.ok(found.every((text) => text.includes('贷款')), 'every item found mentions 贷款');
    await context.close();
  });

  test('not eligible is shown on demand, each with its reason', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`, { asOf: fixture.as_of });
    await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, fixture.profile);
    const group = widget(page, '.group-ineligible');
    assert.equal(await group.getAttribute('open'), null, 'closed at first');
    assert.equal(await widget(page, '.group-ineligible .result').first().isVisible(), false);
    await widget(page, '.group-ineligible > summary').click();
    const first = widget(page, '.group-ineligible .result').first();
    assert.ok(await first.isVisible());
    assert.match(await first.locator('.not-met').textContent(), /不符合的原因：.*需.*；您/);
    // the group stays open when the answers change
    await page.evaluate(() => { const el = document.querySelector('policy-matcher'); el.profile = { ...el.profile, employees: 31 }; });
    assert.equal(await widget(page, '.group-ineligible').getAttribute('open'), '');
    // An answer that comes before the toggle event (one task, as on a busy page) keeps it open too.
    await widget(page, '.group-ineligible > summary').click();
    assert.equal(await widget(page, '.group-ineligible').getAttribute('open'), null);
    await page.evaluate(() => new Promise((resolve) => { setTimeout(resolve, 100); })); // the close's toggle event
    const stillOpen = await page.evaluate(() => {
      const el = document.querySelector('policy-matcher');
      el.shadowRoot.querySelector('.group-ineligible > summary').click();
      el.profile = { ...el.profile, employees: 32 };
      return el.shadowRoot.querySelector('.group-ineligible').open;
    });
    assert.equal(stillOpen, true, 'opened, then an answer in the same task: still open');
    await context.close();
  });
});

describe('language', () => {
  test('an English visitor completes the questionnaire with the keyboard (money in yuan)', async () => {
    const fixture = FIXTURES[0];
    const { page, context, problems } = await newPage(env, { locale: 'en-GB' });
    await open(page, `${env.url}/www/english.html`, { asOf: fixture.as_of });
    const answered = await completeWithKeyboard(page, fixture.profile);
    assert.match(await widget(page, '.group-fits .group-title').textContent(), /^You can apply/);
    assert.equal(await widget(page, '#pm-q-revenue').inputValue(), String(fixture.profile.revenue));
    await assertExpressed(page, fixture, answered);
    await screenshot(page, 'en-keyboard-done');
    assert.deepEqual(problems, []);
    await context.close();
  });


  test('switching to English and back keeps the answers and the focus', async () => {
    const { page, context, problems } = await newPage(env);
    const fixture = FIXTURES[0];
    await open(page, `${env.url}/www/index.html`, { asOf: fixture.as_of });
    await openStep(page, 'size');
    await answerWithKeyboard(page, 'employees', 30);
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.employees === 30);

    const button = await tabTo(page, 'pm-language');
    assert.equal(button.text, 'English');
    assert.equal(button.tag, 'button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('policy-matcher').getAttribute('lang') === 'en');
    assert.equal((await activeElement(page)).text, '中文', 'focus stays on the language button');
    assert.match(await widget(page, '#pm-results-title').textContent(), /Results/);
    assert.match(await widget(page, '.intro').textContent(), /Answer a few questions/);
    const profile = await page.evaluate(() => document.querySelector('policy-matcher').profile);
    assert.equal(profile.employees, 30, 'answers survive the switch');

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('policy-matcher').getAttribute('lang') === 'zh-CN');
    assert.match(await widget(page, '#pm-results-title').textContent(), /匹配结果/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the host page’s lang decides when the element has none', async () => {
    const { page, context } = await newPage(env);
    await page.goto(`${env.url}/www/index.html`);
    await page.evaluate(() => {
      document.documentElement.lang = 'en';
      const el = document.createElement('policy-matcher');
      document.querySelector('policy-matcher').replaceWith(el);
    });
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot?.querySelector('.groups'));
    assert.match(await widget(page, '#pm-results-title').textContent(), /Results/);
    await context.close();
  });

  test('money is asked in 万元 in Chinese and in yuan in English; the API gets yuan', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    // revenue is asked once the industry says which size indicators count
    await openStep(page, 'activity');
    await answerWithKeyboard(page, 'industry', 'C39');
    await openStep(page, 'size');
    await answerWithKeyboard(page, 'revenue', 60000000);
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.revenue === 60000000);
    assert.equal(await widget(page, '#pm-q-revenue').inputValue(), '6000');
    await page.evaluate(() => document.querySelector('policy-matcher').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('#pm-q-revenue'));
    assert.equal(await widget(page, '#pm-q-revenue').inputValue(), '60000000');
    await context.close();
  });
});

describe('screenshots for review', () => {
  const fixture = FIXTURES[0];

  async function filled(options, lang = 'zh-CN') {
    const { page, context } = await newPage(env, options);
    await open(page, `${env.url}/www/${lang === 'en' ? 'english.html' : 'index.html'}`, { asOf: fixture.as_of });
    await page.evaluate((p) => { document.querySelector('policy-matcher').profile = p; }, fixture.profile);
    await page.waitForFunction(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.group-fits [data-measure-id]'));
    return { page, context };
  }

  /** Scrolls so that the element is at the top of the viewport. */
  function scrollTo(page, selector) {
    return widget(page, selector).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  test('Chinese: empty, results, expanded result, print', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    await screenshot(page, 'zh-empty');
    await context.close();

    const filledPage = await filled();
    await scrollTo(filledPage.page, '.results');
    await screenshot(filledPage.page, 'zh-results');
    await widget(filledPage.page, '.group-fits .result-summary').first().click();
    await scrollTo(filledPage.page, '.group-fits .result');
    await screenshot(filledPage.page, 'zh-expanded');
    await filledPage.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await filledPage.page.emulateMedia({ media: 'print' });
    await screenshot(filledPage.page, 'zh-print', { fullPage: true });
    mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
    await filledPage.page.pdf({ path: join(ROOT, 'artifacts', 'zh-print.pdf'), format: 'A4', printBackground: true });
    await filledPage.context.close();
  });

  test('English results', async () => {
    const { page, context } = await filled({}, 'en');
    await scrollTo(page, '.results');
    await screenshot(page, 'en-results');
    await context.close();
  });

  test('phone width (375px) and 200% zoom', async () => {
    const phone = await filled({ width: 375, height: 812, deviceScaleFactor: 2 });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 375px (overflow ${overflow}px)`);
    await scrollTo(phone.page, '.form');
    await screenshot(phone.page, 'zh-phone-375-form');
    await scrollTo(phone.page, '.results');
    await screenshot(phone.page, 'zh-phone-375-results');
    await phone.context.close();

    // 200% zoom of a 1280px window: a 640px-wide layout viewport at twice the pixel density
    const zoomed = await filled({ width: 640, height: 450, deviceScaleFactor: 2 });
    const zoomOverflow = await zoomed.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(zoomOverflow <= 0, `no horizontal scrolling at 200% zoom (overflow ${zoomOverflow}px)`);
    await scrollTo(zoomed.page, '.form');
    await screenshot(zoomed.page, 'zh-zoom-200-form');
    await scrollTo(zoomed.page, '.group-fits .result');
    await screenshot(zoomed.page, 'zh-zoom-200-result');
    await zoomed.context.close();
  });
});
