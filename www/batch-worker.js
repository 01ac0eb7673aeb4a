/**
 * The batch page's worker: reads the chosen file (in memory, on this machine), matches
 * every row with the batch wasm (pkg-batch/, the same code as `policy-matcher batch`),
 * and sends back progress and, at the end, the downloads as Blobs. Nothing is sent over
 * the network: the only fetch is the wasm module itself, from this site.
 */
import init, { resultsXlsx, runBatch } from '../pkg-batch/policy_matcher_batch.js';

let ready = null;
let lastResults = null;

/** Collects text parts, turning them into a Blob now and then so strings do not pile up. */
class Parts {
  constructor(head) { this.blobs = []; this.strings = head ? [head] : []; this.size = 0; }
  push(text) {
    if (!text) return;
    this.strings.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.seal();
  }
  seal() {
    if (this.strings.length) this.blobs.push(new Blob(this.strings));
    this.strings = [];
    this.size = 0;
  }
  blob() { this.seal(); return new Blob(this.blobs, { type: 'text/csv;charset=utf-8' }); }
}

/** The last results as XLSX, converted on request (the whole sheet is built in memory). */
async function xlsx() {
  try {
    const bytes = lastResults ? resultsXlsx(new Uint8Array(await lastResults.arrayBuffer())) : null;
    if (!bytes) throw new Error('结果超过一个工作表能容纳的行数（1,048,576），请使用 CSV');
    self.postMessage({ type: 'xlsx', blob: new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) });
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err?.message ?? err) });
  }
}

self.onmessage = async (event) => {
  if (event.data.type === 'xlsx') {
    await xlsx();
    return;
  }
  const { file, as_of: asOf, unit, region } = event.data;
  try {
    ready ??= init();
    await ready;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const results = new Parts();
    const lists = new Map();
    let last = 0;
    const summary = runBatch(bytes, file.name, { as_of: asOf || undefined, unit, region }, (chunk) => {
      results.push(chunk.results);
      for (const [id, text] of chunk.measures) {
        if (!lists.has(id)) lists.set(id, new Parts());
        lists.get(id).push(text);
      }
      const now = Date.now();
      if (now - last > 100) {
        last = now;
        self.postMessage({ type: 'progress', rows: chunk.rows, position: chunk.position, total: bytes.length });
      }
    });
    if (!summary.measures) throw new Error((summary.errors ?? []).map((e) => e.message).join('；') || 'batch failed');
    const resultsBlob = new Blob([summary.results_header, results.blob()], { type: 'text/csv;charset=utf-8' });
    lastResults = resultsBlob;
    const measures = summary.measures.map((m) => ({
      ...m,
      blob: new Blob([summary.measure_header, lists.get(m.id)?.blob() ?? ''], { type: 'text/csv;charset=utf-8' }),
    }));
    const { results_header: _r, measure_header: _m, index_csv: indexCsv, measures: _s, ...counts } = summary;
    self.postMessage({
      type: 'done',
      summary: counts,
      results: resultsBlob,
      index: new Blob([indexCsv], { type: 'text/csv;charset=utf-8' }),
      measures,
    });
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err?.message ?? err) });
  }
};
