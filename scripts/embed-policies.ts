// Regenerates src/policy/builtin.ts from policies/*.yml (the bundled action cannot read files beside dist/):
// each pack's text, and its definitions as the policy schema reads them, so that a run using a shipped
// pack needs neither the YAML parser nor the schema checks (a third of a typical run's start-up).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseYamlFile } from '../src/config/yaml-file.js';
import { policyFileSchema } from '../src/policy/schema.js';

const files = readdirSync('policies')
  .filter((f) => f.endsWith('.yml'))
  .sort();
const texts = files.map((f) => `  '${f}': ${JSON.stringify(readFileSync(`policies/${f}`, 'utf8'))},`);
const definitions = files.map((f) => {
  const { data } = parseYamlFile(`policies/${f}`, readFileSync(`policies/${f}`, 'utf8'), policyFileSchema);
  return `  '${f}': ${JSON.stringify(data.policies)},`;
});
writeFileSync(
  'src/policy/builtin.ts',
  `// The shipped policy packs, embedded so the bundled action needs no files beside dist/.
// Kept equal to policies/*.yml by test/policy.test.ts; regenerate with \`npm run schemas\`.
import type { PolicyDefinition } from './schema.js';

export const BUILTIN_POLICIES: Record<string, string> = {
${texts.join('\n')}
};

/** The same packs as the policy schema reads them (\`loadBuiltinPolicies\`). */
export const BUILTIN_POLICY_DEFINITIONS: Record<string, PolicyDefinition[]> = {
${definitions.join('\n')}
};
`,
);
