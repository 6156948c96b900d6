// What a reviewer reads, one entry per fact: a finding with the policy violations that restate it on the
// same endpoint, or a violation no finding explains. Presentation only: the JSON report keeps every
// violation (a contract); the comment and the log show each fact once.
import type { ReportedFinding, Severity } from '../findings.js';
import { severityRank } from '../findings.js';
import { blocks } from '../gate/index.js';
import type { Report, ReportEndpoint, ReportSpec, ReportViolation } from './json.js';

/**
 * Policies of the shipped packs whose violation restates a check's finding on the same endpoint: the
 * policy is the check's control required by name (`require-rate-limiting` is `rate-limit-missing` one
 * severity higher). Keyed by policy name because a violation in the report carries only its name; the
 * values are rule ids or whole categories. A policy not listed here (a custom name, a score limit) is
 * always shown on its own.
 */
export const POLICY_RESTATES: Readonly<Record<string, readonly string[]>> = {
  // policies/default.yml
  'require-authentication': ['auth-missing', 'auth-undefined-scheme', 'auth-anonymous-alternative'],
  'enforce-tls': ['transport-http-server'],
  'require-rate-limiting': ['rate-limit-missing'],
  'no-wildcard-cors': ['cors-wildcard-origin', 'cors-wildcard-with-credentials'],
  'documentation-required': ['inventory-undocumented-operation'],
  'deprecation-sunset': ['inventory-deprecated-without-sunset'],
  // policies/owasp-strict.yml: its `forbid` lists
  'owasp-api2-authentication': ['auth-missing', 'auth-undefined-scheme', 'auth-anonymous-alternative'],
  'owasp-api2-strong-schemes': [
    'auth-http-basic',
    'auth-apikey-in-query',
    'auth-oauth-legacy-flow',
    'auth-credentials-in-url',
    'auth-insecure-oauth-url',
  ],
  'owasp-api5-function-level-authorization': ['authz-no-scopes-on-write', 'authz-admin-path-exposed'],
  'owasp-api3-property-level-authorization': ['sensitive-response-field', 'input-mass-assignment'],
  'owasp-api4-resource-consumption': ['rate-limit-missing', 'input-unbounded'],
  'owasp-api7-ssrf': ['input-ssrf-url'],
  'owasp-api8-transport-and-cors': ['transport', 'cors'],
  'owasp-api9-inventory': ['inventory'],
};

export function restates(policy: string, finding: Pick<ReportedFinding, 'ruleId' | 'category'>): boolean {
  const rules = POLICY_RESTATES[policy];
  return rules !== undefined && (rules.includes(finding.ruleId) || rules.includes(finding.category));
}

export interface Entry {
  spec: ReportSpec;
  /** Absent for a document-level finding. */
  endpoint?: ReportEndpoint;
  /** Absent when the entry is a violation no finding restates (then `violations` holds just it). */
  finding?: ReportedFinding;
  violations: ReportViolation[];
  status: 'new' | 'existing';
  /** The most severe of the finding and its violations. */
  severity: Severity;
  /** Whether it (the finding or one of its violations) makes the gate block. */
  blocking: boolean;
}

/**
 * Every unsuppressed, unfixed finding and violation of `spec` as entries, a violation merged into the most
 * severe finding of the same status on the same endpoint that it restates (an endpoint's own findings
 * before document-level ones).
 */
export function specEntries(report: Report, spec: ReportSpec): Entry[] {
  return documentEntries(
    spec,
    report.violations.filter((v) => v.spec === spec.path),
    report,
  );
}

/** `specEntries` from the document's own violations and the gate's settings (a run streamed one document at a time). */
export function documentEntries(
  spec: ReportSpec,
  violations: readonly ReportViolation[],
  settings: Pick<Report, 'failOn' | 'failOnScope'>,
): Entry[] {
  const gate = (item: { severity: Severity; status?: string; suppressed?: unknown }) =>
    blocks(item as Parameters<typeof blocks>[0], settings.failOn, settings.failOnScope);
  const open = (f: ReportedFinding) => !f.suppressed && f.status !== 'fixed';
  const byEndpoint = new Map<string, ReportViolation[]>();
  for (const v of violations) {
    const list = byEndpoint.get(v.endpoint);
    if (list) list.push(v);
    else byEndpoint.set(v.endpoint, [v]);
  }
  const entries: Entry[] = [];
  const endpointById = new Map(spec.endpoints.map((e) => [e.id, e]));
  const make = (
    finding: ReportedFinding | undefined,
    endpoint: ReportEndpoint | undefined,
    violations: ReportViolation[],
  ): Entry => {
    const status = (finding?.status ?? violations[0]?.status ?? 'existing') === 'new' ? 'new' : 'existing';
    let severity: Severity = finding?.severity ?? violations[0]!.severity;
    for (const v of violations) if (severityRank(v.severity) > severityRank(severity)) severity = v.severity;
    const blocking = (finding !== undefined && gate(finding)) || violations.some(gate);
    return {
      spec,
      ...(endpoint ? { endpoint } : {}),
      ...(finding ? { finding } : {}),
      violations,
      status,
      severity,
      blocking,
    };
  };
  const mostSevereFirst = (a: ReportedFinding, b: ReportedFinding) =>
    severityRank(b.severity) - severityRank(a.severity);
  const findingEntries = new Map<ReportedFinding, Entry>();
  for (const e of spec.endpoints) {
    const findings = e.findings.filter(open).sort(mostSevereFirst);
    for (const f of findings) {
      const entry = make(f, e, []);
      findingEntries.set(f, entry);
      entries.push(entry);
    }
    const rest: ReportViolation[] = [];
    for (const v of byEndpoint.get(e.id) ?? []) {
      const host = findings.find((f) => (f.status ?? 'existing') === v.status && restates(v.policy, f));
      if (host) findingEntries.get(host)!.violations.push(v);
      else rest.push(v);
    }
    byEndpoint.set(e.id, rest);
  }
  // A document-level finding lists at most LISTED_ENDPOINTS endpoints (report/json.ts): a violation it
  // restates on an endpoint left out is found by its place, the node both point at (a plain-HTTP server).
  const atPlace = new Map<string, ReportViolation[]>();
  for (const list of byEndpoint.values())
    for (const v of list) {
      const key = place(v.location);
      const same = atPlace.get(key);
      if (same) same.push(v);
      else atPlace.set(key, [v]);
    }
  const taken = new Set<ReportViolation>();
  for (const f of spec.findings.filter(open).sort(mostSevereFirst)) {
    const merged: ReportViolation[] = [];
    const candidates = [
      ...(f.endpoints ?? []).flatMap((id) => byEndpoint.get(id) ?? []),
      ...(atPlace.get(place(f.location)) ?? []),
    ];
    for (const v of candidates) {
      if (taken.has(v) || (f.status ?? 'existing') !== v.status || !restates(v.policy, f)) continue;
      taken.add(v);
      merged.push(v);
    }
    const entry = make(f, undefined, []);
    entry.violations = merged;
    findingEntries.set(f, entry);
    entries.push(entry);
  }
  for (const [id, list] of byEndpoint)
    for (const v of list) if (!taken.has(v)) entries.push(make(undefined, endpointById.get(id), [v]));
  // Recomputed now that every violation found its host.
  for (const entry of entries) {
    const again = make(entry.finding, entry.endpoint, entry.violations);
    entry.severity = again.severity;
    entry.blocking = again.blocking;
  }
  return sortByUrgency(entries);
}

/** Blocking first, then most severe, then new before existing, then by place (stable: ties keep their order). */
export function sortByUrgency(entries: Entry[]): Entry[] {
  const keyed = entries.map((entry) => ({ entry, key: urgencyKey(entry) }));
  keyed.sort((a, b) => byUrgencyKey(a.key, b.key));
  return keyed.map(({ entry }) => entry);
}

/** What `byUrgency` compares of an entry: kept with its rendered text when the entry itself is dropped. */
export interface UrgencyKey {
  blocking: boolean;
  severity: number;
  isNew: boolean;
  where: string;
  line: number;
  rule: string;
}

export function urgencyKey(e: Entry): UrgencyKey {
  return {
    blocking: e.blocking,
    severity: severityRank(e.severity),
    isNew: e.status === 'new',
    where: where(e),
    line: line(e),
    rule: rule(e),
  };
}

export function byUrgencyKey(a: UrgencyKey, b: UrgencyKey): number {
  return (
    Number(b.blocking) - Number(a.blocking) ||
    b.severity - a.severity ||
    Number(b.isNew) - Number(a.isNew) ||
    a.where.localeCompare(b.where) ||
    a.line - b.line ||
    a.rule.localeCompare(b.rule)
  );
}

function place(location: { file: string; pointer: string }): string {
  return `${location.file}#${location.pointer}`;
}

function where(e: Entry): string {
  return `${e.spec.path}\u0000${e.endpoint?.id ?? ''}`;
}
function line(e: Entry): number {
  return (e.finding?.location ?? e.violations[0]!.location).line;
}
export function rule(e: Entry): string {
  return e.finding?.ruleId ?? e.violations[0]!.policy;
}
