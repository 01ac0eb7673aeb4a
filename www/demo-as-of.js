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
  const documents = new Map();
  for (const r of results) if (/^\d{4}-\d{2}-\d{2}$/.test(r.document?.date ?? '')) documents.set(r.document.key, r.document);
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
  for (const d of [...documents.values()].sort((a, b) => a.date.localeCompare(b.date))) {
    add(d.date, `${d.date} — ${english ? (d.title_en || d.title) : `${d.issuer}《${d.title}》`}`);
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
