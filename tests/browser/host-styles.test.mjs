/**
 * Host CSS must not leak in: the widget looks the same on the plain demo page, on a
 * Bootstrap 3-style page (html{font-size:10px}, 14px body) and inside a TRS-style CMS
 * article body (text-indent, letter-spacing, justify, break-all, italic bold uppercase…);
 * the article's 【字体：大中小】 switcher sizes it through --pm-font-size, and a visitor's
 * larger browser font still wins over the page's root size.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { axe, describeViolations, newPage, open, screenshot, SCREENSHOTS, setUp, widget } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const PAGES = '/tests/browser/pages';
/** The widget is given the same width on every page, so that its boxes can be compared. */
const WIDTH = '760px';

/** Inherited text properties that a host page can set and the widget must not take. */
const TEXT_PROPERTIES = ['font-size', 'line-height', 'text-indent', 'letter-spacing', 'word-spacing', 'text-align',
  'word-break', 'line-break', 'text-transform', 'white-space', 'font-style', 'font-weight', 'font-family',
  'hyphens', 'text-shadow', 'cursor', '-webkit-text-stroke-width', 'color-scheme', 'caret-color'];

/** Computed styles of a few of the widget's texts, and the sizes of its boxes. */
function measure(page) {
  return page.evaluate(({ width, properties }) => {
    const host = document.querySelector('policy-matcher');
    host.style.width = width;
    const root = host.shadowRoot;
    // (a part another change has renamed reads as null on every page alike)
    const pick = (el) => (el ? Object.fromEntries(properties.map((p) => [p, getComputedStyle(el).getPropertyValue(p)])) : null);
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
    };
    const parts = {
      label: root.querySelector('fieldset.step:not([hidden]) .label'),
      intro: root.querySelector('.intro'),
      stepTitle: root.querySelector('fieldset.step:not([hidden]) .step-title'),
      input: root.querySelector('#pm-q-region'),
      next: root.querySelector('#pm-next'),
      summary: root.querySelector('.summary'),
      result: root.querySelector('.groups [data-measure-id]'),
    };
    return {
      styles: Object.fromEntries(Object.entries(parts).filter(([k]) => ['label', 'intro', 'stepTitle', 'summary'].includes(k)).map(([k, el]) => [k, pick(el)])),
      boxes: { widget: box(host), ...Object.fromEntries(Object.entries(parts).map(([k, el]) => [k, box(el)])) },
    };
  }, { width: WIDTH, properties: TEXT_PROPERTIES });
}

/** A screenshot of the widget alone, to put beside the plain demo's for review. */
async function widgetShot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('policy-matcher').screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

let reference;
async function plainDemo() {
  if (!reference) {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}/www/index.html`);
    reference = await measure(page);
    await widgetShot(page, 'host-widget-plain-demo');
    await context.close();
  }
  return reference;
}

describe('host CSS does not leak in', () => {
  test('the plain demo starts from the browser’s medium size and the widget’s own text styles', async () => {
    const ref = await plainDemo();
    assert.ok(ref.styles.label && ref.styles.intro && ref.boxes.input && ref.boxes.next, 'the compared parts exist');
    assert.equal(ref.styles.label['font-size'], '16px');
    assert.equal(ref.styles.label['text-indent'], '0px');
    assert.equal(ref.styles.label['letter-spacing'], 'normal');
    assert.equal(ref.styles.label['font-weight'], '700', 'labels are bold by the widget’s own rule');
    assert.equal(ref.styles.intro['font-weight'], '400');
  });

  for (const [name, file] of [['a Bootstrap 3 page', 'bootstrap3.html'], ['a TRS-style CMS article', 'trs-article.html']]) {
    test(`on ${name} the widget looks as on the plain demo`, async () => {
      const ref = await plainDemo();
      const { page, context, problems } = await newPage(env);
      await open(page, `${env.url}${PAGES}/${file}`);
      const hostText = await page.evaluate(() => {
        const s = getComputedStyle(document.querySelector('policy-matcher').parentElement);
        return { rootSize: getComputedStyle(document.documentElement).fontSize, fontSize: s.fontSize, textIndent: s.textIndent };
      });
      // the page really is hostile: a 10px root, or an indented, spaced, justified article body
      if (file === 'bootstrap3.html') assert.equal(hostText.rootSize, '10px');
      else assert.notEqual(hostText.textIndent, '0px');
      const got = await measure(page);
      assert.deepEqual(got.styles, ref.styles, 'the same computed text styles as on the plain demo');
      assert.deepEqual(got.boxes, ref.boxes, 'the same box sizes as on the plain demo');
      await screenshot(page, `host-${file.replace('.html', '')}`);
      await widgetShot(page, `host-widget-${file.replace('.html', '')}`);
      const violations = await axe(page);
      assert.deepEqual(violations, [], describeViolations(violations));
      assert.deepEqual(problems, [], 'no errors and no CSP violations');
      await context.close();
    });
  }

  test('the article’s 【字体：大中小】 switcher sizes the widget through --pm-font-size', async () => {
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}${PAGES}/trs-article.html`);
    const sizes = {};
    for (const [label, expected] of [['大', '20px'], ['小', '14px'], ['中', '16px']]) {
      await page.getByRole('button', { name: label, exact: true }).click();
      sizes[label] = await page.evaluate(() => {
        const root = document.querySelector('policy-matcher').shadowRoot;
        return {
          label: getComputedStyle(root.querySelector('fieldset.step:not([hidden]) .label')).fontSize,
          height: root.querySelector('#pm-next').getBoundingClientRect().height,
        };
      });
      assert.equal(sizes[label].label, expected, `【${label}】 gives ${expected} labels`);
      if (label === '大') await screenshot(page, 'host-trs-article-large');
    }
    assert.ok(sizes['大'].height > sizes['中'].height && sizes['中'].height > sizes['小'].height, 'the buttons grow with the text');
    // large-text mode still works on top of the page's size
    await widget(page, 'button[aria-pressed]').click();
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('policy-matcher').shadowRoot
      .querySelector('fieldset.step:not([hidden]) .label')).fontSize), '20px', '16px × 1.25');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a visitor’s larger browser font wins over a page’s 10px root', async () => {
    const { page, context, problems } = await newPage(env);
    const cdp = await context.newCDPSession(page);
    // the browser's "font size" setting, as a visitor with low vision would set it
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
    await open(page, `${env.url}${PAGES}/bootstrap3.html`);
    const sizes = await page.evaluate(() => ({
      root: getComputedStyle(document.documentElement).fontSize,
      label: getComputedStyle(document.querySelector('policy-matcher').shadowRoot.querySelector('fieldset.step:not([hidden]) .label')).fontSize,
    }));
    assert.deepEqual(sizes, { root: '10px', label: '24px' });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
