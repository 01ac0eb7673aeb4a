/**
 * Host key guards: a page's "防止退格键返回" script (document keydown that cancels Backspace
 * unless the target is an input, and a variant for Delete) and a "屏蔽回车" one (cancels
 * Enter outside buttons) see <policy-matcher> as the target of every key typed in the
 * widget. Backspace and Delete must still edit the widget's fields and Enter still work its
 * buttons and fields; only those keys from those controls are kept from the page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { activeElement, currentStep, newPage, open, openStep, tabTo, setUp, widget } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const PAGE = '/tests/browser/pages/backspace-guard.html';

describe('a host page that blocks Backspace', () => {
  test('Backspace and Delete edit the widget’s text fields', async () => {
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}${PAGE}`);
    // the guard is live: Backspace and Delete on the page's own checkbox are cancelled
    await page.focus('#host-box');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');
    assert.deepEqual(await page.evaluate(() => window.guardBlocked), ['Backspace', 'Delete']);

    await openStep(page, 'size');
    await tabTo(page, 'pm-q-employees');
    await page.keyboard.type('1234');
    await page.keyboard.press('Backspace');
    assert.equal((await activeElement(page)).value, '123', 'Backspace deletes the last digit');
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    assert.equal((await activeElement(page)).value, '23', 'Delete deletes the first digit');
    await page.waitForFunction(() => document.querySelector('policy-matcher').profile.employees === 23);

    // a date part too
    await openStep(page, 'activity');
    await tabTo(page, 'pm-q-established');
    await page.keyboard.type('2019');
    await page.keyboard.press('Backspace');
    assert.equal((await activeElement(page)).value, '201');
    assert.deepEqual(await page.evaluate(() => window.guardBlocked), ['Backspace', 'Delete'], 'the guard saw none of these keys');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a page that blocks Enter does not stop the widget’s buttons and fields', async () => {
    const { page, context, problems } = await newPage(env);
    await open(page, `${env.url}${PAGE}`);
    await page.focus('#host-box');
    await page.keyboard.press('Enter');
    assert.deepEqual(await page.evaluate(() => window.guardBlocked), ['Enter'], 'the Enter guard is live');
    // Enter on a step button (openStep) and in a field (moves on, as the Next button does)
    await openStep(page, 'size');
    await tabTo(page, 'pm-q-employees');
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');
    assert.equal((await currentStep(page)).id, 'qualifications');
    assert.deepEqual(await page.evaluate(() => window.guardBlocked), ['Enter'], 'the guard saw no Enter from the widget');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('keys from the widget’s other controls still reach the page', async () => {
    const { page, context } = await newPage(env);
    await open(page, `${env.url}${PAGE}`);
    await tabTo(page, 'pm-next');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');
    assert.deepEqual(await page.evaluate(() => window.guardBlocked), ['Backspace', 'Delete'],
      'only editing keys in editable fields are kept inside the widget');
    // the read-only share link is not a field the visitor edits
    await widget(page, '#pm-share-button').click();
    assert.equal((await activeElement(page)).id, 'pm-share-link');
    await page.keyboard.press('Backspace');
    assert.deepEqual(await page.evaluate(() => window.guardBlocked), ['Backspace', 'Delete', 'Backspace']);
    // and a read-aloud toolbar finds the real target with composedPath()[0]
    await page.evaluate(() => {
      window.realTargets = [];
      document.addEventListener('keyup', (e) => window.realTargets.push([e.target.localName, e.composedPath()[0].id]));
    });
    await page.keyboard.press('Shift');
    assert.deepEqual(await page.evaluate(() => window.realTargets), [['policy-matcher', 'pm-share-link']]);
    await context.close();
  });
});
