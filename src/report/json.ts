// The JSON report (SPEC §10): the contract other tools read. Keys and shapes here are fixed.
import type { Analysis, SpecAnalysis } from '../engine.js';
import type { Change } from '../diff/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityCounts = Record<Severity, number>;
export type FailOn = Severity | 'none';
export type FailOnScope = 'new' | 'all';

export interface ReportLocation {
  file: string;
  line: number;
  column: number;
  pointer: string;
}

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
  changes: ReportChange[];
  score: { base: number | null; head: number | null; level: string | null; breakdown: string[] };
  findings: unknown[];
  location: ReportLocation;
}

export interface ReportSpec {
  path: string;
  status: 'added' | 'removed' | 'modified' | 'unchanged';
  version: { base: string | null; head: string | null };
  metrics: { base: Metrics | null; head: Metrics | null };
  /** Changes declared once for the whole document, with the endpoints they apply to. */
  changes: (ReportChange & { endpoints: string[] })[];
  findings: unknown[];
  endpoints: ReportEndpoint[];
}

export interface Metrics {
  endpoints: number;
  documentedPercent: number;
  authenticationCoveragePercent: number;
  tlsCoveragePercent: number;
  perClassification: Record<string, number>;
}

export interface Report {
  tool: { name: string; version: string };
  mode: 'diff' | 'scan';
  blocked: boolean;
  failOn: FailOn;
  failOnScope: FailOnScope;
  summary: {
    endpoints: { added: number; removed: number; modified: number; unchanged: number };
    findings: { new: SeverityCounts; existing: SeverityCounts; fixed: SeverityCounts };
    violations: { new: SeverityCounts; existing: SeverityCounts };
  };
  specs: ReportSpec[];
  violations: unknown[];
  errors: { file: string; line: number; column: number; message: string }[];
}

export function zeroCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export interface GateSettings {
  failOn: FailOn;
  failOnScope: FailOnScope;
}

export function buildReport(analysis: Analysis, gate: GateSettings): Report {
  const specs = analysis.specs.map(reportSpec);
  const endpoints = { added: 0, removed: 0, modified: 0, unchanged: 0 };
  for (const spec of specs) for (const e of spec.endpoints) endpoints[e.change]++;
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    mode: analysis.mode,
    blocked: false,
    failOn: gate.failOn,
    failOnScope: gate.failOnScope,
    summary: {
      endpoints,
      findings: { new: zeroCounts(), existing: zeroCounts(), fixed: zeroCounts() },
      violations: { new: zeroCounts(), existing: zeroCounts() },
    },
    specs,
    violations: [],
    errors: analysis.specs.flatMap(reportErrors),
  };
}

function reportSpec(spec: SpecAnalysis): ReportSpec {
  const { diff } = spec;
  const toChange = (c: Change): ReportChange => ({
    kind: c.kind,
    message: c.message,
    pointer: c.pointer,
    breaking: c.breaking,
    location: spec.position(c.location),
  });
  const documentChanges = new Map<string, ReportChange & { endpoints: string[] }>();
  const endpoints = diff.endpoints.map((e): ReportEndpoint => {
    const endpoint = e.head ?? e.base!;
    for (const c of e.changes) {
      if (!c.documentLevel) continue;
      const key = `${c.kind}|${c.location.file}|${c.location.pointer}|${c.message}`;
      const known = documentChanges.get(key);
      if (known) known.endpoints.push(e.id);
      else documentChanges.set(key, { ...toChange(c), endpoints: [e.id] });
    }
    return {
      id: e.id,
      method: e.method,
      path: e.path,
      change: e.change,
      classification: endpoint.classification,
      dataTypes: endpoint.dataTypes,
      changes: e.changes.map(toChange),
      score: { base: null, head: null, level: null, breakdown: [] },
      findings: [],
      location: spec.position(endpoint.loc, e.head ? 'head' : 'base'),
    };
  });
  return {
    path: spec.path,
    status: diff.status,
    version: { base: diff.base?.version ?? null, head: diff.head?.version ?? null },
    metrics: {
      base: diff.base && spec.base !== spec.head ? metricsOf(diff.base.endpoints) : null,
      head: diff.head ? metricsOf(diff.head.endpoints) : null,
    },
    changes: [...documentChanges.values()],
    findings: [],
    endpoints,
  };
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10;
}

export function metricsOf(endpoints: import('../model.js').Endpoint[]): Metrics {
  const perClassification: Record<string, number> = {};
  for (const e of endpoints) perClassification[e.classification] = (perClassification[e.classification] ?? 0) + 1;
  const documented = endpoints.filter((e) => Boolean(e.summary?.trim() || e.description?.trim())).length;
  const authenticated = endpoints.filter(
    (e) => e.security.requirements.length > 0 && e.security.requirements.every((r) => r.length > 0),
  ).length;
  const tls = endpoints.filter((e) => e.servers.length > 0 && e.servers.every((s) => /^https:\/\//i.test(s.url))).length;
  return {
    endpoints: endpoints.length,
    documentedPercent: percent(documented, endpoints.length),
    authenticationCoveragePercent: percent(authenticated, endpoints.length),
    tlsCoveragePercent: percent(tls, endpoints.length),
    perClassification,
  };
}

function reportErrors(spec: SpecAnalysis): Report['errors'] {
  const sides = spec.base === spec.head ? [['head', spec.head] as const] : ([['base', spec.base], ['head', spec.head]] as const);
  const out: Report['errors'] = [];
  for (const [side, loaded] of sides) {
    for (const p of loaded.problems) {
      const position = p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : spec.position(p.loc, side);
      out.push({
        file: p.loc.file,
        line: position.line,
        column: position.column,
        message: side === 'base' && spec.base.path === spec.head.path ? `(base version) ${p.message}` : p.message,
      });
    }
  }
  return out;
}
