// Publishing a report on the runner: the JSON report and SARIF files, annotations, the job summary, the
// step outputs and the sticky PR comment. The action's entry (src/action/main.ts) only decides what to
// analyse and hands the report here.
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { selectAnnotations } from '../report/annotations.js';
import { logText } from '../report/escape.js';
import type { Report } from '../report/json.js';
import { renderComment, renderSummary } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { maxOf } from '../util/arrays.js';
import { writeJsonReport } from './files.js';
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

/** Publishes `report` on the runner; `pullRequest` (its number) when the run judges a PR (the comment goes there). */
/** The artifact name the README's workflow uploads the JSON report and SARIF as: named in the summary and comment. */
export const REPORT_ARTIFACT = 'api-posture-report';

export async function publishToRunner(
  report: Report,
  inputs: RunnerPublishing,
  env: RunnerContext,
  clientOf: ClientOnDemand,
  pullRequest: number | undefined,
  /** What the run could not check (a `specs` pattern matching nothing): shown in the summary. */
  notes: string[] = [],
): Promise<void> {
  const repoUrl = `${env.serverUrl}/${env.repository.owner}/${env.repository.repo}`;
  const headSha = env.headSha;
  const runUrl = env.runId ? `${repoUrl}/actions/runs/${env.runId}` : undefined;
  // Report files go only inside the workspace or RUNNER_TEMP, never through a symlink (publish/files.ts).
  const writable = [env.workspace, env.tempDir];
  const reportFile = join(env.tempDir, 'api-posture-report.json');
  const reportRefused = writeJsonReport(reportFile, writable, report);
  if (reportRefused) core.warning(`the JSON report was not written: ${reportRefused}`);
  core.setOutput('report-file', reportRefused ? '' : reportFile);

  let sarifPath = inputs.sarifFile ? resolve(env.workspace, inputs.sarifFile) : undefined;
  if (sarifPath) {
    const docsBase = env.actionRepository
      ? `${env.serverUrl}/${env.actionRepository}/blob/${env.actionRef || 'main'}`
      : 'https://github.com/api-posture/api-posture/blob/main';
    const refused = writeJsonReport(sarifPath, writable, renderSarif(report, { docsBase }));
    if (refused) {
      core.error(
        `input \`sarif-file\` (${inputs.sarifFile}): ${refused}; no SARIF was written (the gate still decides)`,
      );
      sarifPath = undefined;
    }
  }
  core.setOutput('sarif-file', sarifPath ?? '');

  const ctx = {
    ...(headSha ? { blobBase: `${repoUrl}/blob/${headSha}` } : {}),
    ...(runUrl ? { runUrl } : {}),
    ...(reportRefused ? {} : { reportFile: 'api-posture-report.json' }),
    artifact: REPORT_ARTIFACT,
    notes,
    ...(inputs.sarifFile && sarifPath ? { sarifFile: inputs.sarifFile } : {}),
  };
  if (inputs.annotations) {
    const { shown, omitted } = selectAnnotations(report);
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
  try {
    await core.summary.addRaw(renderSummary(report, ctx)).write();
  } catch (error) {
    core.warning(
      `could not write the job summary: ${logText(error instanceof Error ? error.message : String(error))}`,
    );
  }

  const outputs = outputsOf(report);
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);

  let commentUrl = '';
  if (pullRequest !== undefined && inputs.comment && report.specs.length > 0) {
    const client = await clientOf();
    if (!client)
      core.warning(
        'no github-token: the PR comment was skipped (annotations, summary, SARIF and the gate still ran)',
      );
    else {
      const { httpStatus, upsertComment } = await import('./github.js');
      try {
        const result = await upsertComment(
          client,
          env.repository,
          pullRequest,
          renderComment(report, ctx),
          // Author logins come from the API but are named in a log line: escaped like any other string.
          (note) => core.notice(logText(`api-posture: ${note}`)),
        );
        commentUrl = result.url;
        core.info(logText(`api-posture: PR comment ${result.action}: ${result.url}`));
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
      }
    }
  }
  core.setOutput('comment-url', commentUrl);
}

export function outputsOf(report: Report): Record<string, string> {
  const scores = report.specs.flatMap((s) => s.endpoints.map((e) => e.score.head ?? 0));
  const count = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  return {
    blocked: String(report.blocked),
    'max-score': String(maxOf(scores, 0)),
    'new-findings': String(count(report.summary.findings.new)),
    'new-critical': String(report.summary.findings.new.critical),
  };
}
