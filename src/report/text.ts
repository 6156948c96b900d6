// Plain-text rendering of a report for terminals and CI logs.
import type { Report, ReportChange, ReportEndpoint, ReportSpec } from './json.js';

const MARK: Record<ReportEndpoint['change'], string> = { added: '+', removed: '-', modified: '~', unchanged: ' ' };

export function renderText(report: Report): string {
  const lines: string[] = report.mode === 'diff' ? ['Legend: + added  - removed  ~ modified;  ! breaking change  · non-breaking change', ''] : [];
  for (const spec of report.specs) lines.push(...renderSpec(spec, report.mode), '');
  if (report.errors.length > 0) {
    lines.push(`Problems (${report.errors.length}):`);
    for (const e of report.errors) lines.push(`  ${e.file}:${e.line}:${e.column}  ${oneLine(e.message)}`);
    lines.push('');
  }
  const { added, removed, modified, unchanged } = report.summary.endpoints;
  lines.push(
    report.mode === 'diff'
      ? `Endpoints: ${added} added, ${removed} removed, ${modified} modified, ${unchanged} unchanged.`
      : `Endpoints: ${unchanged} in ${report.specs.length} document${report.specs.length === 1 ? '' : 's'}.`,
  );
  lines.push(report.blocked ? `Verdict: BLOCKED (fail-on ${report.failOn}).` : `Verdict: passed (fail-on ${report.failOn}).`);
  return `${lines.join('\n')}\n`;
}

function renderSpec(spec: ReportSpec, mode: Report['mode']): string[] {
  const version = spec.version.base === spec.version.head ? (spec.version.head ?? '') : `${spec.version.base ?? '∅'} → ${spec.version.head ?? '∅'}`;
  const lines = [`${oneLine(spec.path)}  [${spec.status}]${version ? `  version ${oneLine(version)}` : ''}`];
  if (spec.changes.length > 0) {
    lines.push('  Document-level changes:');
    for (const c of spec.changes) lines.push(`    ${changeLine(c)}  (${c.endpoints.length} endpoint${c.endpoints.length === 1 ? '' : 's'})`);
  }
  const shown = mode === 'scan' ? spec.endpoints : spec.endpoints.filter((e) => e.change !== 'unchanged');
  if (mode === 'diff' && shown.length === 0) lines.push('  No endpoint changes.');
  const documentLevel = new Set(spec.changes.map(changeKey));
  for (const e of shown) {
    lines.push(`  ${MARK[e.change]} ${oneLine(e.id === `${e.method} ${e.path}` ? e.id : `${e.method} ${e.path}`)}  ${e.change === 'unchanged' ? e.classification : e.change}  ${e.location.file}:${e.location.line}`);
    const own = e.changes.filter((c) => !documentLevel.has(changeKey(c)));
    for (const c of own) lines.push(`      ${changeLine(c)}`);
    if (own.length === 0 && e.changes.length > 0) lines.push('      (document-level changes only, listed above)');
  }
  return lines;
}

/** Document-level changes are listed once above the endpoints, not under each of them. */
function changeKey(c: ReportChange): string {
  return `${c.kind}|${c.location.file}|${c.location.pointer}|${c.message}`;
}

function changeLine(c: ReportChange): string {
  return `${c.breaking ? '! ' : '· '}${oneLine(c.message)}  ${c.location.file}:${c.location.line}`;
}

/** Terminal-safe: no control characters (escape sequences) from a document reach the log. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
