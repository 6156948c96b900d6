// SARIF 2.1.0 for code scanning: one rule per check (and per policy), results for the head's findings
// and violations with repo-relative locations and stable partial fingerprints, unique within the run.
// Within code scanning's limits: at most 5,000 results (new first, then the most severe); the rest are
// counted in the run's `properties.omittedResults`.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CHECKS } from '../assess/registry.js';
import { type ReportedFinding, SEVERITIES, type Severity, severityRank } from '../findings.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { Report, ReportSpec, ReportViolation } from './json.js';

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
  return sarifResultsOf(report, maxResults).log(ctx);
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
  return sarifResultsOf(report, max).selection();
}

function sarifResultsOf(report: Report, max: number): SarifResults {
  const results = new SarifResults(max);
  for (const spec of report.specs) results.addFindings(spec);
  results.addViolations(report.violations);
  return results;
}

/** One result to be: a finding or a violation, with its fingerprint (unique in the run) and sort keys. */
interface Item {
  finding?: ReportedFinding;
  violation?: ReportViolation;
  fingerprint: string;
  severity: Severity;
  isNew: boolean;
  suppressed: boolean;
  /** Report order: every document's findings (`specs`), then the violations. */
  order: number;
}

/** Which result code scanning should keep first (see `selectResults`). */
const byRank = (a: Item, b: Item) =>
  Number(a.suppressed) - Number(b.suppressed) ||
  Number(b.isNew) - Number(a.isNew) ||
  severityRank(b.severity) - severityRank(a.severity) ||
  a.order - b.order;

/** Violations sort after every finding, however many findings come later in a streamed run. */
const VIOLATION_ORDER = 2 ** 40;

/**
 * A run's SARIF results gathered one document at a time (the streamed `scan`, an inventory of thousands;
 * `renderSarif` feeds a whole report the same way): only the results it may keep are held, at most twice
 * `max`, and the fingerprints given so far. A document's results are one batch for `uniqueFingerprints`,
 * which gives what one batch of the whole run would: a repeat's `/2` could only be another result's own
 * value in the same document (findings' fingerprints are hex, with no `/`; a violation's names its document).
 */
export class SarifResults {
  private items: Item[] = [];
  private readonly given = new Set<string>();
  /** The first violation of each policy (its rule's description). */
  private readonly firstOfPolicy = new Map<string, ReportViolation>();
  private findings = 0;
  private violations = 0;
  private readonly omitted: OmittedResults = {
    total: 0,
    new: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
  };

  constructor(private readonly max = SARIF_MAX_RESULTS) {}

  /** A document's findings (the fixed ones are not results): its own, then its endpoints'. */
  addFindings(spec: ReportSpec): void {
    const batch: Item[] = [];
    for (const list of [spec.findings, ...spec.endpoints.map((e) => e.findings)])
      for (const f of list)
        if (f.status !== 'fixed')
          batch.push({
            finding: f,
            fingerprint: f.fingerprint,
            severity: f.severity,
            isNew: f.status === 'new',
            suppressed: f.suppressed !== undefined,
            order: this.findings++,
          });
    this.take(batch);
  }

  /** A document's violations (or, for a whole report, all of them at once). */
  addViolations(violations: readonly ReportViolation[]): void {
    const batch: Item[] = [];
    for (const v of violations) {
      if (!this.firstOfPolicy.has(v.policy)) this.firstOfPolicy.set(v.policy, v);
      batch.push({
        violation: v,
        fingerprint: `${v.policy}:${v.spec}:${v.endpoint}`,
        severity: v.severity,
        isNew: v.status === 'new',
        suppressed: false,
        order: VIOLATION_ORDER + this.violations++,
      });
    }
    this.take(batch);
  }

  /** The kept results in report order, and what was left out. */
  selection(): { kept: Item[]; omitted: OmittedResults } {
    if (this.items.length > this.max) this.cut();
    return { kept: [...this.items].sort((a, b) => a.order - b.order), omitted: this.omitted };
  }

  log(ctx: SarifContext): Log {
    const rules = checkRules(ctx);
    for (const name of [...this.firstOfPolicy.keys()].sort())
      rules.push(policyRule(name, this.firstOfPolicy.get(name)!, ctx));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const { kept, omitted } = this.selection();
    const results: Result[] = kept.map((item) =>
      item.finding
        ? findingResult(item.finding, ruleIndex.get(item.finding.ruleId), item.fingerprint)
        : violationResult(
            item.violation!,
            ruleIndex.get(`policy/${item.violation!.policy}`),
            item.fingerprint,
          ),
    );
    return {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: TOOL_NAME,
              version: TOOL_VERSION,
              semanticVersion: TOOL_VERSION,
              informationUri: ctx.docsBase.replace(/\/blob\/.*$/, ''),
              rules,
            },
          },
          results,
          columnKind: 'unicodeCodePoints',
          originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root' } } },
          ...(omitted.total > 0 ? { properties: { resultLimit: this.max, omittedResults: omitted } } : {}),
        },
      ],
    };
  }

  private take(batch: Item[]): void {
    const unique = uniqueFingerprints(
      batch.map((item) => item.fingerprint),
      this.given,
    );
    for (const [i, item] of batch.entries()) {
      item.fingerprint = unique[i]!;
      this.items.push(item);
    }
    if (this.items.length >= 2 * this.max) this.cut();
  }

  /** Keeps the `max` best so far; the rest are counted as left out (a result never comes back). */
  private cut(): void {
    this.items.sort(byRank);
    for (const item of this.items.slice(this.max)) {
      this.omitted.total++;
      if (item.isNew) this.omitted.new++;
      this.omitted.bySeverity[item.severity]++;
    }
    this.items = this.items.slice(0, this.max);
  }
}

function checkRules(ctx: SarifContext): ReportingDescriptor[] {
  return CHECKS.map((check) => ({
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
}

function policyRule(name: string, example: ReportViolation, ctx: SarifContext): ReportingDescriptor {
  return {
    id: `policy/${name}`,
    name: `Policy ${name}`,
    shortDescription: { text: `Policy ${name}` },
    fullDescription: { text: example.message },
    help: { text: example.remediation },
    helpUri: `${ctx.docsBase}/docs/policies.md`,
    defaultConfiguration: { level: LEVEL[example.severity] },
    properties: { tags: ['security', 'policy'], 'security-severity': SECURITY_SEVERITY[example.severity] },
  };
}

/**
 * Code scanning merges results that share a fingerprint into one alert. The first of each value keeps it;
 * a repeat gets `/2`, `/3`… — a value no result has (not any other's base value, not one given before).
 * `given`: the values given to the results before these (kept across a streamed run's documents); every
 * earlier result's own value is among them, so only these results' own values need a set of their own.
 */
export function uniqueFingerprints(values: string[], given = new Set<string>()): string[] {
  const bases = new Set(values);
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
