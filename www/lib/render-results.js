/**
 * The results panel: the summary sentence, then the measures grouped by where they stand
 * for the visitor — what they can apply for now (money → tax → financing → service, by
 * amount), what might fit (and why: answers still needed versus the department's check),
 * then, collapsed, government commitments, lapsed and expired measures; other regions as
 * one line. Each card: reasons as sentences, the estimate with its formula on demand, and
 * whom to contact. Before any answer, an overview of what the catalogue offers.
 * Pure rendering from matchProfile()'s output; all catalogue text goes in as text.
 */
import { toQualifyLine } from './ask.js';
import { h } from './dom.js';
import { formatDate, formatMoneyRange } from './format.js';
import { pick } from './i18n.js';

/** Where a measure is shown: the visible groups, then those opened on demand. */
export const GROUPS = ['fits', 'might_fit', 'promise', 'upcoming', 'lapsed', 'expired', 'ineligible', 'elsewhere', 'task'];
const OPEN = new Set(['fits', 'might_fit']);
const KINDS = ['money', 'tax', 'financing', 'service', 'promise'];

/** The group a result is shown in: commitments that fit or might fit go apart. */
export function groupOf(r) {
  if ((r.standing === 'fits' || r.standing === 'might_fit') && r.group === 'promise') return 'promise';
  return r.standing ?? 'ineligible';
}

/** Lower-case, half-width, without white space: for Chinese substring search. */
function fold(text) {
  return String(text ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** The text a result is searched in: titles, headings, benefit titles, the source text. */
function haystack(r) {
  return fold([
    r.title, r.title_en, r.heading, r.section, r.text, r.document?.title, r.document?.title_en,
    ...(r.benefits ?? []).flatMap((b) => [b.title, b.title_en]),
  ].join(' '));
}

/** Whether a result passes the category, benefit type and search filters. */
export function matchesFilters(r, { category, type, query }) {
  if (category && !(r.categories ?? []).includes(category)) return false;
  if (type && !(r.benefits ?? []).some((b) => b.type === type)) return false;
  const terms = String(query ?? '').split(/\s+/).map(fold).filter(Boolean);
  if (terms.length) {
    const text = haystack(r);
    if (!terms.every((term) => text.includes(term))) return false;
  }
  return true;
}

/** Counts of results per condition verdict (the `policy-matcher:results` event's counts). */
export function countByStatus(results) {
  const counts = { eligible: 0, possible: 0, ineligible: 0, task: 0 };
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Counts of results per shown group. */
export function countByGroup(results) {
  const counts = Object.fromEntries(GROUPS.map((g) => [g, 0]));
  for (const r of results) counts[groupOf(r)] += 1;
  return counts;
}

const sep = (ctx) => (ctx.lang === 'en' ? ': ' : '：');
const title = (x, ctx) => (ctx.lang === 'en' ? (x.title_en || x.title) : x.title);

/**
 * Responsible units: in Chinese as the source lists them; in English their names from the
 * document's glossary (`units_en`, same order), the Chinese name kept as the element's title.
 */
function units(list, ctx, listEn) {
  const names = (list ?? []).filter(Boolean);
  if (!names.length) return null;
  if (ctx.lang === 'en') {
    const en = listEn ?? [];
    return names.map((zh, i) => [i ? ', ' : '', h('span', { class: 'unit-name', title: zh }, en[i] || zh)]);
  }
  return h('span', { class: 'unit-name', lang: 'zh-CN' }, names.join('、'));
}

/** A document as cited: issuer《title》(number; date) — unknowns said as such. */
function documentCitation(d, ctx) {
  const known = (value) => value && value !== 'unknown';
  const number = known(d.number) ? d.number : ctx.t('numberUnknown');
  const date = formatDate(d.date, ctx.lang) || ctx.t('dateUnknown');
  if (ctx.lang === 'en') {
    return [`${d.title_en || ''} `, h('span', { lang: 'zh-CN', class: 'doc-zh' }, `${d.issuer ?? ''}《${d.title}》${known(d.number) ? d.number : ''}`), ` (${date})`];
  }
  return `${d.issuer ?? ''}《${d.title}》（${number}；${date}）`;
}

/** The source of a measure: its document, article number and section. */
function citation(r, ctx) {
  const article = r.number !== undefined && r.number !== null ? ctx.t('articleNumber', { number: r.number }) : '';
  return [documentCitation(r.document ?? {}, ctx), article ? `${ctx.lang === 'en' ? ', ' : ''}${article}` : '',
    r.section ? [ctx.lang === 'en' ? ' — ' : '　', h('span', { lang: 'zh-CN' }, r.section)] : null];
}

/** The documents the catalogue covers, for the visitor to see what was searched. */
export function renderCatalogueInfo(info, ctx) {
  const documents = info?.documents ?? [];
  const articles = documents.reduce((n, d) => n + (d.articles ?? 0), 0);
  return h('details', { class: 'catalogue-info', part: 'catalogue-info' },
    h('summary', {}, ctx.t('catalogueTitle', { documents: documents.length, articles })),
    h('ul', {}, documents.map((d) => h('li', {}, documentCitation(d, ctx), ctx.lang === 'en' ? ' — ' : '——',
      ctx.t('catalogueArticles', { articles: d.articles ?? 0 })))));
}

/** The summary sentence, composed from the API's summary with the visitor's money format. */
export function summarySentence(summary, ctx) {
  const t = ctx.t;
  const s = summary ?? {};
  const c = s.counts ?? {};
  const e = s.estimate ?? {};
  const plural = (n) => (n === 1 ? '' : 's');
  const apply = s.to_apply ?? c.fits ?? 0;
  const questions = s.open_questions?.length ?? 0;
  let text = apply ? t('sentenceFits', { fits: apply, s: plural(apply) }) : t('sentenceNone');
  if (apply && e.with_figure) text += t('sentenceFigure', { count: e.with_figure, range: formatMoneyRange(e.low, e.high, ctx.lang) });
  if (s.might_fit_answers) text += t('sentenceAnswers', { count: s.might_fit_answers, verb: s.might_fit_answers === 1 ? 's' : '', questions, s: plural(questions) });
  if (s.might_fit_review) text += t(s.might_fit_review === 1 ? 'sentenceReviewOne' : 'sentenceReview', { count: s.might_fit_review });
  if (s.promises) text += t(s.promises === 1 ? 'sentencePromisesOne' : 'sentencePromises', { count: s.promises });
  return text + t('sentenceEnd');
}

/** Before any answer: what the site offers, in groups, not a hundred cards. */
export function renderOverview(results, ctx) {
  const local = results.filter((r) => r.standing !== 'elsewhere');
  const measures = local.filter((r) => r.kind !== 'task');
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const r of measures) counts[r.group] = (counts[r.group] ?? 0) + 1;
  const elsewhere = results.length - local.length;
  const past = measures.filter((r) => r.standing === 'lapsed' || r.standing === 'expired').length;
  return h('div', { class: 'overview', part: 'overview', 'data-overview': '' },
    h('p', { class: 'overview-title' }, ctx.t('overviewTitle', { count: measures.length }),
      elsewhere ? ctx.t('overviewElsewhere', { count: elsewhere }) : ''),
    h('ul', { class: 'overview-groups' }, KINDS.filter((k) => counts[k]).map((k) => h('li', { 'data-kind': k },
      h('strong', {}, ctx.t(`kind_${k}`)), `${sep(ctx)}${counts[k]}`))),
    past ? h('p', { class: 'overview-past' }, ctx.t('overviewPast', { count: past })) : null,
    h('p', { class: 'overview-hint' }, ctx.t('overviewHint')));
}

/** The estimate of a measure, with its formula on demand; or why there is none. */
function estimateBlock(r, ctx) {
  if (r.estimate) {
    return h('div', { class: 'estimate', 'data-estimate-low': r.estimate.low, 'data-estimate-high': r.estimate.high },
      h('span', { class: 'estimate-title' }, ctx.t('estimateTitle'), sep(ctx)),
      h('strong', { class: 'estimate-value' }, formatMoneyRange(r.estimate.low, r.estimate.high, ctx.lang)),
      r.estimate_note ? [' ', h('span', { class: 'note' }, ctx.lang === 'en' ? `(${pick(r.estimate_note, ctx.lang)})` : `（${pick(r.estimate_note, ctx.lang)}）`)] : null,
      h('details', { class: 'formula' }, h('summary', {}, ctx.t('formulaTitle')), h('p', {}, pick(r.estimate.formula, ctx.lang))));
  }
  const needs = (r.estimate_needs ?? []).filter((id) => ctx.labelFor(id));
  if (needs.length) {
    return h('div', { class: 'estimate estimate-needs' }, h('span', { class: 'estimate-title' }, ctx.t('estimateTitle'), sep(ctx)),
      needs.map((id) => h('button', { type: 'button', class: 'link-button', 'data-answer': id, part: 'answer-button' }, ctx.t('estimateNeeds', { label: ctx.labelFor(id) }))));
  }
  if (r.estimate_note) {
    return h('p', { class: 'estimate estimate-none' }, h('span', { class: 'estimate-title' }, ctx.t('estimateTitle'), sep(ctx)), pick(r.estimate_note, ctx.lang));
  }
  return null;
}

/** The benefits a measure's standing rests on. */
function counted(r) {
  const b = r.benefits ?? [];
  if (r.standing === 'fits') return b.filter((x) => x.standing === 'fits');
  if (r.standing === 'might_fit') return b.filter((x) => x.standing === 'fits' || x.standing === 'might_fit');
  if (['upcoming', 'lapsed', 'expired'].includes(r.standing)) return b.filter((x) => x.standing === r.standing);
  return b;
}

/** "Still to answer" (buttons to each question) and "for the department to check". */
function openPoints(r, ctx) {
  const answers = (r.missing ?? []).filter((attr) => ctx.labelFor(attr));
  const checks = [];
  const seen = new Set();
  for (const b of counted(r).filter((x) => x.standing === 'might_fit')) {
    for (const c of b.checks ?? []) {
      const key = pick(c, 'zh');
      if (!seen.has(key)) { seen.add(key); checks.push(c); }
    }
  }
  return [
    answers.length ? h('div', { class: 'missing' },
      h('span', { class: 'missing-title' }, ctx.t('answerQuestions')), ' ',
      answers.map((attr) => h('button', { type: 'button', class: 'link-button', 'data-answer': attr, part: 'answer-button' },
        ctx.t('answerThis', { label: ctx.labelFor(attr) })))) : null,
    checks.length ? h('div', { class: 'review' },
      h('span', { class: 'review-title' }, ctx.t('reviewTitle')),
      h('ul', {}, checks.map((c) => h('li', {}, pick(c, ctx.lang))))) : null,
  ];
}

/** Why a measure does not fit: its not-met conditions, as sentences. */
function notMet(r, ctx) {
  const seen = new Set();
  const reasons = (r.benefits ?? []).flatMap((b) => b.reasons ?? []).filter((x) => x.verdict === 'not_met')
    .filter((x) => { const k = pick(x.sentence, 'zh'); if (seen.has(k)) return false; seen.add(k); return true; });
  if (!reasons.length) return null;
  return h('div', { class: 'not-met' }, h('span', { class: 'not-met-title' }, ctx.t('whyNot')),
    h('ul', {}, reasons.map((x) => h('li', {}, pick(x.sentence, ctx.lang)))));
}

/** An apply text: in English, the catalogue's English and then the source's words as a quote. */
function quoted(text, ctx) {
  return ctx.lang === 'en' && text.zh !== text.en ? [pick(text, ctx.lang), ' ', h('q', { class: 'quote', lang: 'zh-CN' }, text.zh)] : pick(text, ctx.lang);
}

/** The 联系/办理 block: what the catalogue says of how to apply, the units, never invented. */
function applyBlock(r, ctx) {
  const a = r.apply ?? {};
  const rows = [];
  const row = (label, value) => value && rows.push(h('dt', {}, label), h('dd', {}, value));
  const unitNames = a.units ? units(a.units, ctx, a.units_en) : units(r.units, ctx, r.units_en);
  // In English the words of the source follow as a quote, where the catalogue quotes them.
  const how = a.how ? quoted(a.how, ctx) : null;
  // A benefit's own table (where it differs from the measure's), named by the benefit.
  // Only the benefits the card lists; benefits saying the same are named together.
  const own = counted(r).filter((b) => b.apply && (b.apply.how || b.apply.where || b.apply.deadline));
  const perBenefit = (key) => {
    const same = new Map();
    for (const b of own.filter((x) => x.apply[key])) {
      const k = b.apply[key].zh;
      if (!same.has(k)) same.set(k, { text: b.apply[key], titles: [] });
      same.get(k).titles.push(title(b, ctx));
    }
    return same.size ? h('ul', { class: 'apply-benefits' }, [...same.values()].map((x) => h('li', {}, x.titles.join(ctx.lang === 'en' ? '; ' : '；'), sep(ctx), quoted(x.text, ctx)))) : null;
  };
  // Where the catalogue says nothing of how: the units' announcement decides (never invented).
  row(ctx.t('applyHow'), how ?? perBenefit('how') ?? (unitNames ? ctx.t('applyAsAnnounced') : (a.note ? pick(a.note, ctx.lang) : null)));
  row(ctx.t('applyWhere'), a.where ? quoted(a.where, ctx) : perBenefit('where'));
  row(ctx.t('applyDeadline'), a.deadline ? quoted(a.deadline, ctx) : perBenefit('deadline'));
  row(ctx.t('applyUrl'), a.url ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.url) : null);
  row(ctx.t('applyPhone'), a.phone ? h('span', {}, a.phone) : null);
  row(ctx.t('applyUnits'), unitNames);
  if (!rows.length) return null;
  return h('div', { class: 'apply', part: 'apply' }, h('p', { class: 'apply-title' }, ctx.t('applyTitle')), h('dl', {}, rows));
}

/** A lapsed, expired or upcoming measure: what happened, and whom to ask. */
function pastLine(r, ctx) {
  const v = counted(r)[0]?.validity ?? r.validity ?? {};
  if (r.standing === 'lapsed') {
    return h('p', { class: 'past-note' }, r.units?.length
      ? (ctx.lang === 'en' ? [ctx.t('lapsedAskNoUnits').replace(/department/, 'unit'), ' (', units(r.units, ctx, r.units_en), ')'] : ['年度已过，是否延续请咨询', units(r.units, ctx)])
      : ctx.t('lapsedAskNoUnits'));
  }
  if (r.standing === 'expired') return h('p', { class: 'past-note' }, ctx.t('expiredOn', { date: formatDate(v.until, ctx.lang) || v.until }));
  if (r.standing === 'upcoming') return h('p', { class: 'past-note' }, ctx.t('upcomingFrom', { date: formatDate(v.from, ctx.lang) || v.from }));
  return null;
}

/** The notes of a validity (its basis, the period it concerns), in the page's language. */
function validityNotes(v, ctx) {
  const en = ctx.lang === 'en';
  return [[v?.note, v?.note_en], [v?.period_note, v?.period_note_en]]
    .filter(([zh]) => zh)
    .map(([zh, english]) => [h('br'), en ? h('span', { class: 'note' }, english || zh) : h('span', { class: 'note' }, zh)]);
}

function validityText(v, ctx) {
  if (!v) return ctx.t('validity_unknown');
  const dates = [
    formatDate(v.from, ctx.lang) && ctx.t('validityFrom', { date: formatDate(v.from, ctx.lang) }),
    formatDate(v.until, ctx.lang) && ctx.t('validityUntil', { date: formatDate(v.until, ctx.lang) }),
  ].filter(Boolean).join(ctx.lang === 'en' ? ' ' : '');
  return `${ctx.t(`validity_${v.status}`)}${dates ? (ctx.lang === 'en' ? `, ${dates}` : `（${dates}）`) : ''}`;
}

/** One benefit in the details: its amount, its conditions as sentences, its checks. */
function benefitDetails(b, ctx) {
  return h('section', { class: `benefit benefit-${b.standing}` },
    h('h5', { class: 'benefit-title' }, title(b, ctx), ' ',
      h('span', { class: `status standing-${b.standing}`, part: `status status-${b.standing}` }, ctx.t(`standing_${b.standing}`))),
    b.amount ? h('p', { class: 'amount' }, `${ctx.t('amount')}${sep(ctx)}`, pick(b.amount.text, ctx.lang),
      b.amount.quote ? [' ', h('q', { class: 'quote', lang: 'zh-CN' }, b.amount.quote)] : null) : null,
    b.reasons?.length ? [h('p', { class: 'why-title' }, ctx.t('reasonsTitle')),
      h('ul', { class: 'conditions' }, b.reasons.map((x) => h('li', { class: `condition verdict-${x.verdict}` },
        h('span', { class: 'verdict' }, h('span', { 'aria-hidden': 'true' }, { met: '✓', not_met: '✗', unknown: '?' }[x.verdict] ?? '·', ' '),
          ctx.t(`verdict_${x.verdict}`), sep(ctx)),
        pick(x.sentence, ctx.lang))))] : null,
    b.checks?.length ? h('div', { class: 'checks' }, h('p', {}, ctx.t('checksTitle')),
      h('ul', {}, b.checks.map((c) => h('li', {}, pick(c, ctx.lang))))) : null,
    b.validity?.status && !['current', 'unknown'].includes(b.validity.status)
      ? h('p', { class: 'validity' }, `${ctx.t('validity')}${sep(ctx)}${validityText(b.validity, ctx)}`, validityNotes(b.validity, ctx)) : null);
}

/** One measure as a list item (data-measure-id for tests and hosts). */
function resultItem(r, ctx, shown) {
  const titleId = `pm-r-${r.id.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const benefits = counted(r);
  const open = shown === 'fits' || shown === 'might_fit' || shown === 'promise';
  const details = h('details', { class: 'result-details', part: 'result-details', open: ctx.expanded.has(r.id), 'data-details-for': r.id },
    h('summary', { class: 'result-summary' }, ctx.t('details')),
    (r.benefits ?? []).map((b) => benefitDetails(b, ctx)),
    h('dl', { class: 'facts' },
      h('dt', {}, ctx.t('validity')),
      h('dd', {}, validityText(r.validity, ctx),
        validityNotes(r.validity, ctx)),
      r.document?.contacts_note ? [h('dt', {}, ctx.t('contactsNote')),
        ctx.lang === 'en' ? h('dd', { class: 'note' }, r.document.contacts_note_en || r.document.contacts_note)
          : h('dd', { class: 'note', lang: 'zh-CN' }, r.document.contacts_note)] : null),
    open ? null : applyBlock(r, ctx),
    h('figure', { class: 'source', part: 'source' },
      h('figcaption', {}, h('span', { class: 'source-title' }, ctx.t('sourceTitle')), h('br'), citation(r, ctx)),
      h('blockquote', { class: 'source-text', lang: 'zh-CN' }, r.text ?? '')));
  return h('li', { class: `result result-${r.standing} kind-${r.group}`, 'data-measure-id': r.id, 'data-status': r.status, 'data-standing': r.standing, 'data-kind': r.group, part: 'result' },
    h('article', { 'aria-labelledby': titleId },
      h('h4', { class: 'result-title', id: titleId }, title(r, ctx)),
      h('p', { class: 'result-meta' },
        h('span', { class: `status standing-${r.standing}`, part: `status status-${r.standing}` }, ctx.t(`standing_${r.standing}`)),
        r.kind !== 'task' ? [' ', h('span', { class: 'kind-badge' }, ctx.t(`kind_${r.group}`))] : null,
        r.categories?.length ? [' ', h('span', { class: 'categories' }, r.categories.map(ctx.categoryLabel).join(ctx.lang === 'en' ? ', ' : '、'))] : null),
      benefits.length && r.kind !== 'task' ? h('ul', { class: 'benefit-list' }, benefits.map((b) => h('li', {}, title(b, ctx),
        b.amount ? [ctx.lang === 'en' ? ' — ' : '——', h('span', { class: 'amount-inline' }, pick(b.amount.text, ctx.lang))] : null))) : null,
      open ? estimateBlock(r, ctx) : null,
      r.standing === 'might_fit' ? openPoints(r, ctx) : null,
      ['lapsed', 'expired', 'upcoming'].includes(r.standing) ? pastLine(r, ctx) : null,
      r.standing === 'ineligible' ? notMet(r, ctx) : null,
      toQualifyLine(r, ctx),
      open ? applyBlock(r, ctx) : null,
      details));
}

/** The one expandable line for other regions: titles only, no cards. */
function elsewhereGroup(items, ctx) {
  return h('details', { class: 'group group-elsewhere', 'data-group': 'elsewhere', part: 'group', open: ctx.openGroups.has('elsewhere') },
    h('summary', { class: 'group-summary' }, h('h3', { class: 'group-title', id: 'pm-group-elsewhere' }, ctx.t('group_elsewhere', { count: items.length }))),
    h('p', { class: 'group-desc' }, ctx.t('group_elsewhere_desc')),
    h('ul', { class: 'elsewhere-list' }, items.map((r) => h('li', { 'data-measure-id': r.id, 'data-standing': r.standing },
      title(r, ctx), ctx.lang === 'en' ? ' — ' : '——', ctx.lang === 'en' ? (r.document?.title_en || r.document?.title) : r.document?.title))));
}

const SHOW = { promise: 'showPromise', upcoming: 'showUpcoming', lapsed: 'showLapsed', expired: 'showExpired', ineligible: 'showIneligible', task: 'showTask' };

/**
 * Renders the groups. A region-locked site lists only its own and national measures.
 * @param {object[]} results matchProfile().results
 * @param {{ lang, t, filters, expanded: Set<string>, openGroups: Set<string>, labelFor, categoryLabel, regionLocked }} ctx
 * @returns {{ element: HTMLElement, shown: number, total: number }}
 */
export function renderGroups(results, ctx) {
  const all = ctx.regionLocked ? results.filter((r) => r.standing !== 'elsewhere') : results;
  const filtered = all.filter((r) => matchesFilters(r, ctx.filters));
  const groups = GROUPS.map((g) => {
    const items = filtered.filter((r) => groupOf(r) === g);
    const total = all.filter((r) => groupOf(r) === g).length;
    if (g === 'elsewhere') return items.length ? elsewhereGroup(items, ctx) : null;
    const headingId = `pm-group-${g}`;
    if (OPEN.has(g)) {
      const count = `${items.length}${items.length !== total ? ` / ${total}` : ''}`;
      return h('section', { class: `group group-${g}`, 'data-group': g, part: 'group', 'aria-labelledby': headingId },
        h('h3', { class: 'group-title', id: headingId }, ctx.lang === 'en' ? `${ctx.t(`group_${g}`)} (${count})` : `${ctx.t(`group_${g}`)}（${count}）`),
        h('p', { class: 'group-desc' }, ctx.t(`group_${g}_desc`)),
        items.length ? h('ol', { class: 'result-list', role: 'list' }, items.map((r) => resultItem(r, ctx, g)))
          : h('p', { class: 'group-empty' }, ctx.t(total ? 'noneInGroup' : 'noneYet')));
    }
    if (!items.length) return null; // no empty headings
    return h('details', { class: `group group-${g}`, 'data-group': g, part: 'group', open: ctx.openGroups.has(g) },
      h('summary', { class: 'group-summary' }, h('h3', { class: 'group-title', id: headingId }, ctx.t(SHOW[g], { count: items.length }))),
      h('p', { class: 'group-desc' }, ctx.t(`group_${g}_desc`)),
      h('ol', { class: 'result-list', role: 'list' }, items.map((r) => resultItem(r, ctx, g))));
  });
  return { element: h('div', { class: 'groups' }, groups), shown: filtered.length, total: all.length };
}

/**
 * The printout's first page: what fits now with amounts, whom to contact and what to
 * prepare; then what might fit, in one line each.
 */
export function renderPrintSummary(output, ctx) {
  const results = output?.results ?? [];
  const fits = results.filter((r) => groupOf(r) === 'fits');
  const might = results.filter((r) => groupOf(r) === 'might_fit');
  const prepare = (r) => {
    const items = [];
    for (const b of counted(r)) for (const c of b.checks ?? []) items.push(pick(c, ctx.lang));
    const how = r.apply?.how ? pick(r.apply.how, ctx.lang) : null;
    if (how) items.unshift(how);
    return items.length ? h('ul', {}, [...new Set(items)].map((x) => h('li', {}, x))) : ctx.t('noEstimate');
  };
  const amount = (r) => (r.estimate ? formatMoneyRange(r.estimate.low, r.estimate.high, ctx.lang)
    : r.estimate_note ? pick(r.estimate_note, ctx.lang) : ctx.t('noEstimate'));
  const table = (rows) => h('table', { class: 'print-table' },
    h('thead', {}, h('tr', {}, ['printColMeasure', 'printColAmount', 'printColContact', 'printColPrepare'].map((k) => h('th', { scope: 'col' }, ctx.t(k))))),
    h('tbody', {}, rows.map((r) => h('tr', {},
      h('td', {}, title(r, ctx)), h('td', {}, amount(r)),
      h('td', {}, units(r.units, ctx, r.units_en) ?? ctx.t('noEstimate')), h('td', {}, prepare(r))))));
  return h('section', { class: 'print-only print-summary', 'aria-hidden': 'true' },
    h('h3', {}, ctx.t('printSummaryTitle')),
    h('p', { class: 'print-sentence' }, summarySentence(output?.summary, ctx)),
    output?.summary?.past_sentence ? h('p', {}, pick(output.summary.past_sentence, ctx.lang)) : null,
    fits.length ? [h('h4', {}, ctx.t('printFitsTitle')), table(fits)] : null,
    might.length ? [h('h4', {}, ctx.t('printMightTitle')),
      h('ul', { class: 'print-might' }, might.map((r) => h('li', {}, title(r, ctx),
        r.missing?.length ? `${ctx.lang === 'en' ? ' — ' : '——'}${ctx.t('answerQuestions')}${r.missing.map((m) => ctx.labelFor(m) ?? m).join(ctx.lang === 'en' ? '; ' : '；')}` : '')))] : null);
}
