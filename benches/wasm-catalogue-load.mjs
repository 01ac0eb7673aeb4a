// Benchmark: loadCatalogue in wasm (node), per MB, for generated site catalogues of 0.1
// to 10 MB (the shape of tests/support/site_gen.rs: half many small articles with
// distinct conditions, half long articles of 64 quoted paragraphs).
// Run after `bash scripts/build.sh`: `node benches/wasm-catalogue-load.mjs [pkg dir]`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const pkg = process.argv[2] ?? `${root}pkg`;
const { initSync, loadCatalogue } = await import(`${pkg}/policy_matcher.js`);
initSync({ module: readFileSync(`${pkg}/policy_matcher_bg.wasm`) });

const benefit = (id, quote, when) => ({ id: `b${id}`, title: '补贴', title_en: 'Grant', type: 'subsidy', quote, when });
const utf8 = (s) => Buffer.byteLength(s);

function site(bytes) {
  const articles = [];
  let size = 0;
  let n = 0;
  while (size < bytes / 2) {
    n += 1;
    const a = { number: n, title: '补贴', title_en: 'Grant', text: `第${n}项：从业人员少于${n}人的企业，给予补贴${n}元。`, kind: 'benefit',
      benefit: [benefit(0, `给予补贴${n}元`, `employees < ${n} and revenue >= ${n}`)] };
    size += utf8(JSON.stringify(a));
    articles.push(a);
  }
  const filler = '企业应当按照规定如实申报，相关部门依法依规审核并及时拨付资金。'.repeat(8);
  let text = '';
  let benefits = [];
  let k = 0;
  while (size < bytes) {
    k += 1;
    const sentence = `第${k}段：符合条件的企业给予一次性奖励${k}万元。`;
    text += `${sentence}${filler}\n`;
    const b = benefit(k, sentence, `employees >= ${k}`);
    size += utf8(sentence) + utf8(filler) + utf8(JSON.stringify(b));
    benefits.push(b);
    if (benefits.length === 64 || size >= bytes) {
      n += 1;
      articles.push({ number: n, title: '奖励', title_en: 'Awards', text, kind: 'benefit', benefit: benefits });
      text = '';
      benefits = [];
    }
  }
  return JSON.stringify({ documents: [{ document: { key: 'gen', title: '生成的测试文件', issuer: '测试局', number: 'unknown', date: '2024-01-01',
    jurisdiction: '350000', level: 'provincial', valid_from: '2024-01-01', valid_until: '2030-12-31' }, article: articles }] });
}

// Warm up: the first load also parses the built-in catalogue (for "extends").
loadCatalogue(site(1e4)).catalogue?.free();
const max = Number(process.env.BENCH_MAX_MB ?? 10);
for (const mb of [0.1, 0.3, 1, 3, 10].filter((x) => x <= max)) {
  const json = site(mb * 1e6);
  const actual = utf8(json) / 1e6;
  let ms = Infinity;
  let out;
  for (let run = 0; run < (mb < 1 ? 5 : 1); run++) {
    out?.catalogue?.free();
    const t0 = performance.now();
    out = loadCatalogue(json);
    ms = Math.min(ms, performance.now() - t0);
  }
  if (!out.catalogue) {
    console.error('wasm-catalogue-load: the generated catalogue does not load', out.errors[0]);
    process.exit(1);
  }
  out.catalogue.free();
  console.log(`wasm-catalogue-load: ${actual.toFixed(2).padStart(6)} MB in ${ms.toFixed(1).padStart(8)} ms = ${(ms / actual).toFixed(1).padStart(7)} ms per MB`);
}
