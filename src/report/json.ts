// The JSON report (SPEC §10): the contract other tools read, and what every other renderer reads.

import { type EndpointFactSheet, endpointFacts } from '../assess/facts.js';
import { CHECKS } from '../assess/registry.js';
import type { SpecTraffic } from '../assess/traffic.js';
import { DEFAULT_SETTINGS } from '../assess/types.js';
import { type ComplianceTag, complianceTags } from '../compliance.js';
import type { Change } from '../diff/types.js';
import type { Analysis, SpecAnalysis } from '../engine.js';
import {
  type Finding,
  type FindingStatus,
  type ReportedFinding,
  type SeverityCounts,
  severityRank,
  zeroCounts,
} from '../findings.js';
import type { FailOn, FailOnScope } from '../gate/index.js';
import type { Endpoint, Position } from '../model.js';
import type { Violation } from '../policy/evaluate.js';
import type { Band } from '../score/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { maskRepeatedText, maskSecrets } from './mask.js';

export type ReportLocation = Position;

export interface ReportChange {
  kind: Change['kind'];
  message: string;
  pointer: string;
  breaking: boolean;
  location: ReportLocation;
}

export interface ReportEndpoint {
  id: string;
  method: string;
  path: string;
  change: 'added' | 'removed' | 'modified' | 'unchanged';
  classification: string;
  dataTypes: string[];
  /** Regimes the data kinds fall under (`PCI-DSS`, `GDPR`; docs/compliance.md). */
  compliance?: ComplianceTag[];
  changes: ReportChange[];
  score: { base: number | null; head: number | null; level: Band | null; breakdown: string[] };
  findings: ReportedFinding[];
  location: ReportLocation;
}

export interface Metrics {
  endpoints: number;
  documentedPercent: number;
  averageScore: number;
  criticalEndpoints: number;
  shadowEndpoints: number;
  authenticationCoveragePercent: number;
  tlsCoveragePercent: number;
  policyCompliancePercent: number;
  perBand: Record<Band, number>;
  perClassification: Record<string, number>;
}

/**
 * The endpoints a document-level finding or change applies to: the first `LISTED_ENDPOINTS` ids and how
 * many there are. Listing all of them made N servers × 2N endpoints an N² report (16 MB from 320 KB);
 * each endpoint's own entry in `endpoints` still shows its score with every finding counted.
 */
export interface AffectedEndpoints {
  endpoints: string[];
  endpointCount: number;
}

export const LISTED_ENDPOINTS = 10;

export interface ReportSpec {
  path: string;
  status: 'added' | 'removed' | 'modified' | 'unchanged';
  /**
   * False when the head exists but cannot be analysed (fail closed): `failure` says where and why, and
   * `notAssessed` lists the endpoints left unjudged (they are not in `endpoints`: not removed, not unchanged).
   */
  analysed: boolean;
  failure?: ReportError;
  notAssessed?: string[];
  version: { base: string | null; head: string | null };
  metrics: { base: Metrics | null; head: Metrics | null };
  /** Changes declared once for the whole document, with the endpoints they apply to. */
  changes: (ReportChange & AffectedEndpoints)[];
  /** Document-level findings (a server, a scheme, a broken file) with the endpoints they affect. */
  findings: (ReportedFinding & AffectedEndpoints)[];
  endpoints: ReportEndpoint[];
  /**
   * What the PR asked to be judged by about its own endpoints (a lower classification, an inline
   * suppression the base does not have): granted only when the base config's `trust` allows it.
   */
  waiverRequests: ReportWaiverRequest[];
  /** Observed traffic against the head (`--traffic`); absent without it. Paths only, templated. */
  traffic?: ReportTraffic;
}

export interface ReportTraffic {
  /** Requests attributed to this document, and how many of them match a documented operation. */
  requests: number;
  matched: number;
  /** Called, described nowhere: templated paths (`{id}`), most called first. */
  shadow: {
    method: string;
    path: string;
    count: number;
    firstSeen: string | null;
    lastSeen: string | null;
    statuses: Record<string, number>;
    score: number | null;
    location: ReportLocation;
  }[];
  /** Deprecated operations still called, and operations this change removes that are still called. */
  zombie: {
    method: string;
    path: string;
    count: number;
    reason: 'deprecated' | 'removed';
    endpoint: string;
  }[];
  /** Documented operations no request reached. */
  unused: string[];
  /** Requests to hosts no document of the run serves (the same list on every document), most first. */
  otherHosts: { host: string; requests: number }[];
}

export interface ReportWaiverRequest {
  /** The endpoint id; null for the document root. */
  endpoint: string | null;
  kind: 'classification' | 'suppression' | 'opt-out';
  /** The classification asked for, or the rule id or category to suppress. */
  requested: string;
  granted: boolean;
  message: string;
  location: ReportLocation;
}

export interface ReportViolation {
  policy: string;
  spec: string;
  endpoint: string;
  severity: ReportedFinding['severity'];
  status: Exclude<FindingStatus, 'fixed'>;
  message: string;
  remediation: string;
  location: ReportLocation;
}

export interface Report {
  tool: { name: string; version: string };
  mode: 'diff' | 'scan';
  blocked: boolean;
  failOn: FailOn;
  failOnScope: FailOnScope;
  summary: {
    /** The gate's one-line reason. */
    verdict: string;
    endpoints: { added: number; removed: number; modified: number; unchanged: number };
    findings: { new: SeverityCounts; existing: SeverityCounts; fixed: SeverityCounts };
    violations: { new: SeverityCounts; existing: SeverityCounts };
    suppressed: number;
  };
  specs: ReportSpec[];
  violations: ReportViolation[];
  errors: ReportError[];
}

export interface ReportError {
  file: string;
  line: number;
  column: number;
  message: string;
}

const CHECK_BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

/** New violations per endpoint id, looked up once per endpoint rather than scanned (thousands of each). */
export function newViolationsByEndpoint(violations: ReportViolation[]): Map<string, ReportViolation[]> {
  const out = new Map<string, ReportViolation[]>();
  for (const v of violations) {
    if (v.status !== 'new') continue;
    const list = out.get(v.endpoint);
    if (list) list.push(v);
    else out.set(v.endpoint, [v]);
  }
  return out;
}

/** Most severe first, then new before existing before fixed, then by place. */
export function byImportance(a: ReportedFinding, b: ReportedFinding): number {
  const status = { new: 0, existing: 1, fixed: 2, undefined: 1 } as const;
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    status[`${a.status}` as keyof typeof status] - status[`${b.status}` as keyof typeof status] ||
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export function buildReport(analysis: Analysis): Report {
  const totals = new ReportTotals(analysis.mode);
  const specs: ReportSpec[] = [];
  const violations: ReportViolation[] = [];
  for (const spec of analysis.specs) {
    const part = totals.add(spec);
    specs.push(part.spec);
    for (const v of part.violations) violations.push(v);
  }
  return totals.report(analysis, specs, violations);
}

/** `ReportTotals.part`: counts and errors as plain data. */
export interface TotalsPart {
  endpoints: Record<'added' | 'removed' | 'modified' | 'unchanged', number>;
  findings: Record<'new' | 'existing' | 'fixed', SeverityCounts>;
  violations: Record<'new' | 'existing', SeverityCounts>;
  suppressed: number;
  failures: ReportError[];
  errors: ReportError[];
}

/**
 * The report built one document at a time (`buildReport`, and the streamed `scan` in json-stream.ts): each
 * document gives its `specs` entry and its violations, to keep or write out; the summary's counts and the
 * errors are kept here (a few numbers per document, and its problems).
 */
export class ReportTotals {
  private readonly endpoints = { added: 0, removed: 0, modified: 0, unchanged: 0 };
  private readonly findings = { new: zeroCounts(), existing: zeroCounts(), fixed: zeroCounts() };
  private readonly violationCounts = { new: zeroCounts(), existing: zeroCounts() };
  private suppressed = 0;
  /** Diff mode's "cannot be analysed" errors, which come first, then every document's load problems. */
  private readonly failures: ReportError[] = [];
  private readonly errors: ReportError[] = [];

  constructor(private readonly mode: Analysis['mode']) {}

  /** One document's part of the report, counted in the totals. */
  add(analysis: SpecAnalysis): { spec: ReportSpec; violations: ReportViolation[] } {
    const spec = reportSpec(analysis);
    for (const e of spec.endpoints) this.endpoints[e.change]++;
    for (const f of analysis.findings) {
      if (f.suppressed) this.suppressed++;
      else this.findings[f.status ?? 'existing'][f.severity]++;
    }
    const violations = analysis.violations.map((v) => reportViolation(analysis, v));
    for (const v of violations) this.violationCounts[v.status][v.severity]++;
    if (this.mode === 'diff' && analysis.failure)
      this.failures.push({
        ...analysis.failure,
        message: `${analysis.path} cannot be analysed, so the gate fails closed: ${analysis.failure.message}`,
      });
    for (const error of reportErrors(analysis)) this.errors.push(error);
    return { spec, violations };
  }

  /** What was counted so far, as plain data (one document's, made in a worker thread, for `absorb`). */
  part(): TotalsPart {
    return {
      endpoints: this.endpoints,
      findings: this.findings,
      violations: this.violationCounts,
      suppressed: this.suppressed,
      failures: this.failures,
      errors: this.errors,
    };
  }

  /** Another's `part` counted here, as if its documents had been `add`ed now. */
  absorb(part: TotalsPart): void {
    for (const change of Object.keys(this.endpoints) as (keyof typeof this.endpoints)[])
      this.endpoints[change] += part.endpoints[change];
    const addCounts = (into: SeverityCounts, from: SeverityCounts) => {
      for (const severity of Object.keys(into) as (keyof SeverityCounts)[]) into[severity] += from[severity];
    };
    for (const status of ['new', 'existing', 'fixed'] as const)
      addCounts(this.findings[status], part.findings[status]);
    for (const status of ['new', 'existing'] as const)
      addCounts(this.violationCounts[status], part.violations[status]);
    this.suppressed += part.suppressed;
    for (const failure of part.failures) this.failures.push(failure);
    for (const error of part.errors) this.errors.push(error);
  }

  /** The whole report around `specs` and `violations` (arrays, or what stands for them when streamed). */
  report<S, V>(
    run: Pick<Analysis, 'mode' | 'failOn' | 'failOnScope' | 'gate'>,
    specs: S,
    violations: V,
  ): Omit<Report, 'specs' | 'violations'> & { specs: S; violations: V } {
    return {
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      mode: run.mode,
      blocked: run.gate.blocked,
      failOn: run.failOn,
      failOnScope: run.failOnScope,
      summary: {
        verdict: run.gate.reason,
        endpoints: { ...this.endpoints },
        findings: this.findings,
        violations: this.violationCounts,
        suppressed: this.suppressed,
      },
      specs,
      violations,
      errors: [...this.failures, ...this.errors],
    };
  }
}

export function reportFinding(spec: SpecAnalysis, f: Finding): ReportedFinding {
  const check = CHECK_BY_ID.get(f.ruleId);
  // Assigned in the report's key order rather than spread: this runs for every one of tens of thousands.
  const reported: ReportedFinding = {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    // Masked here, where every renderer's strings come from: no secret a message quotes is reprinted.
    message: maskSecrets(f.message),
    remediation: maskRepeatedText(f.remediation),
    location: f.position
      ? { file: f.loc.file, pointer: f.loc.pointer, line: f.position.line, column: f.position.column }
      : spec.position(f.loc, f.status === 'fixed' ? 'base' : 'head'),
    fingerprint: f.fingerprint,
  } as ReportedFinding;
  if (f.status) reported.status = f.status;
  reported.owasp = check?.owasp ?? '';
  reported.cwe = check?.cwe ?? '';
  if (f.suppressed) reported.suppressed = { ...f.suppressed, reason: maskSecrets(f.suppressed.reason) };
  return reported;
}

function reportViolation(spec: SpecAnalysis, v: Violation): ReportViolation {
  return {
    policy: v.policy,
    spec: spec.path,
    endpoint: v.endpoint,
    severity: v.severity,
    status: v.status ?? 'new',
    message: maskSecrets(v.message),
    remediation: maskRepeatedText(v.remediation),
    location: spec.position(v.loc),
  };
}

export function reportSpec(spec: SpecAnalysis): ReportSpec {
  const { diff } = spec;
  const toChange = (c: Change): ReportChange => ({
    kind: c.kind,
    message: maskSecrets(c.message),
    pointer: c.pointer,
    breaking: c.breaking,
    location: spec.position(c.location),
  });
  const documentChanges = new Map<string, ReportChange & AffectedEndpoints>();
  const endpointFindings = new Map<string, ReportedFinding[]>();
  const documentFindings: (ReportedFinding & AffectedEndpoints)[] = [];
  for (const f of spec.findings) {
    const reported = reportFinding(spec, f);
    if (f.endpoint) {
      const list = endpointFindings.get(f.endpoint) ?? [];
      list.push(reported);
      endpointFindings.set(f.endpoint, list);
    } else {
      const affected = f.endpoints ?? [];
      documentFindings.push({
        ...reported,
        endpoints: affected.slice(0, LISTED_ENDPOINTS),
        endpointCount: affected.length,
      });
    }
  }
  // Changes the diff listed once (N servers added at the root): each endpoint carries one summary of them.
  for (const c of diff.changes ?? []) {
    const key = `${c.kind}|${c.location.file}|${c.location.pointer}|${c.message}`;
    const affected = { endpoints: c.endpoints.slice(0, LISTED_ENDPOINTS), endpointCount: c.endpoints.length };
    if (!documentChanges.has(key)) documentChanges.set(key, { ...toChange(c), ...affected });
  }
  const endpoints = diff.endpoints.map((e): ReportEndpoint => {
    const endpoint = e.head ?? e.base!;
    for (const c of e.changes) {
      if (!c.documentLevel) continue;
      const key = `${c.kind}|${c.location.file}|${c.location.pointer}|${c.message}`;
      const known = documentChanges.get(key);
      if (!known) documentChanges.set(key, { ...toChange(c), endpoints: [e.id], endpointCount: 1 });
      else if (known.endpointCount++ < LISTED_ENDPOINTS) known.endpoints.push(e.id);
    }
    const scores = spec.scores.get(e.id);
    const current = scores?.head ?? scores?.base;
    return {
      id: e.id,
      method: e.method,
      path: e.path,
      change: e.change,
      classification: endpoint.classification,
      dataTypes: endpoint.dataTypes,
      compliance: complianceTags(endpoint.dataTypes),
      changes: e.changes.map(toChange),
      score: {
        base: scores?.base?.score ?? null,
        head: scores?.head?.score ?? null,
        level: current?.level ?? null,
        breakdown: current?.breakdown ?? [],
      },
      findings: (endpointFindings.get(e.id) ?? []).sort(byImportance),
      location: spec.position(endpoint.loc, e.head ? 'head' : 'base'),
    };
  });
  const violatedHead = new Set(spec.violations.map((v) => v.endpoint));
  return {
    path: spec.path,
    status: diff.status,
    analysed: spec.failure === undefined,
    ...(spec.failure ? { failure: { ...spec.failure } } : {}),
    ...(spec.notAssessed ? { notAssessed: spec.notAssessed } : {}),
    version: {
      base: diff.base?.version === undefined ? null : maskSecrets(diff.base.version),
      head: diff.head?.version === undefined ? null : maskSecrets(diff.head.version),
    },
    metrics: {
      // Not analysed: no metrics at all, rather than a base → empty head that reads as "the API vanished".
      base:
        diff.base && spec.base !== spec.head && !spec.failure
          ? metricsOf(
              diff.base.endpoints,
              (id) => spec.scores.get(id)?.base?.score,
              new Set(spec.baseViolations.map((v) => v.endpoint)),
              spec.facts.base,
            )
          : null,
      head: diff.head
        ? metricsOf(
            diff.head.endpoints,
            (id) => spec.scores.get(id)?.head?.score,
            violatedHead,
            spec.facts.head,
            spec.traffic?.shadow.length ?? 0,
          )
        : null,
    },
    changes: [...documentChanges.values()],
    findings: documentFindings.sort(byImportance),
    endpoints,
    waiverRequests: reportWaiverRequests(spec),
    ...(spec.traffic ? { traffic: reportTraffic(spec.traffic) } : {}),
  };
}

function reportTraffic(traffic: SpecTraffic): ReportTraffic {
  return {
    requests: traffic.requests,
    matched: traffic.matched,
    shadow: traffic.shadow.map((s) => ({
      method: s.method.toUpperCase(),
      path: s.path,
      count: s.count,
      firstSeen: s.firstSeen ?? null,
      lastSeen: s.lastSeen ?? null,
      statuses: s.statuses,
      score: s.score ?? null,
      location: { file: s.file, pointer: '', line: s.line, column: 1 },
    })),
    zombie: traffic.zombie.map((z) => ({
      method: z.method.toUpperCase(),
      path: z.path,
      count: z.count,
      reason: z.reason,
      endpoint: z.endpoint.id,
    })),
    unused: traffic.unused,
    otherHosts: traffic.otherHosts ?? [],
  };
}

/** The PR's requests to be judged by its own declarations, as they were decided (SPEC §9). */
function reportWaiverRequests(spec: SpecAnalysis): ReportWaiverRequest[] {
  return spec.waiverRequests.map((r) => ({
    endpoint: r.endpoint ?? null,
    kind: r.kind,
    requested: r.requested,
    granted: r.granted,
    message: maskSecrets(r.message),
    location: spec.position(r.loc, 'head'),
  }));
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10;
}

/**
 * The seed's dashboard metrics over one version's endpoints, from the facts checks and policies read
 * (src/assess/facts.ts): TLS is "not reachable over plain HTTP" as `enforce-tls` judges it.
 */
export function metricsOf(
  endpoints: Endpoint[],
  scoreOf: (id: string) => number | undefined,
  violated: Set<string>,
  factsOf: (endpoint: Endpoint) => EndpointFactSheet = (e) =>
    endpointFacts(e, { extensions: {} }, DEFAULT_SETTINGS),
  /** Shadow endpoints seen in traffic (`--traffic`): described nowhere, so not among `endpoints`. */
  observedShadows = 0,
): Metrics {
  const perClassification: Record<string, number> = {};
  const perBand: Record<Band, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  let total = 0;
  for (const e of endpoints) {
    perClassification[e.classification] = (perClassification[e.classification] ?? 0) + 1;
    const score = scoreOf(e.id) ?? 0;
    total += score;
    perBand[score >= 75 ? 'critical' : score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low']++;
  }
  const documented = endpoints.filter((e) => factsOf(e).documented).length;
  const authenticated = endpoints.filter((e) => factsOf(e).authenticated).length;
  const tls = endpoints.filter((e) => factsOf(e).tls).length;
  return {
    endpoints: endpoints.length,
    documentedPercent: percent(documented, endpoints.length),
    averageScore: endpoints.length === 0 ? 0 : Math.round((total / endpoints.length) * 10) / 10,
    criticalEndpoints: perBand.critical,
    shadowEndpoints: (perClassification.shadow ?? 0) + observedShadows,
    authenticationCoveragePercent: percent(authenticated, endpoints.length),
    tlsCoveragePercent: percent(tls, endpoints.length),
    policyCompliancePercent: violated
      ? percent(endpoints.filter((e) => !violated.has(e.id)).length, endpoints.length)
      : 100,
    perBand,
    perClassification,
  };
}

function reportErrors(spec: SpecAnalysis): Report['errors'] {
  const sides =
    spec.base === spec.head
      ? [['head', spec.head] as const]
      : ([
          ['base', spec.base],
          ['head', spec.head],
        ] as const);
  const out: Report['errors'] = [];
  for (const [side, loaded] of sides) {
    for (const p of loaded.problems) {
      // A structural problem is a finding (`config-structure`), not a problem reading the document.
      if (p.kind === 'structure') continue;
      const position =
        p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : spec.position(p.loc, side);
      out.push({
        file: p.loc.file,
        line: position.line,
        column: position.column,
        message: maskSecrets(
          side === 'base' && spec.base.path === spec.head.path ? `(base version) ${p.message}` : p.message,
        ),
      });
    }
  }
  return out;
}
