/**
 * Demo pages only: a control that sets the widget's `as-of` date, so a reader can see the
 * catalogue as it stood when each document was published ("按文件发布时查看"). Most built-in
 * documents are from 2020–2024, so on today's date most of their measures are past.
 * The dates come from the widget's own results (each result cites its document), so this
 * script loads nothing itself.
 */
const place = document.querySelector('[data-as-of-demo]');
const widget = document.querySelector('policy-matcher');

function build(results) {
  const english = document.documentElement.lang.startsWith('en');
  // Each document is seen on the day its measures take effect: its date, or the later
  // date its measures are in force from (Qinghai's measures: dated 2022-01-28, 施行 2022-02-27).
  const documents = new Map();
  const iso = (d) => /^\d{4}-\d{2}-\d{2}$/.test(d ?? '');
  for (const r of results) {
    if (!iso(r.document?.date)) continue;
    const seen = documents.get(r.document.key) ?? { ...r.document, view: r.document.date };
    if (iso(r.validity?.from) && r.validity.from > seen.view) seen.view = r.validity.from;
    documents.set(r.document.key, seen);
  }
  if (!documents.size) return false;
  const label = document.createElement('label');
  label.htmlFor = 'demo-as-of';
  label.textContent = english ? 'See as when published: ' : '按文件发布时查看：';
  const select = document.createElement('select');
  select.id = 'demo-as-of';
  const add = (value, text) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    select.append(o);
  };
  add('', english ? 'Today' : '今天');
  for (const d of [...documents.values()].sort((a, b) => a.view.localeCompare(b.view))) {
    add(d.view, `${d.view} — ${english ? (d.title_en || d.title) : `${d.issuer && d.issuer !== 'unknown' ? d.issuer : ''}《${d.title}》`}`);
  }
  select.value = widget.getAttribute('as-of') ?? '';
  select.addEventListener('change', () => {
    if (select.value) widget.setAttribute('as-of', select.value);
    else widget.removeAttribute('as-of');
  });
  place.append(label, select);
  return true;
}

if (place && widget) {
  const once = (event) => {
    if (build(event.detail.results ?? [])) widget.removeEventListener('policy-matcher:results', once);
  };
  widget.addEventListener('policy-matcher:results', once);
}
