// The names module (pkg/policy_matcher_names*) from JS: the same answers as the CLI's
// `region` / `industry`, and arguments of any type never throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const names = await import(`${root}pkg/policy_matcher_names.js`);
names.initSync({ module: readFileSync(`${root}pkg/policy_matcher_names_bg.wasm`) });
const cli = process.env.POLICY_MATCHER_CLI ?? `${root}target/release/policy-matcher`;

test('wasm and CLI find the same names', () => {
  for (const [kind, query, lang] of [['region', '厦门市湖里区', 'zh-CN'], ['region', 'Huli', 'en'], ['region', '3502', 'zh-CN'],
    ['industry', '电子元件', 'zh-CN'], ['industry', '奶茶', 'zh-CN'], ['industry', 'software', 'en']]) {
    const native = spawnSync(cli, [kind, ...(lang === 'en' ? ['--en'] : []), query], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(native.status, 0, native.stderr);
    const wasm = kind === 'region' ? names.searchRegions(query, lang) : names.searchIndustries(query, lang);
    assert.deepEqual(wasm, JSON.parse(native.stdout), `${kind} ${query}`);
  }
  assert.equal(names.describeRegion('350206', 'zh-CN').label, '福建省厦门市湖里区 350206');
  assert.equal(names.describeIndustry('C398', 'zh-CN').path, 'C 制造业 › C39 计算机、通信和其他电子设备制造业 › C398 电子元件及电子专用材料制造');
});

test('arguments of any type never throw', () => {
  for (const junk of [undefined, null, 42, {}, [], () => 1, Symbol('x'), 10n, '\u0000', 'x'.repeat(100000)]) {
    for (const fn of [names.searchRegions, names.searchIndustries]) {
      const out = fn(junk, junk);
      assert.ok(Array.isArray(out.hits));
    }
    const d = names.describeRegion(junk, 'en');
    assert.ok(d === null || typeof d.code === 'string');
    assert.equal(names.describeIndustry(junk, 'zh-CN'), null);
  }
  assert.equal(names.describeRegion('350299', 'zh-CN'), null);
});
