// Publishing a report on the runner: the JSON report and SARIF files, annotations, the job summary, the
// step outputs and the sticky PR comment. The action's entry (src/action/main.ts) only decides what to
// analyse and hands the report here.
import { writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import type { SpecAnalysis, StreamedAnalysis } from '../engine.js';
import type { SeverityCounts } from '../findings.js';
import { type Annotation, AnnotationQueue, selectAnnotations } from '../report/annotations.js';
import { logText } from '../report/escape.js';
import type { Report, ReportSpec } from '../report/json.js';
import { StreamedJsonReport } from '../report/json-stream.js';
import { writeJsonToFd } from '../report/json-text.js';
import {
  InventorySummary,
  inventoryTotals,
  type MarkdownContext,
  ReviewMarkdown,
  renderComment,
  renderSummary,
} from '../report/markdown.js';
import { renderSarif, SarifResults } from '../report/sarif.js';
import { maxOf } from '../util/arrays.js';
import { writeJsonReport, writeReportFile } from './files.js';
import type { GitHubClient, Repo } from './github.js';

/** Where the run happens, from the runner's environment. */
export interface RunnerContext {
  workspace: string;
  repository: Repo;
  serverUrl: string;
  runId?: string;
  /** The commit the report's line links point at (the PR's head, or the pushed commit). */
  headSha?: string;
  /** RUNNER_TEMP: where the JSON report goes. */
  tempDir: string;
  actionRepository?: string;
  actionRef?: string;
}

/** What the action's inputs ask to publish. */
export interface RunnerPublishing {
  comment: boolean;
  annotations: boolean;
  sarifFile?: string;
}

/**
 * The GitHub client, created on first use: most runs (a PR that touches no spec, a base commit in the
 * checkout, no comment) never need it, and loading it is a good part of the action's start-up time.
 */
export type ClientOnDemand = () => Promise<GitHubClient | undefined>;

/** The artifact name the README's workflow uploads the JSON report and SARIF as: named in the summary and comment. */
export const REPORT_ARTIFACT = 'api-posture-report';
/** The JSON report's name, in RUNNER_TEMP. */
const REPORT_FILE = 'api-posture-report.json';

/** Publishes `report` on the runner; `pullRequest` (its number) when the run judges a PR (the comment goes there). */
export async function publishToRunner(
  report: Report,
  inputs: RunnerPublishing,
  env: RunnerContext,
  clientOf: ClientOnDemand,
  pullRequest: number | undefined,
  /** What the run could not check (a `specs` pattern matching nothing): shown in the summary. */
  notes: string[] = [],
): Promise<void> {
  const written = writeReportFiles(
    inputs,
    env,
    (fd) => writeJsonToFd(fd, report),
    (docsBase) => renderSarif(report, { docsBase }),
  );
  const ctx = markdownContext(env, notes, written);
  if (inputs.annotations) emitAnnotations(selectAnnotations(report));
  await writeSummary(renderSummary(report, ctx));
  setOutputs(outputsOf(report));

  const commentUrl =
    pullRequest !== undefined && inputs.comment && report.specs.length > 0
      ? await postComment(() => renderComment(report, ctx), env, clientOf, pullRequest)
      : '';
  core.setOutput('comment-url', commentUrl);
}

/**
 * Creates or edits the sticky comment on pull request `pullRequest` (`body` rendered only when there is a
 * client to post it); its URL, or '' when it could not be written (said as a warning: the gate's verdict
 * does not depend on the comment).
 */
async function postComment(
  body: () => string,
  env: RunnerContext,
  clientOf: ClientOnDemand,
  pullRequest: number,
): Promise<string> {
  const client = await clientOf();
  if (!client) {
    core.warning(
      'no github-token: the PR comment was skipped (annotations, summary, SARIF and the gate still ran)',
    );
    return '';
  }
  const { httpStatus, upsertComment } = await import('./github.js');
  try {
    const result = await upsertComment(
      client,
      env.repository,
      pullRequest,
      body(),
      // Author logins come from the API but are named in a log line: escaped like any other string.
      (note) => core.notice(logText(`api-posture: ${note}`)),
    );
    core.info(logText(`api-posture: PR comment ${result.action}: ${result.url}`));
    return result.url;
  } catch (error) {
    // The comment is for reviewers; the gate's verdict (the exit code) does not depend on it.
    // Octokit reports a connection that failed or timed out as status 500 without a response.
    const answered = (error as { response?: unknown } | null)?.response !== undefined;
    const status = answered ? httpStatus(error) : undefined;
    const why =
      status === 403 || status === 404
        ? `HTTP ${status}: the token cannot comment — a fork PR or a read-only token`
        : `${status ? `HTTP ${status}` : 'no answer'} from the GitHub API after retries: ${logText(error instanceof Error ? error.message : String(error))}`;
    core.warning(
      `could not write the PR comment (${why}). The gate, annotations, job summary and SARIF are unaffected.`,
    );
    return '';
  }
}

export function outputsOf(report: Report): Record<string, string> {
  return runOutputs(report.blocked, maxOf(report.specs.map(maxScore), 0), report.summary.findings.new);
}

/** The highest head score among a document's endpoints (0 without any). */
function maxScore(spec: ReportSpec): number {
  return maxOf(
    spec.endpoints.map((e) => e.score.head ?? 0),
    0,
  );
}

function runOutputs(blocked: boolean, maxScore: number, news: SeverityCounts): Record<string, string> {
  return {
    blocked: String(blocked),
    'max-score': String(maxScore),
    'new-findings': String(Object.values(news).reduce((a, b) => a + b, 0)),
    'new-critical': String(news.critical),
  };
}

function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

/** The report files a run wrote, by the names the summary and comment give them. */
interface WrittenFiles {
  reportFile?: string;
  sarifFile?: string;
}

/**
 * Writes the JSON report (to RUNNER_TEMP) and the SARIF file (input `sarif-file`), each only inside the
 * workspace or RUNNER_TEMP and never through a symlink (publish/files.ts), and sets their outputs. A file
 * that cannot be written is said; the gate still decides.
 */
function writeReportFiles(
  inputs: RunnerPublishing,
  env: RunnerContext,
  writeReport: (fd: number) => void,
  sarifLog: (docsBase: string) => unknown,
): WrittenFiles {
  const writable = [env.workspace, env.tempDir];
  const reportPath = join(env.tempDir, REPORT_FILE);
  const reportRefused = writeReportFile(reportPath, writable, writeReport);
  if (reportRefused) core.warning(`the JSON report was not written: ${reportRefused}`);
  core.setOutput('report-file', reportRefused ? '' : reportPath);

  let sarifPath = inputs.sarifFile ? resolve(env.workspace, inputs.sarifFile) : undefined;
  if (sarifPath) {
    const docsBase = env.actionRepository
      ? `${env.serverUrl}/${env.actionRepository}/blob/${env.actionRef || 'main'}`
      : 'https://github.com/api-posture/api-posture/blob/main';
    const refused = writeJsonReport(sarifPath, writable, sarifLog(docsBase));
    if (refused) {
      core.error(
        `input \`sarif-file\` (${inputs.sarifFile}): ${refused}; no SARIF was written (the gate still decides)`,
      );
      sarifPath = undefined;
    }
  }
  core.setOutput('sarif-file', sarifPath ?? '');
  return {
    ...(reportRefused ? {} : { reportFile: REPORT_FILE }),
    ...(inputs.sarifFile && sarifPath ? { sarifFile: inputs.sarifFile } : {}),
  };
}

/** What the summary and comment link to: the head commit's lines, this run, the files written. */
function markdownContext(env: RunnerContext, notes: string[], written: WrittenFiles): MarkdownContext {
  const repoUrl = `${env.serverUrl}/${env.repository.owner}/${env.repository.repo}`;
  return {
    ...(env.headSha ? { blobBase: `${repoUrl}/blob/${env.headSha}` } : {}),
    ...(env.runId ? { runUrl: `${repoUrl}/actions/runs/${env.runId}` } : {}),
    ...written,
    artifact: REPORT_ARTIFACT,
    notes,
  };
}

function emitAnnotations({ shown, omitted }: { shown: Annotation[]; omitted: number }): void {
  for (const a of shown) {
    const properties = { title: a.title, file: a.file, startLine: a.line, startColumn: a.column };
    if (a.level === 'error') core.error(a.message, properties);
    else if (a.level === 'warning') core.warning(a.message, properties);
    else core.notice(a.message, properties);
  }
  if (omitted > 0)
    core.info(
      `api-posture: ${omitted} more annotation${omitted === 1 ? '' : 's'} than GitHub shows per step: the job summary lists them as far as it fits, the JSON report has them all`,
    );
}

async function writeSummary(text: string): Promise<void> {
  try {
    await core.summary.addRaw(text).write();
  } catch (error) {
    core.warning(
      `could not write the job summary: ${logText(error instanceof Error ? error.message : String(error))}`,
    );
  }
}

/** A pull request a streamed run judges: where its comment goes, with the gate's settings its entries need. */
export interface StreamedPullRequest {
  number: number;
  failOn: Report['failOn'];
  failOnScope: Report['failOnScope'];
}

/**
 * A run published one document at a time, for a monorepo of thousands: the inventory (push, schedule) or
 * a pull request's. Each document's part goes to the JSON report (spooled under RUNNER_TEMP), the SARIF
 * results, the annotations, the job summary and the PR comment, each holding only what it may still
 * write, and the document is dropped. What is published is what `publishToRunner` publishes for the same
 * documents. Call `dispose` in a `finally`.
 */
export class StreamedRun {
  private readonly json: StreamedJsonReport;
  private readonly sarif: SarifResults | undefined;
  private readonly annotations: AnnotationQueue | undefined;
  private readonly inventory: InventorySummary | undefined;
  private readonly review: ReviewMarkdown | undefined;
  private readonly comment: ReviewMarkdown | undefined;
  private maxScore = 0;
  private documents = 0;

  /** `pullRequest` when the run judges one (diff mode), else the run is an inventory (scan mode). */
  constructor(
    private readonly inputs: RunnerPublishing,
    private readonly env: RunnerContext,
    private readonly notes: string[] = [],
    private readonly pullRequest?: StreamedPullRequest,
  ) {
    const mode = pullRequest ? 'diff' : 'scan';
    this.json = new StreamedJsonReport(mode, env.tempDir);
    this.sarif = inputs.sarifFile ? new SarifResults() : undefined;
    this.annotations = inputs.annotations ? new AnnotationQueue(mode) : undefined;
    // Every file named, as if written: the widest footer, for the inventory summary's reserve.
    const widest = { reportFile: REPORT_FILE, ...(inputs.sarifFile ? { sarifFile: inputs.sarifFile } : {}) };
    const ctx = markdownContext(env, notes, widest);
    if (!pullRequest) this.inventory = new InventorySummary(ctx);
    else {
      this.review = new ReviewMarkdown('summary', ctx, pullRequest);
      if (inputs.comment) this.comment = new ReviewMarkdown('comment', ctx, pullRequest);
    }
  }

  /** One document, in order; `betweenStages` as `StreamedJsonReport.add`. */
  add(spec: SpecAnalysis, betweenStages?: () => void): void {
    const part = this.json.add(spec, betweenStages);
    this.documents++;
    this.sarif?.addFindings(part.spec);
    this.sarif?.addViolations(part.violations);
    this.annotations?.addFindings(part.spec);
    this.annotations?.addViolations(part.violations);
    this.inventory?.add(part.spec);
    this.review?.add(part.spec, part.violations);
    this.comment?.add(part.spec, part.violations);
    this.maxScore = Math.max(this.maxScore, maxScore(part.spec));
  }

  /** Writes the files, annotations, summary, comment and outputs once every document is in. */
  async finish(run: StreamedAnalysis, clientOf?: ClientOnDemand): Promise<void> {
    const written = writeReportFiles(
      this.inputs,
      this.env,
      (fd) => this.writeReport(run, fd),
      (docsBase) => this.sarif!.log({ docsBase }),
    );
    if (this.annotations) emitAnnotations(this.annotations.selection());
    const head = this.json.head(run);
    const sarifOmitted = written.sarifFile ? this.sarif?.selection().omitted : undefined;
    const ctx = markdownContext(this.env, this.notes, written);
    await writeSummary(
      this.inventory
        ? this.inventory.finish(ctx, inventoryTotals(head, sarifOmitted))
        : this.review!.finish(head, ctx, sarifOmitted),
    );
    setOutputs(runOutputs(run.gate.blocked, this.maxScore, head.summary.findings.new));
    const { comment, pullRequest } = this;
    const commentUrl =
      comment && pullRequest && clientOf && this.documents > 0
        ? await postComment(() => comment.finish(head, ctx), this.env, clientOf, pullRequest.number)
        : '';
    core.setOutput('comment-url', commentUrl);
  }

  /** The JSON report, whole, into `fd` (again, for the comment artifact): the spooled parts are kept until `dispose`. */
  writeReport(run: StreamedAnalysis, fd: number): void {
    this.json.finish(
      run,
      (chunk) => writeSync(fd, chunk),
      (bytes) => writeSync(fd, bytes),
    );
  }

  dispose(): void {
    this.json.dispose();
  }
}
