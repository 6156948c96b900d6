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

export function gate(
  findings: GateItem[],
  violations: GateItem[],
  failOn: FailOn,
  scope: FailOnScope,
): GateResult {
  const blockingFindings = findings.filter((f) => blocks(f, failOn, scope)).length;
  const blockingViolations = violations.filter((v) => blocks(v, failOn, scope)).length;
  const blocking = blockingFindings + blockingViolations;
  if (failOn === 'none')
    return { blocked: false, reason: 'fail-on is none: the gate never blocks', blocking: 0 };
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
