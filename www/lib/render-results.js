/**
 * The results panel's list: measures grouped as eligible / possible / (on demand) not
 * eligible and government tasks, each with its benefits and amounts, the conditions met or
 * not, what is still to answer, validity, responsible units and the verbatim source text.
 * Pure rendering from matchProfile()'s output; all catalogue text goes in as text.
 */
import { h } from './dom.js';
import { formatDate } from './format.js';
import { pick } from './i18n.js';

/** The groups in the order shown; the last two open on demand. */
export const GROUPS = ['eligible', 'possible', 'ineligible', 'task'];
const ON_DEMAND = new Set(['ineligible', 'task']);

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

/** Counts of results per group, before filtering. */
export function countByStatus(results) {
  const counts = Object.fromEntries(GROUPS.map((g) => [g, 0]));
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** "厦门市工信局、市财政局" / "A, B". */
function list(items, lang) {
  return items.filter(Boolean).join(lang === 'en' ? ', ' : '、');
}

function validityText(v, ctx) {
  if (!v) return ctx.t('validity_unknown');
  const dates = [
    formatDate(v.from, ctx.lang) && ctx.t('validityFrom', { date: formatDate(v.from, ctx.lang) }),
    formatDate(v.until, ctx.lang) && ctx.t('validityUntil', { date: formatDate(v.until, ctx.lang) }),
  ].filter(Boolean).join(ctx.lang === 'en' ? ' ' : '');
  return `${ctx.t(`validity_${v.status}`)}${dates ? (ctx.lang === 'en' ? `, ${dates}` : `（${dates}）`) : ''}`;
}

function amountText(b, ctx) {
  return b.amount ? pick(b.amount.text, ctx.lang) : '';
}

/** A document as cited: issuer《title》(number; date) — unknowns said as such. */
function documentCitation(d, ctx) {
  const known = (value) => value && value !== 'unknown';
  const number = known(d.number) ? d.number : ctx.t('numberUnknown');
  const date = formatDate(d.date, ctx.lang) || ctx.t('dateUnknown');
  if (ctx.lang === 'en') {
    return [`${d.issuer ?? ''}, ${d.title_en || d.title} `, h('span', { lang: 'zh-CN' }, `《${d.title}》`), ` (${number}; ${date})`];
  }
  return `${d.issuer ?? ''}《${d.title}》（${number}；${date}）`;
}

/** The source of a measure: its document, article number and section. */
function citation(r, ctx) {
  const article = r.number !== undefined && r.number !== null ? ctx.t('articleNumber', { number: r.number }) : '';
  const sep = ctx.lang === 'en' ? ', ' : '';
  return [documentCitation(r.document ?? {}, ctx), article ? `${sep}${article}` : '',
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

/** A benefit's conditions, each met / not met / unanswered, in words and a symbol. */
function conditions(b, ctx) {
  if (!b.reasons?.length) return null;
  const symbols = { met: '✓', not_met: '✗', unknown: '?' };
  return h('ul', { class: 'conditions' }, b.reasons.map((reason) => h('li', { class: `condition verdict-${reason.verdict}` },
    h('span', { class: 'verdict', part: `verdict verdict-${reason.verdict}` },
      h('span', { 'aria-hidden': 'true' }, symbols[reason.verdict] ?? '·', ' '),
      ctx.t(`verdict_${reason.verdict}`)),
    ' ',
    // The requirement names its attribute itself ("月销售额 ≤ 15万元").
    ctx.t('required', { required: pick(reason.required, ctx.lang) }),
    ctx.lang === 'en' ? '; ' : '；',
    reason.given ? ctx.t('given', { given: pick(reason.given, ctx.lang) }) : ctx.t('notAnswered'),
  )));
}

/** "Still to answer": buttons that take the visitor to each missing question. */
function missingAnswers(missing, ctx) {
  const known = (missing ?? []).filter((attr) => ctx.labelFor(attr));
  if (!known.length) return null;
  return h('div', { class: 'missing' },
    h('span', { class: 'missing-title' }, ctx.t('missingTitle')), ' ',
    known.map((attr) => h('button', { type: 'button', class: 'link-button', 'data-answer': attr, part: 'answer-button' },
      ctx.t('answerThis', { label: ctx.labelFor(attr) }))));
}

/** Why a measure does not fit: its not-met conditions. */
function notMet(r, ctx) {
  const reasons = (r.benefits ?? []).flatMap((b) => b.reasons ?? []).filter((x) => x.verdict === 'not_met');
  const seen = new Set();
  const unique = reasons.filter((x) => {
    const key = `${x.attribute}|${pick(x.required, 'zh')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!unique.length) return null;
  return h('div', { class: 'not-met' }, h('span', { class: 'not-met-title' }, ctx.t('notMetTitle')), ' ',
    unique.map((x, i) => [i ? (ctx.lang === 'en' ? '; ' : '；') : '',
      `${pick(x.label, ctx.lang)}${ctx.lang === 'en' ? ' — ' : '——'}${ctx.t('required', { required: pick(x.required, ctx.lang) })}`,
      x.given ? `${ctx.lang === 'en' ? ', ' : '，'}${ctx.t('given', { given: pick(x.given, ctx.lang) })}` : '']));
}

/** One measure as a list item (data-measure-id for tests and hosts). */
function resultItem(r, ctx) {
  const titleId = `pm-r-${r.id.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const title = ctx.lang === 'en' ? (r.title_en || r.title) : r.title;
  const benefits = (r.benefits ?? []);
  const details = h('details', { class: 'result-details', part: 'result-details', open: ctx.expanded.has(r.id), 'data-details-for': r.id },
    h('summary', { class: 'result-summary' }, ctx.t('details')),
    benefits.map((b) => h('section', { class: `benefit benefit-${b.status}` },
      h('h5', { class: 'benefit-title' }, ctx.lang === 'en' ? (b.title_en || b.title) : b.title,
        ' ', h('span', { class: `status status-${b.status}`, part: `status status-${b.status}` }, ctx.t(`status_${b.status}`))),
      b.amount ? h('p', { class: 'amount' }, `${ctx.t('amount')}${ctx.lang === 'en' ? ': ' : '：'}`, amountText(b, ctx),
        b.amount.quote ? [' ', h('q', { class: 'quote' }, b.amount.quote)] : null) : null,
      h('p', { class: 'why-title' }, ctx.t('whyTitle')),
      conditions(b, ctx),
      b.checks?.length ? h('div', { class: 'checks' }, h('p', {}, ctx.t('checksTitle')),
        h('ul', {}, b.checks.map((c) => h('li', {}, pick(c, ctx.lang))))) : null,
      b.validity && b.validity.status !== r.validity?.status
        ? h('p', { class: 'validity' }, `${ctx.t('validity')}${ctx.lang === 'en' ? ': ' : '：'}${validityText(b.validity, ctx)}`) : null,
    )),
    h('dl', { class: 'facts' },
      h('dt', {}, ctx.t('validity')),
      h('dd', {}, validityText(r.validity, ctx), r.validity?.note ? [h('br'), h('span', { class: 'note' }, r.validity.note)] : null),
      r.units?.length ? [h('dt', {}, ctx.t('unitsTitle')), h('dd', {}, list(r.units, ctx.lang),
        r.document?.contacts_note ? [h('br'), h('span', { class: 'note', lang: 'zh-CN' }, ctx.t('contactsNote'), r.document.contacts_note)] : null)] : null,
    ),
    h('figure', { class: 'source', part: 'source' },
      h('figcaption', {}, h('span', { class: 'source-title' }, ctx.t('sourceTitle')), h('br'), citation(r, ctx)),
      h('blockquote', { class: 'source-text', lang: 'zh-CN' }, r.text ?? '')),
  );
  // the list under the title: the benefits that fit as well as the measure does
  const summaryLine = r.status === 'eligible' ? benefits.filter((b) => b.status === 'eligible')
    : r.status === 'possible' ? benefits.filter((b) => b.status !== 'ineligible') : benefits;
  return h('li', { class: `result result-${r.status}`, 'data-measure-id': r.id, 'data-status': r.status, part: 'result' },
    h('article', { 'aria-labelledby': titleId },
      h('h4', { class: 'result-title', id: titleId }, title),
      h('p', { class: 'result-meta' },
        h('span', { class: `status status-${r.status}`, part: `status status-${r.status}` }, ctx.t(`status_${r.status}`)),
        ' ', h('span', { class: `validity-badge validity-${r.validity?.status ?? 'unknown'}` }, ctx.t(`validity_${r.validity?.status ?? 'unknown'}`)),
        r.categories?.length ? [' ', h('span', { class: 'categories' }, list(r.categories.map(ctx.categoryLabel), ctx.lang))] : null,
      ),
      summaryLine.length ? h('ul', { class: 'benefit-list' }, summaryLine.map((b) => h('li', {},
        ctx.lang === 'en' ? (b.title_en || b.title) : b.title,
        b.amount ? [ctx.lang === 'en' ? ' — ' : '——', h('strong', { class: 'amount-inline' }, amountText(b, ctx))] : null))) : null,
      r.status === 'possible' ? missingAnswers(r.missing, ctx) : null,
      r.status === 'ineligible' ? notMet(r, ctx) : null,
      r.units?.length ? h('p', { class: 'units' }, `${ctx.t('unitsTitle')}${ctx.lang === 'en' ? ': ' : '：'}${list(r.units, ctx.lang)}`) : null,
      details,
    ));
}

/**
 * Renders the groups.
 * @param {object[]} results matchProfile().results
 * @param {{ lang, t, filters, expanded: Set<string>, openGroups: Set<string>, labelFor, categoryLabel }} ctx
 * @returns {{ element: HTMLElement, shown: number, total: number }}
 */
export function renderGroups(results, ctx) {
  const filtered = results.filter((r) => matchesFilters(r, ctx.filters));
  const groups = GROUPS.map((status) => {
    const items = filtered.filter((r) => r.status === status);
    const total = results.filter((r) => r.status === status).length;
    const headingId = `pm-group-${status}`;
    const body = [
      h('p', { class: 'group-desc' }, ctx.t(`group_${status}_desc`)),
      items.length
        ? h('ol', { class: 'result-list', role: 'list' }, items.map((r) => resultItem(r, ctx)))
        : h('p', { class: 'group-empty' }, ctx.t(total ? 'noneInGroup' : 'noneYet')),
    ];
    const count = `${items.length}${items.length !== total ? ` / ${total}` : ''}`;
    const label = ctx.lang === 'en' ? `${ctx.t(`group_${status}`)} (${count})` : `${ctx.t(`group_${status}`)}（${count}）`;
    if (ON_DEMAND.has(status)) {
      return h('details', { class: `group group-${status}`, 'data-group': status, part: 'group', open: ctx.openGroups.has(status) },
        h('summary', { class: 'group-summary' }, h('h3', { class: 'group-title', id: headingId }, ctx.t('showGroup', { group: ctx.t(`group_${status}`), count: items.length }))),
        body);
    }
    return h('section', { class: `group group-${status}`, 'data-group': status, part: 'group', 'aria-labelledby': headingId },
      h('h3', { class: 'group-title', id: headingId }, label), body);
  });
  return { element: h('div', { class: 'groups' }, groups), shown: filtered.length, total: results.length };
}
