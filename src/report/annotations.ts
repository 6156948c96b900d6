// Which new findings and violations become line annotations: most severe first, within GitHub's
// per-step limits (10 errors, 10 warnings, 10 notices are displayed, the first ones printed; 50 per job),
// leaving room for the step's own messages printed after them; the rest are in the summary and SARIF.
import { type Severity, severityRank } from '../findings.js';
import { logText } from './escape.js';
import type { Report } from './json.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  file: string;
  line: number;
  column: number;
  title: string;
  message: string;
  severity: Severity;
}

export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * Slots left per level for what the action prints after the findings' annotations, which GitHub would
 * otherwise drop: the verdict (`blocked`, an error), a comment or summary that could not be written
 * (warnings), the comment's notes (a notice).
 */
export const RESERVED_PER_LEVEL: Record<AnnotationLevel, number> = { error: 1, warning: 2, notice: 1 };

const LEVEL: Record<Severity, AnnotationLevel | undefined> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: undefined,
};

export function selectAnnotations(
  report: Report,
  perLevel = ANNOTATIONS_PER_LEVEL,
): { shown: Annotation[]; omitted: number } {
  const all: Annotation[] = [];
  for (const spec of report.specs) {
    for (const f of [...spec.findings, ...spec.endpoints.flatMap((e) => e.findings)]) {
      const level = LEVEL[f.severity];
      if (!level || f.suppressed || (report.mode === 'diff' && f.status !== 'new')) continue;
      all.push({
        level,
        // Workflow-command data and properties: `@actions/core` escapes CR and LF, `logText` the rest.
        file: logText(f.location.file),
        line: f.location.line,
        column: f.location.column,
        title: `${f.severity}: ${f.ruleId}`,
        message: `${logText(f.message)}\nFix: ${logText(f.remediation)}`,
        severity: f.severity,
      });
    }
  }
  for (const v of report.violations) {
    const level = LEVEL[v.severity];
    if (!level || (report.mode === 'diff' && v.status !== 'new')) continue;
    all.push({
      level,
      file: logText(v.location.file),
      line: v.location.line,
      column: v.location.column,
      title: logText(`${v.severity}: policy ${v.policy}`),
      message: `${logText(v.message)}\nFix: ${logText(v.remediation)}`,
      severity: v.severity,
    });
  }
  all.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) || a.file.localeCompare(b.file) || a.line - b.line,
  );
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const shown = all.filter((a) => used[a.level]++ < perLevel - RESERVED_PER_LEVEL[a.level]);
  return { shown, omitted: all.length - shown.length };
}
