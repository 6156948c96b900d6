// The fork-PR comment end to end: the `pull_request` run (mode comment-to-artifact) writes the artifact,
// the test uploads it as actions/upload-artifact would, and the `workflow_run` run (mode
// comment-from-artifact, an empty workspace: no checkout) posts the comment through the fake GitHub.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_ARTIFACT, COMMENT_ARTIFACT_FILE } from '../../src/publish/artifact.js';
import { COMMENT_MARKER } from '../../src/report/markdown.js';
import { type ZipEntry, zip } from '../helpers/zip.js';
import {
  type ActionRun,
  exampleFiles,
  type FakeGitHub,
  makeRepo,
  pullRequestEvent,
  type RunDescription,
  runAction,
  startFakeGitHub,
  type TestRepo,
  workflowRunEvent,
} from './harness.js';

const PR = 17;
const RUN_ID = 9001;
const FORK = 'contributor/payments';
const BRANCH = 'tighten-auth';

let api: FakeGitHub | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const commentWrites = (fake: FakeGitHub) =>
  fake.requests.filter((r) => r.path.includes('/comments') && r.method !== 'GET');

/** The example PR (it removes authentication: blocked), analysed once by a comment-to-artifact run. */
let repo: TestRepo;
let prRun: ActionRun;
let prRunApi: FakeGitHub;
let artifactJson: string;
beforeAll(async () => {
  repo = makeRepo(exampleFiles('base'), exampleFiles('head'), { shallow: true });
  prRunApi = await startFakeGitHub(PR);
  prRun = await runAction(
    repo,
    prRunApi,
    { mode: 'comment-to-artifact' },
    { name: 'pull_request', path: pullRequestEvent(repo, PR) },
  );
  await prRunApi.close();
  const file = join(dirname(prRun.outputs['report-file']!), COMMENT_ARTIFACT, COMMENT_ARTIFACT_FILE);
  artifactJson = existsSync(file) ? readFileSync(file, 'utf8') : '';
}, 120_000);

/** The artifact as upload-artifact stores it: a zip of the one file. */
function upload(fake: FakeGitHub, entries: ZipEntry[], listing: { size?: number } = {}): void {
  fake.artifacts[RUN_ID] = [{ id: 555, name: COMMENT_ARTIFACT, zip: zip(entries), ...listing }];
}
const theFile = (data: string | Buffer): ZipEntry[] => [{ name: COMMENT_ARTIFACT_FILE, data }];
const edited = (edit: (artifact: Record<string, unknown>) => void) => {
  const artifact = JSON.parse(artifactJson) as Record<string, unknown>;
  edit(artifact);
  return JSON.stringify(artifact);
};

/** The fork's open PR, and another fork's PR on a branch of the same name at another commit. */
function forkPulls(fake: FakeGitHub, headSha = repo.headSha): void {
  fake.pulls.push(
    { number: PR, head: { sha: headSha, ref: BRANCH, repo: { full_name: FORK } } },
    { number: 99, head: { sha: 'c'.repeat(40), ref: BRANCH, repo: { full_name: 'someone/payments' } } },
  );
}

/** The workflow_run run, in an empty workspace (nothing checked out). */
function workflowRun(fake: FakeGitHub, run: Partial<RunDescription> = {}, inputs = {}): Promise<ActionRun> {
  const workspace = mkdtempSync(join(tmpdir(), 'api-posture-workflow-run-'));
  const event = workflowRunEvent(workspace, {
    id: RUN_ID,
    headSha: repo.headSha,
    headBranch: BRANCH,
    headRepository: FORK,
    ...run,
  });
  return runAction(
    { ...repo, workspace },
    fake,
    { mode: 'comment-from-artifact', ...inputs },
    { name: 'workflow_run', path: event },
  );
}

describe('a fork PR, in two workflows', () => {
  it('the pull_request run writes the artifact and comments nowhere', () => {
    expect(prRun.code).not.toBe(0); // blocked: the gate is this run's check
    expect(prRun.outputs.blocked).toBe('true');
    expect(commentWrites(prRunApi)).toEqual([]);
    expect(prRunApi.requests.filter((r) => r.path.includes('/comments'))).toEqual([]);
    expect(prRun.outputs['comment-url']).toBe('');
    const artifact = JSON.parse(artifactJson) as Record<string, unknown>;
    expect(artifact).toMatchObject({
      format: 'api-posture/pr-comment',
      version: 1,
      pullRequest: PR,
      headSha: repo.headSha,
      report: { mode: 'diff', blocked: true },
    });
  });

  it('the workflow_run run posts it on the fork’s PR, as the direct mode would, then edits it', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    forkPulls(api);
    upload(api, theFile(artifactJson));
    const first = await workflowRun(api);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(api.comments).toHaveLength(1);
    const body = api.comments[0]!.body;
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain('### ⛔ api-posture: blocked');
    expect(body).toContain(`https://github.com/acme/payments/blob/${repo.headSha}/api/payments.yaml#L41`);
    expect(body).toContain(`https://github.com/acme/payments/actions/runs/${RUN_ID}`);
    expect(first.outputs['comment-url']).toBe(api.comments[0]!.html_url);
    // The fork's PR was found by its head (owner:branch), and the one at the run's commit was taken.
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      `GET /repos/acme/payments/pulls?state=open&head=${encodeURIComponent(`contributor:${BRANCH}`)}&per_page=100`,
    );
    // The artifact of the triggering run, downloaded through GitHub's redirect; the token stays with the API.
    expect(
      api.requests.some((r) => r.path.startsWith(`/repos/acme/payments/actions/runs/${RUN_ID}/artifacts`)),
    ).toBe(true);
    expect(api.storageRequests).toEqual([
      { method: 'GET', path: '/blob/555?sig=signed', body: undefined, authorized: false },
    ]);
    expect(api.requests.every((r) => r.authorized)).toBe(true);

    // The same comment the action posts when it can comment directly, but for the run it links, the
    // SARIF file's name (an input of the other workflow, not taken from the artifact) and the report
    // artifact (the fork pair's first workflow uploads only the comment's).
    const direct = await startFakeGitHub(PR);
    try {
      await runAction(repo, direct, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
      const expected = direct.comments[0]!.body.replaceAll('/actions/runs/4242', `/actions/runs/${RUN_ID}`)
        .replace(' · SARIF: `api-posture.sarif`', '')
        .replace(
          / \(the `api-posture-report` artifact of \[this run\]\([^)]*\) when the workflow uploads them with `actions\/upload-artifact` \(as the README's workflow does\)\)/,
          '',
        );
      expect(body).toBe(expected);
    } finally {
      await direct.close();
    }

    const second = await workflowRun(api);
    expect(second.code).toBe(0);
    expect(commentWrites(api).map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(api.comments).toHaveLength(1);
  });

  it('a same-repository PR: the number comes from the event’s pull_requests', {
    timeout: 60_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    upload(api, theFile(artifactJson));
    const run = await workflowRun(api, {
      headRepository: 'acme/payments',
      pullRequests: [{ number: PR, headSha: repo.headSha }],
    });
    expect(run.code).toBe(0);
    expect(api.comments).toHaveLength(1);
    expect(api.requests.some((r) => r.path.startsWith('/repos/acme/payments/pulls'))).toBe(false);
  });
});

describe('the PR is GitHub’s, never the artifact’s', () => {
  it('a PR the event lists into another repository (inside the fork) is not ours: the fork’s PR here is', {
    timeout: 60_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    forkPulls(api);
    // The fork opened PR #18 inside the fork on the same branch, and its artifact claims #18.
    upload(api, theFile(edited((a) => (a.pullRequest = 18))));
    const run = await workflowRun(api, {
      pullRequests: [{ number: 18, headSha: repo.headSha, elsewhere: true }],
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      `is for pull request 18, but the run that uploaded it ran for pull request #${PR}. No comment was written or edited.`,
    );
    expect(commentWrites(api)).toEqual([]);
  });
});

describe('hostile artifacts are refused: no comment written or edited', () => {
  const refusedLine = `::error::api-posture refused the ${COMMENT_ARTIFACT} artifact of run ${RUN_ID} (pull request #${PR}): `;
  const cases: {
    name: string;
    entries: () => ZipEntry[];
    size?: number;
    downloaded?: boolean;
    message: string;
  }[] = [
    {
      name: 'another PR number',
      entries: () => theFile(edited((a) => (a.pullRequest = 18))),
      message: `${COMMENT_ARTIFACT_FILE} is for pull request 18, but the run that uploaded it ran for pull request #${PR}`,
    },
    {
      name: 'oversize (by its listed size, never downloaded)',
      entries: () => theFile(artifactJson),
      size: 9 * 1024 * 1024,
      message: 'the artifact is 9437184 bytes, over the limit of 8388608',
    },
    {
      name: 'oversize (listed small, cut off while downloading)',
      entries: () => [{ name: COMMENT_ARTIFACT_FILE, data: randomBytes(9 * 1024 * 1024), method: 'store' }],
      size: 1000,
      downloaded: true,
      message: 'the artifact download exceeds the limit of 8388608 bytes',
    },
    {
      name: 'a zip bomb',
      entries: () => [
        { name: COMMENT_ARTIFACT_FILE, data: Buffer.alloc(40 * 1024 * 1024), declaredSize: 1000 },
      ],
      message: `the artifact is not readable: "${COMMENT_ARTIFACT_FILE}" inflates to more than 33554432 bytes (a zip bomb?)`,
    },
    {
      name: 'a path-traversal name in the zip',
      entries: () => [
        ...theFile(artifactJson),
        { name: '../../../.github/workflows/pwn.yml', data: 'on: push' },
      ],
      message: `the artifact is not readable: it holds "../../../.github/workflows/pwn.yml", not only ${COMMENT_ARTIFACT_FILE}`,
    },
    {
      name: 'a ready-made body without a report (and without the marker)',
      entries: () =>
        theFile(
          edited((a) => {
            a.body = '### ✅ api-posture: passed @maintainers';
            delete a.report;
          }),
        ),
      message: `the report in ${COMMENT_ARTIFACT_FILE} is not this action's report: (root): `,
    },
    {
      name: 'a forged workflow command in the PR number',
      entries: () => theFile(edited((a) => (a.pullRequest = '17\n::error::forged\n::add-mask::x'))),
      message: `${COMMENT_ARTIFACT_FILE} is for pull request "17\\n::error::forged\\n::add-mask::x"`,
    },
    {
      name: 'a rule id carrying a mention and a link',
      entries: () =>
        theFile(
          edited((a) => {
            const specs = (a.report as { specs: { endpoints: { findings: { ruleId: string }[] }[] }[] })
              .specs;
            specs[0]!.endpoints.find((e) => e.findings.length > 0)!.findings[0]!.ruleId =
              'auth` @acme/admins [approve](https://evil.example)';
          }),
        ),
      message: 'ruleId: not a rule id',
    },
  ];
  it.each(cases)('$name', { timeout: 60_000 }, async ({ entries, size, downloaded, message }) => {
    api = await startFakeGitHub(PR);
    forkPulls(api);
    upload(api, entries(), size === undefined ? {} : { size });
    const run = await workflowRun(api);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(refusedLine);
    expect(run.stdout).toContain(message);
    expect(run.stdout).toContain('. No comment was written or edited.');
    expect(commentWrites(api)).toEqual([]);
    expect(api.comments).toEqual([]);
    // Whatever the artifact holds, no line of the log is a workflow command it wrote.
    expect(run.stdout.split('\n').filter((l) => /^::(error::forged|add-mask)/.test(l))).toEqual([]);
    if (size !== undefined) expect(api.storageRequests).toHaveLength(downloaded ? 1 : 0);
  });
});

describe('what the report’s own text can do: nothing', () => {
  it('mentions, links and workflow commands in free text are posted inert', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    forkPulls(api);
    const json = edited((a) => {
      const report = a.report as { summary: { verdict: string } };
      report.summary.verdict = '@acme/maintainers merge now [ok](https://evil.example)\n::error::forged';
    });
    upload(api, theFile(json));
    const run = await workflowRun(api);
    expect(run.code).toBe(0);
    const body = api.comments[0]!.body;
    expect(body).toContain('@&#8203;acme/maintainers');
    expect(body).not.toContain('[ok](https://evil.example)');
    expect(body).not.toMatch(/^::error::forged/m);
    expect(run.stdout).not.toMatch(/^::error::forged/m);
  });
});

describe('nothing to comment on', () => {
  it('no artifact: a warning, no comment, and the step passes', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    forkPulls(api);
    const run = await workflowRun(api);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `::warning::api-posture: no comment for pull request #${PR}: run ${RUN_ID} uploaded no artifact named ${COMMENT_ARTIFACT}`,
    );
    expect(commentWrites(api)).toEqual([]);
  });

  it('the PR was pushed to again since the run: no PR has its commit, no comment', {
    timeout: 60_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    forkPulls(api, 'd'.repeat(40));
    upload(api, theFile(artifactJson));
    const run = await workflowRun(api);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `::notice::api-posture: no comment for run ${RUN_ID}: no open pull request has ${FORK}@`,
    );
    expect(api.storageRequests).toEqual([]);
    expect(commentWrites(api)).toEqual([]);
  });

  it('a run for a push, not a pull request: no comment, no artifact read', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    upload(api, theFile(artifactJson));
    const run = await workflowRun(api, { event: 'push' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `api-posture: run ${RUN_ID} was for a push event, not a pull request: no comment`,
    );
    expect(api.requests).toEqual([]);
  });

  it('a token without `actions: read`: the step fails naming the permission', {
    timeout: 60_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    forkPulls(api);
    upload(api, theFile(artifactJson));
    api.faults.push({
      match: `GET /repos/acme/payments/actions/runs/${RUN_ID}/artifacts`,
      statuses: [403],
      message: 'Resource not accessible by integration',
    });
    const run = await workflowRun(api);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      '::error::GitHub refused the token (HTTP 403): the workflow_run workflow needs `actions: read` in its `permissions:` (Resource not accessible by integration',
    );
    expect(commentWrites(api)).toEqual([]);
  });

  it('comment-from-artifact on another event is an input error', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    const run = await runAction(
      repo,
      api,
      { mode: 'comment-from-artifact' },
      { name: 'pull_request', path: pullRequestEvent(repo, PR) },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      '::error::input `mode` is "comment-from-artifact", which runs on the workflow_run event; this run is for pull_request',
    );
    expect(api.requests).toEqual([]);
  });
});
