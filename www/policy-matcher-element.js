/**
 * <policy-matcher>: the in-page questionnaire that matches an enterprise's answers against
 * the catalogue of SME support measures, entirely in the visitor's browser.
 *
 * This file only defines the class; `policy-matcher.js` registers it. Attributes are the
 * source of truth and properties mirror them:
 *
 *   lang       zh-CN (default) | en; without it, the host page's lang decides
 *   region     a 6-digit division code locking the enterprise's region (e.g. 350200)
 *   as-of      YYYY-MM-DD: the date measures are judged at (default: today)
 *   catalogue  URL of the site's own catalogue JSON (validated; falls back to the built-in one)
 *   ask        checklist (default) | one-by-one: how the yes/no facts worth asking are asked —
 *              together, as one checklist "以下哪些情况适用于您的企业？" with an exclusive
 *              "都不适用", or each as its own question in its step (issue 9). The former
 *              boolean `checklist` attribute is no longer needed and is ignored.
 *   pkg-base   URL of the directory holding policy_matcher.js and policy_matcher_bg.wasm,
 *              and the names module beside them (default: the pkg/ beside www/)
 *
 * Properties set before this script runs (on the not yet upgraded element) are applied when
 * it connects. Events (bubbling, composed): `policy-matcher:change` { profile },
 * `policy-matcher:results` { as_of, counts, groups, summary, derived, results },
 * `policy-matcher:error` { code: load | catalogue | config, message, … } (and `unsupported`,
 * from policy-matcher.js, on a browser that cannot run this).
 * The element's light-DOM children are the no-JS fallback: hidden once the widget renders,
 * shown again if the matcher cannot load.
 */
import { h, replaceChildren } from './lib/dom.js';
import { CatalogueError, loadCatalogue, loadPackage, packageBase } from './lib/engine.js';
import { buildField, controlId, describeAnswer } from './lib/form.js';
import { loadNames, regionName } from './lib/names.js';
import { formatDate, isIsoDate, todayIso } from './lib/format.js';
import { pick, resolveLang, translator } from './lib/i18n.js';
import { plainCopy, toJson } from './lib/json.js';
import { countByGroup, countByStatus, renderCatalogueInfo, renderGroups, renderOverview, renderPrintSummary, summarySentence } from './lib/render-results.js';
import { download, exportJson, forget, loadRemembered, profileFromFragment, remember, shareUrl } from './lib/share.js';
import { styles } from './lib/styles.js';
import { Checklist, progressText, refineNote, settlesNote } from './lib/ask.js';

/** How many "answer this next" suggestions to offer. */
const NEXT_QUESTIONS_SHOWN = 5;

/** Properties a page may set before the element is upgraded (applied in connectedCallback). */
const UPGRADED_PROPERTIES = ['lang', 'region', 'asOf', 'catalogue', 'pkgBase', 'ask', 'profile'];

/** Input types whose Backspace/Delete edit text (and must not reach a page's key guards). */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'number', 'tel', 'url', 'email', 'password', 'date', 'month', 'week', 'time', 'datetime-local']);

/** Whether a key event's real target (inside the shadow root) is a field the visitor edits. */
function editsText(target) {
  if (!target || target.disabled || target.readOnly) return false;
  if (target.localName === 'input') return TEXT_INPUT_TYPES.has(target.type);
  return target.localName === 'textarea' || Boolean(target.isContentEditable);
}

/**
 * Keeps the keys the widget's own controls need from the page's key guards: outside the
 * shadow root the target of every key is the <policy-matcher> element itself, so the common
 * "防止退格键返回" script (cancels Backspace unless the target is an input) and "屏蔽回车"
 * scripts (cancel Enter outside buttons) would take them. Backspace and Delete typed in a
 * text field, and Enter on a field, button or link of the widget, stop at the shadow root;
 * every other key still reaches the page.
 */
function keepEditingKeys(event) {
  const target = event.composedPath()[0];
  if ((event.key === 'Backspace' || event.key === 'Delete') && editsText(target)) {
    event.stopPropagation();
  } else if (event.key === 'Enter' && target?.closest?.('input, button, select, textarea, a[href], summary')) {
    event.stopPropagation();
  }
}

let sheet = null;
/** One constructable stylesheet shared by every instance (allowed by a strict CSP). */
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
  }
  return sheet;
}

export class PolicyMatcherElement extends HTMLElement {
  static observedAttributes = ['lang', 'region', 'as-of', 'catalogue', 'pkg-base', 'ask'];

  #root;
  #engine = null;
  /** The package module itself (the built-in catalogue), whatever catalogue the engine holds. */
  #mod = null;
  /** Counts matches sent to a Worker: only the newest one's output is shown. */
  #matchTicket = 0;
  /** The answers and date a Worker's last output was matched for, so a rebuild reuses it. */
  #outputFor = null;
  /** Region codes the package knows (a region attribute is checked on every rebuild). */
  #knownRegions = new Map();
  #catalogueProblem = null;
  #loadToken = 0;
  #profile = {};
  #profileRestored = false;
  #output = null;
  #questions = null;
  #fields = new Map();
  #steps = [];
  #step = 0;
  #fieldErrors = new Map();
  #filters = { category: '', type: '', query: '' };
  #expanded = new Set();
  #openGroups = new Set();
  #rememberAnswers = false;
  #largeText = false;
  #renderQueued = false;
  #els = {};
  /** The yes/no checklist (unless `ask="one-by-one"`), and the facts it lists across re-renders. */
  #checklist = null;
  /** Whether relevance has been applied since the form was built (the first pass may hide anything). */
  #relevanceShown = false;
  #checklistIds = [];
  #upgrading = false;
  #reportedConfig = new Set();
  #configProblems = [];
  #focusAfterLoad = false;
  #storageRefused = false;
  #unknownRegion = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styleSheet()];
    this.#root.addEventListener('keydown', keepEditingKeys);
  }

  // ---- attributes mirrored as properties (lang is HTMLElement's own reflected property)

  /** The locked region code, or null. */
  get region() { return this.getAttribute('region'); }
  set region(value) { this.#setAttr('region', value); }

  /** The as-of date, YYYY-MM-DD, or null for today. */
  get asOf() { return this.getAttribute('as-of'); }
  set asOf(value) { this.#setAttr('as-of', value); }

  /** URL of the site's own catalogue, or null for the built-in one. */
  get catalogue() { return this.getAttribute('catalogue'); }
  set catalogue(value) { this.#setAttr('catalogue', value); }

  /** URL of the directory holding the wasm package, or null for the default (../pkg/ beside www/). */
  get pkgBase() { return this.getAttribute('pkg-base'); }
  set pkgBase(value) { this.#setAttr('pkg-base', value); }

  /** How the yes/no facts are asked: 'checklist' (the default) or 'one-by-one'. */
  get ask() { return this.getAttribute('ask')?.trim() === 'one-by-one' ? 'one-by-one' : 'checklist'; }
  set ask(value) { this.#setAttr('ask', value); }

  /** The visitor's answers (API units: yuan, codes, YYYY-MM-DD); setting one replaces them. */
  get profile() { return plainCopy(this.#profile); }
  set profile(value) {
    this.#profile = { ...(value ?? {}) };
    this.#profileRestored = true;
    if (this.#engine) this.#renderAll();
  }

  /** The last matchProfile() output, or null before the first. */
  get result() { return this.#output ? plainCopy(this.#output) : null; }

  #setAttr(name, value) {
    if (value === null || value === undefined || value === '') this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  // ---- lifecycle

  connectedCallback() {
    this.#upgradeProperties();
    if (!this.#engine) this.#load();
  }

  /**
   * A page may set `el.region = …` before this script has defined the element: the value is
   * then an own property of the plain element that would hide the setter forever. Remove it
   * and set it again through the setter.
   */
  #upgradeProperties() {
    this.#upgrading = true;
    try {
      for (const name of UPGRADED_PROPERTIES) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
    } finally {
      this.#upgrading = false;
    }
  }

  disconnectedCallback() {
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected || this.#upgrading) return;
    if (name === 'catalogue' || name === 'pkg-base') this.#load();
    else if (this.#engine) this.#renderAll();
  }

  /** The widget's language: its own lang attribute, else the host page's. */
  get #lang() {
    return resolveLang(this.closest('[lang]')?.getAttribute('lang'));
  }

  get #t() { return translator(this.#lang); }

  /** The date measures are judged at. */
  get #asOf() {
    const value = this.getAttribute('as-of');
    return isIsoDate(value) ? value : todayIso();
  }

  get #lockedRegion() {
    const value = this.getAttribute('region')?.trim();
    return value && /^\d{6}$/.test(value) && value !== this.#unknownRegion ? value : null;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(`policy-matcher:${type}`, { bubbles: true, composed: true, detail }));
  }

  // ---- loading

  async #load() {
    const token = ++this.#loadToken;
    const t = this.#t;
    // a visitor who pressed "try again" keeps the focus inside the widget
    this.#focusAfterLoad = this.#focusAfterLoad || Boolean(this.#root.activeElement);
    const status = h('p', { class: 'loading', role: 'status', tabindex: '-1' }, t('loading'));
    replaceChildren(this.#root, h('div', { class: 'pm pm-loading', lang: this.#lang, part: 'root' }, status));
    if (this.#focusAfterLoad) status.focus();
    let mod;
    // The names module (region/industry search) loads from the matcher's package directory
    // (the default one or pkg-base); without it the form still takes codes.
    const base = packageBase(this.getAttribute('pkg-base'));
    const namesReady = loadNames(base).catch(() => null);
    try {
      mod = await loadPackage(base);
    } catch (err) {
      if (token === this.#loadToken) this.#renderFailure(err);
      return;
    }
    let engine = mod;
    let problem = null;
    const url = this.getAttribute('catalogue');
    if (url) {
      try {
        engine = await loadCatalogue(mod, url, base);
      } catch (err) {
        problem = err instanceof CatalogueError ? err : new CatalogueError(url, [{ code: 'load', field: '', message: String(err), message_en: String(err) }]);
        this.#emit('error', { code: 'catalogue', message: problem.message, problems: problem.problems });
      }
    }
    await namesReady;
    if (token !== this.#loadToken) return;
    if (!this.#profileRestored) this.#restoreProfile();
    if (engine.async) {
      // A catalogue in a Worker: the first result before the first render, so the form
      // shows only the questions that decide, as it does with the built-in catalogue.
      try {
        const first = await engine.matchProfile(this.#profile, { as_of: this.#asOf });
        if (token !== this.#loadToken) return;
        this.#output = first;
        this.#outputFor = toJson([this.#profile, this.#asOf]);
      } catch (err) {
        if (token !== this.#loadToken) return;
        engine = mod;
        problem = new CatalogueError(url, [{ code: 'load', field: '', message: String(err?.message ?? err), message_en: String(err?.message ?? err) }]);
        this.#emit('error', { code: 'catalogue', message: problem.message, problems: problem.problems });
      }
    }
    this.#mod = mod;
    this.#engine = engine;
    this.#catalogueProblem = problem;
    this.#renderAll();
    if (this.#focusAfterLoad) {
      this.#focusAfterLoad = false;
      this.#steps[this.#step]?.heading.focus();
    }
  }

  /** The matcher could not load: say so inside the element and show the light-DOM fallback. */
  #renderFailure(err) {
    const t = this.#t;
    this.#engine = null;
    const retry = h('button', { type: 'button', id: 'pm-retry', class: 'button button-secondary', part: 'button', onclick: () => this.#load() }, t('retry'));
    replaceChildren(this.#root, h('div', { class: 'pm pm-failed', lang: this.#lang, part: 'root' },
      h('div', { class: 'notice notice-error', role: 'alert', part: 'error' },
        h('p', {}, t('loadFailed')),
        h('p', { class: 'detail' }, t('loadFailedDetail', { detail: err?.message ?? String(err) })),
        retry),
      h('div', { class: 'fallback' }, h('slot'))));
    // after a failed "try again" the focus stays on the button, not on the page's <body>
    if (this.#focusAfterLoad) {
      this.#focusAfterLoad = false;
      retry.focus();
    }
    this.#emit('error', { code: 'load', message: err?.message ?? String(err) });
  }

  /** Answers from a share link's fragment, else those remembered with consent. */
  #restoreProfile() {
    this.#profileRestored = true;
    const shared = profileFromFragment({ scope: this.id, only: document.querySelectorAll('policy-matcher').length === 1 });
    if (shared) {
      this.#profile = shared;
      return;
    }
    const remembered = loadRemembered();
    if (remembered) {
      this.#profile = remembered;
      this.#rememberAnswers = true;
    }
  }

  /**
   * Checks the page's attributes: a region or as-of the widget cannot use is ignored (no
   * lock; today), shown in the widget and reported once per value as a `config` error.
   */
  #checkConfig() {
    const problems = [];
    const region = this.getAttribute('region');
    const asOf = this.getAttribute('as-of');
    this.#unknownRegion = null;
    if (region !== null && region.trim() !== '') {
      const code = region.trim();
      const wellFormed = /^\d{6}$/.test(code);
      // six digits the matcher does not know (999999) lock nothing either
      if (wellFormed && !this.#knownRegions.has(code)) {
        this.#knownRegions.set(code, !this.#mod.matchProfile({ region: code }, { as_of: this.#asOf }).errors?.some((e) => e.field === 'region'));
      }
      const known = wellFormed && this.#knownRegions.get(code);
      if (wellFormed && !known) this.#unknownRegion = code;
      if (!known) problems.push({ attribute: 'region', value: region, key: 'configRegion' });
    }
    if (asOf !== null && asOf.trim() !== '' && !isIsoDate(asOf)) {
      problems.push({ attribute: 'as-of', value: asOf, key: 'configAsOf' });
    }
    const zh = translator('zh-CN');
    const en = translator('en');
    for (const p of problems) {
      const vars = { value: p.value, today: todayIso() };
      p.message = zh(p.key, vars);
      p.message_en = en(p.key, vars);
      const id = `${p.attribute}=${p.value}`;
      if (!this.#reportedConfig.has(id)) {
        this.#reportedConfig.add(id);
        this.#emit('error', { code: 'config', attribute: p.attribute, value: p.value, message: p.message, message_en: p.message_en });
      }
    }
    this.#configProblems = problems;
  }

  // ---- rendering

  /** Builds the whole widget for the current language, catalogue and answers. */
  #renderAll() {
    this.#captureOpen();
    const lang = this.#lang;
    const t = this.#t;
    this.#questions = this.#engine.questions(lang);
    const els = {};
    this.#els = els;

    els.langButton = h('button', { type: 'button', id: 'pm-language', class: 'button button-secondary', part: 'button language-button', lang: lang === 'en' ? 'zh-CN' : 'en', 'aria-label': t('switchLanguageLabel'), onclick: () => this.#switchLanguage() }, t('switchLanguage'));
    els.largeButton = h('button', { type: 'button', class: 'button button-secondary', part: 'button', 'aria-pressed': String(this.#largeText), onclick: () => this.#toggleLargeText() }, t('largeText'));

    els.errorSummary = h('div', { class: 'error-summary', part: 'error-summary', tabindex: '-1', hidden: true, 'aria-labelledby': 'pm-error-summary-title' });
    els.form = h('form', { class: 'form', part: 'form', novalidate: true, 'aria-labelledby': 'pm-form-title', onsubmit: (e) => e.preventDefault(), onkeydown: (e) => this.#onFormKey(e), oninput: (e) => this.#onFormEvent(e), onchange: (e) => this.#onFormEvent(e) });
    els.results = h('section', { class: 'results', part: 'results', 'aria-labelledby': 'pm-results-title' });

    const catalogueNotice = this.#catalogueProblem ? this.#catalogueNotice(this.#catalogueProblem) : null;
    this.#checkConfig();
    const configNotice = this.#configProblems.length
      ? h('div', { class: 'notice notice-warning', part: 'config-error' },
        this.#configProblems.map((p) => h('p', {}, lang === 'en' ? p.message_en : p.message)))
      : null;

    replaceChildren(this.#root, h('div', { class: `pm${this.#largeText ? ' pm-large' : ''}`, lang, part: 'root' },
      h('div', { class: 'header', part: 'header' },
        h('p', { class: 'intro' }, t('intro')),
        h('div', { class: 'toolbar' }, els.langButton, els.largeButton)),
      catalogueNotice,
      configNotice,
      h('div', { class: 'layout' },
        h('div', { class: 'form-column' }, els.errorSummary, els.form),
        els.results)));

    this.#buildForm();
    this.#buildResultsPanel();
    this.#update({ rebuilt: true });
  }

  #catalogueNotice(problem) {
    const t = this.#t;
    const lang = this.#lang;
    return h('div', { class: 'notice notice-warning', role: 'alert', part: 'catalogue-error' },
      h('p', {}, t('catalogueFailed', { url: problem.url })),
      problem.problems?.length ? [h('p', {}, t('catalogueProblems')), h('ul', {}, problem.problems.slice(0, 10).map((p) => h('li', {},
        p.field ? h('code', {}, p.field) : null, p.field ? ' ' : null, lang === 'en' ? (p.message_en || p.message) : p.message)))] : null);
  }

  #buildForm() {
    const t = this.#t;
    const lang = this.#lang;
    const locked = this.#lockedRegion;
    this.#fields = new Map();
    this.#fieldErrors = new Map();
    this.#relevanceShown = false;
    this.#steps = this.#questions.steps.map((step, index) => {
      const fields = step.questions
        .filter((q) => !(locked && q.id === 'region'))
        .map((q) => {
          const field = buildField(q, { lang, t, value: this.#profile[q.id], asOf: this.#asOf });
          field.step = index;
          this.#fields.set(q.id, field);
          return field;
        });
      const legendId = `pm-step-${step.id}`;
      // Progress is how many measures still depend on the visitor, not a page number.
      const heading = h('h2', { class: 'step-title', tabindex: '-1' }, step.title);
      const element = h('fieldset', { class: 'step', part: 'step', 'data-step': step.id, id: legendId },
        h('legend', { class: 'step-legend' }, heading),
        fields.map((f) => f.wrapper));
      return { ...step, fields, element, heading };
    });

    const regionOption = locked ? this.#questions.steps.flatMap((s) => s.questions).find((q) => q.id === 'region')?.options?.find((o) => o.value === locked) : null;
    // The lock names the region (福建省厦门市湖里区) once the names module has it.
    this.#els.regionLock = locked ? h('p', { class: 'notice notice-info region-lock', part: 'region-lock' }, t('regionLocked', { region: regionOption?.label ?? locked })) : null;
    if (locked) regionName(locked, lang, packageBase(this.getAttribute('pkg-base'))).then((name) => { this.#els.regionLock?.replaceChildren(t('regionLocked', { region: name })); });
    this.#els.stepNav = h('nav', { class: 'step-nav', part: 'step-nav', 'aria-label': t('stepsLabel') }, h('ol', {}));
    this.#els.backButton = h('button', { type: 'button', id: 'pm-back', class: 'button button-secondary', part: 'button', onclick: () => this.#back() }, t('back'));
    // a plain button, not a submit: a sandboxed frame without allow-forms blocks submission
    this.#els.nextButton = h('button', { type: 'button', id: 'pm-next', class: 'button', part: 'button button-primary', onclick: () => this.#next() }, t('next'));
    replaceChildren(this.#els.form,
      h('h2', { class: 'visually-hidden', id: 'pm-form-title' }, t('formTitle')),
      locked ? this.#els.regionLock : null,
      this.#els.stepNav,
      this.#els.progress = h('p', { class: 'progress', part: 'progress', role: 'status' }),
      this.#steps.map((s) => s.element),
      this.#buildChecklist(),
      h('div', { class: 'button-group' }, this.#els.backButton, this.#els.nextButton,
        h('button', { type: 'button', id: 'pm-see-results', class: 'button button-secondary', part: 'button', onclick: () => this.#seeResults() }, t('seeResultsNow')),
        h('button', { type: 'button', id: 'pm-clear', class: 'link-button clear-button', 'aria-expanded': 'false', 'aria-controls': 'pm-clear-confirm', onclick: (e) => this.#askClear(e.currentTarget) }, t('clearAnswers'))),
      h('div', { class: 'clear-confirm notice notice-warning', id: 'pm-clear-confirm', hidden: true, role: 'group', 'aria-labelledby': 'pm-clear-question' },
        h('p', { id: 'pm-clear-question' }, t('clearConfirm')),
        h('div', { class: 'button-group' },
          h('button', { type: 'button', id: 'pm-clear-yes', class: 'button', part: 'button button-primary', onclick: () => this.#clearAnswers() }, t('clearYes')),
          h('button', { type: 'button', id: 'pm-clear-no', class: 'button button-secondary', part: 'button', onclick: () => this.#cancelClear() }, t('clearNo')))));
  }

  /** The checklist of yes/no facts, rebuilt with the facts it listed and their answers. */
  #buildChecklist() {
    this.#checklist = this.ask === 'one-by-one' ? null : new Checklist(this.#t);
    if (!this.#checklist) return null;
    for (const id of this.#checklistIds) {
      const q = this.#fields.get(id)?.question;
      if (q) this.#checklist.add(id, q.label, q.hint);
    }
    this.#checklist.restore(this.#profile);
    return this.#checklist.element;
  }

  #buildResultsPanel() {
    const t = this.#t;
    const els = this.#els;
    const option = (value, label, current) => h('option', { value, selected: value === current }, label);
    els.summary = h('p', { class: 'summary', role: 'status', part: 'summary' });
    els.past = h('p', { class: 'past-sentence notice notice-info', part: 'past-sentence', hidden: true });
    els.printSummary = h('div', { class: 'print-summary-container' });
    els.size = h('div', { class: 'size', part: 'size' });
    els.next = h('div', { class: 'next-questions', part: 'next-questions' });
    els.groups = h('div', { class: 'groups-container' });
    els.shown = h('p', { class: 'shown', 'aria-live': 'polite' });
    const filterChanged = () => {
      this.#filters = { category: els.category.value, type: els.type.value, query: els.search.value };
      this.#renderGroups();
    };
    els.category = h('select', { id: 'pm-filter-category', class: 'select', onchange: filterChanged },
      option('', t('filterAll'), this.#filters.category),
      this.#questions.categories.map((c) => option(c.value ?? c.id, c.label, this.#filters.category)));
    els.type = h('select', { id: 'pm-filter-type', class: 'select', onchange: filterChanged },
      option('', t('filterAll'), this.#filters.type),
      this.#questions.benefit_types.map((b) => option(b.value ?? b.id, b.label, this.#filters.type)));
    els.search = h('input', { type: 'search', id: 'pm-filter-search', class: 'input input-wide', value: this.#filters.query, 'aria-describedby': 'pm-filter-search-hint', oninput: filterChanged, autocomplete: 'off' });
    els.shareField = h('input', { type: 'text', id: 'pm-share-link', class: 'input input-wide', readonly: true, 'aria-describedby': 'pm-share-hint' });
    els.copyButton = h('button', { type: 'button', class: 'button button-secondary', part: 'button', onclick: () => this.#copyShareLink() }, t('copy'));
    els.sharePanel = h('div', { class: 'share-panel', id: 'pm-share-panel', hidden: true },
      h('label', { for: 'pm-share-link', class: 'label' }, t('shareLabel')),
      h('div', { class: 'hint', id: 'pm-share-hint' }, t('shareHint')),
      h('div', { class: 'share-row' }, els.shareField, els.copyButton));
    els.rememberBox = h('input', { type: 'checkbox', class: 'checkbox-input', id: 'pm-remember', checked: this.#rememberAnswers, 'aria-describedby': 'pm-remember-hint', onchange: () => this.#toggleRemember() });
    els.printAnswers = h('dl', { class: 'print-answers' });
    els.rememberHint = h('div', { class: `hint choice-hint${this.#storageRefused ? ' remember-refused' : ''}`, id: 'pm-remember-hint', role: 'status' },
      t(this.#storageRefused ? 'rememberRefused' : 'rememberHint'));

    replaceChildren(els.results,
      h('div', { class: 'print-only print-header' },
        h('p', { class: 'print-title' }, t('printTitle')),
        h('p', { class: 'print-generated' })),
      h('div', { class: 'results-header' },
        h('h2', { id: 'pm-results-title', class: 'results-title', tabindex: '-1' }, t('resultsTitle')),
        h('button', { type: 'button', id: 'pm-print', class: 'button button-secondary print-button', part: 'button', onclick: () => window.print() }, t('printButton'))),
      h('p', { class: 'as-of' }, t('asOf', { date: formatDate(this.#asOf, this.#lang) })),
      els.summary, els.past, els.printSummary,
      h('div', { class: 'print-only print-answers-section' }, h('h3', {}, t('printAnswers')), els.printAnswers),
      els.size, els.next,
      h('details', { class: 'filters', part: 'filters', open: Boolean(this.#filters.category || this.#filters.type || this.#filters.query) || undefined },
        h('summary', {}, t('filtersTitle')),
        h('div', { class: 'filter-row' },
          h('div', { class: 'filter' }, h('label', { for: 'pm-filter-category', class: 'label' }, t('filterCategory')), els.category),
          h('div', { class: 'filter' }, h('label', { for: 'pm-filter-type', class: 'label' }, t('filterType')), els.type)),
        h('div', { class: 'filter' },
          h('label', { for: 'pm-filter-search', class: 'label' }, t('search')),
          h('div', { class: 'hint', id: 'pm-filter-search-hint' }, t('searchHint')),
          els.search)),
      els.shown,
      els.groups,
      renderCatalogueInfo(this.#engine.catalogueInfo(), { lang: this.#lang, t }),
      h('section', { class: 'tools', part: 'tools', 'aria-labelledby': 'pm-tools-title' },
        h('h3', { id: 'pm-tools-title' }, t('toolsTitle')),
        h('div', { class: 'button-group' },
          h('button', { type: 'button', id: 'pm-export', class: 'button button-secondary', part: 'button', onclick: () => this.#export() }, t('exportJson')),
          h('button', { type: 'button', class: 'button button-secondary', part: 'button', 'aria-expanded': 'false', 'aria-controls': 'pm-share-panel', id: 'pm-share-button', onclick: (e) => this.#toggleShare(e.currentTarget) }, t('share'))),
        els.sharePanel,
        h('div', { class: 'choice' }, els.rememberBox, h('label', { for: 'pm-remember', class: 'choice-label' }, t('remember'))),
        els.rememberHint),
      h('p', { class: 'disclaimer' }, t('disclaimer')));
    els.results.addEventListener('click', (e) => {
      const attr = e.target.closest?.('[data-answer]')?.getAttribute('data-answer');
      if (attr) this.#goToQuestion(attr);
    });
  }

  /** Reads every field; returns the valid answers and the fields' problems. */
  #readForm() {
    const profile = {};
    const problems = new Map();
    for (const [id, field] of this.#fields) {
      if (this.#checklist?.has(id)) continue;
      const { value, error } = field.read();
      if (error) problems.set(id, error);
      else if (value !== undefined) profile[id] = value;
    }
    for (const [key, value] of Object.entries(this.#profile)) {
      if (!this.#fields.has(key) && key !== 'region') profile[key] = value;
    }
    if (this.#checklist) Object.assign(profile, this.#checklist.answers());
    const locked = this.#lockedRegion;
    if (locked) profile.region = locked;
    return { profile, problems };
  }

  /**
   * An input or change from the form on the page. A text field edited and still focused
   * fires "change" when a re-render removes it (setting `profile`, the language): that
   * event comes from the form being replaced, and would read the old fields over the
   * answers just set.
   */
  #onFormEvent(event) {
    if (event.currentTarget === this.#els.form) this.#onAnswer();
  }

  #onAnswer() {
    const { profile, problems } = this.#readForm();
    for (const id of [...this.#fieldErrors.keys()]) {
      if (!problems.has(id)) this.#setFieldError(id, null);
    }
    if (this.#fieldErrors.size === 0) this.#showErrorSummary([]);
    else this.#showErrorSummary([...this.#fieldErrors].map(([id, message]) => ({ id, message })), false);
    if (toJson(profile) === toJson(this.#profile)) return;
    this.#profile = profile;
    this.#emit('change', { profile: this.profile });
    this.#scheduleUpdate();
  }

  #scheduleUpdate() {
    if (this.#renderQueued) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      this.#renderQueued = false;
      if (this.#engine) this.#update();
    });
  }

  /**
   * Matches the answers and refreshes everything that depends on the result. A site
   * catalogue matches in its Worker: after a rebuild the last result is shown at once,
   * and each new one when it comes, unless a newer answer has overtaken it.
   */
  #update({ rebuilt = false } = {}) {
    this.#profile = this.#readForm().profile;
    const engine = this.#engine;
    const asked = toJson([this.#profile, this.#asOf]);
    if (engine.async && rebuilt && this.#output && asked === this.#outputFor) {
      // a rebuild with the answers of the output shown: nothing to ask the Worker, and an
      // answer still on its way is overtaken
      this.#matchTicket += 1;
      this.#showOutput(this.#output);
      return;
    }
    const output = engine.matchProfile(this.#profile, { as_of: this.#asOf });
    if (typeof output?.then !== 'function') {
      this.#showOutput(output);
      return;
    }
    const ticket = ++this.#matchTicket;
    if (rebuilt && this.#output) this.#showOutput(this.#output, { emit: false });
    this.#els.results.setAttribute('aria-busy', 'true');
    output.then((fresh) => {
      if (ticket !== this.#matchTicket || engine !== this.#engine || !this.isConnected) return;
      this.#els.results.removeAttribute('aria-busy');
      this.#outputFor = asked;
      this.#showOutput(fresh);
    }, (err) => {
      if (ticket !== this.#matchTicket) return;
      this.#els.results.removeAttribute('aria-busy');
      this.#emit('error', { code: 'catalogue', message: err?.message ?? String(err), problems: [] });
    });
  }

  /** Shows one matchProfile output: questions, progress, summary, results; emits `results`. */
  #showOutput(output, { emit = true } = {}) {
    this.#output = output;
    this.#applyRelevance();
    // A founding date given as a year that still decides: the month is asked for beside it.
    const refine = new Map((this.#output.next_questions ?? []).filter((q) => q.refine).map((q) => [q.field, q]));
    for (const [id, field] of this.#fields) if (field.question.type === 'date') refineNote(field, refine.get(id), this.#t);
    this.#renderStepNav();
    this.#els.progress.textContent = progressText(this.#output, this.#t);
    this.#renderSummary();
    this.#renderGroups();
    if (this.#rememberAnswers && !remember(this.#profile)) this.#storageFailed();
    if (!this.#els.sharePanel.hidden) this.#els.shareField.value = shareUrl(this.#profile, { scope: this.id });
    if (!emit) return;
    const counts = countByStatus(this.#output.results);
    this.#emit('results', { as_of: this.#output.as_of, counts, groups: countByGroup(this.#output.results), summary: this.#output.summary, derived: this.#output.derived, results: this.#output.results });
  }

  /**
   * Shows the questions that still decide something for this visitor — a measure, or the
   * size and small low-profit status shown with the results — and every answered one.
   */
  #applyRelevance() {
    const { derived } = this.#output;
    const next = new Set([
      ...(this.#output.next_questions ?? []).map((q) => q.field),
      ...(derived?.size?.missing ?? []),
      ...(derived?.small_low_profit?.missing ?? []),
    ]);
    const active = this.#root.activeElement;
    // No question disappears from the page the visitor is on (typing the region must not
    // take away the 个体工商户 question beside it); the page is re-sorted when they move on.
    const onPage = new Set([...this.#fields].filter(([, f]) => this.#relevanceShown && f.step === this.#step && !f.wrapper.hidden).map(([id]) => id));
    const shown = (field) => onPage.has(field.question.id);
    for (const [id, field] of this.#fields) {
      const relevant = next.has(id) || field.raw() || this.#fieldErrors.has(id) || field.wrapper.contains(active) || shown(field);
      field.wrapper.hidden = !relevant;
    }
    this.#relevanceShown = true;
    this.#gatherChecklist(active, onPage);
    const visible = this.#visibleSteps();
    if (!visible.includes(this.#step)) this.#step = visible.find((i) => i > this.#step) ?? visible.at(-1) ?? 0;
    this.#showStep(this.#step, false);
  }

  /**
   * The yes/no facts worth asking join the checklist (at its end), once the region is known,
   * unless the visitor is answering one on its own; a fact in the checklist is not asked
   * again on its own.
   */
  #gatherChecklist(active, onPage) {
    if (!this.#checklist) return;
    // Not before the region is known: until then the ranking lists every region's facts.
    if (!this.#profile.region && !this.#checklist.ids.length) return;
    for (const q of this.#output.next_questions ?? []) {
      const field = this.#fields.get(q.field);
      if (q.value <= 0 || !field || field.question.type !== 'bool' || this.#checklist.has(q.field)) continue;
      // One the visitor can see on this page stays where it is.
      if (field.raw() || field.wrapper.contains(active) || onPage.has(q.field)) continue;
      this.#checklist.add(q.field, field.question.label, field.question.hint);
    }
    this.#checklistIds = this.#checklist.ids;
    for (const id of this.#checklistIds) this.#fields.get(id).wrapper.hidden = true;
  }

  #visibleSteps() {
    return this.#steps.map((s, i) => (s.fields.some((f) => !f.wrapper.hidden) ? i : -1)).filter((i) => i >= 0);
  }

  #renderStepNav() {
    const t = this.#t;
    const visible = this.#visibleSteps();
    replaceChildren(this.#els.stepNav.firstChild, this.#steps.map((s, i) => {
      const skipped = !visible.includes(i);
      return h('li', { class: `step-nav-item${i === this.#step ? ' current' : ''}${skipped ? ' skipped' : ''}` },
        skipped
          ? h('span', {}, `${i + 1}. ${s.title}`, t('stepSkipped'))
          : h('button', { type: 'button', id: `pm-step-nav-${s.id}`, class: 'link-button', 'aria-current': i === this.#step ? 'step' : false, onclick: () => this.#goToStep(i) }, `${i + 1}. ${s.title}`));
    }));
  }

  #showStep(index, focus = true) {
    this.#step = index;
    this.#steps.forEach((s, i) => { s.element.hidden = i !== index; });
    const visible = this.#visibleSteps();
    const last = index >= (visible.at(-1) ?? 0);
    this.#els.backButton.hidden = index <= (visible[0] ?? 0);
    this.#els.nextButton.textContent = last ? this.#t('seeResults') : this.#t('next');
    if (focus) this.#steps[index].heading.focus();
  }

  #goToStep(index) {
    this.#showStep(index);
    this.#renderStepNav();
  }

  /** Continue: checks this step's answers; moves on or shows what to fix. */
  #next() {
    this.#confirmChecklist();
    const visible = this.#visibleSteps();
    const last = this.#step >= (visible.at(-1) ?? 0);
    const errors = this.#validate(last ? visible : [this.#step]);
    if (errors.length) {
      this.#showErrorSummary(errors);
      return;
    }
    this.#showErrorSummary([]);
    if (last) {
      this.#els.results.querySelector('#pm-results-title').focus();
      return;
    }
    this.#goToStep(visible.find((i) => i > this.#step));
  }

  /** Moving on with the checklist answered answers the facts that joined it since. */
  #confirmChecklist() {
    if (this.#checklist?.confirm()) this.#onAnswer();
  }

  /** To the results at any moment, whatever is left unanswered. */
  #seeResults() {
    this.#confirmChecklist();
    const title = this.#els.results.querySelector('#pm-results-title');
    title.scrollIntoView?.({ block: 'start' });
    title.focus();
  }

  /**
   * Enter in a field moves on, as submitting the form would — handled here because a
   * sandboxed frame without allow-forms never submits. Not while an input method is
   * composing (Enter then confirms the Chinese characters), nor on buttons and links.
   */
  #onFormKey(event) {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return;
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.composedPath()[0];
    if (target?.localName !== 'input' || ['button', 'submit', 'reset', 'image', 'file'].includes(target.type)) return;
    event.preventDefault();
    this.#next();
  }

  #back() {
    const visible = this.#visibleSteps();
    const previous = visible.filter((i) => i < this.#step).at(-1);
    if (previous !== undefined) this.#goToStep(previous);
  }

  /** The problems in the given steps: the form's own checks, then the matcher's errors. */
  #validate(stepIndices) {
    const lang = this.#lang;
    const { problems } = this.#readForm();
    const apiErrors = new Map((this.#output?.errors ?? []).filter((e) => e.field).map((e) => [e.field, lang === 'en' ? (e.message_en || e.message) : e.message]));
    const errors = [];
    for (const index of stepIndices) {
      for (const field of this.#steps[index].fields) {
        if (field.wrapper.hidden) continue;
        const id = field.question.id;
        const message = problems.get(id) ?? apiErrors.get(id) ?? null;
        this.#setFieldError(id, message);
        if (message) errors.push({ id, message });
      }
    }
    return errors;
  }

  #setFieldError(id, message) {
    const field = this.#fields.get(id);
    if (!field) return;
    if (message) this.#fieldErrors.set(id, message);
    else this.#fieldErrors.delete(id);
    field.showError(message);
  }

  /** The GOV.UK error summary: a list of links to each field, focused when shown. */
  #showErrorSummary(errors, focus = true) {
    const summary = this.#els.errorSummary;
    if (!errors.length) {
      summary.hidden = true;
      summary.removeAttribute('role');
      summary.replaceChildren();
      return;
    }
    const t = this.#t;
    replaceChildren(summary,
      h('h2', { class: 'error-summary-title', id: 'pm-error-summary-title' }, t('errorSummaryTitle')),
      h('ul', { class: 'error-summary-list' }, errors.map((e) => h('li', {},
        h('a', { href: `#${controlId(e.id)}`, onclick: (ev) => { ev.preventDefault(); this.#goToQuestion(e.id); } }, e.message)))));
    summary.hidden = false;
    if (focus) {
      summary.setAttribute('role', 'alert');
      summary.focus();
    }
  }

  /** Takes the visitor to a question: its step shown, its first control focused. */
  #goToQuestion(id) {
    const field = this.#fields.get(id);
    if (!field) return;
    if (this.#checklist?.has(id)) {
      this.#checklist.focus(id);
      this.#checklist.element.scrollIntoView?.({ block: 'center' });
      return;
    }
    field.wrapper.hidden = false;
    this.#showStep(field.step, false);
    this.#renderStepNav();
    // A founding date given as a year: to the month (or the day) it asks for.
    const refine = this.#output?.next_questions?.find((q) => q.field === id)?.refine;
    (refine && field.controls[refine === 'day' ? 2 : 1] || field.focusTarget).focus();
    field.wrapper.scrollIntoView?.({ block: 'center' });
  }

  #renderSummary() {
    const t = this.#t;
    const lang = this.#lang;
    const { derived, results } = this.#output;
    const answered = Object.keys(this.#profile).filter((k) => !(k === 'region' && this.#lockedRegion)).length > 0;
    this.#els.summary.textContent = answered ? summarySentence(this.#output.summary, { lang, t }) : t('summaryEmpty');
    const past = this.#output.summary?.past_sentence;
    this.#els.past.hidden = !past;
    this.#els.past.textContent = past ? pick(past, lang) : '';
    replaceChildren(this.#els.printSummary, answered ? renderPrintSummary(this.#output, this.#resultsCtx()) : null);

    const size = derived?.size;
    const sizeValue = size?.value ?? 'unknown';
    const possible = sizeValue === 'unknown' && size?.possible?.length && size.possible.length < 4
      ? t('sizePossible', { sizes: size.possible.map((s) => t(`size_${s}`)).join(lang === 'en' ? ', ' : '、') }) : '';
    // the basis reads "小型企业 — 工业：…": the size itself is shown in bold before it
    const basis = pick(size?.basis, lang).replace(/^[^—]*—\s*/, '');
    const slp = derived?.small_low_profit;
    replaceChildren(this.#els.size,
      h('dl', {},
        h('dt', {}, t('sizeTitle')),
        h('dd', {}, h('strong', { class: 'size-value', 'data-size': sizeValue }, t(`size_${sizeValue}`)),
          basis ? ` — ${basis}` : '', possible ? [h('br'), possible] : ''),
        slp ? [h('dt', {}, t('smallLowProfit')), h('dd', {}, h('strong', {}, t(`smallLowProfit_${slp.value}`)), pick(slp.basis, lang) ? ` — ${pick(slp.basis, lang)}` : '')] : null));

    const next = (this.#output.next_questions ?? []).filter((q) => this.#fields.has(q.field)).slice(0, NEXT_QUESTIONS_SHOWN);
    this.#els.next.hidden = next.length === 0;
    replaceChildren(this.#els.next, next.length ? [
      h('p', { class: 'next-title' }, t('nextTitle')),
      h('ul', {}, next.map((q) => h('li', {}, h('button', { type: 'button', class: 'link-button', 'data-answer': q.field }, this.#fields.get(q.field).question.label,
        q.refine ? t(q.refine === 'day' ? 'refineDayShort' : 'refineMonthShort') : null),
        q.settles > 0 ? [' ', settlesNote(q, t)] : null))),
    ] : []);

    replaceChildren(this.#els.printAnswers, Object.entries(this.#profile).map(([id, value]) => {
      const field = this.#fields.get(id);
      const label = field?.question.label ?? this.#questionLabel(id) ?? id;
      return [h('dt', {}, label), h('dd', {}, field ? describeAnswer(field, value) : String(value))];
    }));
    this.#els.results.querySelector('.print-generated').textContent = t('printGenerated', { date: formatDate(todayIso(), lang) });
  }

  #questionLabel(id) {
    return this.#questions.steps.flatMap((s) => s.questions).find((q) => q.id === id)?.label ?? null;
  }

  /** Whether the visitor has answered anything (a locked region is not an answer). */
  get #answered() {
    return Object.keys(this.#profile).some((k) => !(k === 'region' && this.#lockedRegion));
  }

  #resultsCtx() {
    const categories = new Map(this.#questions.categories.map((c) => [c.value ?? c.id, c.label]));
    return {
      lang: this.#lang, t: this.#t, filters: this.#filters, expanded: this.#expanded, openGroups: this.#openGroups,
      labelFor: (id) => this.#fields.get(id)?.question.label ?? null,
      categoryLabel: (id) => categories.get(id) ?? id,
      regionLocked: Boolean(this.#lockedRegion),
    };
  }

  #renderGroups() {
    this.#captureOpen();
    const t = this.#t;
    const ctx = this.#resultsCtx();
    if (!this.#answered) {
      // Before any answer: what the site offers, in groups, not a hundred cards.
      replaceChildren(this.#els.groups, h('div', { class: 'groups' },
        h('div', { class: 'group group-overview', 'data-group': 'overview', part: 'group' }, renderOverview(this.#output.results, ctx))));
      this.#els.shown.textContent = '';
      return;
    }
    const { element, shown, total } = renderGroups(this.#output.results, ctx);
    replaceChildren(this.#els.groups, element);
    this.#els.shown.textContent = shown !== total ? t('shown', { shown, total }) : '';
  }

  /**
   * Remembers which results and groups the visitor opened, across re-renders: read from
   * the rendered ones just before they are replaced (not from toggle events, which are
   * queued tasks that a re-render can overtake).
   */
  #captureOpen() {
    for (const d of this.#els?.groups?.querySelectorAll('details[data-group], details[data-details-for]') ?? []) {
      const id = d.getAttribute('data-details-for');
      const set = id ? this.#expanded : this.#openGroups;
      const key = id ?? d.getAttribute('data-group');
      if (d.open) set.add(key);
      else set.delete(key);
    }
  }

  // ---- toolbar actions

  #switchLanguage() {
    this.setAttribute('lang', this.#lang === 'en' ? 'zh-CN' : 'en');
    this.#els.langButton?.focus();
  }

  #toggleLargeText() {
    this.#largeText = !this.#largeText;
    this.#root.querySelector('.pm').classList.toggle('pm-large', this.#largeText);
    this.#els.largeButton.setAttribute('aria-pressed', String(this.#largeText));
  }

  /** "清空" asks first: an inline confirmation, focused. */
  #askClear(button) {
    const panel = this.#root.getElementById('pm-clear-confirm');
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    this.#root.getElementById('pm-clear-no').focus();
  }

  #cancelClear() {
    this.#root.getElementById('pm-clear-confirm').hidden = true;
    const button = this.#root.getElementById('pm-clear');
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  /** Clears the answers, and removes them from the link's fragment and from storage. */
  #clearAnswers() {
    this.#profile = {};
    this.#checklistIds = [];
    this.#els.groups?.replaceChildren(); // nothing left open to remember
    this.#expanded.clear();
    forget();
    this.#rememberAnswers = false;
    if (profileFromFragment({ scope: this.id, only: document.querySelectorAll('policy-matcher').length === 1 })) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    this.#renderAll();
    this.#emit('change', { profile: this.profile });
    this.#steps[this.#step]?.heading.focus();
  }

  #export() {
    const info = this.#engine.catalogueInfo();
    const text = exportJson({ profile: this.#profile, output: this.#output, catalogue: { hash: info?.hash, counts: info?.counts }, lang: this.#lang });
    download(`policy-matcher-${this.#output.as_of ?? this.#asOf}.json`, text);
  }

  #toggleShare(button) {
    const panel = this.#els.sharePanel;
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) {
      this.#els.shareField.value = shareUrl(this.#profile, { scope: this.id });
      this.#els.shareField.focus();
      this.#els.shareField.select();
    }
  }

  async #copyShareLink() {
    const field = this.#els.shareField;
    try {
      await navigator.clipboard.writeText(field.value);
      this.#els.copyButton.textContent = this.#t('copied');
    } catch {
      field.focus();
      field.select();
    }
  }

  #toggleRemember() {
    this.#rememberAnswers = this.#els.rememberBox.checked;
    if (this.#rememberAnswers) {
      if (!remember(this.#profile)) this.#storageFailed();
    } else {
      forget();
    }
  }

  /** This browser refused storage: untick "remember" and say why next to it. */
  #storageFailed() {
    this.#rememberAnswers = false;
    this.#storageRefused = true;
    this.#els.rememberBox.checked = false;
    this.#els.rememberHint.textContent = this.#t('rememberRefused');
    this.#els.rememberHint.classList.add('remember-refused');
  }
}
