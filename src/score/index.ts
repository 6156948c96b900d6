// Risk score per endpoint: deterministic 0–100 with a readable breakdown (SPEC §7, seed weights).
import { isDocumented } from '../assess/facts.js';
import { type Finding, type Severity, severityRank } from '../findings.js';
import type { Classification, Endpoint } from '../model.js';

export type Band = 'critical' | 'high' | 'medium' | 'low';

export interface Score {
  score: number;
  level: Band;
  breakdown: string[];
}

/** Points a finding adds before the exposure multiplier. */
export const SEVERITY_POINTS: Record<Severity, number> = {
  critical: 40,
  high: 20,
  medium: 8,
  low: 3,
  info: 0,
};

/** The seed's classification multipliers. */
export const CLASSIFICATION_MULTIPLIER: Record<Classification, number> = {
  external: 1.5,
  partner: 1.3,
  shadow: 2.0,
  deprecated: 1.8,
  internal: 1.0,
};

export const UNDOCUMENTED_POINTS = 10;
export const SENSITIVE_DATA_POINTS = 5;

/**
 * Each band's scores. The worst finding picks the band (a check already raises a finding's severity for
 * exposure, writes, object ids and sensitive data, SPEC §6, so the score does not raise it again), and
 * everything else only places the endpoint inside it: a pile of lesser findings never reaches the band
 * above. Summed without this, the hygiene debt every real endpoint carries (a missing rate limit, HSTS,
 * nosniff, bounds) pushed any endpoint with one high finding to critical: 42 % of the endpoints of real
 * APIs scored critical, most at 100 (docs/scoring.md).
 */
export const BAND_RANGE: Record<Band, { floor: number; top: number }> = {
  critical: { floor: 75, top: 100 },
  high: { floor: 50, top: 74 },
  medium: { floor: 25, top: 49 },
  low: { floor: 0, top: 24 },
};

const BAND_OF_SEVERITY: Record<Severity, Band> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  info: 'low',
};

/**
 * The points (after the multiplier) that place an endpoint half-way up its band. 30 is the usual debt of
 * an external endpoint of a real API besides its worst finding: a missing rate limit and four missing
 * headers or bounds, (8 + 4 × 3) × 1.5. Points beyond it still count, each less than the one before, and
 * the top of the band is never reached by piling up.
 */
export const HALF_BAND_POINTS = 30;

export function bandOf(score: number): Band {
  return score >= 75 ? 'critical' : score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low';
}

/**
 * Findings about the state of the endpoint's authentication: its absence, its removal, and the weaknesses
 * of a form of it that only exist while the endpoint authenticates (a query key, Basic, a missing 401,
 * private responses without `Cache-Control`). They describe one control, so only the worst one counts:
 * removing a weak authentication turns its weakness findings into `auth-missing` and `auth-security-weakened`
 * (at least high), and the score of the missing control is then at least that of any weak form of it.
 */
export const isAuthenticationState = (f: Finding): boolean =>
  f.ruleId.startsWith('auth-') || // the authentication category's rules
  f.ruleId === 'authz-no-401-403' ||
  f.ruleId === 'authz-no-scopes-on-write' ||
  f.ruleId === 'headers-missing-cache-control';

/** `findings` are the unsuppressed findings that apply to the endpoint (its own and document-level ones). */
export function scoreEndpoint(endpoint: Endpoint, findings: Finding[]): Score {
  const breakdown: string[] = [];
  let points = 0;
  const sorted = [...findings].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId),
  );
  // The worst finding that adds points picks the band; info findings add nothing and leave it low.
  const worst = sorted.find((f) => SEVERITY_POINTS[f.severity] > 0);
  const band = BAND_OF_SEVERITY[worst?.severity ?? 'info'];
  const { floor, top } = BAND_RANGE[band];
  // Repeats of one rule at one severity (N plain-HTTP servers on every endpoint) make one line, `× N`:
  // a line per finding made the report N servers × 2N endpoints long. Sorted, repeats are adjacent.
  // Sorted worst first: the first authentication-state finding is the one that counts.
  let authenticationCounted = false;
  for (let i = 0; i < sorted.length; ) {
    const f = sorted[i]!;
    let count = 1;
    while (sorted[i + count]?.ruleId === f.ruleId && sorted[i + count]!.severity === f.severity) count++;
    i += count;
    const add = SEVERITY_POINTS[f.severity];
    if (add === 0) continue;
    if (isAuthenticationState(f)) {
      if (authenticationCounted) {
        breakdown.push(`${f.ruleId} (${f.severity}) +0: authentication counted once`);
        continue;
      }
      authenticationCounted = true;
      count = 1;
    }
    if (f === worst) {
      // Its points are the band itself; repeats of it still add.
      breakdown.push(`${f.ruleId} (${f.severity}): ${band} band, ${floor}-${top}`);
      count--;
      if (count === 0) continue;
    }
    points += add * count;
    breakdown.push(`${f.ruleId} (${f.severity}) +${add}${count === 1 ? '' : ` × ${count}`}`);
  }
  if (!isDocumented(endpoint)) {
    points += UNDOCUMENTED_POINTS;
    breakdown.push(`undocumented +${UNDOCUMENTED_POINTS}`);
  }
  if (endpoint.dataTypes.length > 0) {
    const add = SENSITIVE_DATA_POINTS * endpoint.dataTypes.length;
    points += add;
    breakdown.push(`sensitive data (${endpoint.dataTypes.join(', ')}) +${add}`);
  }
  const multiplier = CLASSIFICATION_MULTIPLIER[endpoint.classification];
  const weighted = points * multiplier;
  if (multiplier !== 1) breakdown.push(`× ${multiplier} (${endpoint.classification})`);
  // Diminishing: each point moves the endpoint up less than the one before, and never out of its band.
  const width = top - floor + 1;
  const score = Math.min(top, floor + Math.floor((width * weighted) / (weighted + HALF_BAND_POINTS)));
  if (weighted > 0) {
    const shown = Math.round(weighted * 10) / 10;
    breakdown.push(`${floor} + ${width} × ${shown} / (${shown} + ${HALF_BAND_POINTS}) = ${score}`);
  }
  return { score, level: band, breakdown };
}
