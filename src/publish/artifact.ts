// The fork-PR comment, in two workflows (README "Fork pull requests"; docs/security.md). The
// `pull_request` run cannot comment on a fork's PR (read-only token): it writes the JSON report to a file
// that the workflow uploads as an artifact. A `workflow_run` workflow (write token, no PR code checked out
// or run) reads that artifact back here and renders the comment itself. The pull request's workflow wrote
// the artifact (a fork can change that workflow), so it is treated as hostile: it must be a zip of this
// one file, within the size limits, of this exact format, for the PR and commit that GitHub says the run
// was for, holding a report of the schema the renderer was written for. The comment is never taken from
// the artifact: it is rendered from the validated report, with the renderer's own escaping.
import { statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../report/json.js';
import { formatBytes } from '../util/bytes.js';
import { writeReportFile } from './files.js';
import { parseReport } from './report-schema.js';
import { readOnlyEntry } from './zip.js';

/** The artifact's name, the folder the action writes it to (under RUNNER_TEMP) and the file in it. */
export const COMMENT_ARTIFACT = 'api-posture-comment';
export const COMMENT_ARTIFACT_FILE = 'api-posture-comment.json';
/** Marks the file as this action's, in this version of the format. */
export const COMMENT_ARTIFACT_FORMAT = 'api-posture/pr-comment';
export const COMMENT_ARTIFACT_VERSION = 1;
/** The zip as downloaded, and its one file inflated: far above a PR's report, far below a runner's memory. */
export const MAX_ARTIFACT_ZIP_BYTES = 8 * 1024 * 1024;
export const MAX_ARTIFACT_JSON_BYTES = 32 * 1024 * 1024;

export interface CommentArtifact {
  format: typeof COMMENT_ARTIFACT_FORMAT;
  version: typeof COMMENT_ARTIFACT_VERSION;
  /** What the `pull_request` run says it was for: checked against what GitHub says, never trusted. */
  pullRequest: number;
  headSha: string;
  report: Report;
}

/** Where the `pull_request` run writes the file: the folder the README's upload step names. */
export function commentArtifactPath(tempDir: string): string {
  return join(tempDir, COMMENT_ARTIFACT, COMMENT_ARTIFACT_FILE);
}

/**
 * Writes the artifact's file (as publish/files.ts allows: no symlink, inside `roots`); why not, or undefined.
 * `writeReport` writes the report's JSON (and a newline) into the file: a whole report, or one streamed
 * from its spooled parts (`StreamedRun.writeReport`).
 */
export function writeCommentArtifact(
  path: string,
  roots: string[],
  pullRequest: number,
  headSha: string,
  writeReport: (fd: number) => void,
): string | undefined {
  const frame: Omit<CommentArtifact, 'report'> = {
    format: COMMENT_ARTIFACT_FORMAT,
    version: COMMENT_ARTIFACT_VERSION,
    pullRequest,
    headSha,
  };
  const members = Object.entries(frame).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`,
  );
  return writeReportFile(path, roots, (fd) => {
    writeSync(fd, `{\n${members.join('')}  "report": `);
    writeReport(fd);
    writeSync(fd, '}\n');
  });
}

/**
 * Said when the artifact's file is larger than the `workflow_run` side reads (a pull request touching
 * hundreds of documents): that run would refuse it, so the PR would get no comment; said here, in the PR's
 * own run, where its author and reviewers look. Undefined within the limit.
 */
export function artifactOverLimit(path: string, maxBytes = MAX_ARTIFACT_JSON_BYTES): string | undefined {
  const bytes = statSync(path).size;
  if (bytes <= maxBytes) return undefined;
  return `the comment artifact is ${formatBytes(bytes)}, above the ${formatBytes(maxBytes)} the comment-from-artifact run reads: this PR will get no comment (its report is too large to post); the gate, annotations, job summary and SARIF are unaffected`;
}

/** What GitHub says the triggering run was for (the `workflow_run` event and the pulls API). */
export interface TrustedRun {
  pullRequest: number;
  headSha: string;
}

/** A value from the artifact, for a message: JSON, cut short (a fork can write a megabyte of "number"). */
function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

export type ArtifactRead = { report: Report } | { refused: string };

/**
 * The report in a downloaded artifact zip, or why it is refused. Checked in this order, each before the
 * next is read: the zip's size, its one entry and that entry's inflated size, JSON, the format marker and
 * version, the PR number and head commit against `run`, and the report's schema.
 */
export function readCommentArtifact(zip: Buffer, run: TrustedRun): ArtifactRead {
  if (zip.length > MAX_ARTIFACT_ZIP_BYTES)
    return { refused: `the artifact is ${zip.length} bytes, over the limit of ${MAX_ARTIFACT_ZIP_BYTES}` };
  const entry = readOnlyEntry(zip, COMMENT_ARTIFACT_FILE, MAX_ARTIFACT_JSON_BYTES);
  if ('refused' in entry) return { refused: `the artifact is not readable: ${entry.refused}` };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry.bytes));
  } catch (error) {
    return { refused: `${COMMENT_ARTIFACT_FILE} is not UTF-8 JSON: ${(error as Error).message}` };
  }
  const artifact = value as Partial<Record<keyof CommentArtifact, unknown>> | null;
  if (typeof artifact !== 'object' || artifact === null || artifact.format !== COMMENT_ARTIFACT_FORMAT)
    return {
      refused: `${COMMENT_ARTIFACT_FILE} is not this action's output (no "${COMMENT_ARTIFACT_FORMAT}" format marker)`,
    };
  if (artifact.version !== COMMENT_ARTIFACT_VERSION)
    return {
      refused: `${COMMENT_ARTIFACT_FILE} is format version ${shown(artifact.version)}; this action reads version ${COMMENT_ARTIFACT_VERSION} (use the same action version in both workflows)`,
    };
  if (artifact.pullRequest !== run.pullRequest)
    return {
      refused: `${COMMENT_ARTIFACT_FILE} is for pull request ${shown(artifact.pullRequest)}, but the run that uploaded it ran for pull request #${run.pullRequest}`,
    };
  if (artifact.headSha !== run.headSha)
    return {
      refused: `${COMMENT_ARTIFACT_FILE} is for commit ${shown(artifact.headSha)}, but the run that uploaded it ran on ${run.headSha}`,
    };
  const parsed = parseReport(artifact.report);
  if ('problems' in parsed)
    return {
      refused: `the report in ${COMMENT_ARTIFACT_FILE} is not this action's report: ${parsed.problems.join('; ')}`,
    };
  if (parsed.report.mode !== 'diff')
    return { refused: `the report in ${COMMENT_ARTIFACT_FILE} is an inventory (scan), not a pull request's` };
  return { report: parsed.report };
}
