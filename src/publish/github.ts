// The only module that talks to the GitHub API: an Octokit that retries 5xx and waits out rate limits,
// the sticky PR comment, and the REST fallbacks for reading the base commit.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { COMMENT_MARKER } from '../report/markdown.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface Repo {
  owner: string;
  repo: string;
}

/**
 * How long one API request may take before it is abandoned (and retried like a 5xx): without a bound, a
 * hung connection would hold the job until the runner's 6-hour limit. `API_POSTURE_API_TIMEOUT_MS`
 * overrides it (a slow GitHub Enterprise Server; the tests).
 */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.API_POSTURE_API_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 30_000;
}

/** Octokit against `apiUrl` (GITHUB_API_URL), with retries for 5xx and waits for (secondary) rate limits. */
export function createClient(token: string, apiUrl: string, log: (message: string) => void): GitHubClient {
  const timeout = requestTimeoutMs();
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      request: {
        fetch: (url: string, init: RequestInit) =>
          fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(timeout) }),
      },
      throttle: {
        onRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _o: unknown,
          retryCount: number,
        ) => {
          log(`GitHub rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
          return retryCount < 2;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _o: unknown,
          retryCount: number,
        ) => {
          log(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
          return retryCount < 2;
        },
      },
    },
    retry,
    throttling,
  );
}

export interface CommentResult {
  url: string;
  action: 'created' | 'updated';
}

/** Edits the comment carrying the marker, or creates it: one comment per PR, however many runs. */
export async function upsertComment(
  client: GitHubClient,
  repo: Repo,
  issueNumber: number,
  body: string,
): Promise<CommentResult> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  const mine = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(COMMENT_MARKER));
  if (mine) {
    const { data } = await client.rest.issues.updateComment({ ...repo, comment_id: mine.id, body });
    return { url: data.html_url, action: 'updated' };
  }
  const { data } = await client.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
  return { url: data.html_url, action: 'created' };
}

/** Files changed by a PR (when git cannot tell): name, status and previous name for renames. */
export async function pullRequestFiles(
  client: GitHubClient,
  repo: Repo,
  pullNumber: number,
): Promise<{ path: string; status: string; previous?: string }[]> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  return files.map((f) => ({
    path: f.filename,
    status: f.status,
    ...(f.previous_filename ? { previous: f.previous_filename } : {}),
  }));
}

/** A file's text at a commit through the contents API; undefined when it does not exist there. */
export async function fileAt(
  client: GitHubClient,
  repo: Repo,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
