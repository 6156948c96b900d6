// Which new findings and violations become line annotations: most severe first, within GitHub's
// per-step limits (10 errors, 10 warnings, 10 notices are displayed, the first ones printed; 50 per job),
// leaving room for the step's own messages printed after them; the rest are in the summary and SARIF.
import { type Severity, severityRank } from '../findings.js';
import { logText } from './escape.js';
import type { Report, ReportSpec, ReportViolation } from './json.js';

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
  const queue = new AnnotationQueue(report.mode, perLevel);
  for (const spec of report.specs) queue.addFindings(spec);
  queue.addViolations(report.violations);
  return queue.selection();
}

interface Queued extends Annotation {
  /** Report order: every document's findings, then the violations (as `selectAnnotations` reads them). */
  order: number;
}

/** Violations sort after every finding of equal rank, however many findings come later in a streamed run. */
const VIOLATION_ORDER = 2 ** 40;

const byRank = (a: Queued, b: Queued) =>
  severityRank(b.severity) - severityRank(a.severity) ||
  a.file.localeCompare(b.file) ||
  a.line - b.line ||
  a.order - b.order;

/**
 * The annotations of a run gathered one document at a time (the action's inventory of thousands; a whole
 * report goes through it the same way): only those a level may still show are held, the rest counted.
 */
export class AnnotationQueue {
  private items: Queued[] = [];
  private findings = 0;
  private violations = 0;
  private dropped = 0;

  constructor(
    private readonly mode: Report['mode'],
    private readonly perLevel = ANNOTATIONS_PER_LEVEL,
  ) {}

  /** A document's findings: its own, then its endpoints'. New ones only when the run judges a change. */
  addFindings(spec: ReportSpec): void {
    for (const list of [spec.findings, ...spec.endpoints.map((e) => e.findings)])
      for (const f of list) {
        const level = LEVEL[f.severity];
        if (!level || f.suppressed || (this.mode === 'diff' && f.status !== 'new')) continue;
        this.push({
          level,
          // Workflow-command data and properties: `@actions/core` escapes CR and LF, `logText` the rest.
          file: logText(f.location.file),
          line: f.location.line,
          column: f.location.column,
          title: `${f.severity}: ${f.ruleId}`,
          message: `${logText(f.message)}\nFix: ${logText(f.remediation)}`,
          severity: f.severity,
          order: this.findings++,
        });
      }
  }

  addViolations(violations: readonly ReportViolation[]): void {
    for (const v of violations) {
      const level = LEVEL[v.severity];
      if (!level || (this.mode === 'diff' && v.status !== 'new')) continue;
      this.push({
        level,
        file: logText(v.location.file),
        line: v.location.line,
        column: v.location.column,
        title: logText(`${v.severity}: policy ${v.policy}`),
        message: `${logText(v.message)}\nFix: ${logText(v.remediation)}`,
        severity: v.severity,
        order: VIOLATION_ORDER + this.violations++,
      });
    }
  }

  /** Most severe first, then by file and line; per level at most what GitHub shows, less the reserve. */
  selection(): { shown: Annotation[]; omitted: number } {
    this.cut();
    return { shown: this.items.map(({ order: _, ...a }) => a), omitted: this.dropped };
  }

  private push(item: Queued): void {
    this.items.push(item);
    if (this.items.length >= 4 * this.perLevel + 1024) this.cut();
  }

  /** Keeps the best each level may show; the rest are counted (one never comes back). */
  private cut(): void {
    this.items.sort(byRank);
    const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
    const kept = this.items.filter((a) => used[a.level]++ < this.perLevel - RESERVED_PER_LEVEL[a.level]);
    this.dropped += this.items.length - kept.length;
    this.items = kept;
  }
}
