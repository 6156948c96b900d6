// Risk score (SPEC §7): the properties the spec pins, as fast-check properties over the real
// `scoreEndpoint`, plus worked numbers that pin the seed's weights and multipliers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/assess/registry.js';
import { type Finding, SEVERITIES, type Severity, severityRank } from '../src/findings.js';
import { CLASSIFICATIONS, type Classification, type Endpoint } from '../src/model.js';
import {
  type Band,
  bandOf,
  CLASSIFICATION_MULTIPLIER,
  isAuthenticationState,
  SEVERITY_POINTS,
  scoreEndpoint,
} from '../src/score/index.js';

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

/** The breakdown says when the score was clamped to its band's floor or cap. */
const clamped = (breakdown: string[]) => breakdown.some((line) => /^(capped at|raised to) /.test(line));

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
      score: 3,
      level: 'low',
      breakdown: ['headers-missing-hsts (low) +3'],
    });
  });

  it('piling up findings of one severity never reaches the next band up beyond high', () => {
    const shadow = endpoint({ classification: 'shadow', summary: undefined, dataTypes: ['credential'] });
    const lows = Array.from({ length: 40 }, () => finding('headers-missing-hsts', 'low'));
    const mediums = Array.from({ length: 40 }, () => finding('rate-limit-missing', 'medium'));
    expect(scoreEndpoint(shadow, lows).level).toBe('medium');
    expect(scoreEndpoint(shadow, lows).score).toBe(49);
    expect(scoreEndpoint(shadow, mediums).level).toBe('high');
    expect(scoreEndpoint(shadow, mediums).score).toBe(74);
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
    const many = Array.from({ length: 50 }, () => finding('auth-missing', 'critical'));
    expect(scoreEndpoint(worst, many).score).toBe(100);
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
        // Findings on the state of authentication count once, by the worst of them.
        const worstAuthentication = findings
          .filter((f) => isAuthenticationState(f) && SEVERITY_POINTS[f.severity] > 0)
          .sort(
            (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId),
          )[0];
        for (const f of findings) {
          if (SEVERITY_POINTS[f.severity] === 0) continue;
          if (isAuthenticationState(f) && f !== worstAuthentication) continue;
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
    // 1 medium + 6 lows = 26 points: no band floor or cap applies to any classification.
    const findings = [
      finding('rate-limit-missing', 'medium'),
      ...Array.from({ length: 6 }, () => finding('headers-missing-hsts', 'low')),
    ];
    const scores = ORDER.map((classification) => scoreEndpoint(endpoint({ classification }), findings).score);
    expect(scores).toEqual([26, 34, 39, 47, 52]);
    expect(scoreEndpoint(endpoint({ classification: 'shadow' }), findings).breakdown).toEqual([
      'rate-limit-missing (medium) +8',
      'headers-missing-hsts (low) +3 × 6',
      '× 2 (shadow)',
    ]);
  });

  it('never reverse the order for any findings, and separate the classifications when nothing is clamped', () => {
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
        const points = findings.reduce((sum, f) => sum + SEVERITY_POINTS[f.severity], 0);
        if (points >= 5 && !results.some((r) => clamped(r.breakdown))) {
          for (let i = 1; i < results.length; i++)
            expect(results[i]!.score).toBeGreaterThan(results[i - 1]!.score);
        }
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
    expect(documented.score).toBe(25); // (8 + 3) × 1.5 = 16.5, raised to the medium floor
    expect(undocumented.score).toBe(32); // (8 + 3 + 10) × 1.5 = 31.5
    expect(undocumented.breakdown).toContain('undocumented +10');
    expect(documented.breakdown).not.toContain('undocumented +10');
    // With no findings at all, being undocumented alone still counts.
    expect(scoreEndpoint(endpoint({ summary: undefined }), []).score).toBe(15);
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
    expect(plain).toBe(32);
    expect(card.score).toBe(39); // + 5 × 1.5
    expect(two.score).toBe(47); // + 10 × 1.5
    expect(card.breakdown).toContain('sensitive data (payment-card) +5');
    expect(two.breakdown).toContain('sensitive data (payment-card, email) +10');
  });

  it('never lower for undocumented or sensitive endpoints; strictly higher unless the band floor or cap clamps', () => {
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
          if (!clamped(documented.breakdown) && !clamped(undocumented.breakdown))
            expect(undocumented.score).toBeGreaterThan(documented.score);
          if (!clamped(documented.breakdown) && !clamped(sensitive.breakdown))
            expect(sensitive.score).toBeGreaterThan(documented.score);
        },
      ),
      { numRuns: 500 },
    );
  });
});
