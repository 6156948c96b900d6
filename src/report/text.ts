// Plain-text rendering for terminals and CI logs: what changed, what it costs, what to do.
import { type ReportedFinding, severityRank } from '../findings.js';
import { maxOf, pushAll } from '../util/arrays.js';
import { sortByUrgency, specEntries } from './entries.js';
import { showInvisible } from './escape.js';
import {
  newViolationsByEndpoint,
  type Report,
  type ReportChange,
  type ReportEndpoint,
  type ReportSpec,
  type ReportViolation,
} from './json.js';
import { configSuppression, inlineSuppression } from './suppress-hint.js';

const MARK: Record<ReportEndpoint['change'], string> = {
  added: '+',
  removed: '-',
  modified: '~',
  unchanged: ' ',
};
const TOP_RISKS = 20;

export function renderText(report: Report): string {
  const lines: string[] = [...failureLines(report), ...waiverLines(report), ...blockingLines(report)];
  if (report.mode === 'diff')
    lines.push('Legend: + added  - removed  ~ modified;  ! breaking change  · non-breaking change', '');
  for (const spec of report.specs) {
    const violations = report.violations.filter((v) => v.spec === spec.path);
    lines.push(
      ...(report.mode === 'diff'
        ? renderDiffSpec(spec, violations, restatedFindings(report, spec))
        : renderScanSpec(spec, violations)),
      ...trafficLines(spec),
      '',
    );
  }
  if (report.errors.length > 0) {
    lines.push(`Problems reading the documents (${report.errors.length}):`);
    for (const e of report.errors)
      lines.push(`  ${oneLine(e.file)}:${e.line}:${e.column}  ${oneLine(e.message)}`);
    lines.push('');
  }
  const { added, removed, modified, unchanged } = report.summary.endpoints;
  const unjudged = report.specs.reduce((n, s) => n + (s.notAssessed?.length ?? 0), 0);
  const f = report.summary.findings;
  const count = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  lines.push(
    report.mode === 'diff'
      ? `Endpoints: ${added} added, ${removed} removed, ${modified} modified, ${unchanged} unchanged${unjudged > 0 ? `, ${unjudged} not assessed` : ''}.`
      : `Endpoints: ${unchanged} in ${report.specs.length} document${report.specs.length === 1 ? '' : 's'}.`,
  );
  lines.push(
    report.mode === 'diff'
      ? `Findings: ${count(f.new)} new, ${count(f.existing)} existing, ${count(f.fixed)} fixed${report.summary.suppressed ? `, ${report.summary.suppressed} suppressed` : ''}. Policy violations: ${count(report.summary.violations.new)} new, ${count(report.summary.violations.existing)} existing.`
      : `Findings: ${count(f.existing)}${report.summary.suppressed ? ` (+${report.summary.suppressed} suppressed)` : ''}. Policy violations: ${count(report.summary.violations.existing)}.`,
  );
  lines.push(
    `Verdict: ${report.blocked ? 'BLOCKED' : 'passed'} — ${oneLine(report.summary.verdict)} (fail-on ${report.failOn}, scope ${report.failOnScope}).`,
  );
  return `${lines.join('\n')}\n`;
}

/** What makes the gate block, right after the fail-closed notes and waiver requests, one line each. */
function blockingLines(report: Report): string[] {
  const blocking = report.specs.flatMap((spec) => specEntries(report, spec).filter((e) => e.blocking));
  if (blocking.length === 0) return [];
  return [
    `Blocking (${blocking.length}, at fail-on ${report.failOn}):`,
    ...sortByUrgency(blocking).map((e) => {
      const where = e.finding ?? e.violations[0]!;
      const also =
        e.finding && e.violations.length > 0
          ? ` (+ policy ${[...new Set(e.violations.map((v) => v.policy))].join(', ')})`
          : '';
      const what = e.finding ? `${e.finding.ruleId}${also}` : `policy ${e.violations[0]!.policy}`;
      return `  ${e.severity.toUpperCase()} ${oneLine(what)}  ${e.endpoint ? oneLine(`${e.endpoint.method} ${e.endpoint.path}`) : 'document'}  ${oneLine(where.location.file)}:${where.location.line}`;
    }),
    '',
  ];
}

/** What the PR asked to be judged by about its own endpoints, first of all (SPEC §9). */
function waiverLines(report: Report): string[] {
  const requests = report.specs.flatMap((s) => s.waiverRequests ?? []);
  if (requests.length === 0) return [];
  return [
    `This PR asks to waive ${requests.length} check${requests.length === 1 ? '' : 's'} on its own changes (judged with the base's values unless the base config's \`trust\` grants it):`,
    ...requests.map(
      (r) =>
        `  ${r.granted ? 'granted    ' : 'not granted'}  ${oneLine(r.message)}  ${oneLine(r.location.file)}:${r.location.line}`,
    ),
    '',
  ];
}

function header(spec: ReportSpec): string {
  const version = !spec.analysed
    ? (spec.version.base ?? '') // the head's version is unknown, not gone
    : spec.version.base === spec.version.head
      ? (spec.version.head ?? '')
      : `${spec.version.base ?? '∅'} → ${spec.version.head ?? '∅'}`;
  return `${oneLine(spec.path)}  [${spec.status}]${spec.analysed ? '' : '  NOT ANALYSED'}${version ? `  version ${oneLine(version)}` : ''}`;
}

/** Fail closed, said first: each document that cannot be analysed, where, and what that means. */
function failureLines(report: Report): string[] {
  const lines: string[] = [];
  for (const spec of report.specs) {
    const f = spec.failure;
    if (!f) continue;
    const label = report.mode === 'scan' ? 'NOT ANALYSED' : report.blocked ? 'BLOCKED' : 'NOT ANALYSED';
    lines.push(
      `${label}: ${oneLine(f.file)}:${f.line}:${f.column}  ${oneLine(spec.path)} cannot be analysed: ${oneLine(f.message)}`,
    );
    if (report.mode === 'diff') {
      const n = spec.notAssessed?.length ?? 0;
      lines.push(
        `  ${n} endpoint${n === 1 ? ' is' : 's are'} not assessed (not removed) and no finding counts as fixed; fix the document to have this change judged.`,
      );
    }
  }
  if (lines.length > 0) lines.push('');
  return lines;
}

/** The endpoints a document that cannot be analysed leaves unjudged: `?`, never `-` (removed). */
function notAssessedLines(spec: ReportSpec): string[] {
  const ids = spec.notAssessed ?? [];
  if (ids.length === 0) return [];
  const shown = ids.slice(0, TOP_RISKS).map((id) => `  ? ${oneLine(id)}  not assessed`);
  if (ids.length > TOP_RISKS) shown.push(`  ? … and ${ids.length - TOP_RISKS} more (see --format json)`);
  return shown;
}

/** Each violation that restates a finding (src/report/entries.ts): the finding's rule, shown in its place. */
function restatedFindings(report: Report, spec: ReportSpec): Map<ReportViolation, string> {
  const out = new Map<ReportViolation, string>();
  for (const entry of specEntries(report, spec))
    if (entry.finding) for (const v of entry.violations) out.set(v, entry.finding.ruleId);
  return out;
}

function renderDiffSpec(
  spec: ReportSpec,
  violations: ReportViolation[],
  restated: ReadonlyMap<ReportViolation, string>,
): string[] {
  const lines = [header(spec)];
  pushAll(lines, notAssessedLines(spec));
  if (spec.changes.length > 0) {
    lines.push('  Document-level changes:');
    for (const c of spec.changes)
      lines.push(`    ${changeLine(c)}  (${c.endpointCount} endpoint${c.endpointCount === 1 ? '' : 's'})`);
  }
  const docNew = spec.findings.filter((x) => x.status === 'new' && !x.suppressed);
  const docFixed = spec.findings.filter((x) => x.status === 'fixed' && !x.suppressed);
  if (docNew.length > 0) {
    lines.push('  New document-level findings:');
    for (const finding of docNew) pushAll(lines, findingLines(finding, '    ', true));
  }
  if (docFixed.length > 0)
    lines.push(
      '  Fixed document-level findings:',
      ...docFixed.map((x) => `    ✓ ${x.severity} ${x.ruleId}  ${oneLine(x.message)}`),
    );
  const documentLevel = new Set(spec.changes.map(changeKey));
  const newViolations = newViolationsByEndpoint(violations);
  const shown = spec.endpoints.filter(
    (e) =>
      e.change !== 'unchanged' || e.findings.some((x) => x.status !== 'existing') || newViolations.has(e.id),
  );
  // Ordered by what is new, as in the comment: the most severe new finding or violation first.
  const newest = (e: ReportEndpoint) =>
    maxOf(
      [
        ...e.findings.filter((x) => x.status === 'new' && !x.suppressed).map((x) => severityRank(x.severity)),
        ...(newViolations.get(e.id) ?? []).map((v) => severityRank(v.severity)),
      ],
      -1,
    );
  shown.sort((a, b) => newest(b) - newest(a));
  if (shown.length === 0 && spec.analysed) lines.push('  No endpoint changes.');
  for (const e of shown) {
    lines.push(
      `  ${MARK[e.change]} ${oneLine(`${e.method} ${e.path}`)}  ${e.change}  ${scoreText(e)}  ${oneLine(e.location.file)}:${e.location.line}`,
    );
    const own = e.changes.filter((c) => !documentLevel.has(changeKey(c)));
    for (const c of own) lines.push(`      ${changeLine(c)}`);
    if (own.length === 0 && e.changes.length > 0)
      lines.push('      (document-level changes only, listed above)');
    const fresh = e.findings.filter((x) => x.status === 'new' && !x.suppressed);
    if (fresh.length > 0) {
      lines.push('    New findings:');
      for (const finding of fresh) pushAll(lines, findingLines(finding, '      ', false));
    }
    const fixed = e.findings.filter((x) => x.status === 'fixed' && !x.suppressed);
    if (fixed.length > 0)
      lines.push(
        '    Fixed:',
        ...fixed.map((x) => `      ✓ ${x.severity} ${x.ruleId}  ${oneLine(x.message)}`),
      );
    const broken = newViolations.get(e.id) ?? [];
    if (broken.length > 0) {
      lines.push('    New policy violations:');
      for (const v of broken) {
        const rule = restated.get(v);
        // A violation restating a finding adds only its policy's name and severity.
        if (rule) lines.push(`      ${v.severity.toUpperCase()} ${oneLine(v.policy)}  (the ${rule} finding)`);
        else
          lines.push(
            `      ${v.severity.toUpperCase()} ${oneLine(v.policy)}  ${oneLine(v.location.file)}:${v.location.line}`,
            `        ${oneLine(v.message)}`,
            `        fix: ${oneLine(v.remediation)}`,
          );
      }
    }
    const existing = e.findings.filter((x) => x.status === 'existing' && !x.suppressed).length;
    if (existing > 0)
      lines.push(
        `    (${existing} existing finding${existing === 1 ? '' : 's'} not introduced by this change: see --format json)`,
      );
  }
  return lines;
}

/** `--traffic`: one line of counts (the shadow and zombie endpoints are findings, listed above). */
function trafficLines(spec: ReportSpec): string[] {
  const t = spec.traffic;
  if (!t) return [];
  return [
    `  traffic: ${t.requests} requests, ${t.matched} matched; ${t.shadow.length} shadow, ${t.zombie.length} zombie, ${t.unused.length} never called${
      t.otherHosts.length > 0
        ? `; ${t.otherHosts.reduce((n, h) => n + h.requests, 0)} to hosts no document describes (${t.otherHosts
            .map((h) => oneLine(h.host))
            .slice(0, 5)
            .join(', ')})`
        : ''
    }`,
  ];
}

function renderScanSpec(spec: ReportSpec, violations: ReportViolation[]): string[] {
  const lines = [header(spec)];
  const m = spec.metrics.head;
  if (m) {
    lines.push(
      `  ${m.endpoints} endpoints; average risk ${m.averageScore}; bands: ${m.perBand.critical} critical, ${m.perBand.high} high, ${m.perBand.medium} medium, ${m.perBand.low} low`,
      `  documented ${m.documentedPercent}%, authentication ${m.authenticationCoveragePercent}%, TLS ${m.tlsCoveragePercent}%, policy compliance ${m.policyCompliancePercent}%`,
    );
  }
  for (const finding of spec.findings.filter((x) => !x.suppressed))
    pushAll(lines, findingLines(finding, '  ', true));
  const top = [...spec.endpoints]
    .sort((a, b) => (b.score.head ?? 0) - (a.score.head ?? 0) || a.id.localeCompare(b.id))
    .slice(0, TOP_RISKS);
  if (top.length > 0) lines.push(`  Top ${top.length} risks:`);
  for (const e of top) {
    const count = e.findings.filter((x) => !x.suppressed).length;
    const policies = violations.filter((v) => v.endpoint === e.id).map((v) => v.policy);
    lines.push(
      `    ${String(e.score.head ?? 0).padStart(3)} ${e.score.level ?? ''}  ${oneLine(`${e.method} ${e.path}`)}  (${e.classification}; ${count} finding${count === 1 ? '' : 's'}${policies.length > 0 ? `; violates ${policies.join(', ')}` : ''})  ${oneLine(e.location.file)}:${e.location.line}`,
    );
    for (const x of e.findings.filter(
      (y) => !y.suppressed && (y.severity === 'critical' || y.severity === 'high'),
    )) {
      lines.push(`        ${x.severity} ${x.ruleId}: ${oneLine(x.message)}`);
    }
  }
  return lines;
}

function scoreText(e: ReportEndpoint): string {
  const { base, head, level } = e.score;
  if (base === null && head === null) return '';
  if (base === null || head === null || base === head) return `score ${head ?? base} (${level})`;
  return `score ${base} → ${head} (${level})`;
}

function findingLines(x: ReportedFinding, indent: string, documentLevel: boolean): string[] {
  return [
    `${indent}${x.severity.toUpperCase()} ${x.ruleId}  ${oneLine(x.location.file)}:${x.location.line}:${x.location.column}`,
    `${indent}  ${oneLine(x.message)}`,
    `${indent}  fix: ${oneLine(x.remediation)}`,
    `${indent}  suppress: ${documentLevel ? configSuppression(x) : inlineSuppression(x, false)}`,
  ];
}

/** Document-level changes are listed once above the endpoints, not under each of them. */
function changeKey(c: ReportChange): string {
  return `${c.kind}|${c.location.file}|${c.location.pointer}|${c.message}`;
}

function changeLine(c: ReportChange): string {
  return `${c.breaking ? '! ' : '· '}${oneLine(c.message)}  ${oneLine(c.location.file)}:${c.location.line}`;
}

/** Terminal-safe: no control characters (escape sequences) from a document reach the log. */
export function oneLine(text: string): string {
  // Bidi overrides and zero-width characters shown as `<U+202E>`: a path cannot pass for another one.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return showInvisible(text).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
