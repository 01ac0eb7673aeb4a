/**
 * Shared set-up for the browser tests: the static server on a free port, Debian's headless
 * Chromium through playwright-core, axe-core, request recording, screenshots, and keyboard
 * helpers that reach into the widget's shadow root the way a keyboard user would (Tab).
 */
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the server (serving ROOT, or PM_ROOT for development) and the browser. */
export async function setUp() {
  const { server, url } = await startServer({ port: 0, root: process.env.PM_ROOT ?? ROOT });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A new page that fails the test on any uncaught error or CSP violation.
 * Returns { page, context, problems } where problems collects them.
 */
export async function newPage(env, { width = 1280, height = 900, deviceScaleFactor = 1, locale = 'zh-CN', acceptDownloads = false } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor, locale, acceptDownloads });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/policy_matcher_bg\.wasm|Failed to load resource/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { page, context, problems };
}

/** Opens a demo page and waits until the widget has rendered its results; fails if it could not load. */
export async function open(page, url, { asOf } = {}) {
  await page.goto(url);
  await waitForWidget(page);
  const failure = await page.evaluate(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.pm-failed')?.textContent);
  if (failure) throw new Error(`the widget could not load (is pkg/ built and working?): ${failure}`);
  if (asOf) {
    await page.evaluate((date) => document.querySelector('policy-matcher').setAttribute('as-of', date), asOf);
    await waitForWidget(page);
  }
}

/**
 * Waits until the widget shows results or its failure notice, and no newer result is on
 * its way (a site catalogue matches in a Worker: the results are `aria-busy` meanwhile).
 */
export async function waitForWidget(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector('policy-matcher')?.shadowRoot;
    return Boolean(root?.querySelector('.groups .group, .groups .overview, .pm-failed')) && !root.querySelector('[aria-busy="true"]');
  }, null, { timeout: 20000 });
}

/** A locator inside the widget's shadow root (Playwright's CSS pierces open shadow roots). */
export function widget(page, selector) {
  return page.locator('policy-matcher').locator(selector);
}

/** The deeply focused element (through shadow roots), described. */
export function activeElement(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    return { id: el.id, tag: el.tagName.toLowerCase(), type: el.type ?? null, value: el.value ?? null, checked: el.checked ?? null, text: el.textContent.trim().slice(0, 80) };
  });
}

/**
 * Presses Tab (or Shift+Tab, when the target comes before the focus) until the element with
 * the given id — or the first one the predicate accepts — is focused; fails after `max`.
 * This is how the tests reach every control: as a keyboard user would.
 */
export async function tabTo(page, target, { max = 150 } = {}) {
  const matches = typeof target === 'string' ? (a) => a?.id === target : target;
  for (let i = 0; i < max; i += 1) {
    const active = await activeElement(page);
    if (matches(active)) return active;
    const backwards = typeof target === 'string' && await page.evaluate((id) => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const wanted = document.querySelector('policy-matcher')?.shadowRoot?.getElementById(id);
      return Boolean(el && wanted && el.getRootNode() === wanted.getRootNode()
        && (wanted.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
    }, target);
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${typeof target === 'string' ? `#${target}` : 'the control'} with the keyboard in ${max} presses`);
}

/** Runs axe-core on the page (shadow DOM included) and returns its violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol: allowed under the page's CSP, unlike a script tag.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`) }));
  });
}

/** Formats axe violations for an assertion message. */
export function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).join('\n  ')}`).join('\n');
}

/** Saves a screenshot of the viewport (or, with { fullPage: true }, the page) under artifacts/screenshots/. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), ...options });
}

/** The shared fixture profiles (tests/fixtures/*.json). */
export function fixtures() {
  const dir = join(ROOT, 'tests', 'fixtures');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

/** Ids of the measures shown in one result group. */
export function idsInGroup(page, status) {
  return page.evaluate((s) => [...document.querySelector('policy-matcher').shadowRoot
    .querySelectorAll(`[data-group="${s}"] [data-measure-id]`)].map((li) => li.getAttribute('data-measure-id')), status);
}

/** The current step's id and its visible questions with their types. */
export function currentStep(page) {
  return page.evaluate(() => {
    const root = document.querySelector('policy-matcher').shadowRoot;
    const step = [...root.querySelectorAll('fieldset.step')].find((s) => !s.hidden);
    return {
      id: step.getAttribute('data-step'),
      questions: [...step.querySelectorAll('[data-question]')].filter((q) => !q.hidden).map((q) => q.getAttribute('data-question')),
    };
  });
}

/** The question's type as the widget built it (from its controls). */
export function questionKind(page, id) {
  return page.evaluate((qid) => {
    const q = document.querySelector('policy-matcher').shadowRoot.querySelector(`[data-question="${qid}"]`);
    if (!q || q.hidden) return null;
    if (q.querySelector('input[type=radio]')) return 'choice';
    if (q.querySelector('input[type=checkbox]')) return 'set';
    if (q.querySelector('.date-input')) return 'date';
    return 'text';
  }, id);
}

/** Radio and checkbox options of a question: [{ id, value }]. */
export function options(page, id) {
  return page.evaluate((qid) => [...document.querySelector('policy-matcher').shadowRoot
    .querySelectorAll(`[data-question="${qid}"] input`)].map((i) => ({ id: i.id, value: i.value })), id);
}

/** Opens a step of the questionnaire from the step list, with the keyboard. */
export async function openStep(page, stepId) {
  await tabTo(page, `pm-step-nav-${stepId}`);
  await page.keyboard.press('Enter');
}

/** Whether a question's field takes money in 万元 (the Chinese form) rather than yuan. */
function inWan(page, id) {
  return page.evaluate((qid) => document.querySelector('policy-matcher').shadowRoot
    .querySelector(`[data-question="${qid}"] .suffix`)?.textContent === '万元', id);
}

/** Types into the focused text field, replacing what it held. */
async function typeOver(page, text) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text !== '') await page.keyboard.type(text);
}

/**
 * Answers one question with the keyboard only, from a profile value in API units
 * (yuan, codes, YYYY-MM-DD, booleans, lists).
 */
export async function answerWithKeyboard(page, id, value) {
  const control = `pm-q-${id}`;
  const kind = await questionKind(page, id);
  if (kind === 'text') {
    await tabTo(page, control);
    const text = typeof value === 'number' && await inWan(page, id) ? String(value / 10000) : String(value);
    await typeOver(page, text);
  } else if (kind === 'date') {
    const [y, m, d] = value.split('-');
    await tabTo(page, control);
    await typeOver(page, y);
    await page.keyboard.press('Tab');
    await typeOver(page, String(Number(m)));
    await page.keyboard.press('Tab');
    await typeOver(page, String(Number(d)));
  } else if (kind === 'choice') {
    // Tab lands on the group's checked radio (or its first); Space checks it, arrows move.
    const wanted = String(value);
    await tabTo(page, (a) => a?.id?.startsWith(control) && a.type === 'radio');
    await page.keyboard.press('Space');
    for (let i = 0; i < 10; i += 1) {
      const active = await activeElement(page);
      if (active.value === wanted && active.checked) return;
      await page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not choose ${wanted} for ${id} with the arrow keys`);
  } else if (kind === 'set') {
    const boxes = await options(page, id);
    const wanted = value.length ? value : ['__none__'];
    for (const box of boxes) {
      const checked = await page.evaluate((bid) => document.querySelector('policy-matcher').shadowRoot.getElementById(bid).checked, box.id);
      if (checked !== wanted.includes(box.value)) {
        await tabTo(page, box.id);
        await page.keyboard.press('Space');
      }
    }
  } else {
    throw new Error(`question ${id} is not shown`);
  }
}

/**
 * The yes/no checklist as shown: its facts in order (ticked, marked new — joined after the
 * list was answered), and whether "都不适用" is ticked; null when the widget has none.
 */
export function checklistState(page) {
  return page.evaluate(() => {
    const list = document.querySelector('policy-matcher').shadowRoot.querySelector('#pm-checklist');
    if (!list) return null;
    return {
      hidden: list.hidden,
      items: [...list.querySelectorAll('[data-check]')].map((c) => ({
        id: c.getAttribute('data-check'), checked: c.querySelector('input').checked, isNew: !c.querySelector('.checklist-new').hidden,
      })),
      none: list.querySelector('#pm-check-none').checked,
    };
  });
}

/**
 * Answers the checklist as a visitor with this profile would, with the keyboard: ticks the
 * facts the profile says apply (and unticks any it says do not); when none listed applies
 * and nothing is ticked, ticks "都不适用" — so a fact the profile does not mention is
 * answered "no", as the visitor reading it would. Returns whether it changed anything.
 */
export async function answerChecklist(page, profile) {
  const s = await checklistState(page);
  if (!s || s.hidden || !s.items.length) return false;
  let changed = false;
  for (const item of s.items) {
    if ((profile[item.id] === true) !== item.checked) {
      await tabTo(page, `pm-check-${item.id}`);
      await page.keyboard.press('Space');
      changed = true;
    }
  }
  const now = await checklistState(page);
  if (!now.none && !now.items.some((i) => i.checked)) {
    await tabTo(page, 'pm-check-none');
    await page.keyboard.press('Space');
    changed = true;
  }
  return changed;
}

/**
 * Completes the questionnaire with the keyboard from a profile: in each step, answers every
 * shown question the profile has, then the yes/no checklist (answerChecklist), then Continue;
 * returns the ids it answered in the steps. Questions the widget skipped (they decide
 * nothing for this profile) are left out, as a visitor would.
 */
export async function completeWithKeyboard(page, profile) {
  const answered = new Set();
  for (let steps = 0; steps < 10; steps += 1) {
    for (let guard = 0; guard < 40; guard += 1) {
      const { questions } = await currentStep(page);
      const next = questions.find((q) => q in profile && !answered.has(q));
      if (!next) break;
      await answerWithKeyboard(page, next, profile[next]);
      answered.add(next);
    }
    await answerChecklist(page, profile);
    const before = await currentStep(page);
    await tabTo(page, 'pm-next');
    await page.keyboard.press('Enter');
    const active = await activeElement(page);
    if (active?.id === 'pm-results-title') return [...answered];
    const after = await currentStep(page);
    if (after.id === before.id) {
      const errors = await page.evaluate(() => document.querySelector('policy-matcher').shadowRoot.querySelector('.error-summary')?.textContent);
      throw new Error(`step ${before.id} did not move on: ${errors}`);
    }
  }
  throw new Error('the questionnaire did not end');
}
