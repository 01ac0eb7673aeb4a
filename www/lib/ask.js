/**
 * Asking less (issue 9), the widget's side: what an answer is worth, how many measures
 * still wait on the visitor, and what would make a measure that does not fit, fit.
 * Pure helpers over matchProfile's output; the element places what they build.
 */
import { h } from './dom.js';
import { pick } from './i18n.js';

/** How many measures the visitor could take up still wait on one of their answers. */
export function waitingCount(output) {
  return (output?.results ?? []).filter((r) => r.standing === 'might_fit' && r.missing?.length).length;
}

/** The fields still worth asking, best first (questions only an estimate needs last). */
export function nextFields(output) {
  return (output?.next_questions ?? []).map((q) => q.field);
}

/** "还有 N 项措施取决于您的回答", or that nothing more is needed. */
export function progressText(output, t) {
  const n = waitingCount(output);
  return n > 0 ? t(n === 1 ? 'waitingOnYou1' : 'waitingOnYou', { n }) : t('waitingNone');
}

/** "回答此题可确定 N 项措施" beside a suggested question, or nothing when it settles none alone. */
export function settlesNote(q, t) {
  return q?.settles > 0 ? h('span', { class: 'settles' }, t(q.settles === 1 ? 'settles1' : 'settlesN', { n: q.settles })) : null;
}

/**
 * What would make the measure fit, on its card: for one that does not fit, the change (or
 * why none can); for one that might fit, only a threshold or qualification (the questions
 * and the official's review are listed already).
 */
export function toQualifyLine(r, ctx) {
  const q = r.to_qualify;
  if (!q) return null;
  if (r.standing === 'might_fit' && q.steps.every((s) => s.kind === 'answer' || s.kind === 'review')) return null;
  if (r.standing !== 'might_fit' && r.standing !== 'ineligible') return null;
  return h('p', { class: `to-qualify${q.reachable ? '' : ' to-qualify-fixed'}`, part: 'to-qualify' },
    h('span', { class: 'to-qualify-title' }, ctx.t(q.reachable ? 'toQualifyTitle' : 'toQualifyFixedTitle')), ' ', pick(q.text, ctx.lang));
}

/**
 * The yes/no facts asked together (the element's `checklist` attribute): one fieldset
 * "以下哪些情况适用于您的企业？" of native checkboxes, and "其余都不适用". A ticked fact is
 * "yes"; with "其余都不适用" ticked, every unticked fact the visitor has seen is "no";
 * otherwise an unticked fact stays unanswered. Facts only join the end of the list, so
 * none moves or disappears while the visitor answers.
 */
export class Checklist {
  #items = new Map();
  #list;
  #none;

  constructor(t) {
    this.#list = h('div', { class: 'checkboxes' });
    this.#none = h('input', { type: 'checkbox', class: 'checkbox-input', id: 'pm-check-none', value: 'none' });
    this.element = h('fieldset', { class: 'question checklist', part: 'question checklist', id: 'pm-checklist', 'aria-describedby': 'pm-checklist-hint', hidden: true },
      h('legend', { class: 'label' }, t('checklistTitle')),
      h('div', { class: 'hint', id: 'pm-checklist-hint' }, t('checklistHint')),
      this.#list,
      h('div', { class: 'choice choice-none' }, this.#none, h('label', { for: 'pm-check-none', class: 'choice-label' }, t('checklistNone'))));
    // Whatever the visitor changes, they have now seen every fact listed.
    this.element.addEventListener('change', () => { for (const item of this.#items.values()) item.seen = true; });
  }

  /** The facts listed, in order. */
  get ids() { return [...this.#items.keys()]; }

  has(id) { return this.#items.has(id); }

  /** Adds a fact at the end of the list (a label and its hint). */
  add(id, label, hint) {
    if (this.#items.has(id)) return;
    const input = h('input', { type: 'checkbox', class: 'checkbox-input', id: `pm-check-${id}`, value: id, 'aria-describedby': hint ? `pm-check-hint-${id}` : null });
    this.#list.append(h('div', { class: 'choice', 'data-check': id }, input, h('label', { for: input.id, class: 'choice-label' }, label),
      hint ? h('div', { class: 'hint choice-hint', id: `pm-check-hint-${id}` }, hint) : null));
    this.#items.set(id, { input, seen: false });
    this.element.hidden = false;
  }

  /** Sets the boxes from saved answers. */
  restore(profile) {
    let no = false;
    for (const [id, item] of this.#items) {
      item.input.checked = profile[id] === true;
      item.seen = typeof profile[id] === 'boolean';
      no ||= profile[id] === false;
    }
    this.#none.checked = no;
  }

  /** The answers: ticked → true; unticked and seen under "其余都不适用" → false. */
  answers() {
    const out = {};
    for (const [id, item] of this.#items) {
      if (item.input.checked) out[id] = true;
      else if (this.#none.checked && item.seen) out[id] = false;
    }
    return out;
  }

  focus(id) { (this.#items.get(id)?.input ?? this.#none).focus(); }

  contains(node) { return this.element.contains(node); }
}
