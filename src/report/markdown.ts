// The PR comment and the job summary, rendered from the JSON report. Reviewer first: the verdict,
// then what changed and what is new, then the rest collapsed. Every document string is escaped.
import { SEVERITIES, severityRank } from '../findings.js';
import { byUrgencyKey, documentEntries, type Entry, type UrgencyKey, urgencyKey } from './entries.js';
import { code, escapeText, inline, lineLink } from './escape.js';
import {
  byImportance,
  type Metrics,
  type Report,
  type ReportEndpoint,
  type ReportSpec,
  type ReportTraffic,
  type ReportViolation,
} from './json.js';
import { type OmittedResults, SARIF_MAX_RESULTS, selectResults } from './sarif.js';
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
  /**
   * The workflow artifact the README's workflow uploads the report files as (the action's run): named
   * wherever the full report is pointed to, since the files themselves are gone when the job ends.
   */
  artifact?: string;
  /** Lines said right under the summary's title (e.g. a `specs` pattern that matches no file); escaped. */
  notes?: string[];
}

const ICON: Record<string, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };
const BAND_RANK: Record<string, number> = { critical: 3, high: 2, medium: 1, low: 0 };

export function renderComment(report: Report, ctx: MarkdownContext = {}): string {
  const comment = new ReviewMarkdown('comment', ctx, report);
  for (const [spec, violations] of byDocument(report)) comment.add(spec, violations);
  return comment.finish(report, ctx);
}

/** GitHub refuses a step's job summary above 1 MiB, counted in bytes of UTF-8. */
export const SUMMARY_LIMIT_BYTES = 1_048_576;
/** What the summary may use: in bytes, as GitHub counts, with room to spare under its limit. */
export const SUMMARY_BUDGET_BYTES = 1_000_000;

/** The job summary: the whole report (existing findings included), within the 1 MiB summary limit. */
export function renderSummary(report: Report, ctx: MarkdownContext = {}): string {
  const sarifOmitted = ctx.sarifFile ? selectResults(report).omitted : undefined;
  if (report.mode === 'scan') {
    const summary = new InventorySummary(ctx);
    for (const spec of report.specs) summary.add(spec);
    return summary.finish(ctx, inventoryTotals(report, sarifOmitted));
  }
  const summary = new ReviewMarkdown('summary', ctx, report);
  for (const [spec, violations] of byDocument(report)) summary.add(spec, violations);
  return summary.finish(report, ctx, sarifOmitted);
}

/** Each document with its own violations, in report order. */
function byDocument(report: Report): [ReportSpec, ReportViolation[]][] {
  const violations = new Map<string, ReportViolation[]>();
  for (const v of report.violations) {
    const list = violations.get(v.spec);
    if (list) list.push(v);
    else violations.set(v.spec, [v]);
  }
  return report.specs.map((spec) => [spec, violations.get(spec.path) ?? []]);
}

const noteLine = (note: string) => `> ⚠️ ${inline(note)}\n`;

/** What an inventory's summary says of the whole run, known once every document is in. */
export interface InventoryTotals {
  endpoints: number;
  errors: number;
  /** What the SARIF file left out, when one was written. */
  sarifOmitted?: OmittedResults;
}

/** An inventory's totals from its report's head (the summary's counts and the errors). */
export function inventoryTotals(
  head: Pick<Report, 'summary' | 'errors'>,
  sarifOmitted?: OmittedResults,
): InventoryTotals {
  return {
    endpoints: head.summary.endpoints.unchanged,
    errors: head.errors.length,
    ...(sarifOmitted ? { sarifOmitted } : {}),
  };
}

/** Wider than any count a run reaches: the reserve for the title, notes and footer is measured with it. */
const WIDEST_COUNT = 10 ** 15;

/**
 * The inventory's job summary (push, schedule) gathered one document at a time, in reading order: a
 * document's sections are kept while they fit in the budget, less the room the title, the notes, the
 * SARIF note and the footer take at their widest (written last, when the totals are known); what does not
 * fit is counted and said. At most the budget is held, however many documents come.
 */
export class InventorySummary {
  private readonly kept: string[] = [];
  private readonly room: number;
  private used = 0;
  private dropped = 0;
  private documents = 0;
  private readonly riskiest = new RiskiestDocuments();

  /**
   * `ctx`: the run's context with every file it means to write named (the widest footer), for the
   * reserve; `finish` is given the files that were written.
   */
  constructor(
    private readonly ctx: MarkdownContext,
    limit = SUMMARY_BUDGET_BYTES,
  ) {
    const widestTotals: InventoryTotals = {
      endpoints: WIDEST_COUNT,
      errors: WIDEST_COUNT,
      sarifOmitted: {
        total: WIDEST_COUNT,
        new: WIDEST_COUNT,
        bySeverity: Object.fromEntries(
          SEVERITIES.map((s) => [s, WIDEST_COUNT]),
        ) as OmittedResults['bySeverity'],
      },
    };
    const reserved = this.frame(ctx, widestTotals, WIDEST_COUNT, WIDEST_COUNT);
    this.room = limit - utf8Bytes(reserved.before + reserved.after) - RiskiestDocuments.MAX_BYTES - 16;
  }

  add(spec: ReportSpec): void {
    this.documents++;
    this.riskiest.add(spec);
    for (const section of documentSections(spec, this.ctx)) {
      const text = `${section}\n`;
      const size = utf8Bytes(text);
      if (this.used + size > this.room) this.dropped++;
      else {
        this.kept.push(text);
        this.used += size;
      }
    }
  }

  /** The summary: the title and notes, the sections that fit, the SARIF note, the footer, what was left out. */
  finish(ctx: MarkdownContext, totals: InventoryTotals): string {
    const { before, after } = this.frame(ctx, totals, this.documents, this.dropped);
    const overview = this.documents > 1 ? this.riskiest.render(this.documents) : '';
    return before + overview + this.kept.join('') + after;
  }

  private frame(
    ctx: MarkdownContext,
    totals: InventoryTotals,
    documents: number,
    dropped: number,
  ): { before: string; after: string } {
    const title = `### 📒 api-posture: API inventory and posture — ${documents} document${documents === 1 ? '' : 's'}, ${totals.endpoints} endpoints\n`;
    const notes = (ctx.notes ?? []).map(noteLine);
    const sarif = ctx.sarifFile && totals.sarifOmitted ? sarifNote(totals.sarifOmitted, ctx) : undefined;
    const after = [
      ...(sarif ? [`${sarif}\n`] : []),
      `${footer(totals.errors, ctx, true)}\n`,
      ...(dropped > 0 ? [cutNote(dropped, ctx, true)] : []),
    ];
    return { before: [`${title}\n`, ...notes.map((n) => `${n}\n`)].join(''), after: after.join('') };
  }
}

/** One document of an inventory, as the overview ranks and shows it. */
interface DocumentRisk {
  path: string;
  endpoints: number;
  critical: number;
  high: number;
  averageScore: number;
  authPercent: number;
  tlsPercent: number;
  findings: number;
}

/**
 * The inventory's riskiest documents, for the summary's first table: a reviewer of a monorepo's posture
 * sees where to look before the documents in path order. Ranked by critical-risk endpoints, then high,
 * then average score; documents that could not be analysed are left to their own sections. At most
 * `ROWS` are held, whatever the number of documents.
 */
class RiskiestDocuments {
  static readonly ROWS = 25;
  /** A row's path is cut to keep it under this many bytes: the table's size is reserved before it is known. */
  private static readonly ROW_BYTES = 1_000;
  static readonly MAX_BYTES = 1_000 + RiskiestDocuments.ROWS * RiskiestDocuments.ROW_BYTES;
  private items: DocumentRisk[] = [];
  private unanalysed = 0;

  add(spec: ReportSpec): void {
    const m = spec.metrics.head;
    if (!spec.analysed || spec.failure || !m) {
      this.unanalysed++;
      return;
    }
    let findings = spec.findings.filter((f) => !f.suppressed).length;
    for (const e of spec.endpoints) for (const f of e.findings) if (!f.suppressed) findings++;
    this.items.push({
      path: spec.path,
      endpoints: m.endpoints,
      critical: m.perBand.critical,
      high: m.perBand.high,
      averageScore: m.averageScore,
      authPercent: m.authenticationCoveragePercent,
      tlsPercent: m.tlsCoveragePercent,
      findings,
    });
    if (this.items.length >= 4 * RiskiestDocuments.ROWS) this.cut();
  }

  render(documents: number): string {
    this.cut();
    if (this.items.length === 0) return '';
    const unanalysed = this.unanalysed > 0 ? `; ${this.unanalysed} not analysed, in their sections` : '';
    const rows = this.items.map((d) => {
      let path = code(d.path);
      if (utf8Bytes(path) > RiskiestDocuments.ROW_BYTES - 200) path = code(`…${d.path.slice(-150)}`);
      return `| ${path} | ${d.endpoints} | ${d.critical} / ${d.high} | ${d.averageScore} | ${d.authPercent}% | ${d.tlsPercent}% | ${d.findings} |`;
    });
    return `**Riskiest documents** (${this.items.length} of ${documents}, by critical-risk endpoints, then high, then average score${unanalysed})\n\n| Document | Endpoints | Critical / high | Average score | Authentication | TLS | Findings |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n\n`;
  }

  private cut(): void {
    this.items.sort(
      (a, b) =>
        b.critical - a.critical ||
        b.high - a.high ||
        b.averageScore - a.averageScore ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    this.items = this.items.slice(0, RiskiestDocuments.ROWS);
  }
}

/** Said when the SARIF file holds fewer results than the report: how many were left out, and which. */
function sarifNote(omitted: OmittedResults, ctx: MarkdownContext): string | undefined {
  if (!ctx.sarifFile || omitted.total === 0) return undefined;
  const bySeverity = SEVERITIES.filter((s) => omitted.bySeverity[s] > 0)
    .map((s) => `${omitted.bySeverity[s]} ${s}`)
    .join(', ');
  return `> ℹ️ The SARIF file (${code(ctx.sarifFile)}) holds ${SARIF_MAX_RESULTS.toLocaleString('en-US')} results, the most code scanning keeps in a run (new first, then the most severe); **${omitted.total.toLocaleString('en-US')} more** (${omitted.new} new; ${bySeverity}) are only in the JSON report${ctx.reportFile ? ` (${code(ctx.reportFile)})` : ''}. They are counted in the SARIF run's \`properties.omittedResults\`.\n`;
}

/** A comment's limit is in characters: UTF-16 units are never fewer. */
function utf16Units(text: string): number {
  return text.length;
}

/** The summary's limit is in bytes: an emoji or a CJK path costs 3–4 of them per character. */
function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * A section: whole text, kept or dropped; or a list, cut to what fits with "… and N more" naming where the
 * rest is. `priority` decides what is kept when not everything fits (lower first); the comment still reads
 * in the order the parts are given.
 */
interface Part {
  priority: number;
  text?: string;
  list?: ListPart;
  /** A document's title: the document's other parts are shown only under it. */
  under?: Part;
}

interface ListPart {
  head: string;
  items: string[];
  /** All items, including those not rendered (`items` may already be cut at the list's own budget). */
  total: number;
  /** Where the items left out are, in the context the text is finished with (the files then written). */
  rest: (ctx: MarkdownContext) => string;
  tail: string;
  /** Items to try, one line each, when `items` do not fit whole (the blocking findings). */
  compact?: string[];
  /** Kept even with no item (then only "… and N more"): the blocking findings are never silently cut. */
  required?: boolean;
  noun?: string;
  /** The line saying how many more and where, when not the default list item. */
  more?: (n: number, rest: string) => string;
}

// The run's frame (verdict, notes, footer) first, then what blocks, then each document's title; the debt
// line is one line: kept before the long lists are.
const PRIORITY = {
  frame: 0,
  blocking: 1,
  title: 2,
  debt: 3,
  findings: 4,
  table: 5,
  other: 6,
  metrics: 7,
  details: 8,
};

function whole(text: string, priority: number, under?: Part): Part {
  return { priority, text, ...(under ? { under } : {}) };
}

/**
 * How many budgets of parts a comment or summary holds, in the order they are considered: a part further
 * down is left out without being tried (a pull request touching thousands of documents is rendered in
 * bounded memory, and one touching a few is never near it).
 */
const HELD_BUDGETS = 4;

/** What a part asks for: its text, or its list whole (as far as its own budget rendered it). */
function wantOf(part: Part, size: (text: string) => number): number {
  if (part.text !== undefined) return size(part.text) + 1;
  const list = part.list!;
  let want = size(list.head) + size(list.tail) + 1;
  for (const item of list.items) want += size(item) + 1;
  return want;
}

/**
 * Keeps parts by priority until the limit (in `size` units), cutting lists to what fits, then says what
 * was left out and where the rest is. Parts past `HELD_BUDGETS` budgets (their `want`s summed in the order
 * they are considered) are left out untried; `alreadyLeftOut` were left out so before being given.
 */
function fitWithin(
  parts: Part[],
  limit: number,
  ctx: MarkdownContext,
  size: (text: string) => number = utf16Units,
  alreadyLeftOut = 0,
): string {
  const summary = limit !== COMMENT_LIMIT;
  const note = (left: number) => cutNote(left, ctx, summary);
  // The note names files from the inputs: measured, not guessed (its count never has more digits than this).
  const budget = limit - size(note(parts.length + alreadyLeftOut)) - 16;
  let used = 0;
  let considered = 0;
  let dropped = alreadyLeftOut;
  const kept: (string | undefined)[] = parts.map(() => undefined);
  const keptParts = new Set<Part>();
  const order = parts.map((_, i) => i).sort((a, b) => parts[a]!.priority - parts[b]!.priority || a - b);
  for (const i of order) {
    const part = parts[i]!;
    // Tried only within the held budgets, and a document's section only under its kept title.
    const tried = considered <= HELD_BUDGETS * limit && (!part.under || keptParts.has(part.under));
    considered += wantOf(part, size);
    let text: string | undefined;
    if (tried)
      text = part.text !== undefined ? `${part.text}\n` : fitList(part.list!, budget - used, size, ctx);
    if (text === undefined || size(text) > budget - used) {
      dropped++;
      continue;
    }
    kept[i] = text;
    keptParts.add(part);
    used += size(text);
  }
  const out = kept.filter((t) => t !== undefined).join('');
  return dropped > 0 ? out + note(dropped) : out;
}

/** Says how many sections were left out, and where the full report is. */
function cutNote(left: number, ctx: MarkdownContext, summary: boolean): string {
  return `\n> ✂️ ${left} more section${left === 1 ? '' : 's'} did not fit in ${summary ? 'the job summary' : 'a PR comment'}. The full report is in ${elsewhere(ctx, summary)}.\n`;
}

/** A list whole if it fits in `room`; else its compact lines; else as many as fit and how many more. */
function fitList(
  list: ListPart,
  room: number,
  size: (text: string) => number,
  ctx: MarkdownContext,
): string | undefined {
  const rest = list.rest(ctx);
  const more = (n: number) =>
    list.more ? list.more(n, rest) : `- … and ${n} more${list.noun ? ` ${list.noun}` : ''} in ${rest}`;
  const render = (items: string[], shown: number) =>
    `${list.head}${[...items.slice(0, shown), ...(list.total > shown ? [more(list.total - shown)] : [])].join('\n')}${list.tail}\n`;
  const full = render(list.items, list.items.length);
  if (size(full) <= room) return full;
  const items = list.compact ?? list.items;
  if (list.compact) {
    const compact = render(items, items.length);
    if (size(compact) <= room) return compact;
  }
  // As many as fit, counted in the same units as the whole: the "more" line is measured at its widest.
  let used = size(list.head) + size(list.tail) + 1 + size(`\n${more(list.total)}`);
  let shown = 0;
  while (shown < items.length && used + size(items[shown]!) + 1 <= room) {
    used += size(items[shown]!) + 1;
    shown++;
  }
  if (shown === 0 && !list.required) return undefined;
  return render(items, shown);
}

/**
 * Where the rest of the report is, from the comment (the job summary first) or from the summary (never
 * itself). In the action (an `artifact` is named) only the files it wrote, and where they are kept.
 */
function elsewhere(ctx: MarkdownContext, fromSummary: boolean): string {
  const files = [
    ctx.reportFile ? `the JSON report (${code(ctx.reportFile)})` : 'the JSON report',
    ctx.sarifFile ? `the SARIF file (${code(ctx.sarifFile)})` : ctx.artifact ? undefined : 'SARIF',
  ]
    .filter(Boolean)
    .join(' and ');
  return [
    fromSummary ? undefined : ctx.runUrl ? `the [job summary](${ctx.runUrl})` : 'the job summary',
    ctx.artifact ? `${files}: ${artifactNote(ctx, ctx.artifact)}` : files,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The report files live on the runner: they outlast the job only when the workflow uploads them. */
function artifactNote(ctx: MarkdownContext, artifact: string): string {
  const run = ctx.runUrl ? `[this run](${ctx.runUrl})` : 'this run';
  return `the ${code(artifact)} artifact of ${run} when the workflow uploads them with \`actions/upload-artifact\` (as the README's workflow does)`;
}

/** What the verdict and the footer read of a run: its report but the documents. */
export type ReportHead = Omit<Report, 'specs' | 'violations'>;

/** Documents by worst band, then path: the order a reviewer reads them in. */
interface DocumentPlace {
  band: number;
  path: string;
  /** Order within the run: a document's parts, or its blocking entries, in the order they were made. */
  seq: number;
}

const byPlace = (a: DocumentPlace, b: DocumentPlace) =>
  b.band - a.band || a.path.localeCompare(b.path) || a.seq - b.seq;

/** The blocking list's order: `byUrgency`, then the documents' reading order. */
const blockingOrder = (a: BlockingItem, b: BlockingItem) => byUrgencyKey(a.key, b.key) || byPlace(a, b);

interface HeldPart extends DocumentPlace {
  part: Part;
  want: number;
}

interface BlockingItem extends DocumentPlace {
  key: UrgencyKey;
  item: string;
  compact: string;
}

/**
 * A pull request's comment or job summary, gathered one document at a time (`add`, in report order) and
 * written once the run's head is known (`finish`): each document's sections are rendered as it comes and
 * the document dropped. What is held is bounded by the budget, however many documents come: the sections
 * `HELD_BUDGETS` budgets down the reading order, the blocking entries that can still be shown (with their
 * count), the first waiver requests, a line per document that cannot be analysed. A whole report goes
 * through it the same way (`renderComment`, `renderSummary`).
 */
export class ReviewMarkdown {
  private readonly full: boolean;
  private readonly limit: number;
  private readonly size: (text: string) => number;
  private parts: HeldPart[] = [];
  private heldWant = 0;
  private leftOut = 0;
  private blocking: BlockingItem[] = [];
  private blockingWant = 0;
  private blockingTotal = 0;
  private readonly waivers: string[] = [];
  private waiversUsed = 0;
  private waiversFull = false;
  private waiverRequests = 0;
  private waiversDenied = 0;
  /** The fail-closed notes that fit in their share (first ones, in report order), and how many did not. */
  private readonly unanalysed: Unanalysed[] = [];
  private unanalysedUsed = 0;
  private unanalysedLeftOut = 0;
  private seq = 0;

  /** `ctx`: what the sections link to (the head commit); `finish` is given the files that were written. */
  constructor(
    private readonly kind: 'comment' | 'summary',
    private readonly ctx: MarkdownContext,
    private readonly settings: Pick<Report, 'failOn' | 'failOnScope'>,
  ) {
    this.full = kind === 'summary';
    this.limit = this.full ? SUMMARY_BUDGET_BYTES : COMMENT_LIMIT;
    this.size = this.full ? utf8Bytes : utf16Units;
  }

  add(spec: ReportSpec, violations: readonly ReportViolation[]): void {
    const entries = documentEntries(spec, violations, this.settings);
    const band = worstBand(spec);
    for (const r of spec.waiverRequests ?? []) {
      this.waiverRequests++;
      if (!r.granted) this.waiversDenied++;
      if (this.waiversFull) continue;
      // The first ones, while they fit in their share: a PR's long paths must not push out the verdict.
      const item = `- ${r.granted ? '⚠️ granted' : '🚫 not granted'}: ${inline(r.message)} — ${lineLink(r.location.file, r.location.line, this.ctx.blobBase)}`;
      const size = this.size(item) + 1;
      if (this.waivers.length < MAX_WAIVERS_SHOWN && this.waiversUsed + size <= this.limit * FRAME_SHARE) {
        this.waivers.push(item);
        this.waiversUsed += size;
      } else this.waiversFull = true;
    }
    if (spec.failure) {
      const note = failureNote(spec.path, spec.failure, spec.notAssessed?.length ?? 0);
      // In their share of the budget, or a PR of hundreds of broken documents would push the verdict out.
      const size = this.size(note.what) + this.size(note.consequence) + 8; // the icon, quotes, line breaks
      if (this.unanalysedLeftOut === 0 && this.unanalysedUsed + size <= this.limit * FRAME_SHARE) {
        this.unanalysed.push(note);
        this.unanalysedUsed += size;
      } else this.unanalysedLeftOut++;
    }
    for (const entry of entries) {
      if (!entry.blocking) continue;
      const item = {
        band,
        path: spec.path,
        seq: this.seq++,
        key: urgencyKey(entry),
        item: entryItem(entry, this.ctx),
        compact: entryLine(entry, this.ctx),
      };
      this.blocking.push(item);
      this.blockingTotal++;
      this.blockingWant += this.size(item.compact) + 1;
    }
    if (this.blockingWant > 2 * this.limit) this.cutBlocking();
    for (const part of specSections(spec, entries, this.ctx, this.full)) {
      const want = wantOf(part, this.size);
      this.parts.push({ band, path: spec.path, seq: this.seq++, part, want });
      this.heldWant += want;
    }
    if (this.heldWant > 2 * HELD_BUDGETS * this.limit) this.cutHeld();
  }

  /**
   * What is held: the sections and what they ask for (in the limit's units), the blocking entries; and
   * how many sections were left out untried.
   */
  held(): { sections: number; want: number; blocking: number; leftOut: number } {
    return {
      sections: this.parts.length,
      want: this.heldWant,
      blocking: this.blocking.length,
      leftOut: this.leftOut,
    };
  }

  finish(head: ReportHead, ctx: MarkdownContext, sarifOmitted?: OmittedResults): string {
    const parts: Part[] = [];
    if (this.kind === 'comment') parts.push(whole(COMMENT_MARKER, PRIORITY.frame));
    parts.push(whole(verdict(head, this.failureNotes(head, ctx)), PRIORITY.frame));
    // Never cut: what was not checked.
    if (this.full) for (const note of ctx.notes ?? []) parts.push(whole(noteLine(note), PRIORITY.frame));
    const waivers = this.waiverSection();
    if (waivers) parts.push(whole(waivers, PRIORITY.frame));
    if (this.blockingTotal > 0) parts.push(this.blockingSection(head));
    for (const { part } of [...this.parts].sort(byPlace)) parts.push(part);
    const sarif = this.full && sarifOmitted ? sarifNote(sarifOmitted, ctx) : undefined;
    if (sarif) parts.push(whole(sarif, PRIORITY.frame));
    parts.push(whole(footer(head.errors.length, ctx, this.full), PRIORITY.frame));
    return fitWithin(parts, this.limit, ctx, this.size, this.leftOut);
  }

  /** Keeps the sections up to `HELD_BUDGETS` budgets down the order they are considered in; counts the rest. */
  private cutHeld(): void {
    this.parts.sort((a, b) => a.part.priority - b.part.priority || byPlace(a, b));
    let considered = 0;
    let keep = 0;
    while (keep < this.parts.length && considered <= HELD_BUDGETS * this.limit)
      considered += this.parts[keep++]!.want;
    this.leftOut += this.parts.length - keep;
    this.parts.length = keep;
    this.heldWant = considered;
  }

  /**
   * Keeps the most urgent blocking entries while either their items or their one-line forms still fit in
   * a budget: past that point the section shows neither whole, and only as many lines as fit.
   */
  private cutBlocking(): void {
    this.blocking.sort(blockingOrder);
    let items = 0;
    let lines = 0;
    let keep = 0;
    while (keep < this.blocking.length && (items <= this.limit || lines <= this.limit)) {
      const entry = this.blocking[keep++]!;
      items += this.size(entry.item) + 1;
      lines += this.size(entry.compact) + 1;
    }
    this.blocking.length = keep;
    this.blockingWant = lines;
  }

  /** Everything that makes the gate block, first and never cut: compact lines before anything is left out. */
  private blockingSection(head: ReportHead): Part {
    this.blocking.sort(blockingOrder);
    return {
      priority: PRIORITY.blocking,
      list: {
        head: `#### ⛔ ${this.blockingTotal} blocking (at fail-on ${head.failOn}${head.failOnScope === 'all' ? ', existing included' : ''})\n\n`,
        items: this.blocking.map((e) => e.item),
        compact: this.blocking.map((e) => e.compact),
        total: this.blockingTotal,
        rest: (ctx) => elsewhere(ctx, this.full),
        tail: '\n',
        required: true,
        noun: 'blocking',
      },
    };
  }

  /** What the PR asked to be judged by about its own endpoints, right under the verdict (SPEC §9). */
  private waiverSection(): string | undefined {
    const n = this.waiverRequests;
    if (n === 0) return undefined;
    const items = [...this.waivers];
    if (n > items.length) items.push(`- … and ${n - items.length} more in the JSON report`);
    return `**This PR asks to waive ${n} check${n === 1 ? '' : 's'} on its own changes** (${this.waiversDenied} not granted: judged with the base's values; the base config's \`trust\` decides)\n\n${items.join('\n')}\n`;
  }

  /** Fail closed, said before anything else: which document cannot be analysed, where, and what it means. */
  private failureNotes(head: ReportHead, ctx: MarkdownContext): string {
    const icon = head.blocked ? '⛔' : '⚠️';
    const notes = this.unanalysed.map(({ what, consequence }) =>
      head.mode === 'scan' ? `> ${icon} ${what}\n` : `> ${icon} ${what}\n${consequence}`,
    );
    const n = this.unanalysedLeftOut;
    if (n > 0)
      notes.push(
        `> … and ${n} more document${n === 1 ? '' : 's'} cannot be analysed: see ${elsewhere(ctx, this.full)}\n`,
      );
    return notes.length > 0 ? `${notes.join('\n')}\n` : '';
  }
}

/** What the verdict's fail-closed notes and the waiver requests may use of a comment or summary, each. */
const FRAME_SHARE = 1 / 8;

/** A document that cannot be analysed, as the verdict says it (after an icon: blocked or not). */
interface Unanalysed {
  what: string;
  /** Said in a pull request's run. */
  consequence: string;
}

function failureNote(path: string, f: NonNullable<ReportSpec['failure']>, n: number): Unanalysed {
  return {
    what: `**${code(path)} cannot be analysed** — ${code(`${f.file}:${f.line}:${f.column}`)}: ${inline(f.message)}`,
    consequence: `>\n> Its ${n} endpoint${n === 1 ? ' is' : 's are'} **not assessed** (not removed), and no finding counts as fixed: the gate stays closed until the document can be read.\n`,
  };
}

/** Shown at most in the comment; the JSON report has them all. */
const MAX_WAIVERS_SHOWN = 50;

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

function verdict(head: ReportHead, failureNotes: string): string {
  const { findings, violations, endpoints } = head.summary;
  const title = head.blocked
    ? `### ⛔ api-posture: blocked — ${escapeText(head.summary.verdict)}`
    : `### ✅ api-posture: passed — ${escapeText(head.summary.verdict)}`;
  const facts = [
    `**${count(findings.new)}** new finding${count(findings.new) === 1 ? '' : 's'}${count(findings.new) > 0 ? ` (${severityList(findings.new)})` : ''}`,
    `**${count(violations.new)}** new policy violation${count(violations.new) === 1 ? '' : 's'}`,
    `**${count(findings.fixed)}** fixed`,
    `${endpoints.added} added · ${endpoints.removed} removed · ${endpoints.modified} modified endpoint${endpoints.modified === 1 ? '' : 's'}`,
  ];
  return `${title}\n\n${failureNotes}${facts.join(' · ')}\n\n<sub>fail-on: ${head.failOn} · scope: ${head.failOnScope} · ${head.tool.name} ${head.tool.version}</sub>\n`;
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

function specSections(spec: ReportSpec, entries: Entry[], ctx: MarkdownContext, full: boolean): Part[] {
  const out: Part[] = [];
  // A long list is cut at its share of the budget (and not rendered past it), so one list cannot starve the
  // next, and a 7,000-item list costs no time to escape; what fits of it is decided with the rest.
  const listBudget = full ? 300_000 : 16_000;
  const rest = (written: MarkdownContext) =>
    full
      ? written.artifact && !written.sarifFile
        ? 'the JSON report'
        : 'the JSON report and SARIF'
      : 'the job summary';
  const list = (
    priority: number,
    head: string,
    items: string[],
    total = items.length,
    tail = '',
    more?: (n: number, rest: string) => string,
  ): Part => ({ priority, list: { head, items, total, rest, tail, ...(more ? { more } : {}) } });
  const collapsed = <T>(priority: number, summary: string, items: T[], render: (item: T) => string) =>
    list(
      priority,
      `<details><summary>${summary}</summary>\n\n`,
      capItems(items, render, listBudget),
      items.length,
      '\n\n</details>\n',
    );

  const title = `#### ${code(spec.path)} — ${spec.status}${spec.version.base !== spec.version.head ? ` (${escapeText(spec.version.base ?? '∅')} → ${escapeText(spec.version.head ?? '∅')})` : ''}`;
  out.push(whole(spec.analysed ? title : `${title} — **not analysed**`, PRIORITY.title));
  if (!spec.analysed) out.push(whole(notAssessedNote(spec), PRIORITY.findings));

  // The other new findings (the blocking ones are above), most severe first, each once with its policies.
  const fresh = entries.filter((e) => e.status === 'new' && !e.blocking);
  if (fresh.length > 0)
    out.push(
      list(
        PRIORITY.findings,
        `**${fresh.length} new finding${fresh.length === 1 ? '' : 's'}** (not blocking)\n\n`,
        capItems(fresh, (e) => entryItem(e, ctx), listBudget),
        fresh.length,
        '\n',
      ),
    );

  // Only endpoints with something new, ordered by what is new: a reviewer's list, not an inventory.
  const news = newsByEndpoint(entries);
  const changed = spec.endpoints
    .filter((e) => news.has(e.id) || breakingOrSecurity(e))
    .map((e) => ({ e, rank: newsRank(news.get(e.id)) }))
    .sort((a, b) => b.rank - a.rank || scoreDelta(b.e) - scoreDelta(a.e) || a.e.id.localeCompare(b.e.id))
    .map(({ e }) => e);
  if (spec.analysed) {
    if (changed.length === 0) out.push(whole('No endpoint with anything new.\n', PRIORITY.table));
    else
      out.push(
        list(
          PRIORITY.table,
          `**${changed.length} endpoint${changed.length === 1 ? '' : 's'} with something new**\n\n| | Method | Path | Change | Risk (base → head) | New |\n|---|---|---|---|---|---|\n`,
          capItems(changed, (e) => endpointRow(e, news.get(e.id) ?? []), listBudget),
          changed.length,
          '\n',
          (n, rest) => `\n… and ${n} more endpoints in ${rest}`,
        ),
      );
  }

  const breaking = changed.flatMap((e) => e.changes.filter((c) => c.breaking).map((c) => ({ e, c })));
  if (breaking.length > 0)
    out.push(
      collapsed(
        PRIORITY.other,
        `💥 ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'} for clients`,
        breaking,
        ({ e, c }) =>
          `- ${code(`${e.method} ${e.path}`)}: ${inline(c.message)} (${lineLink(c.location.file, c.location.line, ctx.blobBase)})`,
      ),
    );

  const everyFinding = [...spec.findings, ...spec.endpoints.flatMap((e) => e.findings)];
  const existing = everyFinding.filter((f) => f.status === 'existing' && !f.suppressed);
  const existingViolations = entries.filter((e) => e.status === 'existing' && !e.finding).length;
  if (existing.length > 0 || existingViolations > 0) {
    const counts: Record<string, number> = {};
    for (const f of existing) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    out.push(
      whole(
        `📋 **Existing debt** (not introduced by this PR): ${existing.length} finding${existing.length === 1 ? '' : 's'}${existing.length > 0 ? ` (${severityList(counts)})` : ''}${existingViolations > 0 ? ` · ${existingViolations} more policy violation${existingViolations === 1 ? '' : 's'}` : ''}\n`,
        PRIORITY.debt,
      ),
    );
    if (existing.length > 0)
      out.push(
        collapsed(
          PRIORITY.details,
          `${existing.length} existing finding${existing.length === 1 ? '' : 's'}`,
          existing.sort(byImportance),
          (f) =>
            `- ${ICON[f.severity]} ${f.severity} \`${f.ruleId}\` — ${inline(f.message)} (${lineLink(f.location.file, f.location.line, ctx.blobBase)})`,
        ),
      );
  }
  const fixed = everyFinding.filter((f) => f.status === 'fixed' && !f.suppressed);
  if (fixed.length > 0)
    out.push(
      collapsed(
        PRIORITY.other,
        `✅ ${fixed.length} finding${fixed.length === 1 ? '' : 's'} fixed`,
        fixed,
        (f) => `- ${ICON[f.severity]} ${f.severity} \`${f.ruleId}\` — ${inline(f.message)}`,
      ),
    );
  const suppressed = everyFinding.filter((f) => f.suppressed && f.status !== 'fixed');
  if (suppressed.length > 0)
    out.push(
      collapsed(
        PRIORITY.other,
        `🔕 ${suppressed.length} suppressed`,
        suppressed,
        (f) =>
          `- \`${f.ruleId}\` — ${inline(f.message)}: _${escapeText(f.suppressed!.reason)}_${f.suppressed!.expires ? ` (until ${escapeText(f.suppressed!.expires)})` : ''}`,
      ),
    );
  if (spec.traffic) out.push(whole(trafficSection(spec.traffic), PRIORITY.other));
  if (spec.metrics.head)
    out.push(whole(metricsTable(spec.metrics.base, spec.metrics.head), PRIORITY.metrics));
  const [heading, ...sections] = out;
  for (const section of sections) section.under = heading;
  return out;
}

const TRAFFIC_LISTED = 20;

/** What the observed traffic says (`--traffic`): one line, then the shadow, zombie and unused endpoints. */
export function trafficSection(traffic: ReportTraffic): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const head = `🚦 Traffic: ${plural(traffic.requests, 'request')}, ${traffic.matched} matched · ${plural(traffic.shadow.length, 'shadow endpoint')} · ${plural(traffic.zombie.length, 'zombie')} · ${traffic.unused.length} unused`;
  const more = (n: number) =>
    n > TRAFFIC_LISTED ? `\n\n… and ${n - TRAFFIC_LISTED} more in the JSON report` : '';
  const parts: string[] = [];
  if (traffic.shadow.length > 0) {
    const rows = traffic.shadow.slice(0, TRAFFIC_LISTED).map((s) => {
      const seen =
        s.firstSeen && s.lastSeen ? `${s.firstSeen.slice(0, 10)} → ${s.lastSeen.slice(0, 10)}` : '—';
      const statuses =
        Object.entries(s.statuses)
          .map(([code, n]) => `${code} ×${n}`)
          .join(', ') || '—';
      return `| ${code(`${s.method} ${s.path}`)} | ${s.count} | ${seen} | ${statuses} | ${s.score ?? '—'} | ${code(`${s.location.file}:${s.location.line}`)} |`;
    });
    parts.push(
      `**Shadow endpoints** (called, described nowhere)\n\n| Endpoint | Calls | Seen | Statuses | Score | First seen at |\n|---|---|---|---|---|---|\n${rows.join('\n')}${more(traffic.shadow.length)}`,
    );
  }
  if (traffic.zombie.length > 0) {
    const lines = traffic.zombie
      .slice(0, TRAFFIC_LISTED)
      .map(
        (z) =>
          `- ${code(`${z.method} ${z.path}`)} — ${z.reason === 'removed' ? 'removed by this change' : 'deprecated'}, called ${z.count === 1 ? 'once' : `${z.count} times`}`,
      );
    parts.push(`**Zombie endpoints**\n\n${lines.join('\n')}${more(traffic.zombie.length)}`);
  }
  if (traffic.otherHosts.length > 0) {
    const total = traffic.otherHosts.reduce((n, h) => n + h.requests, 0);
    parts.push(
      `**Requests to hosts no document describes** (${total}): ${traffic.otherHosts
        .slice(0, TRAFFIC_LISTED)
        .map((h) => `${code(h.host)} ×${h.requests}`)
        .join(', ')}${traffic.otherHosts.length > TRAFFIC_LISTED ? ', …' : ''}`,
    );
  }
  if (traffic.unused.length > 0) {
    parts.push(
      `**Never called** (${traffic.unused.length}): ${traffic.unused
        .slice(0, TRAFFIC_LISTED)
        .map((id) => code(id))
        .join(', ')}${traffic.unused.length > TRAFFIC_LISTED ? ', …' : ''}`,
    );
  }
  return details(head, parts.join('\n\n') || 'Every request matched a documented operation.');
}

/** Rendered one line per item until `budget` characters (at least one item): the rest is never escaped. */
function capItems<T>(items: T[], render: (item: T) => string, budget: number): string[] {
  const lines: string[] = [];
  let size = 0;
  for (const item of items) {
    const line = render(item);
    if (size + line.length > budget && lines.length > 0) break;
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}

/** One line per item until `budget` characters, then "… and N more in `rest`". */
function cappedList<T>(items: T[], render: (item: T) => string, budget: number, rest: string): string {
  const lines = capItems(items, render, budget);
  const more = items.length - lines.length;
  return more > 0 ? `${lines.join('\n')}\n- … and ${more} more in ${rest}` : lines.join('\n');
}

/** The new entries of each endpoint (document-level findings count on every endpoint they affect). */
function newsByEndpoint(entries: Entry[]): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  const add = (id: string, entry: Entry) => {
    const list = out.get(id);
    if (list) list.push(entry);
    else out.set(id, [entry]);
  };
  for (const entry of entries) {
    if (entry.status !== 'new') continue;
    if (entry.endpoint) add(entry.endpoint.id, entry);
    else for (const id of entry.finding?.endpoints ?? []) add(id, entry);
  }
  return out;
}

/** Changes that are new for a reviewer even without a finding: breaking for clients, or about security. */
const SECURITY_CHANGES = new Set([
  'security-removed',
  'security-weakened',
  'security-alternative-added',
  'security-scheme-changed',
]);
function breakingOrSecurity(e: ReportEndpoint): boolean {
  return e.change === 'removed' || e.changes.some((c) => c.breaking || SECURITY_CHANGES.has(c.kind));
}

/** The most severe new item's rank; a breaking or security change alone ranks below every finding. */
function newsRank(news: Entry[] | undefined): number {
  let rank = -1;
  for (const entry of news ?? []) rank = Math.max(rank, severityRank(entry.severity));
  return rank;
}

function scoreDelta(e: ReportEndpoint): number {
  return (e.score.head ?? 0) - (e.score.base ?? 0);
}

function endpointRow(e: ReportEndpoint, news: Entry[]): string {
  const counts: Record<string, number> = {};
  for (const entry of news) counts[entry.severity] = (counts[entry.severity] ?? 0) + 1;
  const policies = news.reduce(
    (n, entry) => n + entry.violations.filter((v) => v.endpoint === e.id).length,
    0,
  );
  const breaking = e.change === 'removed' || e.changes.some((c) => c.breaking);
  const security = e.changes.some((c) => SECURITY_CHANGES.has(c.kind));
  const what =
    [
      severityList(counts),
      policies > 0 ? `${policies} polic${policies === 1 ? 'y' : 'ies'}` : '',
      breaking ? 'breaking' : '',
      security ? 'security change' : '',
    ]
      .filter(Boolean)
      .join(', ') || '—';
  return `| ${ICON[e.score.level ?? 'low']} | ${code(e.method)} | ${code(e.path)} | ${e.change} | ${scoreCell(e)} | ${what} |`;
}

function scoreCell(e: ReportEndpoint): string {
  const { base, head, level } = e.score;
  if (head === null) return `${base ?? '—'} → removed`;
  if (base === null || base === head) return `**${head}** ${level}`;
  const arrow = head > base ? '↑' : '↓';
  return `${base} → **${head}** ${level} ${arrow}`;
}

/** "also violates policy `X` (critical)", once per policy (a document-level finding: on how many endpoints). */
function alsoViolates(entry: Entry): string {
  const byPolicy = new Map<string, ReportViolation[]>();
  for (const v of entry.violations) {
    const list = byPolicy.get(v.policy);
    if (list) list.push(v);
    else byPolicy.set(v.policy, [v]);
  }
  return [...byPolicy]
    .map(
      ([policy, vs]) =>
        `\`${escapeCodeName(policy)}\` (${vs[0]!.severity}${entry.endpoint ? '' : ` on ${vs.length} endpoint${vs.length === 1 ? '' : 's'}`})`,
    )
    .join(', ');
}

/** A finding with its remediation, the policies restating it and the snippet that suppresses it. */
function entryItem(entry: Entry, ctx: MarkdownContext): string {
  const f = entry.finding;
  if (!f) return violationItem(entry.violations[0]!, ctx, entry.status);
  const snippet = entry.endpoint ? inlineSuppression(f, false) : configSuppression(f);
  return [
    `- ${ICON[entry.severity]} **${entry.severity}**${entry.status === 'existing' ? ' existing' : ''} \`${f.ruleId}\`${f.severity !== entry.severity ? ` (finding: ${f.severity})` : ''} — ${inline(f.message)} (${lineLink(f.location.file, f.location.line, ctx.blobBase)})`,
    ...(entry.violations.length > 0 ? [`  <br>Also violates policy ${alsoViolates(entry)}.`] : []),
    `  <br>Fix: ${inline(f.remediation)}`,
    `  <details><summary>Suppress</summary>\n\n  \`\`\`yaml\n  ${snippet}\n  \`\`\`\n  </details>`,
  ].join('\n');
}

/** The same entry in one line: rule, severity, endpoint, file:line. */
function entryLine(entry: Entry, ctx: MarkdownContext): string {
  const f = entry.finding;
  const v = entry.violations[0];
  const where = entry.endpoint
    ? code(`${entry.endpoint.method} ${entry.endpoint.path}`)
    : `document, ${f?.endpoints?.length ?? 0} endpoint${f?.endpoints?.length === 1 ? '' : 's'}`;
  const location = (f ?? v)!.location;
  const what = f
    ? `\`${f.ruleId}\`${entry.violations.length > 0 ? ` (+ policy ${alsoViolates(entry)})` : ''}`
    : `policy \`${escapeCodeName(v!.policy)}\``;
  return `- ${ICON[entry.severity]} ${entry.severity}${entry.status === 'existing' ? ' existing' : ''} ${what} · ${where} · ${lineLink(location.file, location.line, ctx.blobBase)}`;
}

function violationItem(v: ReportViolation, ctx: MarkdownContext, status: string): string {
  return [
    `- ${ICON[v.severity]} **${v.severity}**${status === 'existing' ? ' existing' : ''} policy \`${escapeCodeName(v.policy)}\` — ${inline(v.message)} (${lineLink(v.location.file, v.location.line, ctx.blobBase)})`,
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

/** Where the full report is: from the comment, the job summary too; from the summary, never itself. */
function footer(errors: number, ctx: MarkdownContext, fromSummary: boolean): string {
  const where = [
    ctx.runUrl && !fromSummary ? `[job summary](${ctx.runUrl})` : undefined,
    ctx.reportFile ? `JSON: ${code(ctx.reportFile)}` : undefined,
    ctx.sarifFile ? `SARIF: ${code(ctx.sarifFile)}` : undefined,
  ].filter(Boolean);
  const kept =
    ctx.artifact && (ctx.reportFile || ctx.sarifFile) ? ` (${artifactNote(ctx, ctx.artifact)})` : '';
  return `<sub>${errors > 0 ? `⚠️ ${errors} problem${errors === 1 ? '' : 's'} reading the documents (see the findings). ` : ''}${where.length > 0 ? `Full report: ${where.join(' · ')}${kept}. ` : ''}Rules: [docs/rules](https://github.com/api-posture/api-posture/tree/main/docs/rules).</sub>`;
}

/** Inventory mode (push, schedule): a document's endpoints with their classification, score and data types. */
function documentSections(spec: ReportSpec, ctx: MarkdownContext): string[] {
  const out: string[] = [];
  {
    out.push(
      `#### ${code(spec.path)}${spec.version.head ? ` — version ${escapeText(spec.version.head)}` : ''}`,
    );
    if (spec.failure)
      out.push(
        `> ⚠️ **Not analysed** — ${code(`${spec.failure.file}:${spec.failure.line}:${spec.failure.column}`)}: ${inline(spec.failure.message)}\n`,
      );
    if (spec.traffic) out.push(trafficSection(spec.traffic));
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
  return out;
}
