// The PR comment and the job summary, rendered from the JSON report. Reviewer first: the verdict,
// then what changed and what is new, then the rest collapsed. Every document string is escaped.
import type { ReportedFinding } from '../findings.js';
import { pushAll } from '../util/arrays.js';
import { code, escapeText, inline, lineLink } from './escape.js';
import {
  type Metrics,
  newViolationsByEndpoint,
  type Report,
  type ReportEndpoint,
  type ReportSpec,
  type ReportViolation,
} from './json.js';
import { configSuppression, inlineSuppression } from './suppress-hint.js';

/** Finds the comment again on the next run: it is edited in place, never posted twice. */
export const COMMENT_MARKER = '<!-- api-posture:pr-comment -->';
/** GitHub rejects comments above 65,536 characters; keep a margin for the truncation note. */
export const COMMENT_LIMIT = 65_536;

export interface MarkdownContext {
  /** `https://github.com/owner/repo/blob/<head sha>`, for links to the exact line. */
  blobBase?: string;
  /** Where the rest is when the comment is truncated (the run's summary page). */
  runUrl?: string;
  /** The JSON report and SARIF file names, mentioned when the comment is truncated. */
  reportFile?: string;
  sarifFile?: string;
}

const ICON: Record<string, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };
const BAND_RANK: Record<string, number> = { critical: 3, high: 2, medium: 1, low: 0 };

export function renderComment(report: Report, ctx: MarkdownContext = {}): string {
  return fitWithin([COMMENT_MARKER, ...sections(report, ctx, false)], COMMENT_LIMIT, ctx);
}

/** GitHub refuses a step's job summary above 1 MiB, counted in bytes of UTF-8. */
export const SUMMARY_LIMIT_BYTES = 1_048_576;
/** What the summary may use: in bytes, as GitHub counts, with room to spare under its limit. */
export const SUMMARY_BUDGET_BYTES = 1_000_000;

/** The job summary: the whole report (existing findings included), within the 1 MiB summary limit. */
export function renderSummary(report: Report, ctx: MarkdownContext = {}): string {
  const parts = report.mode === 'scan' ? inventorySections(report, ctx) : sections(report, ctx, true);
  return fitWithin(parts, SUMMARY_BUDGET_BYTES, ctx, utf8Bytes);
}

/** A comment's limit is in characters: UTF-16 units are never fewer. */
function utf16Units(text: string): number {
  return text.length;
}

/** The summary's limit is in bytes: an emoji or a CJK path costs 3–4 of them per character. */
function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Joins sections until the limit (in `size` units), then says what was left out and where to find it. */
function fitWithin(
  parts: string[],
  limit: number,
  ctx: MarkdownContext,
  size: (text: string) => number = utf16Units,
): string {
  const note = (left: number) =>
    `\n> ✂️ ${left} more section${left === 1 ? '' : 's'} did not fit in ${limit === COMMENT_LIMIT ? 'a PR comment' : 'the job summary'}. The full report is in ${[
      ctx.runUrl ? `the [job summary](${ctx.runUrl})` : 'the job summary',
      ctx.reportFile ? `the JSON report (${code(ctx.reportFile)})` : 'the JSON report',
      ctx.sarifFile ? `the SARIF file (${code(ctx.sarifFile)})` : 'SARIF',
    ].join(', ')}.\n`;
  // The note names files from the inputs: measured, not guessed (its count never has more digits than this).
  const reserve = size(note(parts.length)) + 16;
  let out = '';
  let used = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = `${parts[i]}\n`;
    const cost = size(part);
    if (used + cost + reserve > limit) return out + note(parts.length - i);
    out += part;
    used += cost;
  }
  return out;
}

function sections(report: Report, ctx: MarkdownContext, full: boolean): string[] {
  const out: string[] = [verdict(report)];
  pushAll(out, waiverSection(report, ctx));
  const specs = [...report.specs].sort((a, b) => worstBand(b) - worstBand(a) || a.path.localeCompare(b.path));
  for (const spec of specs) {
    const violations = report.violations.filter((v) => v.spec === spec.path);
    pushAll(out, specSections(spec, violations, ctx, full));
  }
  out.push(footer(report, ctx));
  return out;
}

/** Shown at most in the comment; the JSON report has them all. */
const MAX_WAIVERS_SHOWN = 50;

/** What the PR asked to be judged by about its own endpoints, right under the verdict (SPEC §9). */
function waiverSection(report: Report, ctx: MarkdownContext): string[] {
  const requests = report.specs.flatMap((s) => s.waiverRequests ?? []);
  if (requests.length === 0) return [];
  const denied = requests.filter((r) => !r.granted).length;
  const items = requests
    .slice(0, MAX_WAIVERS_SHOWN)
    .map(
      (r) =>
        `- ${r.granted ? '⚠️ granted' : '🚫 not granted'}: ${inline(r.message)} — ${lineLink(r.location.file, r.location.line, ctx.blobBase)}`,
    );
  if (requests.length > MAX_WAIVERS_SHOWN)
    items.push(`- … and ${requests.length - MAX_WAIVERS_SHOWN} more in the JSON report`);
  return [
    `**This PR asks to waive ${requests.length} check${requests.length === 1 ? '' : 's'} on its own changes** (${denied} not granted: judged with the base's values; the base config's \`trust\` decides)\n\n${items.join('\n')}\n`,
  ];
}

function worstBand(spec: ReportSpec): number {
  if (!spec.analysed) return BAND_RANK.critical! + 1; // its failure is the verdict's reason: first
  return Math.max(
    -1,
    ...spec.endpoints
      .filter((e) => e.change !== 'unchanged')
      .map((e) => BAND_RANK[e.score.level ?? 'low'] ?? 0),
  );
}

function count(c: Record<string, number>): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

function severityList(c: Record<string, number>): string {
  return (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((s) => (c[s] ?? 0) > 0)
    .map((s) => `${c[s]} ${s}`)
    .join(', ');
}

function verdict(report: Report): string {
  const { findings, violations, endpoints } = report.summary;
  const head = report.blocked
    ? `### ⛔ api-posture: blocked — ${escapeText(report.summary.verdict)}`
    : `### ✅ api-posture: passed — ${escapeText(report.summary.verdict)}`;
  const facts = [
    `**${count(findings.new)}** new finding${count(findings.new) === 1 ? '' : 's'}${count(findings.new) > 0 ? ` (${severityList(findings.new)})` : ''}`,
    `**${count(violations.new)}** new policy violation${count(violations.new) === 1 ? '' : 's'}`,
    `**${count(findings.fixed)}** fixed`,
    `${endpoints.added} added · ${endpoints.removed} removed · ${endpoints.modified} modified endpoint${endpoints.modified === 1 ? '' : 's'}`,
  ];
  return `${head}\n\n${failureNotes(report)}${facts.join(' · ')}\n\n<sub>fail-on: ${report.failOn} · scope: ${report.failOnScope} · ${report.tool.name} ${report.tool.version}</sub>\n`;
}

/** Fail closed, said before anything else: which document cannot be analysed, where, and what it means. */
function failureNotes(report: Report): string {
  const notes = report.specs.flatMap((spec) => {
    const f = spec.failure;
    if (!f) return [];
    const n = spec.notAssessed?.length ?? 0;
    const what = `> ${report.blocked ? '⛔' : '⚠️'} **${code(spec.path)} cannot be analysed** — ${code(`${f.file}:${f.line}:${f.column}`)}: ${inline(f.message)}`;
    if (report.mode === 'scan') return [`${what}\n`];
    return [
      `${what}\n>\n> Its ${n} endpoint${n === 1 ? ' is' : 's are'} **not assessed** (not removed), and no finding counts as fixed: the gate stays closed until the document can be read.\n`,
    ];
  });
  return notes.length > 0 ? `${notes.join('\n')}\n` : '';
}

/** The endpoints a document that cannot be analysed leaves unjudged, in place of its endpoint table. */
function notAssessedNote(spec: ReportSpec): string {
  const ids = spec.notAssessed ?? [];
  if (ids.length === 0) return '**Not analysed**: no endpoint could be read.\n';
  return details(
    `❔ ${ids.length} endpoint${ids.length === 1 ? '' : 's'} not assessed (the document cannot be analysed; not removed)`,
    cappedList(ids, (id) => `- ${code(id)}`, 16_000, 'the JSON report'),
  );
}

function specSections(
  spec: ReportSpec,
  violations: ReportViolation[],
  ctx: MarkdownContext,
  full: boolean,
): string[] {
  const out: string[] = [];
  const newViolations = newViolationsByEndpoint(violations);
  // Riskiest first, in the table and in the details below it.
  const changed = spec.endpoints
    .filter(
      (e) =>
        e.change !== 'unchanged' ||
        e.findings.some((f) => f.status === 'new' || f.status === 'fixed') ||
        newViolations.has(e.id),
    )
    .sort(
      (a, b) =>
        (b.score.head ?? b.score.base ?? 0) - (a.score.head ?? a.score.base ?? 0) || a.id.localeCompare(b.id),
    );
  const title = `#### ${code(spec.path)} — ${spec.status}${spec.version.base !== spec.version.head ? ` (${escapeText(spec.version.base ?? '∅')} → ${escapeText(spec.version.head ?? '∅')})` : ''}`;
  out.push(spec.analysed ? title : `#### ${code(spec.path)} — ${spec.status} — **not analysed**`);
  if (!spec.analysed) out.push(notAssessedNote(spec));
  else if (changed.length === 0) out.push('No endpoint changes.\n');
  else out.push(endpointTable(changed, newViolations));

  const docNew = spec.findings.filter((f) => f.status === 'new' && !f.suppressed);
  if (docNew.length > 0) {
    out.push(
      `**New findings on the document**\n\n${docNew.map((f) => findingItem(f, ctx, true)).join('\n')}\n`,
    );
  }
  for (const e of changed) {
    const fresh = e.findings.filter((f) => f.status === 'new' && !f.suppressed);
    const broken = newViolations.get(e.id) ?? [];
    if (fresh.length === 0 && broken.length === 0) continue;
    const items = [
      ...fresh.map((f) => findingItem(f, ctx, false)),
      ...broken.map((v) => violationItem(v, ctx)),
    ];
    out.push(
      `**${code(`${e.method} ${e.path}`)}** · ${e.change} · risk ${scoreCell(e)}\n\n${items.join('\n')}\n`,
    );
  }
  // A long list is cut where it passes its share of the budget (and is not rendered past it): a cut list
  // with a pointer to the rest beats a section dropped whole, and a 7,000-item list costs time to escape.
  const listBudget = full ? 300_000 : 16_000;
  const rest = full ? 'the JSON report and SARIF' : 'the job summary';
  const breaking = changed.flatMap((e) => e.changes.filter((c) => c.breaking).map((c) => ({ e, c })));
  if (breaking.length > 0) {
    out.push(
      details(
        `💥 ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'} for clients`,
        cappedList(
          breaking,
          ({ e, c }) =>
            `- ${code(`${e.method} ${e.path}`)}: ${inline(c.message)} (${lineLink(c.location.file, c.location.line, ctx.blobBase)})`,
          listBudget,
          rest,
        ),
      ),
    );
  }
  const everyFinding = [...spec.findings, ...spec.endpoints.flatMap((e) => e.findings)];
  const fixed = everyFinding.filter((f) => f.status === 'fixed' && !f.suppressed);
  if (fixed.length > 0) {
    out.push(
      details(
        `✅ ${fixed.length} finding${fixed.length === 1 ? '' : 's'} fixed`,
        cappedList(
          fixed,
          (f) => `- ${ICON[f.severity]} ${f.severity} \`${f.ruleId}\` — ${inline(f.message)}`,
          listBudget,
          rest,
        ),
      ),
    );
  }
  if (spec.metrics.head) out.push(metricsTable(spec.metrics.base, spec.metrics.head));
  const existing = everyFinding.filter((f) => f.status === 'existing' && !f.suppressed);
  if (existing.length > 0) {
    out.push(
      details(
        `📋 ${existing.length} existing finding${existing.length === 1 ? '' : 's'} (not introduced by this PR)`,
        cappedList(
          full ? existing : existing.slice(0, 50),
          (f) =>
            `- ${ICON[f.severity]} ${f.severity} \`${f.ruleId}\` — ${inline(f.message)} (${lineLink(f.location.file, f.location.line, ctx.blobBase)})`,
          listBudget,
          rest,
          existing.length,
        ),
      ),
    );
  }
  const suppressed = everyFinding.filter((f) => f.suppressed && f.status !== 'fixed');
  if (suppressed.length > 0) {
    out.push(
      details(
        `🔕 ${suppressed.length} suppressed`,
        cappedList(
          suppressed,
          (f) =>
            `- \`${f.ruleId}\` — ${inline(f.message)}: _${escapeText(f.suppressed!.reason)}_${f.suppressed!.expires ? ` (until ${escapeText(f.suppressed!.expires)})` : ''}`,
          listBudget,
          rest,
        ),
      ),
    );
  }
  return out;
}

/**
 * One line per item until `budget` characters, then "… and N more in `rest`". `total` counts items not
 * passed in (a list already cut to its first 50).
 */
function cappedList<T>(
  items: T[],
  render: (item: T) => string,
  budget: number,
  rest: string,
  total = items.length,
): string {
  const lines: string[] = [];
  let size = 0;
  for (const item of items) {
    const line = render(item);
    if (size + line.length > budget && lines.length > 0) break;
    lines.push(line);
    size += line.length + 1;
  }
  const more = total - lines.length;
  return more > 0 ? `${lines.join('\n')}\n- … and ${more} more in ${rest}` : lines.join('\n');
}

function endpointTable(endpoints: ReportEndpoint[], newViolations: Map<string, ReportViolation[]>): string {
  const rows = endpoints
    .slice()
    .sort(
      (a, b) =>
        (b.score.head ?? b.score.base ?? 0) - (a.score.head ?? a.score.base ?? 0) || a.id.localeCompare(b.id),
    )
    .map((e) => {
      const fresh = e.findings.filter((f) => f.status === 'new' && !f.suppressed);
      const counts: Record<string, number> = {};
      for (const f of fresh) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
      const broken = newViolations.get(e.id)?.length ?? 0;
      const news =
        [severityList(counts), broken > 0 ? `${broken} polic${broken === 1 ? 'y' : 'ies'}` : '']
          .filter(Boolean)
          .join(', ') || '—';
      return `| ${ICON[e.score.level ?? 'low']} | ${code(e.method)} | ${code(e.path)} | ${e.change} | ${scoreCell(e)} | ${news} |`;
    });
  return `| | Method | Path | Change | Risk (base → head) | New |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
}

function scoreCell(e: ReportEndpoint): string {
  const { base, head, level } = e.score;
  if (head === null) return `${base ?? '—'} → removed`;
  if (base === null || base === head) return `**${head}** ${level}`;
  const arrow = head > base ? '↑' : '↓';
  return `${base} → **${head}** ${level} ${arrow}`;
}

function findingItem(f: ReportedFinding, ctx: MarkdownContext, documentLevel: boolean): string {
  const snippet = documentLevel ? configSuppression(f) : inlineSuppression(f, false);
  return [
    `- ${ICON[f.severity]} **${f.severity}** \`${f.ruleId}\` — ${inline(f.message)} (${lineLink(f.location.file, f.location.line, ctx.blobBase)})`,
    `  <br>Fix: ${inline(f.remediation)}`,
    `  <details><summary>Suppress</summary>\n\n  \`\`\`yaml\n  ${snippet}\n  \`\`\`\n  </details>`,
  ].join('\n');
}

function violationItem(v: ReportViolation, ctx: MarkdownContext): string {
  return [
    `- ${ICON[v.severity]} **${v.severity}** policy \`${escapeCodeName(v.policy)}\` — ${inline(v.message)} (${lineLink(v.location.file, v.location.line, ctx.blobBase)})`,
    `  <br>Fix: ${inline(v.remediation)}`,
  ].join('\n');
}

/** Policy names come from the base commit's policy files, not from the PR, but are escaped all the same. */
function escapeCodeName(name: string): string {
  return name.replace(/[`|\n\r]/g, ' ');
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}

const TARGETS: {
  key: keyof Metrics;
  label: string;
  target: string;
  met: (m: Metrics) => boolean;
  unit: string;
}[] = [
  {
    key: 'documentedPercent',
    label: 'Documented',
    target: '> 95%',
    met: (m) => m.documentedPercent > 95,
    unit: '%',
  },
  {
    key: 'averageScore',
    label: 'Average risk score',
    target: '< 25',
    met: (m) => m.averageScore < 25,
    unit: '',
  },
  {
    key: 'criticalEndpoints',
    label: 'Critical-risk endpoints',
    target: '0',
    met: (m) => m.criticalEndpoints === 0,
    unit: '',
  },
  {
    key: 'shadowEndpoints',
    label: 'Shadow endpoints',
    target: '0',
    met: (m) => m.shadowEndpoints === 0,
    unit: '',
  },
  {
    key: 'authenticationCoveragePercent',
    label: 'Authentication coverage',
    target: '100%',
    met: (m) => m.authenticationCoveragePercent === 100,
    unit: '%',
  },
  {
    key: 'tlsCoveragePercent',
    label: 'TLS coverage',
    target: '100%',
    met: (m) => m.tlsCoveragePercent === 100,
    unit: '%',
  },
  {
    key: 'policyCompliancePercent',
    label: 'Policy compliance',
    target: '> 90%',
    met: (m) => m.policyCompliancePercent > 90,
    unit: '%',
  },
];

export function metricsTable(base: Metrics | null, head: Metrics): string {
  const rows = TARGETS.map(({ key, label, target, met, unit }) => {
    const h = `${head[key] as number}${unit}`;
    const b = base ? `${base[key] as number}${unit} → ` : '';
    return `| ${label} | ${b}${h} | ${target} | ${met(head) ? '✅' : '❌'} |`;
  });
  const bands = (m: Metrics) =>
    `${m.perBand.critical} / ${m.perBand.high} / ${m.perBand.medium} / ${m.perBand.low}`;
  rows.push(
    `| Endpoints (critical / high / medium / low) | ${base ? `${bands(base)} → ` : ''}${bands(head)} | | |`,
  );
  return details(
    '📊 Posture metrics',
    `| Metric | ${base ? 'Base → head' : 'Value'} | Target | Met |\n|---|---|---|---|\n${rows.join('\n')}`,
  );
}

function footer(report: Report, ctx: MarkdownContext): string {
  const where = [
    ctx.runUrl ? `[job summary](${ctx.runUrl})` : undefined,
    ctx.reportFile ? `JSON: ${code(ctx.reportFile)}` : undefined,
    ctx.sarifFile ? `SARIF: ${code(ctx.sarifFile)}` : undefined,
  ].filter(Boolean);
  return `<sub>${report.errors.length > 0 ? `⚠️ ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} reading the documents (see the findings). ` : ''}${where.length > 0 ? `Full report: ${where.join(' · ')}. ` : ''}Rules: [docs/rules](https://github.com/api-posture/api-posture/tree/main/docs/rules).</sub>`;
}

/** Inventory mode (push, schedule): every endpoint with its classification, score and data types. */
function inventorySections(report: Report, ctx: MarkdownContext): string[] {
  const out = [
    `### 📒 api-posture: API inventory and posture — ${report.specs.length} document${report.specs.length === 1 ? '' : 's'}, ${report.summary.endpoints.unchanged} endpoints\n`,
  ];
  for (const spec of report.specs) {
    out.push(
      `#### ${code(spec.path)}${spec.version.head ? ` — version ${escapeText(spec.version.head)}` : ''}`,
    );
    if (spec.failure)
      out.push(
        `> ⚠️ **Not analysed** — ${code(`${spec.failure.file}:${spec.failure.line}:${spec.failure.column}`)}: ${inline(spec.failure.message)}\n`,
      );
    if (spec.metrics.head)
      out.push(
        metricsTable(null, spec.metrics.head).replace(
          '<details><summary>📊 Posture metrics</summary>',
          '<details open><summary>📊 Posture metrics</summary>',
        ),
      );
    const top = [...spec.endpoints]
      .sort((a, b) => (b.score.head ?? 0) - (a.score.head ?? 0) || a.id.localeCompare(b.id))
      .slice(0, 20);
    if (top.length > 0) {
      out.push(
        `**Top ${top.length} risks**\n\n| Score | Method | Path | Classification | Worst findings |\n|---|---|---|---|---|\n${top
          .map((e) => {
            const worst = e.findings
              .filter((f) => !f.suppressed)
              .slice(0, 3)
              .map((f) => `${ICON[f.severity]} \`${f.ruleId}\``)
              .join(' ');
            return `| **${e.score.head ?? 0}** ${e.score.level ?? ''} | ${code(e.method)} | ${code(e.path)} | ${e.classification} | ${worst || '—'} |`;
          })
          .join('\n')}\n`,
      );
    }
    const rows = spec.endpoints.map(
      (e) =>
        `| ${code(e.method)} | ${code(e.path)} | ${e.classification} | ${e.score.head ?? 0} ${e.score.level ?? ''} | ${e.dataTypes.map((d) => code(d)).join(' ') || '—'} | ${e.findings.filter((f) => !f.suppressed).length} | ${lineLink(e.location.file, e.location.line, ctx.blobBase)} |`,
    );
    out.push(
      details(
        `All ${spec.endpoints.length} endpoints`,
        `| Method | Path | Classification | Score | Data | Findings | Where |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}`,
      ),
    );
    const docFindings = spec.findings.filter((f) => !f.suppressed);
    if (docFindings.length > 0) {
      out.push(
        details(
          `Document findings (${docFindings.length})`,
          docFindings
            .map((f) => `- ${ICON[f.severity]} ${f.severity} \`${f.ruleId}\` — ${inline(f.message)}`)
            .join('\n'),
        ),
      );
    }
  }
  out.push(footer(report, ctx));
  return out;
}
