/**
 * The batch page: hands the chosen or dropped file to a Web Worker (batch-worker.js),
 * which matches it locally with wasm; shows progress; offers the results and the
 * per-measure push lists as downloads (Blob URLs — nothing is uploaded).
 */
const $ = (id) => document.getElementById(id);
const form = $('batch-form');
const fileInput = $('file');
const drop = $('drop');
const start = $('start');
const progressSection = $('progress-section');
const progress = $('progress');
const status = $('status');
const results = $('results');

const urls = [];
let worker = null;
let droppedFile = null;
let running = false;

const number = (n) => Number(n).toLocaleString('zh-CN');

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
$('as-of').value = today();

function blobLink(a, blob) {
  const url = URL.createObjectURL(blob);
  urls.push(url);
  a.href = url;
}

function chosenFile() {
  return droppedFile ?? fileInput.files?.[0] ?? null;
}

function setRunning(on) {
  running = on;
  start.setAttribute('aria-disabled', String(on));
  start.textContent = on ? '正在匹配…' : '开始匹配';
}

function showDone(msg) {
  const { summary, measures } = msg;
  blobLink($('download-results'), msg.results);
  blobLink($('download-index'), msg.index);
  const parts = [`共 ${number(summary.rows)} 家企业（${number(summary.rows - summary.with_errors)} 行无误`];
  if (summary.with_errors) parts.push(`，${number(summary.with_errors)} 行有错误，其中 ${number(summary.unreadable)} 行无法读取；错误见结果文件的 errors 列`);
  parts.push(`）。符合 ${number(summary.eligible_pairs)} 项次，可能符合 ${number(summary.possible_pairs)} 项次。评估日期 ${summary.as_of}。`);
  if (summary.region_unknown) parts.push(`${number(summary.region_unknown)} 家企业没有可用的所在地（未填、无效或地名不唯一），未列入限定地区措施的推送名单，原因见结果文件的 note 列。`);
  $('summary').textContent = parts.join('');
  const problems = $('file-problems');
  problems.replaceChildren(...[...summary.errors, ...summary.warnings].map((e) => {
    const li = document.createElement('li');
    li.textContent = `${e.line ? `第${e.line}行：` : ''}${e.message}`;
    return li;
  }));
  const body = $('measures');
  body.replaceChildren(...measures.map((m) => {
    const tr = document.createElement('tr');
    const th = document.createElement('td');
    th.textContent = m.title;
    const id = document.createElement('span');
    id.className = 'measure-id';
    id.textContent = m.id;
    th.append(id);
    const e = document.createElement('td');
    e.className = 'num';
    e.textContent = number(m.eligible);
    const p = document.createElement('td');
    p.className = 'num';
    p.textContent = number(m.possible);
    const link = document.createElement('td');
    if (m.eligible + m.possible > 0) {
      const a = document.createElement('a');
      a.download = m.file;
      a.dataset.measure = m.id;
      a.textContent = `下载 ${m.file}`;
      blobLink(a, m.blob);
      link.append(a);
    } else {
      link.textContent = '无企业';
    }
    tr.append(th, e, p, link);
    return tr;
  }));
  results.hidden = false;
  progress.value = 1;
  status.textContent = `完成：已匹配 ${number(summary.rows)} 行。`;
  $('results-title').focus();
}

function run() {
  const file = chosenFile();
  if (!file || running) {
    if (!file) status.textContent = '请先选择一个文件。';
    progressSection.hidden = false;
    return;
  }
  for (const u of urls.splice(0)) URL.revokeObjectURL(u);
  results.hidden = true;
  progressSection.hidden = false;
  progress.removeAttribute('value');
  status.textContent = `正在本机读取并匹配“${file.name}”……`;
  setRunning(true);
  worker ??= new Worker(new URL('./batch-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    if (data.type === 'progress') {
      if (data.position > 0) progress.value = Math.min(1, data.position / data.total);
      status.textContent = `已匹配 ${number(data.rows)} 行……`;
    } else if (data.type === 'xlsx') {
      const a = document.createElement('a');
      a.download = 'matching-results.xlsx';
      blobLink(a, data.blob);
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      status.textContent = 'XLSX 已生成。';
    } else if (data.type === 'done') {
      setRunning(false);
      showDone(data);
    } else {
      setRunning(false);
      progress.value = 0;
      status.textContent = `未能完成：${data.message}`;
    }
  };
  worker.onerror = (e) => {
    setRunning(false);
    status.textContent = `未能完成：${e.message ?? '后台线程出错'}`;
  };
  worker.postMessage({ file, as_of: $('as-of').value, unit: $('unit').value, region: $('region').value.trim() || undefined });
}

$('download-xlsx').addEventListener('click', () => {
  if (!worker || running) return;
  status.textContent = '正在生成 XLSX……';
  worker.postMessage({ type: 'xlsx' });
});
form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
fileInput.addEventListener('change', () => { droppedFile = null; run(); });
for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('over'); });
}
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files?.[0];
  if (file) {
    droppedFile = file;
    run();
  }
});
