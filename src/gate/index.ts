// The gate (SPEC §9): blocked when a finding or violation at or above `fail-on` is new (or, with
// `fail-on-scope: all`, present at all). Suppressed findings never block.
import { atLeast, type Severity } from '../findings.js';

export type FailOn = Severity | 'none';
export type FailOnScope = 'new' | 'all';

export const FAIL_ON_VALUES = ['critical', 'high', 'medium', 'low', 'none'] as const;
export const FAIL_ON_SCOPES = ['new', 'all'] as const;

export interface GateItem {
  severity: Severity;
  status?: 'new' | 'existing' | 'fixed';
  suppressed?: unknown;
}

export interface GateResult {
  blocked: boolean;
  /** One line saying why, for `core.setFailed` and the verdict. */
  reason: string;
  /** How many items block. */
  blocking: number;
}

export function blocks(item: GateItem, failOn: FailOn, scope: FailOnScope): boolean {
  if (failOn === 'none' || item.suppressed || item.status === 'fixed') return false;
  if (scope === 'new' && item.status !== 'new') return false;
  return atLeast(item.severity, failOn);
}

/** A document whose head cannot be analysed: where and why (see `whyNotAnalysable`). */
export interface GateFailure {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Blocked at `fail-on` by the findings and violations, and by every document that cannot be analysed
 * (fail closed: whatever `fail-on-scope` says, only `none` lets it pass). The reason names the first such
 * document first.
 */
export function gate(
  findings: GateItem[],
  violations: GateItem[],
  failOn: FailOn,
  scope: FailOnScope,
  failures: GateFailure[] = [],
): GateResult {
  const blockingFindings = findings.filter((f) => blocks(f, failOn, scope)).length;
  const blockingViolations = violations.filter((v) => blocks(v, failOn, scope)).length;
  const blocking = blockingFindings + blockingViolations;
  if (failOn === 'none')
    return {
      blocked: false,
      reason: `fail-on is none: the gate never blocks${failures.length > 0 ? ` (${failureReason(failures)})` : ''}`,
      blocking: 0,
    };
  if (failures.length > 0) {
    const rest = gate(findings, violations, failOn, scope);
    return {
      blocked: true,
      reason: `${failureReason(failures)}${rest.blocked ? `; also ${rest.reason}` : ''}`,
      blocking: blocking + failures.length,
    };
  }
  const threshold = failOn === 'critical' ? 'critical' : `${failOn} or above`;
  const which = scope === 'new' ? 'new ' : '';
  if (blocking === 0)
    return { blocked: false, reason: `no ${which}findings or policy violations at ${threshold}`, blocking };
  const parts = [
    blockingFindings > 0 ? `${blockingFindings} ${which}finding${blockingFindings === 1 ? '' : 's'}` : '',
    blockingViolations > 0
      ? `${blockingViolations} ${which}policy violation${blockingViolations === 1 ? '' : 's'}`
      : '',
  ].filter(Boolean);
  return { blocked: true, reason: `${parts.join(' and ')} at ${threshold}`, blocking };
}

/** `api.yaml:12:3 cannot be analysed: invalid YAML: …`, and how many more documents cannot. */
export function failureReason(failures: GateFailure[]): string {
  const [first, ...others] = failures;
  if (!first) return '';
  const more =
    others.length > 0 ? ` (and ${others.length} more document${others.length === 1 ? '' : 's'})` : '';
  return `${first.file}:${first.line}:${first.column} cannot be analysed: ${first.message}${more}`;
}
