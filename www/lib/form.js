/**
 * The questionnaire's controls, built from the API's questions() the GOV.UK Frontend way:
 * a label (or fieldset + legend for groups) per question, its hint and error message wired
 * with aria-describedby, native controls only. Each question becomes a Field that can read
 * and validate its answer (in the API's units: yuan, YYYY-MM-DD, codes) and show an error.
 */
import { h, replaceChildren } from './dom.js';
import { names, namesLoaded } from './names.js';
import { fieldToYuan, formatYuan, isIsoDate, parseNumber, roundMoney, toHalfWidth, yuanToField } from './format.js';

/** The id of a question's first control, the target of error-summary links. */
export const controlId = (qid) => `pm-q-${qid}`;

/** Option value for "none of these" in a set question: answers `[]`, not "unknown". */
const NONE = '__none__';

/**
 * Builds one question.
 * @param {object} q a Question from questions(lang)
 * @param {{ lang: string, t: Function, value: unknown, asOf: string }} ctx
 * @returns {Field}
 */
export function buildField(q, ctx) {
  const build = BUILDERS[q.type] ?? BUILDERS.text;
  const ids = { control: controlId(q.id), hint: `pm-hint-${q.id}`, error: `pm-error-${q.id}` };
  const hint = q.hint ? h('div', { class: 'hint', id: ids.hint }, q.hint) : null;
  const error = h('p', { class: 'error-message', id: ids.error, hidden: true });
  const field = build(q, ctx, ids, hint, error);
  field.question = q;
  field.showError = (message) => {
    field.wrapper.classList.toggle('has-error', Boolean(message));
    error.hidden = !message;
    error.replaceChildren(
      h('span', { class: 'visually-hidden' }, ctx.t('errorPrefix')),
      message ?? '',
    );
    for (const control of field.controls) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  };
  return field;
}

/** aria-describedby for a control: its hint and error message. */
function describedBy(ids, hint) {
  return [hint ? ids.hint : null, ids.error].filter(Boolean).join(' ');
}

/** A question with one text-like control under a label. */
function single(q, ids, hint, error, control, suffix) {
  const wrapper = h('div', { class: 'question', 'data-question': q.id, part: 'question' },
    h('label', { class: 'label', for: ids.control }, q.label),
    hint, error,
    suffix ? h('div', { class: 'input-with-suffix' }, control, h('span', { class: 'suffix', 'aria-hidden': 'true' }, suffix)) : control,
  );
  return { wrapper, controls: [control], focusTarget: control };
}

/** A question whose controls are a group (radios, checkboxes, date parts) in a fieldset. */
function group(q, ids, hint, error, content) {
  const fieldset = h('fieldset', { class: 'question', 'data-question': q.id, part: 'question', 'aria-describedby': describedBy(ids, hint) },
    h('legend', { class: 'label' }, q.label), hint, error, content);
  return fieldset;
}

/**
 * Matches what was typed against the options: a label ("福建省 — 厦门市"), its last part
 * when only one option has it ("厦门市"), the option as listed ("…（350200）"), or a code.
 */
function lookupOption(q, text, codePattern) {
  const typed = toHalfWidth(text).trim();
  if (typed === '') return { value: undefined };
  const byLabel = q.options.find((o) => o.label === typed || optionText(o) === typed);
  if (byLabel) return { value: byLabel.value };
  const byLastPart = q.options.filter((o) => o.label.split(' — ').at(-1) === typed);
  if (byLastPart.length === 1) return { value: byLastPart[0].value };
  const code = codePattern.exec(typed.toUpperCase());
  if (code) return { value: code[1] };
  return { invalid: true };
}

/** How an option reads in a text field: "厦门市（350200）", "C 制造业" (industry labels carry their code). */
function optionText(o) {
  return o.label.startsWith(o.value) ? o.label : `${o.label}（${o.value}）`;
}

/**
 * A combobox over regions or industries, found by name (ARIA 1.2 combobox pattern: a text
 * input that owns a listbox popup). Typing searches the names module (厦门, 湖里区, Huli,
 * 电子元件, 奶茶); ArrowDown/ArrowUp move through the suggestions (aria-activedescendant,
 * focus stays in the input), Enter or a click picks one, Escape closes the list. The pick is
 * echoed under the field in full ("福建省厦门市湖里区 350206"; an industry with its path and
 * size row). A native <datalist> was not used: it cannot show the path and size row, its
 * matching is the browser's (prefix of the label only, so 湖里 would not find
 * 福建省厦门市湖里区), and screen readers announce its suggestions unevenly.
 * Without the names module (it failed to load) a code or a listed option is still accepted.
 */
function listField(kind, codePattern, messageKey) {
  return (q, ctx, ids, hint, error) => {
    const listId = `pm-list-${q.id}`;
    const echoId = `pm-echo-${q.id}`;
    const lang = ctx.lang;
    const search = (text) => (kind === 'region' ? names?.searchRegions(text, lang) : names?.searchIndustries(text, lang));
    const describe = (code) => (kind === 'region' ? names?.describeRegion(code, lang) : names?.describeIndustry(code, lang));
    let chosen = null; // { code, label } of the pick the input shows
    let hits = [];
    let active = -1;

    const control = h('input', {
      type: 'text', id: ids.control, name: q.id, autocomplete: 'off', spellcheck: 'false',
      class: 'input input-wide', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': listId, 'aria-describedby': `${describedBy(ids, hint)} ${echoId}`,
      value: ctx.value === undefined ? '' : String(ctx.value),
    });
    const listbox = h('ul', { class: 'listbox', id: listId, role: 'listbox', 'aria-label': q.label, hidden: true });
    const echo = h('div', { class: 'echo', id: echoId, 'aria-live': 'polite' });
    const field = single(q, ids, hint, error, h('div', { class: 'combobox' }, control, listbox));
    field.controls = [control];
    field.focusTarget = control;
    field.wrapper.append(echo);

    const showEcho = (hit, note) => {
      if (hit) {
        replaceChildren(echo,
          h('span', { class: 'echo-label' }, ctx.t('chosen'), hit.label),
          kind === 'industry' && hit.path !== hit.label ? h('span', { class: 'echo-detail' }, hit.path) : null,
          kind === 'industry' && hit.size ? h('span', { class: 'echo-detail' }, hit.size) : null);
      } else {
        replaceChildren(echo, note ? h('span', { class: 'echo-detail' }, note) : '');
      }
    };
    const close = () => {
      listbox.hidden = true;
      control.setAttribute('aria-expanded', 'false');
      control.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const setActive = (i) => {
      active = i;
      [...listbox.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
      if (i >= 0) {
        control.setAttribute('aria-activedescendant', `${listId}-${i}`);
        listbox.children[i].scrollIntoView?.({ block: 'nearest' });
      } else {
        control.removeAttribute('aria-activedescendant');
      }
    };
    const pick = (hit) => {
      chosen = { code: hit.code, label: hit.label };
      control.value = hit.label;
      close();
      showEcho(hit);
      control.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const open = (result) => {
      hits = result?.hits ?? [];
      listbox.replaceChildren(...hits.map((hit, i) => h('li', {
        id: `${listId}-${i}`, role: 'option', class: 'listbox-option', 'aria-selected': 'false',
        onmousedown: (e) => e.preventDefault(), onclick: () => pick(hit),
      }, h('span', { class: 'option-label' }, hit.label), hit.via ? h('span', { class: 'option-detail' }, ctx.t('via', { word: hit.via })) : null,
      // On the English page a region's Chinese name beside its pinyin tells 山西 from 陕西.
      kind === 'region' && lang === 'en' ? h('span', { class: 'option-detail', lang: 'zh-CN' }, hit.name) : null,
      kind === 'industry' && hit.level !== 'section' ? h('span', { class: 'option-detail' }, hit.path.split(' › ').slice(0, -1).join(' › ')) : null)));
      listbox.hidden = hits.length === 0;
      control.setAttribute('aria-expanded', String(hits.length > 0));
      active = -1;
      control.removeAttribute('aria-activedescendant');
      showEcho(null, hits.length ? ctx.t('suggestions', { n: hits.length }) : result?.note);
    };

    control.addEventListener('input', () => {
      chosen = null;
      const text = control.value.trim();
      if (!text || !names) { close(); showEcho(null); return; }
      open(search(control.value));
    });
    control.addEventListener('keydown', (e) => {
      const expanded = !listbox.hidden;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!expanded && names && control.value.trim()) open(search(control.value));
        if (!hits.length) return;
        e.preventDefault();
        const n = hits.length;
        setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === 'Enter' && expanded && active >= 0) {
        // The Enter picks the suggestion and goes no further: the form would otherwise take
        // it as "continue" (Enter in a field moves on) and leave the page under the visitor.
        e.preventDefault();
        e.stopPropagation();
        pick(hits[active]);
      } else if (e.key === 'Escape' && expanded) {
        e.preventDefault();
        close();
      }
    });
    control.addEventListener('blur', () => close());

    // A value given before (a share link, remembered answers): named once the module is there.
    const nameGiven = () => {
      if (ctx.value === undefined || !names || chosen || control.value !== String(ctx.value)) return;
      const hit = describe(String(ctx.value));
      if (hit) {
        chosen = { code: hit.code, label: hit.label };
        control.value = hit.label;
        showEcho(hit);
      }
    };
    namesLoaded().then(nameGiven, () => {});

    field.read = () => {
      const text = control.value.trim();
      if (text === '') return { value: undefined };
      if (chosen && chosen.label === text) return { value: chosen.code };
      if (names) {
        const result = search(text);
        const top = result?.hits ?? [];
        // One suggestion, or one that is exactly what was typed (a code, a full label).
        const exact = top.find((hit) => hit.label === text || hit.code === text.toUpperCase());
        const only = top.length === 1 ? top[0] : null;
        const hit = exact ?? only;
        if (hit) return { value: hit.code };
        return { error: ctx.t(messageKey, { label: q.label }) };
      }
      const found = lookupOption(q, text, codePattern);
      if (found.invalid) return { error: ctx.t(messageKey, { label: q.label }) };
      return { value: found.value };
    };
    field.raw = () => control.value.trim() !== '';
    field.describe = (value) => describe(String(value))?.label ?? String(value);
    return field;
  };
}

/**
 * Money as people write it, in yuan: "1500" and "1,500" in the field's unit (万元 on the
 * Chinese form, yuan on the English one), or with a unit of their own: "0.3亿", "1500万",
 * "1500万元", "800元". Null when it is not a number.
 */
export function parseAmount(text, lang) {
  const clean = toHalfWidth(text).replace(/[\s,，]/g, '');
  const m = /^(-?(?:\d+(?:\.\d*)?|\.\d+))(亿|万)?(元)?$/.exec(clean);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === '亿') return roundMoney(n * 1e8);
  if (m[2] === '万') return roundMoney(n * 1e4);
  if (m[3]) return roundMoney(n);
  return fieldToYuan(n, lang);
}

/** A number field (integer, decimal, money in 万元 or yuan) with a unit suffix. */
function numberField(q, ctx, ids, hint, error) {
  const money = q.unit === 'yuan';
  const integer = q.type === 'integer';
  const suffix = q.unit ? ctx.t(money ? 'unitMoney' : `unit_${q.unit}`) : null;
  const echoId = `pm-echo-${q.id}`;
  const control = h('input', {
    type: 'text', id: ids.control, name: q.id, class: 'input input-number', spellcheck: 'false', autocomplete: 'off',
    inputmode: integer && !q.allow_negative ? 'numeric' : 'decimal',
    'aria-describedby': money ? `${describedBy(ids, hint)} ${echoId}` : describedBy(ids, hint),
    value: ctx.value === undefined ? '' : money ? yuanToField(ctx.value, ctx.lang) : String(ctx.value),
  });
  const field = single(q, ids, hint, error, control, suffix);
  // Money is echoed back in words as it is typed ("0.3亿" → 即 3000万元).
  const echo = money ? h('p', { class: 'echo echo-detail', id: echoId }) : null;
  const showEcho = () => {
    const yuan = parseAmount(control.value, ctx.lang);
    echo.replaceChildren(yuan === null || control.value.trim() === '' ? '' : ctx.t('amountEcho', { amount: formatYuan(yuan, ctx.lang) }));
  };
  if (money) {
    field.wrapper.append(echo);
    control.addEventListener('input', showEcho);
    showEcho();
  }
  field.read = () => {
    const text = control.value.trim();
    if (text === '') return { value: undefined };
    const n = money ? parseAmount(text, ctx.lang) : parseNumber(text);
    const example = ctx.t(money ? 'exampleMoney' : 'exampleCount');
    if (n === null) return { error: ctx.t(integer ? 'errInteger' : 'errNumber', { label: q.label, example, unit: suffix ?? '' }) };
    if (integer && !Number.isInteger(n)) return { error: ctx.t('errInteger', { label: q.label, example }) };
    if (n < 0 && !q.allow_negative) return { error: ctx.t('errNegative', { label: q.label }) };
    return { value: n };
  };
  field.raw = () => control.value.trim() !== '';
  field.describe = (value) => (money ? formatYuan(value, ctx.lang) : `${value}${ctx.lang === 'en' ? ' ' : ''}${suffix ?? ''}`);
  return field;
}

/** Radios for a choice, plus "not sure" to go back to unanswered (a yes/no is a choice too). */
function choiceField(q, ctx, ids, hint, error) {
  const options = q.type === 'bool'
    ? [{ value: true, label: ctx.t('yes') }, { value: false, label: ctx.t('no') }]
    : q.options;
  const radios = [];
  const items = [...options, { value: undefined, label: ctx.t('notSure') }].map((o, i) => {
    const id = i === 0 ? ids.control : `${ids.control}-${i}`;
    const radio = h('input', {
      type: 'radio', class: 'radio-input', id, name: q.id, value: o.value === undefined ? '' : String(o.value),
      checked: ctx.value !== undefined && o.value === ctx.value,
    });
    radios.push({ radio, value: o.value });
    return h('div', { class: 'choice' }, radio, h('label', { for: id, class: 'choice-label' }, o.label));
  });
  const wrapper = group(q, ids, hint, error, h('div', { class: q.type === 'bool' ? 'choices choices-inline' : 'choices' }, items));
  return {
    wrapper, controls: radios.map((r) => r.radio), focusTarget: radios[0].radio,
    read: () => ({ value: radios.find((r) => r.radio.checked)?.value }),
    raw: () => radios.some((r) => r.radio.checked && r.value !== undefined),
    describe: (value) => options.find((o) => o.value === value)?.label ?? String(value),
  };
}

/** Checkboxes for a set, with an exclusive "none of these" (answer []) like GOV.UK's. */
function setField(q, ctx, ids, hint, error) {
  const given = Array.isArray(ctx.value) ? ctx.value : null;
  const boxes = q.options.map((o, i) => ({
    value: o.value,
    box: h('input', { type: 'checkbox', class: 'checkbox-input', id: i === 0 ? ids.control : `${ids.control}-${i}`, name: q.id, value: o.value, checked: given?.includes(o.value) ?? false }),
    label: o.label,
  }));
  const none = h('input', { type: 'checkbox', class: 'checkbox-input', id: `${ids.control}-none`, name: q.id, value: NONE, checked: given !== null && given.length === 0 });
  const onChange = (event) => {
    if (event.target === none && none.checked) boxes.forEach((b) => { b.box.checked = false; });
    if (event.target !== none && event.target.checked) none.checked = false;
  };
  const items = boxes.map((b) => h('div', { class: 'choice' }, b.box, h('label', { for: b.box.id, class: 'choice-label' }, b.label)));
  const wrapper = group(q, ids, hint, error, h('div', { class: 'choices', onchange: onChange },
    items,
    h('p', { class: 'choices-divider' }, ctx.t('or')),
    h('div', { class: 'choice' }, none, h('label', { for: none.id, class: 'choice-label' }, ctx.t('noneOfThese'))),
  ));
  return {
    wrapper, controls: [...boxes.map((b) => b.box), none], focusTarget: boxes[0]?.box ?? none,
    read: () => {
      if (none.checked) return { value: [] };
      const chosen = boxes.filter((b) => b.box.checked).map((b) => b.value);
      return { value: chosen.length ? chosen : undefined };
    },
    raw: () => none.checked || boxes.some((b) => b.box.checked),
    describe: (value) => (value.length ? value.map((v) => q.options.find((o) => o.value === v)?.label ?? v).join(ctx.lang === 'en' ? ', ' : '、') : ctx.t('noneOfThese')),
  };
}

/** A date as three fields, year, month, day (GOV.UK date input). */
function dateField(q, ctx, ids, hint, error) {
  const [y, m, d] = typeof ctx.value === 'string' ? ctx.value.split('-') : ['', '', ''];
  const part = (key, value, size, first) => {
    const id = first ? ids.control : `${ids.control}-${key}`;
    const input = h('input', { type: 'text', id, name: `${q.id}-${key}`, class: `input input-date-${key}`, inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', maxlength: size, value: value ? String(Number(value)) : '' });
    return { input, item: h('div', { class: 'date-item' }, h('label', { for: id, class: 'date-label' }, ctx.t(`date_${key}`)), input) };
  };
  const parts = [part('year', y, 4, true), part('month', m, 2), part('day', d, 2)];
  const wrapper = group(q, ids, hint, error, h('div', { class: 'date-input' }, parts.map((p) => p.item)));
  const [year, month, day] = parts.map((p) => p.input);
  return {
    wrapper, controls: parts.map((p) => p.input), focusTarget: year,
    read: () => {
      const values = [year, month, day].map((i) => toHalfWidth(i.value).trim());
      if (values.every((v) => v === '')) return { value: undefined };
      // The year alone, or the year and month, is an answer too (the API takes YYYY and
      // YYYY-MM): most founding-date conditions are settled by it.
      const [yv, mv, dv] = values;
      if (yv === '' || (mv === '' && dv !== '')) return { error: ctx.t('errDateIncomplete', { label: q.label }) };
      if (!/^\d{4}$/.test(yv) || (mv !== '' && !/^\d{1,2}$/.test(mv)) || (dv !== '' && !/^\d{1,2}$/.test(dv))) {
        return { error: ctx.t('errDateReal', { label: q.label }) };
      }
      const iso = [yv, mv && mv.padStart(2, '0'), dv && dv.padStart(2, '0')].filter(Boolean).join('-');
      const real = dv !== '' ? isIsoDate(iso) : mv === '' || (Number(mv) >= 1 && Number(mv) <= 12);
      if (!real || Number(yv) < 1000) return { error: ctx.t('errDateReal', { label: q.label }) };
      if (ctx.asOf && iso > ctx.asOf) return { error: ctx.t('errDateFuture', { label: q.label }) };
      return { value: iso };
    },
    raw: () => [year, month, day].some((i) => i.value.trim() !== ''),
  };
}

/** A plain text answer, for any question type the widget does not know yet. */
function textField(q, ctx, ids, hint, error) {
  const control = h('input', { type: 'text', id: ids.control, name: q.id, class: 'input input-wide', 'aria-describedby': describedBy(ids, hint), value: ctx.value ?? '' });
  const field = single(q, ids, hint, error, control);
  field.read = () => ({ value: control.value.trim() === '' ? undefined : control.value.trim() });
  field.raw = () => control.value.trim() !== '';
  return field;
}

const BUILDERS = {
  region: listField('region', /^.*?(\d{6})\D*$/, 'errRegion'),
  industry: listField('industry', /^([A-T](?:\d{2,4})?)(?:\s.*)?$/, 'errIndustry'),
  integer: numberField,
  number: numberField,
  date: dateField,
  enum: choiceField,
  bool: choiceField,
  set: setField,
  text: textField,
};

/** How an answer reads in the printed summary and the export ("80人", "6000万元", "是"). */
export function describeAnswer(field, value) {
  if (field.describe) return field.describe(value);
  const q = field.question;
  if (q.options?.length) {
    const o = q.options.find((x) => x.value === value);
    if (o) return optionText(o);
  }
  return String(value);
}
