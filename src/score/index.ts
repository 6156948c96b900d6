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

/** The lowest score of each band: an endpoint is never in a band below its worst finding. */
const BAND_FLOOR: Record<Severity, number> = { critical: 75, high: 50, medium: 25, low: 0, info: 0 };
/** The highest score reachable by piling up findings below a severity: many lows never make a critical. */
const BAND_CAP: Record<Severity, number> = { critical: 100, high: 100, medium: 74, low: 49, info: 49 };

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
  let score = points * multiplier;
  if (multiplier !== 1) breakdown.push(`× ${multiplier} (${endpoint.classification})`);
  const worst = sorted[0]?.severity ?? 'info';
  if (score > BAND_CAP[worst]) {
    score = BAND_CAP[worst];
    breakdown.push(`capped at ${score}: no finding above ${worst}`);
  }
  if (score < BAND_FLOOR[worst]) {
    score = BAND_FLOOR[worst];
    breakdown.push(`raised to ${score}: a ${worst} finding`);
  }
  score = Math.min(100, Math.round(score));
  return { score, level: bandOf(score), breakdown };
}
