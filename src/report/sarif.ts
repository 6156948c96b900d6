// SARIF 2.1.0 for code scanning: one rule per check (and per policy), results for the head's findings
// and violations with repo-relative locations and stable partial fingerprints, unique within the run.
// Within code scanning's limits: at most 5,000 results (new first, then the most severe); the rest are
// counted in the run's `properties.omittedResults`.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CHECKS } from '../assess/registry.js';
import { type ReportedFinding, SEVERITIES, type Severity, severityRank } from '../findings.js';
import type { Report, ReportViolation } from './json.js';

/**
 * Code scanning keeps at most 5,000 results of a run (the most severe) and rejects a run over 25,000:
 * past this many, the results it would keep are chosen here, where "new" can come first.
 */
export const SARIF_MAX_RESULTS = 5_000;

/** What a run left out: how many, how many of them new, and by severity. */
export interface OmittedResults {
  total: number;
  new: number;
  bySeverity: Record<Severity, number>;
}

export interface SarifContext {
  /** Where docs/rules/<id>.md lives, e.g. `https://github.com/api-posture/api-posture/blob/v1`. */
  docsBase: string;
}

/** GitHub's `security-severity` scale: ≥9 critical, ≥7 high, ≥4 medium, >0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};
const LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

export function renderSarif(report: Report, ctx: SarifContext, maxResults = SARIF_MAX_RESULTS): Log {
  const rules: ReportingDescriptor[] = CHECKS.map((check) => ({
    id: check.id,
    name: check.title
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))
      .replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale },
    help: {
      text: check.remediation,
      markdown: `${check.remediation}\n\n[Rule documentation](${ctx.docsBase}/docs/rules/${check.id}.md)`,
    },
    helpUri: `${ctx.docsBase}/docs/rules/${check.id}.md`,
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      tags: ['security', check.category, check.owasp, check.cwe, `external/cwe/${check.cwe.toLowerCase()}`],
      'security-severity': SECURITY_SEVERITY[check.severity],
      precision: 'high',
      problem: { severity: check.severity },
    },
  }));
  const policyNames = [...new Set(report.violations.map((v) => v.policy))].sort();
  for (const name of policyNames) {
    const example = report.violations.find((v) => v.policy === name)!;
    rules.push({
      id: `policy/${name}`,
      name: `Policy ${name}`,
      shortDescription: { text: `Policy ${name}` },
      fullDescription: { text: example.message },
      help: { text: example.remediation },
      helpUri: `${ctx.docsBase}/docs/policies.md`,
      defaultConfiguration: { level: LEVEL[example.severity] },
      properties: { tags: ['security', 'policy'], 'security-severity': SECURITY_SEVERITY[example.severity] },
    });
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const { kept, omitted } = selectResults(report, maxResults);
  const results: Result[] = kept.map((item) =>
    item.finding
      ? findingResult(item.finding, ruleIndex.get(item.finding.ruleId), item.fingerprint)
      : violationResult(item.violation!, ruleIndex.get(`policy/${item.violation!.policy}`), item.fingerprint),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: ctx.docsBase.replace(/\/blob\/.*$/, ''),
            rules,
          },
        },
        results,
        columnKind: 'unicodeCodePoints',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root' } } },
        ...(omitted.total > 0 ? { properties: { resultLimit: maxResults, omittedResults: omitted } } : {}),
      },
    ],
  };
}

/** One result to be: a finding or a violation, with its fingerprint (unique in the run) and sort keys. */
interface Item {
  finding?: ReportedFinding;
  violation?: ReportViolation;
  fingerprint: string;
  severity: Severity;
  isNew: boolean;
  suppressed: boolean;
  order: number;
}

/**
 * The results of the run, at most `max`: unsuppressed before suppressed, the PR's new ones before existing
 * ones, then the most severe, then report order; and what was left out. Fingerprints are made unique over
 * every result before the cut, so a result keeps its fingerprint whichever others are left out.
 */
export function selectResults(
  report: Report,
  max = SARIF_MAX_RESULTS,
): { kept: Item[]; omitted: OmittedResults } {
  const items: Item[] = [];
  for (const spec of report.specs)
    for (const f of [...spec.findings, ...spec.endpoints.flatMap((e) => e.findings)])
      if (f.status !== 'fixed')
        items.push({
          finding: f,
          fingerprint: f.fingerprint,
          severity: f.severity,
          isNew: f.status === 'new',
          suppressed: f.suppressed !== undefined,
          order: items.length,
        });
  for (const v of report.violations)
    items.push({
      violation: v,
      fingerprint: `${v.policy}:${v.spec}:${v.endpoint}`,
      severity: v.severity,
      isNew: v.status === 'new',
      suppressed: false,
      order: items.length,
    });
  const unique = uniqueFingerprints(items.map((i) => i.fingerprint));
  items.forEach((item, i) => {
    item.fingerprint = unique[i]!;
  });
  const omitted: OmittedResults = {
    total: 0,
    new: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
  };
  if (items.length <= max) return { kept: items, omitted };
  items.sort(
    (a, b) =>
      Number(a.suppressed) - Number(b.suppressed) ||
      Number(b.isNew) - Number(a.isNew) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      a.order - b.order,
  );
  for (const item of items.slice(max)) {
    omitted.total++;
    if (item.isNew) omitted.new++;
    omitted.bySeverity[item.severity]++;
  }
  // Kept in report order, as when nothing is left out.
  return { kept: items.slice(0, max).sort((a, b) => a.order - b.order), omitted };
}

/**
 * Code scanning merges results that share a fingerprint into one alert. The first of each value keeps it;
 * a repeat gets `/2`, `/3`… — a value no result has (not any other's base value, not one given before).
 */
export function uniqueFingerprints(values: string[]): string[] {
  const bases = new Set(values);
  const given = new Set<string>();
  return values.map((value) => {
    let out = value;
    for (let n = 2; given.has(out); n++) {
      out = `${value}/${n}`;
      if (bases.has(out)) out = value; // taken by another result's own value: try the next number
    }
    given.add(out);
    return out;
  });
}

function location(file: string, line: number, column: number): Result['locations'] {
  return [
    {
      physicalLocation: {
        artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' },
        region: { startLine: Math.max(1, line), startColumn: Math.max(1, column) },
      },
    },
  ];
}

function findingResult(f: ReportedFinding, index: number | undefined, fingerprint: string): Result {
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.message}\nFix: ${f.remediation}` },
    locations: location(f.location.file, f.location.line, f.location.column),
    partialFingerprints: { 'apiPosture/v1': fingerprint },
    ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason }] } : {}),
    properties: {
      severity: f.severity,
      status: f.status ?? 'existing',
      category: f.category,
      owasp: f.owasp,
      cwe: f.cwe,
    },
  };
}

function violationResult(v: ReportViolation, index: number | undefined, fingerprint: string): Result {
  return {
    ruleId: `policy/${v.policy}`,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[v.severity],
    message: { text: `${v.message}\nFix: ${v.remediation}` },
    locations: location(v.location.file, v.location.line, v.location.column),
    partialFingerprints: { 'apiPosture/v1': fingerprint },
    properties: { severity: v.severity, status: v.status },
  };
}
