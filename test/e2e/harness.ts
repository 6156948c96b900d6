// Runs the bundled action (dist/index.js) exactly as the runner does, against a temporary git
// repository and a loopback HTTP server standing in for the GitHub REST API.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname;
export const OWNER = 'acme';
export const NAME = 'payments';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  /** Whether the request carried an Authorization header (the artifact storage must never get one). */
  authorized?: boolean;
}

/** An artifact of a workflow run, as `GET /actions/runs/{id}/artifacts` lists it and the storage serves it. */
export interface FakeArtifact {
  id: number;
  name: string;
  zip: Buffer;
  /** The size the listing reports; default the zip's. */
  size?: number;
  expired?: boolean;
}

/** An open pull request as `GET /pulls?head=owner:branch` lists it. */
export interface FakePull {
  number: number;
  head: { sha: string; ref: string; repo: { full_name: string } | null };
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string; id?: number };
  performed_via_github_app?: { slug: string } | null;
  html_url: string;
}

export interface FakeUser {
  login: string;
  type: string;
  id: number;
}

/** The default GITHUB_TOKEN's bot, as GitHub.com shows it on the comments it writes. */
export const ACTIONS_BOT_USER: FakeUser = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };

/** What the fake API should do; every request is recorded. */
export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  comments: Comment[];
  /** Status codes to answer (in order) before behaving normally, per `METHOD /path` prefix. */
  /** Answers for matching requests, in order; status 0 accepts the request and never answers. */
  faults: { match: string; statuses: number[]; headers?: Record<string, string>; message?: string }[];
  prFiles: { filename: string; status: string; previous_filename?: string }[];
  /** Files served by the contents API, by commit: the REST fallback for the base version. */
  contents: Record<string, Record<string, string>>;
  /**
   * Other answers of the contents API, by commit and path (checked before `contents`): a symlink or
   * submodule entry, or a file whose `size` is given (over 1 MB GitHub leaves `content` out: then
   * `GET /git/blobs/{sha}` serves it) or answered under another path (a symlink GitHub followed).
   */
  contentEntries: Record<string, Record<string, ContentEntry>>;
  /**
   * Who the token is. Unset: an installation token like the default GITHUB_TOKEN (`GET /user` answers 403,
   * comments are written as github-actions[bot]); set: a personal access token of this user.
   */
  tokenUser?: FakeUser;
  /** GraphQL `viewer { login }`'s answer; unset: `POST /graphql` answers 404. */
  viewerLogin?: string;
  /** Artifacts by workflow run id; a download answers 302 to a second loopback server (the storage). */
  artifacts: Record<number, FakeArtifact[]>;
  /** Open pull requests, for `GET /pulls?head=`. */
  pulls: FakePull[];
  /** Requests the artifact storage received. */
  storageRequests: RecordedRequest[];
  close(): Promise<void>;
}

export type ContentEntry =
  | { type: 'symlink'; target: string }
  | { type: 'submodule'; url: string }
  | { type: 'file'; text: string | Buffer; size?: number; omitContent?: boolean; path?: string };

export async function startFakeGitHub(prNumber: number): Promise<FakeGitHub> {
  const state: Omit<FakeGitHub, 'url' | 'close'> = {
    requests: [],
    comments: [],
    faults: [],
    prFiles: [],
    contents: {},
    contentEntries: {},
    artifacts: {},
    pulls: [],
    storageRequests: [],
  };
  // The artifact storage: another origin, like GitHub's blob storage, serving a zip by a signed URL.
  const storage: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.storageRequests.push({
      method: req.method ?? '',
      path: `${url.pathname}${url.search}`,
      body: undefined,
      authorized: req.headers.authorization !== undefined,
    });
    const id = Number(url.pathname.match(/^\/blob\/(\d+)$/)?.[1]);
    const artifact = Object.values(state.artifacts)
      .flat()
      .find((a) => a.id === id);
    if (!artifact || url.searchParams.get('sig') !== 'signed') {
      res.writeHead(404, { 'content-type': 'application/xml' });
      return res.end('<Error>BlobNotFound</Error>');
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': artifact.zip.length });
    res.end(artifact.zip);
  });
  await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
  const storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
  const blobs = new Map<string, string | Buffer>();
  let nextId = 1000;
  const hung: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      const key = `${req.method} ${url.pathname}`;
      state.requests.push({
        method: req.method ?? '',
        path: `${url.pathname}${url.search}`,
        body,
        authorized: req.headers.authorization !== undefined,
      });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(data));
      };
      const fault = state.faults.find((f) => key.startsWith(f.match) && f.statuses.length > 0);
      if (fault?.statuses[0] === 0) {
        fault.statuses.shift(); // 0: the request is accepted and never answered (a hung connection)
        hung.push(res);
        return;
      }
      if (fault)
        return send(
          fault.statuses.shift()!,
          { message: fault.message ?? 'injected fault' },
          fault.headers ?? {},
        );
      const base = `/repos/${OWNER}/${NAME}`;
      if (req.method === 'GET' && url.pathname === '/user') {
        if (!state.tokenUser)
          return send(403, {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
            status: '403',
          });
        return send(200, { ...state.tokenUser });
      }
      if (req.method === 'POST' && url.pathname === '/graphql' && state.viewerLogin !== undefined)
        return send(200, { data: { viewer: { login: state.viewerLogin } } });
      if (req.method === 'GET' && url.pathname === `${base}/issues/${prNumber}/comments`) {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = state.comments.slice((page - 1) * perPage, page * perPage);
        const last = Math.max(1, Math.ceil(state.comments.length / perPage));
        const link: Record<string, string> =
          page < last
            ? {
                link: `<http://${req.headers.host}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`,
              }
            : {};
        return send(200, slice, link);
      }
      if (req.method === 'POST' && url.pathname === `${base}/issues/${prNumber}/comments`) {
        const id = nextId++;
        const comment: Comment = {
          id,
          body: (body as { body: string }).body,
          user: { ...(state.tokenUser ?? ACTIONS_BOT_USER) },
          performed_via_github_app: state.tokenUser ? null : { slug: 'github-actions' },
          html_url: `https://github.com/${OWNER}/${NAME}/pull/${prNumber}#issuecomment-${id}`,
        };
        state.comments.push(comment);
        return send(201, comment);
      }
      const edit = url.pathname.match(new RegExp(`^${base}/issues/comments/(\\d+)$`));
      if (req.method === 'PATCH' && edit) {
        const comment = state.comments.find((c) => c.id === Number(edit[1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = (body as { body: string }).body;
        return send(200, comment);
      }
      if (req.method === 'GET' && url.pathname === `${base}/pulls/${prNumber}/files`) {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const last = Math.max(1, Math.ceil(state.prFiles.length / perPage));
        const link: Record<string, string> =
          page < last
            ? {
                link: `<http://${req.headers.host}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`,
              }
            : {};
        return send(200, state.prFiles.slice((page - 1) * perPage, page * perPage), link);
      }
      const content = url.pathname.match(new RegExp(`^${base}/contents/(.+)$`));
      if (req.method === 'GET' && content) {
        const path = decodeURIComponent(content[1]!);
        const entry = state.contentEntries[url.searchParams.get('ref') ?? '']?.[path];
        if (entry?.type === 'symlink' || entry?.type === 'submodule')
          return send(200, { ...entry, path, name: path.split('/').pop(), size: 0, sha: 'f'.repeat(40) });
        if (entry?.type === 'file') {
          const sha = createHash('sha1').update(entry.text).digest('hex');
          blobs.set(sha, entry.text);
          return send(200, {
            type: 'file',
            path: entry.path ?? path,
            sha,
            size: entry.size ?? Buffer.byteLength(entry.text),
            encoding: entry.omitContent ? 'none' : 'base64',
            content: entry.omitContent ? '' : Buffer.from(entry.text).toString('base64'),
          });
        }
        const text = state.contents[url.searchParams.get('ref') ?? '']?.[path];
        if (text === undefined) return send(404, { message: 'Not Found' });
        return send(200, {
          type: 'file',
          path,
          size: Buffer.byteLength(text),
          encoding: 'base64',
          content: Buffer.from(text).toString('base64'),
        });
      }
      const runArtifacts = url.pathname.match(new RegExp(`^${base}/actions/runs/(\\d+)/artifacts$`));
      if (req.method === 'GET' && runArtifacts) {
        const name = url.searchParams.get('name');
        const listed = (state.artifacts[Number(runArtifacts[1])] ?? [])
          .filter((a) => name === null || a.name === name)
          .map((a) => ({
            id: a.id,
            name: a.name,
            size_in_bytes: a.size ?? a.zip.length,
            expired: a.expired ?? false,
            archive_download_url: `http://${req.headers.host}${base}/actions/artifacts/${a.id}/zip`,
          }));
        return send(200, { total_count: listed.length, artifacts: listed });
      }
      const download = url.pathname.match(new RegExp(`^${base}/actions/artifacts/(\\d+)/zip$`));
      if (req.method === 'GET' && download) {
        const known = Object.values(state.artifacts)
          .flat()
          .some((a) => a.id === Number(download[1]));
        if (!known) return send(404, { message: 'Not Found' });
        res.writeHead(302, { location: `${storageUrl}/blob/${download[1]}?sig=signed` });
        return res.end();
      }
      if (req.method === 'GET' && url.pathname === `${base}/pulls`) {
        const head = url.searchParams.get('head');
        const open = state.pulls.filter(
          (p) => head === null || `${p.head.repo?.full_name.split('/')[0]}:${p.head.ref}` === head,
        );
        return send(200, open);
      }
      const blob = url.pathname.match(new RegExp(`^${base}/git/blobs/([0-9a-f]+)$`));
      const blobText = blob ? blobs.get(blob[1]!) : undefined;
      if (req.method === 'GET' && blobText !== undefined)
        return send(200, {
          sha: blob![1],
          size: Buffer.byteLength(blobText),
          encoding: 'base64',
          content: Buffer.from(blobText).toString('base64'),
        });
      return send(404, { message: `Not Found: ${key}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung.splice(0)) res.destroy();
        storage.close();
        server.close(() => resolve());
      }),
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

export interface TestRepo {
  /** The bare repository standing in for GitHub's. */
  origin: string;
  baseSha: string;
  headSha: string;
  /** A checkout of head, as actions/checkout makes it. */
  workspace: string;
}

/** A file's text, a symlink to `link` (relative to the link's folder, or absolute), or null: deleted. */
export type RepoEntry = string | { link: string } | null;

/**
 * A repository with a base commit and a head commit on top; `edit` writes the head's changes into the
 * working tree (symlinks are committed as such). The workspace is a clone of head: full history, or depth 1
 * like actions/checkout; `untracked` is then written into it uncommitted, as an earlier workflow step would.
 */
export function makeRepo(
  base: Record<string, RepoEntry>,
  edit: Record<string, RepoEntry>,
  { shallow = false, untracked = {} }: { shallow?: boolean; untracked?: Record<string, RepoEntry> } = {},
): TestRepo & { root: string } {
  const root = mkdtempSync(join(tmpdir(), 'api-posture-e2e-'));
  const author = join(root, 'author');
  mkdirSync(author);
  git(author, 'init', '-q', '-b', 'main');
  git(author, 'config', 'core.symlinks', 'true');
  write(author, base);
  git(author, 'add', '-A');
  git(author, 'commit', '-q', '-m', 'base');
  const baseSha = git(author, 'rev-parse', 'HEAD');
  write(author, edit);
  git(author, 'add', '-A');
  git(author, 'commit', '-q', '--allow-empty', '-m', 'head');
  const headSha = git(author, 'rev-parse', 'HEAD');
  const origin = join(root, 'origin.git');
  git(root, 'clone', '-q', '--bare', author, origin);
  git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  const workspace = join(root, 'workspace');
  git(root, 'clone', '-q', ...(shallow ? ['--depth=1'] : []), `file://${origin}`, workspace);
  write(workspace, untracked);
  return { root, origin, baseSha, headSha, workspace };
}

function write(dir: string, files: Record<string, RepoEntry>): void {
  for (const [path, entry] of Object.entries(files)) {
    const full = join(dir, path);
    rmSync(full, { recursive: true, force: true });
    if (entry === null) continue;
    mkdirSync(join(full, '..'), { recursive: true });
    if (typeof entry === 'string') writeFileSync(full, entry);
    else symlinkSync(entry.link, full);
  }
}

export function exampleFiles(side: 'base' | 'head'): Record<string, string> {
  const dir = join(REPO_ROOT, 'examples', side);
  return {
    'api/payments.yaml': readFileSync(join(dir, 'payments.yaml'), 'utf8'),
    'api/schemas.yaml': readFileSync(join(dir, 'schemas.yaml'), 'utf8'),
  };
}

/** A real `pull_request` webhook payload (from @octokit/webhooks-examples) pointed at our repository. */
export function pullRequestEvent(repo: TestRepo, number: number, eventName = 'pull_request'): string {
  const examples = JSON.parse(
    readFileSync(
      join(REPO_ROOT, 'node_modules/@octokit/webhooks-examples/api.github.com/index.json'),
      'utf8',
    ),
  ) as {
    name: string;
    examples: Record<string, unknown>[];
  }[];
  const payload = structuredClone(
    examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!,
  ) as {
    number: number;
    pull_request: { number: number; base: { sha: string }; head: { sha: string } };
    repository: { name: string; full_name: string; owner: { login: string } };
  };
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.base.sha = repo.baseSha;
  payload.pull_request.head.sha = repo.headSha;
  payload.repository.name = NAME;
  payload.repository.full_name = `${OWNER}/${NAME}`;
  payload.repository.owner.login = OWNER;
  const path = join(repo.workspace, '..', `${eventName}-event.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs dist/index.js with the runner's environment: INPUT_* (hyphens kept), GITHUB_* files, API URL. */
export function runAction(
  repo: TestRepo,
  api: FakeGitHub,
  inputs: Record<string, string>,
  event: { name: string; path: string },
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  const runnerDir = mkdtempSync(join(tmpdir(), 'api-posture-runner-'));
  const outputFile = join(runnerDir, 'output');
  const summaryFile = join(runnerDir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const defaults: Record<string, string> = {
    'fail-on': 'critical',
    'fail-on-scope': 'new',
    comment: 'true',
    annotations: 'true',
    'sarif-file': 'api-posture.sarif',
    'github-token': 'test-token',
    policies: 'default',
    'trust-pr-config': 'false',
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: event.path,
    GITHUB_WORKSPACE: repo.workspace,
    GITHUB_REPOSITORY: `${OWNER}/${NAME}`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: api.url,
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: repo.headSha,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerDir,
    ...extraEnv,
  };
  for (const [name, value] of Object.entries({ ...defaults, ...inputs }))
    env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'dist/index.js')],
      { cwd: repo.workspace, env, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
          summary: readFileSync(summaryFile, 'utf8'),
        });
      },
    );
  });
}

/** GITHUB_OUTPUT uses `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i]!.match(/^([^<=]+)<<(.+)$/);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

export { cpSync };

/** The triggering run, as a test describes it for `workflowRunEvent`. */
export interface RunDescription {
  id: number;
  event?: string;
  headSha: string;
  headBranch: string;
  /** `owner/name`; a fork's when it differs from ours. */
  headRepository: string;
  /**
   * Listed in the payload (same-repository PRs only; GitHub leaves a fork's out); `elsewhere`: a PR whose
   * base is another repository (one inside the fork, on the same branch).
   */
  pullRequests?: { number: number; headSha: string; elsewhere?: boolean }[];
}

/** A real `workflow_run` `completed` webhook payload (from @octokit/webhooks-examples) describing `run`. */
export function workflowRunEvent(dir: string, run: RunDescription): string {
  const examples = JSON.parse(
    readFileSync(
      join(REPO_ROOT, 'node_modules/@octokit/webhooks-examples/api.github.com/index.json'),
      'utf8',
    ),
  ) as { name: string; examples: Record<string, unknown>[] }[];
  const payload = structuredClone(
    examples
      .find((e) => e.name === 'workflow_run')!
      .examples.find(
        (e) =>
          e.action === 'completed' &&
          (e.workflow_run as { pull_requests: unknown[] }).pull_requests.length > 0,
      )!,
  ) as {
    workflow_run: {
      id: number;
      event: string;
      head_sha: string;
      head_branch: string;
      head_repository: { full_name: string; owner: { login: string } };
      pull_requests: unknown[];
    };
    repository: { id: number; name: string; full_name: string; owner: { login: string } };
  };
  const w = payload.workflow_run;
  const ours = { id: payload.repository.id, name: NAME };
  const theirs = { id: payload.repository.id + 1, name: NAME };
  w.id = run.id;
  w.event = run.event ?? 'pull_request';
  w.head_sha = run.headSha;
  w.head_branch = run.headBranch;
  w.head_repository.full_name = run.headRepository;
  w.head_repository.owner.login = run.headRepository.split('/')[0]!;
  w.pull_requests = (run.pullRequests ?? []).map((p) => ({
    id: p.number * 1000,
    number: p.number,
    head: { ref: run.headBranch, sha: p.headSha, repo: p.elsewhere ? theirs : ours },
    base: { ref: 'main', sha: 'b'.repeat(40), repo: p.elsewhere ? theirs : ours },
  }));
  payload.repository.name = NAME;
  payload.repository.full_name = `${OWNER}/${NAME}`;
  payload.repository.owner.login = OWNER;
  const path = join(dir, `workflow_run-${run.id}-event.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}
