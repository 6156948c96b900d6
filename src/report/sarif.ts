// SARIF 2.1.0 for code scanning: one rule per check (and per policy), results for the head's findings
// and violations with repo-relative locations and stable partial fingerprints.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CHECKS } from '../assess/registry.js';
import type { ReportedFinding, Severity } from '../findings.js';
import type { Report, ReportViolation } from './json.js';

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

export function renderSarif(report: Report, ctx: SarifContext): Log {
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
  const findings = report.specs
    .flatMap((s) => [...s.findings, ...s.endpoints.flatMap((e) => e.findings)])
    .filter((f) => f.status !== 'fixed');
  const results: Result[] = [
    ...findings.map((f) => findingResult(f, ruleIndex.get(f.ruleId))),
    ...report.violations.map((v) => violationResult(v, ruleIndex.get(`policy/${v.policy}`))),
  ];
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
      },
    ],
  };
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

function findingResult(f: ReportedFinding, index: number | undefined): Result {
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.message}\nFix: ${f.remediation}` },
    locations: location(f.location.file, f.location.line, f.location.column),
    partialFingerprints: { 'apiPosture/v1': f.fingerprint },
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

function violationResult(v: ReportViolation, index: number | undefined): Result {
  return {
    ruleId: `policy/${v.policy}`,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[v.severity],
    message: { text: `${v.message}\nFix: ${v.remediation}` },
    locations: location(v.location.file, v.location.line, v.location.column),
    partialFingerprints: { 'apiPosture/v1': `${v.policy}:${v.spec}:${v.endpoint}` },
    properties: { severity: v.severity, status: v.status },
  };
}
