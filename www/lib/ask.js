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
 * A date given in part (a year, or a year and month) that still decides an open measure
 * (next_questions lists it again with `refine`): a line in its question asking for the
 * month (or the day), described to its controls; removed once the part given decides.
 */
export function refineNote(field, q, t) {
  const id = `pm-refine-${field.question.id}`;
  let note = field.wrapper.querySelector(`#${id}`);
  const describedBy = (field.wrapper.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
  if (!q?.refine) {
    note?.remove();
    field.wrapper.setAttribute('aria-describedby', describedBy.join(' '));
    return;
  }
  const text = t(q.refine === 'day' ? 'refineDay' : 'refineMonth', { n: q.settles });
  if (!note) {
    note = h('p', { class: 'refine', id, part: 'refine' });
    const error = field.wrapper.querySelector('.error-message');
    field.wrapper.insertBefore(note, error);
  }
  if (note.textContent !== text) note.textContent = text;
  field.wrapper.setAttribute('aria-describedby', [...describedBy, id].join(' '));
}

/**
 * The yes/no facts asked together (the default; `ask="one-by-one"` opts out): one fieldset
 * "以下哪些情况适用于您的企业？" of native checkboxes, then, after "或", the exclusive
 * "都不适用" (GOV.UK style). Once the visitor answers the list — ticks or unticks any box, or
 * moves on with 继续/查看结果 after answering it — every fact listed is answered: ticked
 * "yes", unticked "no". Before that, nothing is. Ticking "都不适用" unticks every fact;
 * ticking a fact unticks "都不适用". Facts only join the end of the list, so none moves or
 * disappears while the visitor answers; one that joins a list already answered is marked
 * "新增，尚未回答" and stays unanswered until the visitor answers the list again (and
 * "都不适用" is unticked: it no longer speaks for every fact listed).
 */
export class Checklist {
  #items = new Map();
  #list;
  #none;
  #t;

  constructor(t) {
    this.#t = t;
    this.#list = h('div', { class: 'checkboxes' });
    this.#none = h('input', { type: 'checkbox', class: 'checkbox-input', id: 'pm-check-none', value: 'none' });
    this.element = h('fieldset', { class: 'question checklist', part: 'question checklist', id: 'pm-checklist', 'aria-describedby': 'pm-checklist-hint', hidden: true },
      h('legend', { class: 'label' }, t('checklistTitle')),
      h('div', { class: 'hint', id: 'pm-checklist-hint' }, t('checklistHint')),
      this.#list,
      h('p', { class: 'choices-divider' }, t('or')),
      h('div', { class: 'choice choice-none' }, this.#none, h('label', { for: 'pm-check-none', class: 'choice-label' }, t('checklistNone'))));
    // The exclusive option, both ways; whatever the visitor changes answers the whole list.
    this.element.addEventListener('change', (e) => {
      if (e.target === this.#none) {
        if (this.#none.checked) for (const item of this.#items.values()) item.input.checked = false;
      } else if (e.target.checked) {
        this.#none.checked = false;
      }
      this.#seeAll();
    });
  }

  /** The facts listed, in order. */
  get ids() { return [...this.#items.keys()]; }

  has(id) { return this.#items.has(id); }

  /** Whether the visitor has answered the list (some fact listed is answered). */
  get answered() { return [...this.#items.values()].some((item) => item.seen); }

  /** Adds a fact at the end of the list (a label and its hint). */
  add(id, label, hint) {
    if (this.#items.has(id)) return;
    const input = h('input', { type: 'checkbox', class: 'checkbox-input', id: `pm-check-${id}`, value: id, 'aria-describedby': hint ? `pm-check-hint-${id}` : null });
    const mark = h('span', { class: 'checklist-new', hidden: true }, ` ${this.#t('checklistNew')}`);
    this.#list.append(h('div', { class: 'choice', 'data-check': id }, input, h('label', { for: input.id, class: 'choice-label' }, label, mark),
      hint ? h('div', { class: 'hint choice-hint', id: `pm-check-hint-${id}` }, hint) : null));
    // Joining a list already answered: not answered yet, and "都不适用" no longer speaks for it.
    if (this.answered) {
      mark.hidden = false;
      this.#none.checked = false;
    }
    this.#items.set(id, { input, mark, seen: false });
    this.element.hidden = false;
  }

  /** Sets the boxes from saved answers. */
  restore(profile) {
    let any = false;
    let allNo = true;
    for (const [id, item] of this.#items) {
      item.input.checked = profile[id] === true;
      item.seen = typeof profile[id] === 'boolean';
      any ||= item.seen;
      allNo &&= profile[id] === false;
    }
    for (const item of this.#items.values()) item.mark.hidden = !any || item.seen;
    this.#none.checked = any && allNo;
  }

  /** Moving on with the list answered confirms the facts that joined it since. */
  confirm() {
    if (!this.answered || [...this.#items.values()].every((item) => item.seen)) return false;
    this.#seeAll();
    return true;
  }

  #seeAll() {
    for (const item of this.#items.values()) {
      item.seen = true;
      item.mark.hidden = true;
    }
  }

  /** The answers: for a list answered, ticked → true, unticked → false; new facts, none. */
  answers() {
    const out = {};
    for (const [id, item] of this.#items) if (item.seen) out[id] = item.input.checked;
    return out;
  }

  focus(id) { (this.#items.get(id)?.input ?? this.#none).focus(); }

  contains(node) { return this.element.contains(node); }
}
