// `mode: comment-from-artifact`: the `workflow_run` half of the fork-PR comment (README "Fork pull
// requests", docs/security.md). Reads no file of the pull request and runs none of its code: the PR
// number and head commit come from the event GitHub sends, the report from the triggering run's artifact
// (validated in publish/artifact.ts), and the comment is rendered here from that report.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { COMMENT_ARTIFACT, MAX_ARTIFACT_ZIP_BYTES, readCommentArtifact } from '../publish/artifact.js';
import type { GitHubClient, Repo } from '../publish/github.js';
import type { TriggeringRun } from '../publish/workflow-run.js';
import { logText } from '../report/escape.js';
import { renderComment } from '../report/markdown.js';
import { type ActionInputs, InputError } from './inputs.js';

export interface ArtifactRunEnvironment {
  eventName: string;
  eventPath?: string;
  repository: Repo;
  serverUrl: string;
}

/** The triggering run as the `workflow_run` payload describes it; an InputError when it does not. */
export function readTriggeringRun(eventPath: string | undefined): TriggeringRun {
  const payload = (eventPath ? JSON.parse(readFileSync(eventPath, 'utf8')) : {}) as {
    repository?: { id?: unknown };
    workflow_run?: {
      id?: unknown;
      event?: unknown;
      head_sha?: unknown;
      head_branch?: unknown;
      head_repository?: { full_name?: unknown } | null;
      pull_requests?:
        | { number?: unknown; head?: { sha?: unknown }; base?: { repo?: { id?: unknown } } }[]
        | null;
    };
  };
  const run = payload.workflow_run;
  const fields = [run?.id, run?.event, run?.head_sha, run?.head_branch, run?.head_repository?.full_name];
  if (!run || typeof fields[0] !== 'number' || fields.slice(1).some((f) => typeof f !== 'string' || f === ''))
    throw new InputError(
      'the workflow_run event has no run id, event, head commit, branch and head repository',
    );
  return {
    id: run.id as number,
    event: run.event as string,
    headSha: run.head_sha as string,
    headBranch: run.head_branch as string,
    headRepository: run.head_repository!.full_name as string,
    // Only PRs into this repository: the list can name a PR inside the fork (same branch), whose
    // number here would be someone else's PR.
    pullRequests: (run.pull_requests ?? []).flatMap((p) =>
      typeof p.number === 'number' &&
      typeof p.head?.sha === 'string' &&
      typeof payload.repository?.id === 'number' &&
      p.base?.repo?.id === payload.repository.id
        ? [{ number: p.number, headSha: p.head.sha }]
        : [],
    ),
  };
}

/**
 * Posts (or edits) the sticky comment from the triggering `pull_request` run's artifact. A missing
 * artifact or PR is a notice (nothing to comment on); an artifact that fails validation fails the step
 * and nothing is written. The gate's verdict is the `pull_request` run's check, not this step's status.
 */
export async function commentFromArtifact(
  inputs: ActionInputs,
  env: ArtifactRunEnvironment,
  clientOf: () => Promise<GitHubClient | undefined>,
): Promise<void> {
  core.setOutput('comment-url', '');
  if (env.eventName !== 'workflow_run')
    throw new InputError(
      `input \`mode\` is "comment-from-artifact", which runs on the workflow_run event; this run is for ${env.eventName || 'no event'} (see the README's fork pull request workflows)`,
    );
  const run = readTriggeringRun(env.eventPath);
  if (run.event !== 'pull_request') {
    core.info(
      logText(`api-posture: run ${run.id} was for a ${run.event} event, not a pull request: no comment`),
    );
    return;
  }
  if (!inputs.comment) {
    core.info('api-posture: input `comment` is false: no comment');
    return;
  }
  const client = await clientOf();
  if (!client)
    throw new InputError('mode comment-from-artifact needs a github-token that can write comments');
  const { pullRequestOfRun, downloadRunArtifact } = await import('../publish/workflow-run.js');
  const pr = await permitted('pull-requests: read', () => pullRequestOfRun(client, env.repository, run));
  if ('none' in pr) {
    core.notice(logText(`api-posture: no comment for run ${run.id}: ${pr.none}`));
    return;
  }
  const download = await permitted('actions: read', () =>
    downloadRunArtifact(client, env.repository, run.id, COMMENT_ARTIFACT, MAX_ARTIFACT_ZIP_BYTES),
  );
  if ('missing' in download) {
    core.warning(
      logText(
        `api-posture: no comment for pull request #${pr.number}: ${download.missing} (did the pull_request run stop before api-posture, or miss the upload step?)`,
      ),
    );
    return;
  }
  const read =
    'zip' in download
      ? readCommentArtifact(download.zip, { pullRequest: pr.number, headSha: run.headSha })
      : download;
  if ('refused' in read) {
    core.setFailed(
      logText(
        `api-posture refused the ${COMMENT_ARTIFACT} artifact of run ${run.id} (pull request #${pr.number}): ${read.refused}. No comment was written or edited.`,
      ),
    );
    return;
  }
  if (read.report.specs.length === 0) {
    core.info(`api-posture: pull request #${pr.number} touched no API document: no comment`);
    return;
  }
  const repoUrl = `${env.serverUrl}/${env.repository.owner}/${env.repository.repo}`;
  const body = renderComment(read.report, {
    blobBase: `${repoUrl}/blob/${run.headSha}`,
    runUrl: `${repoUrl}/actions/runs/${run.id}`,
    reportFile: 'api-posture-report.json',
  });
  const { upsertComment } = await import('../publish/github.js');
  const result = await permitted('pull-requests: write', () =>
    upsertComment(client, env.repository, pr.number, body, (note) =>
      core.notice(logText(`api-posture: ${note}`)),
    ),
  );
  core.info(logText(`api-posture: PR comment ${result.action} on #${pr.number}: ${result.url}`));
  core.setOutput('comment-url', result.url);
}

/** A 403 from GitHub here is a workflow without the permission the step needs: say which. */
async function permitted<T>(permission: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const { httpStatus } = await import('../publish/github.js');
    if (httpStatus(error) !== 403) throw error;
    throw new InputError(
      `GitHub refused the token (HTTP 403): the workflow_run workflow needs \`${permission}\` in its \`permissions:\` (${logText(error instanceof Error ? error.message : String(error))})`,
    );
  }
}
