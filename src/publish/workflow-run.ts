// The GitHub side of the fork-PR comment (publish/artifact.ts): which pull request a `pull_request` run
// was for, as GitHub says it, and that run's artifact, downloaded within a byte limit.
import type { GitHubClient, Repo } from './github.js';

/** The triggering run, from the `workflow_run` event payload (GitHub's own account of it). */
export interface TriggeringRun {
  id: number;
  event: string;
  headSha: string;
  headBranch: string;
  /** `owner/name` of the repository the head commit is in: the fork, for a fork's PR. */
  headRepository: string;
  /** The payload's `pull_requests`: empty for a fork's PR (GitHub lists only this repository's branches). */
  pullRequests: { number: number; headSha: string }[];
}

export type RunPullRequest = { number: number } | { none: string };

/**
 * The open pull request whose head is the run's head commit in the run's head repository. From the payload
 * when it lists one; otherwise (a fork) from `GET /pulls?head=owner:branch`, keeping only the PR whose
 * head commit and repository are the run's. The artifact's own claim is never consulted.
 */
export async function pullRequestOfRun(
  client: GitHubClient,
  repo: Repo,
  run: TriggeringRun,
): Promise<RunPullRequest> {
  const listed = run.pullRequests.filter((p) => p.headSha === run.headSha);
  if (listed.length === 1) return { number: listed[0]!.number };
  if (listed.length > 1)
    return {
      none: `the run's commit is the head of ${listed.length} pull requests (${listed.map((p) => `#${p.number}`).join(', ')}): not commenting on a guess`,
    };
  const [owner] = run.headRepository.split('/');
  const pulls = await client.paginate(client.rest.pulls.list, {
    ...repo,
    state: 'open',
    head: `${owner}:${run.headBranch}`,
    per_page: 100,
  });
  const matching = pulls.filter(
    (p) => p.head.sha === run.headSha && p.head.repo?.full_name === run.headRepository,
  );
  if (matching.length === 1) return { number: matching[0]!.number };
  if (matching.length > 1)
    return {
      none: `the run's commit is the head of ${matching.length} open pull requests: not commenting on a guess`,
    };
  return {
    none: `no open pull request has ${run.headRepository}@${run.headSha.slice(0, 12)} as its head (closed, or pushed to again: the newer run comments)`,
  };
}

export type DownloadedArtifact = { zip: Buffer } | { missing: string } | { refused: string };

/**
 * The zip of the run's artifact named `name` (the newest, if a re-run uploaded it again), read up to
 * `maxBytes`: refused by its listed size before the download, and cut off during it (a listed size is
 * not a promise about the body).
 */
export async function downloadRunArtifact(
  client: GitHubClient,
  repo: Repo,
  runId: number,
  name: string,
  maxBytes: number,
): Promise<DownloadedArtifact> {
  const artifacts = await client.paginate(client.rest.actions.listWorkflowRunArtifacts, {
    ...repo,
    run_id: runId,
    name,
    per_page: 100,
  });
  const usable = artifacts.filter((a) => a.name === name && !a.expired).sort((a, b) => b.id - a.id);
  const artifact = usable[0];
  if (!artifact) return { missing: `run ${runId} uploaded no artifact named ${name}` };
  if (artifact.size_in_bytes > maxBytes)
    return { refused: `the artifact is ${artifact.size_in_bytes} bytes, over the limit of ${maxBytes}` };
  // GitHub answers with a redirect to a short-lived storage URL; fetch follows it (and drops the token
  // on the way: the storage is another origin). The body is read as a stream, so the limit holds.
  const response = await client.rest.actions.downloadArtifact({
    ...repo,
    artifact_id: artifact.id,
    archive_format: 'zip',
    request: { parseSuccessResponseBody: false },
  });
  const body = response.data as unknown as AsyncIterable<Uint8Array> | null;
  if (!body) return { refused: 'the artifact download had no body' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    // Leaving the loop cancels the stream: the rest is never downloaded.
    if (size > maxBytes) return { refused: `the artifact download exceeds the limit of ${maxBytes} bytes` };
    chunks.push(chunk);
  }
  return { zip: Buffer.concat(chunks) };
}
