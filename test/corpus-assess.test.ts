// The assessment on documents nobody here wrote: no crash, deterministic, and a plausible distribution.
// Nothing is printed; every expectation is an assertion.
import { basename, dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../src/assess/registry.js';
import { runEngine } from '../src/engine.js';
import { CATEGORIES, type Finding, SEVERITIES } from '../src/findings.js';
import { fsReader } from '../src/load/reader.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies } from '../src/policy/load.js';
import { buildReport } from '../src/report/json.js';
import { directorySample, githubSpecPaths, oasExamplePaths } from './corpus/index.js';

const policies = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);
const documents = [...directorySample().map((s) => s.path), ...oasExamplePaths()];

function scan(path: string) {
  return runEngine(
    [{ path: basename(path), head: { reader: fsReader(dirname(path)), path: basename(path) } }],
    {
      mode: 'scan',
      policies,
      failOn: 'critical',
      failOnScope: 'new',
      today: '2026-11-27',
    },
  );
}

const scans = new Map<string, ReturnType<typeof scan>>();
function scanOnce(path: string) {
  let analysis = scans.get(path);
  if (!analysis) {
    analysis = scan(path);
    scans.set(path, analysis);
  }
  return analysis;
}

describe.each(documents)('assessing %s', (path) => {
  let findings: Finding[];
  beforeAll(() => {
    findings = scanOnce(path).specs.flatMap((s) => s.findings);
  });

  it('produces well-formed findings with unique fingerprints', () => {
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const f of findings) {
      expect(ids.has(f.ruleId)).toBe(true);
      expect(CATEGORIES).toContain(f.category);
      expect(SEVERITIES).toContain(f.severity);
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });

  it('is deterministic: the same report twice', () => {
    expect(JSON.stringify(buildReport(scan(path)))).toBe(JSON.stringify(buildReport(scanOnce(path))));
  });

  it('reports auth-missing exactly on endpoints without any authenticated requirement', () => {
    const model = scanOnce(path).specs[0]!.head.model!;
    const flagged = new Set(findings.filter((f) => f.ruleId === 'auth-missing').map((f) => f.endpoint));
    for (const endpoint of model.endpoints) {
      // A requirement authenticates when it names a scheme the document defines (one naming only
      // undefined schemes is no authentication); so does a required credential header declared as a parameter.
      const unauthenticated =
        !endpoint.security.requirements.some((r) => r.some((e) => e.scheme !== undefined)) &&
        endpoint.security.headerCredential === undefined;
      expect(flagged.has(endpoint.id), endpoint.id).toBe(unauthenticated);
    }
  });
});

describe('assessing the whole sample', () => {
  it('has a plausible distribution', () => {
    const all = documents.map((path) => ({ path, analysis: scanOnce(path) }));
    const findings = all.flatMap((a) => a.analysis.specs.flatMap((s) => s.findings));
    const endpoints = all.flatMap((a) => a.analysis.specs.flatMap((s) => s.diff.endpoints));
    // Documents with global authentication exist and their operations are not flagged as unauthenticated.
    const globallySecured = all.filter((a) => {
      const model = a.analysis.specs[0]?.head.model;
      return model?.endpoints.some(
        (e) => e.security.loc?.pointer === '/security' && e.security.requirements.some((r) => r.length > 0),
      );
    });
    expect(globallySecured.length).toBeGreaterThanOrEqual(3);
    for (const a of globallySecured) {
      const spec = a.analysis.specs[0]!;
      const inherited = new Set(
        spec.head
          .model!.endpoints.filter(
            (e) =>
              e.security.loc?.pointer === '/security' && e.security.requirements.every((r) => r.length > 0),
          )
          .map((e) => e.id),
      );
      expect(spec.findings.filter((f) => f.ruleId === 'auth-missing' && inherited.has(f.endpoint!))).toEqual(
        [],
      );
    }
    // Not everything is critical: most findings on real documents are hygiene (low/medium).
    const critical = findings.filter((f) => f.severity === 'critical').length;
    expect(critical).toBeLessThan(findings.length / 2);
    // Each category the sample can exercise shows up at least once.
    const categories = new Set(findings.map((f) => f.category));
    for (const c of [
      'authentication',
      'transport',
      'security-headers',
      'rate-limiting',
      'input-validation',
      'sensitive-data',
      'inventory',
    ]) {
      expect(categories.has(c as Finding['category']), c).toBe(true);
    }
    // Every endpoint got a score in range.
    for (const a of all)
      for (const s of a.analysis.specs)
        for (const e of s.diff.endpoints) {
          const score = s.scores.get(e.id)?.head?.score;
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
    expect(endpoints.length).toBeGreaterThan(500);
  });
});

describe('GitHub REST description v22 → v23', () => {
  it('marks findings new/existing/fixed consistently with the two scans', { timeout: 120_000 }, () => {
    const { v22, v23 } = githubSpecPaths();
    const path = 'api.github.com.json';
    const diff = runEngine(
      [
        {
          path,
          base: { reader: fsReader(dirname(v22)), path },
          head: { reader: fsReader(dirname(v23)), path },
        },
      ],
      {
        mode: 'diff',
        failOn: 'critical',
        failOnScope: 'new',
        today: '2026-11-27',
      },
    ).specs[0]!;
    const added = new Set(diff.diff.endpoints.filter((e) => e.change === 'added').map((e) => e.id));
    const removed = new Set(diff.diff.endpoints.filter((e) => e.change === 'removed').map((e) => e.id));
    // GitHub declares no security at all: an added endpoint follows that convention of the base, so its
    // auth-missing finding is inherited debt (existing, saying so); a removed one's is fixed.
    const authMissing = diff.findings.filter((f) => f.ruleId === 'auth-missing');
    for (const f of authMissing) {
      const expected = removed.has(f.endpoint!) ? 'fixed' : 'existing';
      expect(f.status, f.endpoint).toBe(expected);
      if (added.has(f.endpoint!)) expect(f.message).toMatch(/convention/);
    }
    expect(authMissing.filter((f) => added.has(f.endpoint!)).length).toBe(added.size);
    expect(authMissing.filter((f) => f.status === 'fixed').length).toBe(removed.size);
  });
});
