// Regenerates src/policy/builtin.ts from policies/*.yml (the bundled action cannot read files beside dist/).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const files = readdirSync('policies')
  .filter((f) => f.endsWith('.yml'))
  .sort();
const entries = files
  .map((f) => `  '${f}': ${JSON.stringify(readFileSync(`policies/${f}`, 'utf8'))},`)
  .join('\n');
writeFileSync(
  'src/policy/builtin.ts',
  `// The shipped policy packs, embedded so the bundled action needs no files beside dist/.
// Kept equal to policies/*.yml by test/policy.test.ts; regenerate with \`node scripts/embed-policies.mjs\`.
export const BUILTIN_POLICIES: Record<string, string> = {
${entries}
};
`,
);
