/**
 * The widget's stylesheet, adopted into its shadow root as a constructable stylesheet
 * (no inline <style>, so it works under a strict CSP, and nothing leaks into the host page).
 *
 * Theming: a site sets these custom properties on `policy-matcher` (they inherit into the
 * shadow root) — the defaults meet WCAG AA contrast:
 *   --pm-color-primary            buttons, links, headings accents   (#0b4f8a)
 *   --pm-color-primary-contrast   text on the primary colour        (#ffffff)
 *   --pm-color-text               body text                         (#1b1b1b)
 *   --pm-color-muted              hints, secondary text             (#505a5f)
 *   --pm-color-background         widget background                 (#ffffff)
 *   --pm-color-surface            panels and cards                  (#f3f5f7)
 *   --pm-color-border             input and card borders            (#6f777b)
 *   --pm-color-focus              focus highlight                   (#ffbf47)
 *   --pm-color-error              errors                            (#b10e1e)
 *   --pm-color-success            "eligible"                        (#00703c)
 *   --pm-color-warning            "possibly eligible"               (#8a4b00)
 *   --pm-font-family              text font                         (system Chinese sans-serif)
 *   --pm-font-size                base text size: a keyword, rem or px, not em/% (default `medium`,
 *                                 the visitor's own browser setting, never the page's `html` size;
 *                                 large-text mode ×1.25)
 *   --pm-radius                   corner radius                     (4px)
 * and styles parts with ::part(): root, header, form, step-nav, step, question,
 * error-summary, results, summary, size, next-questions, filters, group, result,
 * result-details, status, source, tools, button, button-primary, language-button,
 * region-lock, catalogue-error, error.
 */
export const styles = `
:host {
  display: block;
  /* Start from known values: a host page's root size (Bootstrap 3's html{font-size:10px}) and
     the text styles of a CMS article (text-indent, letter-spacing, justify, break-all…) that
     would otherwise be inherited into the widget. Sizes inside are em (or px), never rem. */
  font-size: var(--pm-font-size, medium);
  /* the widget's colours are light: native controls match them whatever the page's scheme */
  color-scheme: light;
  --_primary: var(--pm-color-primary, #0b4f8a);
  --_on-primary: var(--pm-color-primary-contrast, #ffffff);
  --_text: var(--pm-color-text, #1b1b1b);
  --_muted: var(--pm-color-muted, #505a5f);
  --_bg: var(--pm-color-background, #ffffff);
  --_surface: var(--pm-color-surface, #f3f5f7);
  --_border: var(--pm-color-border, #6f777b);
  --_focus: var(--pm-color-focus, #ffbf47);
  --_error: var(--pm-color-error, #b10e1e);
  --_success: var(--pm-color-success, #00703c);
  --_warning: var(--pm-color-warning, #8a4b00);
  --_radius: var(--pm-radius, 4px);
  container-type: inline-size;
  container-name: pm;
}
:host([hidden]) { display: none; }
:host, .pm {
  font-style: normal; font-variant: normal; font-weight: 400; font-stretch: normal;
  font-kerning: auto; font-feature-settings: normal; font-size-adjust: none;
  text-indent: 0; letter-spacing: normal; word-spacing: normal; text-align: start; text-align-last: auto;
  text-transform: none; text-shadow: none; white-space: normal; word-break: normal; line-break: auto;
  hyphens: manual; tab-size: 8; text-underline-position: auto; text-emphasis: none;
  writing-mode: horizontal-tb; direction: ltr; cursor: auto; list-style: disc outside none;
  border-collapse: separate; border-spacing: 0; caption-side: top; empty-cells: show; quotes: auto;
  -webkit-text-fill-color: currentcolor; -webkit-text-stroke-width: 0; caret-color: auto; text-rendering: auto;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }

.pm {
  font-family: var(--pm-font-family, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif);
  font-size: 1em;
  line-height: 1.6;
  color: var(--_text);
  background: var(--_bg);
  overflow-wrap: anywhere;
}
.pm.pm-large { font-size: 1.25em; }

h2, h3, h4, h5 { line-height: 1.35; margin: 0 0 0.5em; }
h2 { font-size: 1.5em; }
h3 { font-size: 1.25em; }
h4 { font-size: 1.125em; }
h5 { font-size: 1em; }
p { margin: 0 0 0.75em; }

.visually-hidden {
  position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
  padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important;
  border: 0 !important; white-space: nowrap !important;
}

/* focus: the GOV.UK yellow with a dark underline, on every interactive element */
:focus { outline: none; }
:focus-visible, .input:focus, .select:focus {
  outline: 3px solid var(--_focus);
  outline-offset: 0;
  box-shadow: inset 0 0 0 2px var(--_text);
}
a:focus-visible, .link-button:focus-visible {
  background: var(--_focus); color: #0b0c0c; box-shadow: 0 -2px var(--_focus), 0 4px #0b0c0c; outline: none; text-decoration: none;
}
[tabindex="-1"]:focus { outline: none; box-shadow: none; }

.header { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: flex-start; justify-content: space-between; margin-bottom: 1em; }
.intro { flex: 1 1 20em; margin: 0; }
.toolbar { display: flex; flex-wrap: wrap; gap: 0.5em; }

.layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 2em; }
/* em here is the container's (the host's) font size: the same breakpoint as 60rem on a plain page */
@container pm (min-width: 60em) {
  .layout { grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); align-items: start; }
}

/* buttons */
.button {
  display: inline-block; font: inherit; font-size: 1em; line-height: 1.25; min-height: 2.75em;
  padding: 0.6em 1em; border: 2px solid var(--_primary); border-radius: var(--_radius);
  background: var(--_primary); color: var(--_on-primary); cursor: pointer; text-align: center;
}
.button:hover { filter: brightness(0.9); }
.button-secondary { background: var(--_bg); color: var(--_primary); }
.button[aria-pressed="true"] { background: var(--_primary); color: var(--_on-primary); }
.link-button {
  font: inherit; background: none; border: 0; padding: 0.15em 0; color: var(--_primary);
  text-decoration: underline; text-underline-offset: 0.15em; cursor: pointer; text-align: start;
}
.button-group { display: flex; flex-wrap: wrap; gap: 0.75em 1em; align-items: center; margin: 1.25em 0; }

/* notices */
.notice { border-left: 5px solid var(--_primary); background: var(--_surface); padding: 0.75em 1em; margin: 0 0 1em; }
.notice-error { border-color: var(--_error); }
.notice-warning { border-color: var(--_warning); }
.notice p:last-child, .notice ul:last-child { margin-bottom: 0; }
.notice .detail { color: var(--_muted); font-size: 0.875em; }
.loading { color: var(--_muted); padding: 1em 0; }
/* while loading, the widget holds about the space it will take: the page below does not jump */
.pm-loading { min-height: min(100vh, 60em); }
.fallback { margin-top: 1em; }

/* the error summary */
.error-summary { border: 4px solid var(--_error); padding: 1em; margin-bottom: 1.5em; }
.error-summary:focus { outline: 3px solid var(--_focus); outline-offset: 0; }
.error-summary-title { font-size: 1.25em; }
.error-summary-list { margin: 0; padding-left: 1.25em; }
.error-summary-list a { color: var(--_error); font-weight: 700; }

/* steps */
.step-nav ol { list-style: none; margin: 0 0 1em; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25em 1em; font-size: 0.9375em; }
.step-nav .current .link-button { font-weight: 700; color: var(--_text); text-decoration: none; }
.step-nav .skipped { color: var(--_muted); }
.step { border: 0; margin: 0; padding: 0; min-width: 0; }
.step-legend { padding: 0; margin-bottom: 0.75em; }
.step-title { margin: 0; }
.step-count { display: block; font-size: 0.7em; font-weight: 400; color: var(--_muted); }

/* region and industry comboboxes (www/lib/form.js listField) */
.combobox { position: relative; max-width: 32em; }
.listbox { list-style: none; margin: 0; padding: 0; position: absolute; z-index: 10; left: 0; right: 0;
  max-height: 20em; overflow-y: auto; background: var(--_bg); color: var(--_text); border: 2px solid var(--_text); border-top: 0; }
.listbox-option { display: flex; flex-direction: column; padding: 0.4em 0.5em; cursor: pointer; border-top: 1px solid var(--_border); }
.listbox-option:hover { background: var(--_surface); }
.listbox-option[aria-selected="true"] { background: var(--_primary); color: var(--_on-primary); outline: 3px solid var(--_focus); outline-offset: -3px; }
.option-detail { font-size: 0.875em; }
.echo { margin-top: 0.5em; }
.echo-label { font-weight: 700; }
.echo-detail { display: block; color: var(--_muted); }

/* questions */
.question { border: 0; margin: 0 0 1.5em; padding: 0; min-width: 0; }
.question.has-error { border-left: 5px solid var(--_error); padding-left: 0.75em; }
.label { display: block; font-weight: 700; margin-bottom: 0.25em; padding: 0; }
.hint { color: var(--_muted); margin-bottom: 0.5em; }
.error-message { color: var(--_error); font-weight: 700; margin: 0 0 0.5em; }
.input, .select {
  font: inherit; font-size: 1em; line-height: 1.25; min-height: 2.5em; padding: 0.4em 0.5em;
  border: 2px solid var(--_text); border-radius: 0; background: var(--_bg); color: var(--_text); max-width: 100%;
}
.input-wide { width: 100%; max-width: 32em; }
.input-number { width: 10em; }
.has-error .input { border-color: var(--_error); }
.input-with-suffix { display: flex; align-items: center; gap: 0.5em; }
.suffix { font-weight: 700; }
.date-input { display: flex; flex-wrap: wrap; gap: 1em; }
.date-item { display: flex; flex-direction: column; }
.date-label { margin-bottom: 0.25em; }
.input-date-year { width: 5.5em; }
.input-date-month, .input-date-day { width: 3.5em; }

.choices { display: flex; flex-direction: column; gap: 0.5em; }
.choices-inline { flex-direction: row; flex-wrap: wrap; gap: 0.5em 1.5em; }
.choice { display: flex; align-items: flex-start; gap: 0.5em; }
.radio-input, .checkbox-input { width: 1.5em; height: 1.5em; margin: 0.1em 0 0; flex: none; accent-color: var(--_primary); }
.choice-label { cursor: pointer; padding-top: 0.05em; }
.choices-divider { margin: 0.25em 0; color: var(--_muted); }
.checklist-new { font-weight: 700; }
.refine { margin: 0 0 0.5em; font-weight: 700; }
/* a checklist fact's hint goes under its label, in line with it (GOV.UK), not beside it */
.checkboxes .choice { flex-wrap: wrap; row-gap: 0.15em; }
.checkboxes .choice-label { flex: 1 1 0; min-width: 0; }
.choice-hint { flex: 0 0 calc(100% - 2em); margin: 0 0 0 2em; }
.remember-refused { color: var(--_text); border-left: 4px solid var(--_warning); padding-left: 0.5em; }

/* results */
.results-title { margin-bottom: 0.25em; }
.as-of { color: var(--_muted); }
.summary { font-size: 1.125em; font-weight: 700; }
.size, .next-questions { background: var(--_surface); padding: 0.75em 1em; margin-bottom: 1em; border-radius: var(--_radius); }
.size dl { margin: 0; }
.size dt { font-weight: 700; }
.size dd { margin: 0 0 0.5em; }
.size dd:last-child { margin-bottom: 0; }
.next-questions ul { margin: 0; padding-left: 1.25em; }
.next-questions li { margin-bottom: 0.25em; }
.next-questions .link-button, .missing .link-button { vertical-align: top; }
.next-title { font-weight: 700; margin-bottom: 0.25em; }
.settles { color: var(--_muted, inherit); font-size: 0.9em; }
.progress { font-weight: 700; margin: 0.5em 0 1em; }
.to-qualify { margin: 0.5em 0; }
.to-qualify-title { font-weight: 700; }

.filters { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.5em 1em; margin-bottom: 1em; }
.filters summary { cursor: pointer; font-weight: 700; color: var(--_primary); }
.filter-row { display: flex; flex-wrap: wrap; gap: 0 1.5em; }
.filter { margin: 0.75em 0; }
.shown { color: var(--_muted); }

.group { margin-bottom: 1.5em; }
.group-title { border-bottom: 3px solid var(--_primary); padding-bottom: 0.25em; }
details.group > summary { cursor: pointer; list-style-position: outside; margin-left: 1.2em; }
details.group > summary .group-title { display: inline; border: 0; font-size: 1.125em; color: var(--_primary); text-decoration: underline; }
.group-desc, .group-empty { color: var(--_muted); }
.result-list { list-style: none; margin: 0; padding: 0; }
.result {
  border: 1px solid var(--_border); border-left: 6px solid var(--_border); border-radius: var(--_radius);
  padding: 0.75em 1em; margin-bottom: 1em; background: var(--_bg); break-inside: avoid;
}
.result-eligible { border-left-color: var(--_success); }
.result-possible { border-left-color: var(--_warning); }
.result-title { margin-bottom: 0.25em; }
.result-meta { display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; align-items: center; font-size: 0.9375em; color: var(--_muted); }
.status, .validity-badge { display: inline-block; font-weight: 700; padding: 0 0.4em; border-radius: 2px; border: 1px solid currentColor; }
.status-eligible { color: var(--_success); }
.status-possible { color: var(--_warning); }
.status-ineligible { color: var(--_error); }
.status-task { color: var(--_muted); }
.validity-expired { color: var(--_error); }
.validity-current { color: var(--_success); }
.validity-upcoming, .validity-unknown { color: var(--_muted); }
.benefit-list { margin: 0.5em 0; padding-left: 1.25em; }
.amount-inline { color: var(--_text); }
.units { font-size: 0.9375em; color: var(--_muted); }
.missing, .not-met { margin: 0.5em 0; }
.missing-title, .not-met-title { font-weight: 700; }
.missing .link-button { margin-right: 1em; }
.result-summary { cursor: pointer; color: var(--_primary); text-decoration: underline; margin-top: 0.5em; }
.result-details[open] > .result-summary { margin-bottom: 0.75em; }
.benefit { border-top: 1px solid var(--_border); padding-top: 0.75em; margin-top: 0.75em; }
.benefit-title .status { font-size: 0.875em; margin-left: 0.25em; }
.why-title { font-weight: 700; margin-bottom: 0.25em; }
.conditions { list-style: none; margin: 0 0 0.75em; padding: 0; }
.condition { margin-bottom: 0.25em; }
.verdict { font-weight: 700; }
.verdict-met .verdict { color: var(--_success); }
.verdict-not_met .verdict { color: var(--_error); }
.verdict-unknown .verdict { color: var(--_warning); }
.checks ul { margin: 0 0 0.75em; padding-left: 1.25em; }
.checks p { font-weight: 700; margin-bottom: 0.25em; }
.quote { color: var(--_muted); }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25em 1em; margin: 0.75em 0; }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
.note { color: var(--_muted); font-size: 0.9375em; }
.source { margin: 0.75em 0 0; }
.source figcaption { font-size: 0.9375em; margin-bottom: 0.5em; }
.source-title { font-weight: 700; }
.source-text {
  margin: 0; padding: 0.75em 1em; background: var(--_surface); border-left: 4px solid var(--_border);
  white-space: pre-wrap; font-family: var(--pm-font-family, "Songti SC", "SimSun", "Noto Serif CJK SC", serif);
}

.catalogue-info { margin: 1em 0; }
.catalogue-info summary { cursor: pointer; color: var(--_primary); text-decoration: underline; }
.catalogue-info ul { padding-left: 1.25em; font-size: 0.9375em; }
.tools { border-top: 3px solid var(--_primary); padding-top: 1em; margin-top: 2em; }
.share-panel { margin-bottom: 1em; }
.share-row { display: flex; flex-wrap: wrap; gap: 0.5em; }
.share-row .input { flex: 1 1 16em; }
.disclaimer { color: var(--_muted); font-size: 0.875em; margin-top: 1.5em; }
.clear-button { margin-left: auto; }
.print-only { display: none; }

/* results: summary, groups by standing, estimates, contact (issue 8) */
.results-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5em 1em; }
.past-sentence { margin: 0.5em 0 1em; }
.overview { background: var(--_surface); padding: 0.75em 1em; border-radius: var(--_radius); margin-bottom: 1em; }
.overview-title { font-weight: 700; margin: 0 0 0.25em; }
.overview-groups { margin: 0 0 0.5em; padding-left: 1.25em; }
.overview-hint { margin: 0; color: var(--_muted); }
.result-fits { border-left-color: var(--_success); }
.result-might_fit { border-left-color: var(--_warning); }
.standing-fits { color: var(--_success); }
.standing-might_fit { color: var(--_warning); }
.standing-ineligible, .standing-expired { color: var(--_error); }
.standing-lapsed, .standing-upcoming, .standing-task, .standing-elsewhere { color: var(--_muted); }
.kind-badge { color: var(--_text); }
.estimate { margin: 0.5em 0; }
.estimate-title { font-weight: 700; }
.estimate-value { font-size: 1.125em; }
.formula { display: inline-block; margin-left: 0.75em; }
.formula > summary { cursor: pointer; color: var(--_primary); text-decoration: underline; display: inline; }
.formula[open] { display: block; margin: 0.25em 0 0; }
.formula p { margin: 0.25em 0 0; padding: 0.25em 0.75em; background: var(--_surface); border-radius: var(--_radius); }
.estimate-needs .link-button { margin-left: 0.25em; }
.review { margin: 0.5em 0; }
.review-title { font-weight: 700; }
.review ul, .not-met ul { margin: 0.25em 0 0; padding-left: 1.25em; }
.apply { margin: 0.5em 0; padding: 0.5em 0.75em; background: var(--_surface); border-radius: var(--_radius); }
.apply-title { font-weight: 700; margin: 0 0 0.25em; }
.apply dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.1em 1em; margin: 0; }
.apply dt { font-weight: 700; }
.apply dd { margin: 0; }
.past-note { font-weight: 700; margin: 0.5em 0; }
.elsewhere-list { font-size: 0.9375em; padding-left: 1.25em; }
.clear-confirm { margin-top: 1em; }
.print-table { width: 100%; border-collapse: collapse; font-size: 0.9em; margin-bottom: 0.75em; }
.print-table th, .print-table td { border: 1px solid #000; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
.print-table ul { margin: 0; padding-left: 1em; }
.print-might { margin: 0; padding-left: 1.25em; font-size: 0.9em; }

@media (prefers-reduced-motion: no-preference) {
  .button, .link-button { transition: filter 0.1s; }
}
@media (forced-colors: active) {
  .status, .validity-badge, .result { border-color: CanvasText; }
}

@media print {
  .pm { font-size: 10pt; color: #000; background: #fff; }
  .header, .form-column, .filters, .tools, .catalogue-info, .next-questions, .shown, .missing .link-button,
  .group-ineligible, .group-task, .result-summary, .button, .group-desc, .size, .summary, .as-of,
  details.group:not([open]), .formula:not([open]), .estimate-needs, .result-meta .categories,
  .result .apply, .result .review, .result .missing, .result-details:not([open]) { display: none !important; }
  .print-summary { break-after: page; }
  .print-summary h3, .print-summary h4 { margin: 0.5em 0 0.25em; }
  .result-list .result { padding: 0.25em 0.5em; margin-bottom: 0.4em; border-left-width: 3px; }
  .result-title { font-size: 1em; margin: 0; display: inline; }
  .result-meta { display: inline; margin-left: 0.5em; font-size: 0.85em; }
  .benefit-list { margin: 0.1em 0; font-size: 0.9em; }
  .estimate { margin: 0.1em 0; }
  .group-title { font-size: 1.1em; }
  .layout { display: block; }
  .print-only { display: block; }
  .print-title { font-size: 16pt; font-weight: 700; }
  .print-answers { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0 1em; margin: 0 0 1em; }
  .result:has(.result-details[open]) :is(.benefit-list, .units) { display: none; }
  .result { padding: 0.5em 0.75em; margin-bottom: 0.75em; }
  .benefit { margin-top: 0.5em; padding-top: 0.5em; }
  .print-answers dd { margin: 0; }
  /* Several measures a page: a measure may break between its parts, never inside one. */
  .result { border-color: #000; }
  .benefit, .facts, .source, .result-title, .result-meta { break-inside: avoid; page-break-inside: avoid; }
  .result-title { break-after: avoid; }
  .facts .note { display: none; }
  .group-title { break-after: avoid; }
  .source-text { white-space: pre-wrap; background: none; border-left: 2px solid #000; }
  a { color: #000; }
}
`;
