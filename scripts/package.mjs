// Writes pkg/package.json and pkg/README.md from Cargo.toml, so that pkg/ is a
// publishable npm package (name, version, exports, types).
import { readFileSync, writeFileSync } from 'node:fs';

const cargo = readFileSync('Cargo.toml', 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))[1];
const pkg = {
  name: 'policy-matcher',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './policy_matcher.js',
  module: './policy_matcher.js',
  types: './policy_matcher.d.ts',
  exports: {
    '.': { types: './policy_matcher.d.ts', default: './policy_matcher.js' },
    './policy_matcher_bg.wasm': './policy_matcher_bg.wasm',
    './names': { types: './policy_matcher_names.d.ts', default: './policy_matcher_names.js' },
    './policy_matcher_names_bg.wasm': './policy_matcher_names_bg.wasm',
    './profile.schema.json': './profile.schema.json',
    './package.json': './package.json',
  },
  files: ['policy_matcher.js', 'policy_matcher.d.ts', 'policy_matcher_bg.wasm', 'policy_matcher_bg.wasm.d.ts',
    'policy_matcher_names.js', 'policy_matcher_names.d.ts', 'policy_matcher_names_bg.wasm', 'policy_matcher_names_bg.wasm.d.ts', 'profile.schema.json', 'README.md'],
  sideEffects: false,
  keywords: ['sme', 'policy', 'wasm', '惠企政策', '政策找企业'],
};
writeFileSync('pkg/package.json', JSON.stringify(pkg, null, 2) + '\n');
writeFileSync('pkg/README.md', `# policy-matcher ${pkg.version}

${pkg.description}

\`\`\`js
import init, { matchProfile, catalogueInfo, measure, questions, loadCatalogue } from 'policy-matcher';
await init();
const out = matchProfile({ region: '350203', industry: 'C39', employees: 80, revenue: 60000000 }, { as_of: '2025-06-01' });
\`\`\`

The profile contract is \`profile.schema.json\` (JSON Schema, also \`profileSchema()\`); the
result shape and error codes are documented in the project README.
`);
