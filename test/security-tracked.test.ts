import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runEngine } from '../src/engine.js';
import { changedSince, trackedFiles } from '../src/load/git.js';
import { type PullRequestSource, pullRequestSources } from '../src/load/pull-request.js';
import { type FileReader, fsReader, gitReader, trackedReader } from '../src/load/reader.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies } from '../src/policy/load.js';
import { createClient, fileAt } from '../src/publish/github.js';
import { buildReport } from '../src/report/json.js';
import { renderComment, renderSummary } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderText } from '../src/report/text.js';
import {
  type RepoEntry as Entry,
  type FakeGitHub,
  git,
  makeRepo,
  pullRequestEvent,
  runAction,
  startFakeGitHub,
  type TestRepo,
} from './e2e/harness.js';
import { outdent } from './helpers/inline.js';

/**
 * A base commit, a head commit on top, and a full clone of head as the workspace; `untracked` is then
 * written into the workspace uncommitted, as an earlier workflow step would.
 */
function repository(
  base: Record<string, Entry>,
  edit: Record<string, Entry>,
  untracked: Record<string, Entry> = {},
): TestRepo {
  return makeRepo(base, edit, { untracked });
}

/** The documents the action would analyse, read as the action reads the head (committed files only). */
async function sourcesOf(repo: TestRepo, head?: FileReader): Promise<PullRequestSource[]> {
  const changed = changedSince(repo.workspace, repo.baseSha);
  if (!changed) throw new Error('git could not list the changes');
  const tracked = trackedFiles(repo.workspace);
  if (!tracked) throw new Error('git could not list the committed files');
  return pullRequestSources({
    workspace: repo.workspace,
    changed,
    complete: true,
    base: gitReader(repo.workspace, repo.baseSha),
    head: head ?? trackedReader(repo.workspace, tracked),
    tracked,
    specs: [],
  });
}

const POLICIES = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);

/** Every text the engine's result is published as: JSON report, comment, summary, SARIF, CLI text. */
function everyOutput(sources: PullRequestSource[]) {
  const analysis = runEngine(sources, {
    mode: 'diff',
    failOn: 'critical',
    failOnScope: 'new',
    policies: POLICIES,
    today: '2026-01-01',
  });
  const report = buildReport(analysis);
  const text = [
    JSON.stringify(report),
    renderComment(report),
    renderSummary(report),
    JSON.stringify(renderSarif(report, { docsBase: 'https://example.com' })),
    renderText(report),
  ].join('\n');
  return { report, text };
}

/** What google-github-actions/auth leaves in the workspace, with a planted secret (no real key format). */
const SECRET = 'PLANTEDxCREDENTIALx7f3a9c21';
const CREDS = JSON.stringify({
  type: 'service_account',
  client_email: 'ci@example.iam.gserviceaccount.com',
  server: { url: `http://${SECRET}.example.com`, description: SECRET },
  scopes: { enum: [SECRET, `${SECRET}-admin`], type: 'string' },
});

const BASE_ROOT = outdent(`
  openapi: 3.0.3
  info: { title: Payments, version: 1.0.0 }
  servers:
    - url: https://api.example.com
  paths:
    /payments:
      get:
        security: [{ key: [] }]
        parameters:
          - name: scope
            in: query
            schema: { type: string, enum: [read] }
        responses:
          '200': { description: ok }
  components:
    securitySchemes:
      key: { type: apiKey, in: header, name: X-Key }
`);
/** The head pulls the credentials file in twice: a server and a parameter's schema. */
const HEAD_ROOT = BASE_ROOT.replace(
  '  - url: https://api.example.com\n',
  "  - url: https://api.example.com\n  - $ref: '../gha-creds-4f1c.json#/server'\n",
).replace('schema: { type: string, enum: [read] }', "schema: { $ref: '../gha-creds-4f1c.json#/scopes' }");

describe('a file an earlier step left in the workspace (untracked), `$ref`d by the PR', () => {
  it('is what the head asks for (the control: committed, its values would reach the outputs)', async () => {
    expect(HEAD_ROOT).toContain('gha-creds-4f1c.json#/server');
    expect(HEAD_ROOT).toContain('gha-creds-4f1c.json#/scopes');
    const repo = repository(
      { 'api/openapi.yaml': BASE_ROOT },
      { 'api/openapi.yaml': HEAD_ROOT, 'gha-creds-4f1c.json': CREDS },
    );
    const { text } = everyOutput(await sourcesOf(repo));
    expect(text).toContain(SECRET);
  });

  it('is refused by name and its content reaches no output', async () => {
    const repo = repository(
      { 'api/openapi.yaml': BASE_ROOT },
      { 'api/openapi.yaml': HEAD_ROOT },
      { 'gha-creds-4f1c.json': CREDS },
    );
    const sources = await sourcesOf(repo);
    expect(sources.map((s) => s.path)).toEqual(['api/openapi.yaml']);
    const { text } = everyOutput(sources);
    expect(text).toContain('refused to read gha-creds-4f1c.json: it is not a file committed in the checkout');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('service_account');
  });

  it('the workspace as it is (the CLI) still reads it: the restriction is the action head reader', async () => {
    const repo = repository(
      { 'api/openapi.yaml': BASE_ROOT },
      { 'api/openapi.yaml': HEAD_ROOT },
      { 'gha-creds-4f1c.json': CREDS },
    );
    const { text } = everyOutput(await sourcesOf(repo, fsReader(repo.workspace)));
    expect(text).toContain(SECRET);
  });

  it('a committed symlink to it, an untracked symlink to a committed file, a committed file swapped for a symlink: refused', () => {
    const repo = repository(
      { 'api/openapi.yaml': BASE_ROOT },
      {
        'api/creds.json': { link: '../gha-creds-4f1c.json' },
        'api/shared': { link: 'parts' },
        'api/parts/a.yaml': 'a: 1\n',
        'api/c.yaml': 'c: 3\n',
        'api/d.yaml': 'd: 4\n',
      },
      {
        'gha-creds-4f1c.json': CREDS,
        'api/alias.yaml': { link: 'openapi.yaml' },
        'api/parts/b.yaml': 'b: 2\n',
        // Committed files an earlier step replaced by symlinks: to an uncommitted file, and to .git.
        'api/c.yaml': { link: '../gha-creds-4f1c.json' },
        'api/d.yaml': { link: '../.git/config' },
      },
    );
    const head = trackedReader(repo.workspace, trackedFiles(repo.workspace)!);
    expect(head.open?.('api/creds.json', 1e6)).toEqual({ refused: { reason: 'untracked' } });
    expect(head.open?.('gha-creds-4f1c.json', 1e6)).toEqual({ refused: { reason: 'untracked' } });
    expect(head.open?.('api/alias.yaml', 1e6)).toEqual({ refused: { reason: 'untracked' } });
    // Through a committed symlinked folder: a committed file is read, an untracked one is not.
    expect(head.open?.('api/shared/a.yaml', 1e6)).toEqual({ text: 'a: 1\n' });
    expect(head.open?.('api/shared/b.yaml', 1e6)).toEqual({ refused: { reason: 'untracked' } });
    expect(head.open?.('api/openapi.yaml', 1e6)).toEqual({ text: BASE_ROOT });
    expect(head.open?.('api/missing.yaml', 1e6)).toBeUndefined();
    expect(head.open?.('.git/config', 1e6)).toEqual({ refused: { reason: 'git-dir' } });
    expect(head.open?.('api/c.yaml', 1e6)).toEqual({ refused: { reason: 'untracked' } });
    expect(head.open?.('api/d.yaml', 1e6)).toEqual({ refused: { reason: 'git-dir' } });
    expect(head.read('gha-creds-4f1c.json')).toBeUndefined();
    expect(head.admits?.('gha-creds-4f1c.json')).toBe(false);
    expect(head.admits?.('api/openapi.yaml')).toBe(true);
  });
});

describe('a `$ref` to a file whose name discovery never reads', () => {
  const root = BASE_ROOT.replace(
    "        '200': { description: ok }",
    "        '200': { $ref: 'responses.txt#/ok' }",
  );
  const secured = 'ok:\n  description: ok\n';
  it('the root does reach it', () => expect(root).toContain("$ref: 'responses.txt#/ok'"));

  it('changed alone: the root is analysed', async () => {
    const repo = repository(
      { 'api/openapi.yaml': root, 'api/responses.txt': secured },
      { 'api/responses.txt': 'ok:\n  description: changed\n' },
    );
    expect((await sourcesOf(repo)).map((s) => s.path)).toEqual(['api/openapi.yaml']);
  });

  it('a PR changing only source code still takes the fast path (no root is read)', async () => {
    const repo = repository(
      { 'api/openapi.yaml': root, 'api/responses.txt': secured, 'src/app.ts': 'export {};\n' },
      { 'src/app.ts': 'export const x = 1;\n' },
    );
    expect(await sourcesOf(repo)).toEqual([]);
  });
});

describe('through the bundled action', () => {
  const PR = 31;
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('an untracked credentials file `$ref`d by the PR: refused, in no output', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const repo = repository(
      { 'api/openapi.yaml': BASE_ROOT },
      { 'api/openapi.yaml': HEAD_ROOT },
      { 'gha-creds-4f1c.json': CREDS },
    );
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.stdout).toContain('1 document to analyse (diff mode): api/openapi.yaml');
    const report = readFileSync(run.outputs['report-file']!, 'utf8');
    const sarif = readFileSync(join(repo.workspace, 'api-posture.sarif'), 'utf8');
    expect(api.comments).toHaveLength(1);
    const published = [
      api.comments[0]!.body,
      JSON.stringify(api.requests),
      run.summary,
      report,
      sarif,
      run.stdout,
      run.stderr,
      JSON.stringify(run.outputs),
    ];
    expect(report).toContain('it is not a file committed in the checkout');
    expect(api.comments[0]!.body).toContain('refused to read gha\\-creds\\-4f1c\\.json');
    for (const text of published) expect(text).not.toContain(SECRET);
  });
});

describe('inventory mode (push) reads committed files too', () => {
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('a root an earlier step wrote is named as not analysed; committed roots are', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR_REST);
    const repo = repository(
      { 'api/openapi.yaml': BASE_ROOT },
      {},
      { 'generated/openapi.yaml': HEAD_ROOT, 'gha-creds-4f1c.json': CREDS },
    );
    writeFileSync(join(repo.workspace, '..', 'push.json'), '{}');
    const run = await runAction(
      repo,
      api,
      {},
      { name: 'push', path: join(repo.workspace, '..', 'push.json') },
    );
    expect(run.stdout).toContain('1 document to analyse (scan mode): api/openapi.yaml');
    expect(run.stdout).toContain('not analysed, not committed in the checkout: generated/openapi.yaml');
    expect(run.summary).toContain('api/openapi.yaml');
    expect(run.summary).not.toContain(SECRET);
  });
});

describe('the base through the REST API (git cannot reach it)', () => {
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  const SHA = 'a'.repeat(40);
  const repo = { owner: 'acme', repo: 'payments' };
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

  it('refuses symlinks, submodules and oversized files like git does, and decodes by the BOM', async () => {
    api = await startFakeGitHub(1);
    const client = createClient('test-token', api.url, () => {});
    api.contents[SHA] = { 'api/openapi.yaml': BASE_ROOT };
    const big = 'x: 1\n'.repeat(300_000); // 1.5 MB: GitHub leaves the content out, the blob API has it
    api.contentEntries[SHA] = {
      'api/link.yaml': { type: 'symlink', target: '../../etc/passwd' },
      'api/vendor': { type: 'submodule', url: 'https://github.com/acme/vendor' },
      // A symlink to a file in the repository: GitHub answers with the file, under its own path.
      'api/followed.yaml': { type: 'file', text: 'secret: 1\n', path: 'config/secret.yaml' },
      'api/huge.yaml': { type: 'file', text: 'x: 1\n', size: 100 * 1024 * 1024, omitContent: true },
      'api/big.yaml': { type: 'file', text: big, omitContent: true },
      'api/wide.yaml': { type: 'file', text: utf16(BASE_ROOT) },
    };
    expect(await fileAt(client, repo, 'api/openapi.yaml', SHA, 1e6)).toEqual({ text: BASE_ROOT });
    expect(await fileAt(client, repo, 'api/missing.yaml', SHA, 1e6)).toBeUndefined();
    expect(await fileAt(client, repo, 'api/wide.yaml', SHA, 1e6)).toEqual({ text: BASE_ROOT });
    for (const path of ['api/link.yaml', 'api/vendor', 'api/followed.yaml'])
      expect(await fileAt(client, repo, path, SHA, 1e6)).toEqual({ refused: { reason: 'not-file' } });
    expect(await fileAt(client, repo, '.git/config', SHA, 1e6)).toEqual({ refused: { reason: 'git-dir' } });
    expect(await fileAt(client, repo, 'api/huge.yaml', SHA, 64 * 1024 * 1024)).toEqual({
      refused: { reason: 'too-large', bytes: 100 * 1024 * 1024 },
    });
    expect(await fileAt(client, repo, 'api/big.yaml', SHA, 1e6)).toEqual({
      refused: { reason: 'too-large', bytes: big.length },
    });
    // Refused by size before any blob was downloaded; within the limit, the blob is fetched.
    expect(api.requests.filter((r) => r.path.includes('/git/blobs/'))).toEqual([]);
    expect(await fileAt(client, repo, 'api/big.yaml', SHA, 2e6)).toEqual({ text: big });
    expect(api.requests.filter((r) => r.path.includes('/git/blobs/'))).toHaveLength(1);
    expect(api.requests.some((r) => r.path.includes('.git'))).toBe(false);
  });

  it('in the action: an oversized base root is refused unread, a symlinked base config is an error', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR_REST);
    const repo = shallowWithoutBase(
      { 'api/openapi.yaml': BASE_ROOT, '.github/api-posture.yml': 'fail-on: high\n' },
      { 'api/openapi.yaml': HEAD_ROOT.replace(/^.*gha-creds.*$/gm, '') },
    );
    api.prFiles = [{ filename: 'api/openapi.yaml', status: 'modified' }];
    api.contentEntries[repo.baseSha] = {
      'api/openapi.yaml': { type: 'file', text: BASE_ROOT, size: 100 * 1024 * 1024, omitContent: true },
      '.github/api-posture.yml': { type: 'symlink', target: '../../../etc/shadow' },
    };
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR_REST) };
    const run = await runAction(repo, api, {}, event);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      `::error::input \`config\`: .github/api-posture.yml at ${repo.baseSha.slice(0, 12)} was not read: it is not a regular file`,
    );
    expect(api.requests.some((r) => r.path.includes('/git/blobs/'))).toBe(false);
    // With no config in the base, the oversized base root is reported as such, not read.
    delete api.contentEntries[repo.baseSha]!['.github/api-posture.yml'];
    const again = await runAction(repo, api, {}, event);
    const report = readFileSync(again.outputs['report-file']!, 'utf8');
    expect(report).toContain('100.0 MiB is above the 64.0 MiB limit');
    expect(api.requests.some((r) => r.path.includes('/git/blobs/'))).toBe(false);
  });
});

describe('a base root over the size limit, read through the REST API', () => {
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('moved by the PR where discovery does not look: still followed (a root), refused unread', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR_REST);
    const repo = shallowWithoutBase(
      { 'api/openapi.yaml': BASE_ROOT },
      { 'api/openapi.yaml': null, 'vendor/api/openapi.yaml': BASE_ROOT.replace('[{ key: [] }]', '[]') },
    );
    api.prFiles = [
      { filename: 'vendor/api/openapi.yaml', status: 'renamed', previous_filename: 'api/openapi.yaml' },
    ];
    api.contentEntries[repo.baseSha] = {
      'api/openapi.yaml': { type: 'file', text: BASE_ROOT, size: 100 * 1024 * 1024, omitContent: true },
    };
    const run = await runAction(
      repo,
      api,
      {},
      { name: 'pull_request', path: pullRequestEvent(repo, PR_REST) },
    );
    expect(run.stdout).toContain('1 document to analyse (diff mode): vendor/api/openapi.yaml');
    expect(readFileSync(run.outputs['report-file']!, 'utf8')).toContain(
      '100.0 MiB is above the 64.0 MiB limit',
    );
    expect(api.requests.some((r) => r.path.includes('/git/blobs/'))).toBe(false);
  });
});

describe('config and policies read from the base', () => {
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('a symlinked config in the base commit is an error naming the input, not the defaults', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR_REST);
    const repo = repository(
      {
        'api/openapi.yaml': BASE_ROOT,
        'settings/real.yml': 'fail-on: high\n',
        '.github/api-posture.yml': { link: '../settings/real.yml' },
      },
      { 'api/openapi.yaml': BASE_ROOT.replace('version: 1.0.0', 'version: 1.0.1') },
    );
    const run = await runAction(
      repo,
      api,
      {},
      { name: 'pull_request', path: pullRequestEvent(repo, PR_REST) },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      `::error::input \`config\`: .github/api-posture.yml at ${repo.baseSha.slice(0, 12)} was not read: it is not a regular file`,
    );
  });

  it('a symlinked policy file in the base commit is an error naming the input', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR_REST);
    const repo = repository(
      {
        'api/openapi.yaml': BASE_ROOT,
        'settings/team.yml': 'policies: []\n',
        'policies/team.yml': { link: '../settings/team.yml' },
      },
      { 'api/openapi.yaml': BASE_ROOT.replace('version: 1.0.0', 'version: 1.0.1') },
    );
    const run = await runAction(
      repo,
      api,
      { policies: 'policies/team.yml' },
      { name: 'pull_request', path: pullRequestEvent(repo, PR_REST) },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      `::error::input \`policies\`: policies/team.yml at ${repo.baseSha.slice(0, 12)} was not read: it is not a regular file`,
    );
  });
});

const PR_REST = 37;

/** A depth-1 checkout whose origin is gone: git cannot reach the base, the REST API must. */
function shallowWithoutBase(base: Record<string, Entry>, edit: Record<string, Entry>): TestRepo {
  const repo = repository(base, edit);
  const shallow = join(repo.workspace, '..', 'shallow');
  git(join(repo.workspace, '..'), 'clone', '-q', '--depth=1', `file://${repo.origin}`, shallow);
  git(shallow, 'remote', 'remove', 'origin');
  return { ...repo, workspace: shallow };
}
