import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/json.js';
import { COMMENT_MARKER } from '../../src/report/markdown.js';
import { outdent } from '../helpers/inline.js';
import {
  exampleFiles,
  type FakeGitHub,
  makeRepo,
  pullRequestEvent,
  runAction,
  startFakeGitHub,
} from './harness.js';

const PR = 17;
let api: FakeGitHub | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const commentRequests = (fake: FakeGitHub) => fake.requests.filter((r) => r.path.includes('/comments'));

describe('the action on a pull request that removes authentication (blocked)', () => {
  it('fails, annotates the operation, posts one comment, and edits it on re-run', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'), { shallow: true });
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };

    const first = await runAction(repo, api, {}, event);
    expect(first.code).not.toBe(0);
    expect(first.outputs.blocked).toBe('true');
    expect(Number(first.outputs['new-critical'])).toBeGreaterThanOrEqual(1);
    expect(Number(first.outputs['max-score'])).toBe(96); // POST /PaymentAuth: critical band, 75 + 26 × 133.5 / 163.5
    // The runner reads these exact bytes: an error annotation on the operation's security line.
    expect(first.stdout).toContain(
      '::error title=critical%3A auth-missing,file=api/payments.yaml,line=41,col=7::`POST /PaymentAuth` (external) accepts requests without authentication',
    );
    expect(first.stdout).toMatch(/::error::api-posture blocked this change: /);
    expect(api.comments).toHaveLength(1);
    const body = api.comments[0]!.body;
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain('### ⛔ api-posture: blocked');
    expect(body).toContain(`https://github.com/acme/payments/blob/${repo.headSha}/api/payments.yaml#L41`);
    expect(first.outputs['comment-url']).toBe(api.comments[0]!.html_url);
    expect(first.summary).toContain('api-posture: blocked');
    const report = JSON.parse(readFileSync(first.outputs['report-file']!, 'utf8')) as {
      blocked: boolean;
      specs: { path: string }[];
    };
    expect(report.blocked).toBe(true);
    expect(report.specs.map((s) => s.path)).toEqual(['api/payments.yaml']);
    const sarif = JSON.parse(readFileSync(join(repo.workspace, 'api-posture.sarif'), 'utf8')) as {
      version: string;
    };
    expect(sarif.version).toBe('2.1.0');
    expect(first.outputs['sarif-file']).toBe(join(repo.workspace, 'api-posture.sarif'));

    // Another bot commented meanwhile; the re-run still edits our comment and creates none.
    api.comments.unshift({
      id: 1,
      body: 'LGTM from another bot',
      user: { login: 'other[bot]', type: 'Bot' },
      html_url: 'x',
    });
    const before = commentRequests(api).length;
    const second = await runAction(repo, api, {}, event);
    expect(second.outputs.blocked).toBe('true');
    const rerun = commentRequests(api).slice(before);
    expect(rerun.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(rerun.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(api.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1);
  });
});

describe('the action on a harmless pull request', () => {
  it('passes with exit code 0', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    const base = exampleFiles('base');
    const head = {
      'api/payments.yaml': base['api/payments.yaml']!.replace(
        'summary: List payments',
        'summary: List the payments of the account',
      ),
    };
    const repo = makeRepo(base, head);
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.blocked).toBe('false');
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body).toContain('### ✅ api-posture: passed');
  });

  it('does not comment when the PR touches no document', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), { 'README.md': '# hello\n' });
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.code).toBe(0);
    expect(run.outputs.blocked).toBe('false');
    expect(commentRequests(api)).toHaveLength(0);
  });
});

describe('GitHub faults', () => {
  it('retries a 502 twice and then succeeds', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    api.faults.push({ match: `POST /repos/acme/payments/issues/${PR}/comments`, statuses: [502, 502] });
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.outputs.blocked).toBe('true');
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
    expect(api.comments).toHaveLength(1);
  });

  it('turns a 403 on the comment into a warning; the summary, SARIF and the gate still happen', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    api.faults.push({ match: `POST /repos/acme/payments/issues/${PR}/comments`, statuses: [403] });
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.code).not.toBe(0); // the gate alone decides
    expect(run.outputs.blocked).toBe('true');
    expect(run.stdout).toMatch(/::warning::could not write the PR comment \(HTTP 403/);
    expect(run.summary).toContain('api-posture: blocked');
    expect(run.outputs['comment-url']).toBe('');
    expect(run.stdout).toContain('::error title=critical%3A auth-missing');
  });
});

describe('a GitHub API that stops answering', () => {
  it('gives up on the comment after the request timeout and its retries; the gate still decides', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const listComments = `GET /repos/acme/payments/issues/${PR}/comments`;
    api.faults.push({ match: listComments, statuses: [0, 0, 0, 0] });
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const started = Date.now();
    const run = await runAction(
      repo,
      api,
      {},
      { name: 'pull_request', path: pullRequestEvent(repo, PR) },
      { API_POSTURE_API_TIMEOUT_MS: '400' },
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    // Asked once and retried (the retry plugin's 3 retries), never answered, never commented.
    expect(api.requests.filter((r) => `${r.method} ${r.path}`.startsWith(listComments))).toHaveLength(4);
    expect(api.comments).toHaveLength(0);
    expect(run.stdout).toMatch(/::warning::could not write the PR comment \(no answer from the GitHub API/);
    expect(run.code).not.toBe(0); // blocked by the gate, not by the outage
    expect(run.outputs.blocked).toBe('true');
    expect(run.summary).toContain('api-posture: blocked');
  });
});

describe('hostile documents', () => {
  it('never lets spec strings reach the comment raw', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    const base = exampleFiles('base');
    const evil = '/x/<img src=https://evil.example/p.png>/@octocat/[link](https://evil.example)|col';
    const head = {
      'api/payments.yaml': base['api/payments.yaml']!.replace(
        '  /health:',
        `  '${evil}':\n    post:\n      summary: "<script>alert(1)</script> @admin ![x](https://evil.example/x.png)"\n      responses:\n        '200':\n          description: ok\n  /health:`,
      ),
    };
    const repo = makeRepo(base, head);
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.code).toBe(0); // the new operation inherits the document's OAuth2 requirement
    const body = api.comments[0]!.body;
    expect(body).toContain('/@octocat/'); // the endpoint is listed (inside a code span)
    for (const raw of ['<img', '<script', '](https://evil', '![x]']) {
      expect(body.replace(/`[^`\n]*`/g, '')).not.toContain(raw); // outside code spans, nothing raw
    }
    expect(body).not.toMatch(/(^|[^`])@admin/);
  });
});

describe('a change only in a referenced file', () => {
  it('is analysed, and located in that file', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    const base = exampleFiles('base');
    const head = { 'api/schemas.yaml': base['api/schemas.yaml']!.replace('      maxLength: 64\n', '') };
    const repo = makeRepo(base, head, { shallow: true });
    const run = await runAction(
      repo,
      api,
      { 'fail-on': 'medium' },
      { name: 'pull_request', path: pullRequestEvent(repo, PR) },
    );
    expect(run.outputs.blocked).toBe('true');
    expect(run.stdout).toMatch(
      /::warning title=medium%3A input-constraint-loosened,file=api\/schemas\.yaml,line=\d+,col=\d+::/,
    );
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as {
      specs: { path: string }[];
    };
    expect(report.specs.map((s) => s.path)).toEqual(['api/payments.yaml']);
  });
});

describe('a pull request that renames a spec file', () => {
  it('pairs it with its old name and finds nothing new in it', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    // Findings located in the root file by file and pointer: a broken `$ref` (high) and no owner (low).
    const spec = outdent(`
      openapi: 3.0.3
      info: { title: Legacy, version: '1' }
      servers: [{ url: 'https://api.example.com' }]
      paths:
        /health: { get: { summary: Health, responses: { '200': { $ref: '#/components/responses/Gone' } } } }
    `);
    const repo = makeRepo(
      { 'api/legacy.yaml': spec },
      { 'api/legacy.yaml': null, 'api/payments.yaml': spec },
    );
    const run = await runAction(
      repo,
      api,
      { 'fail-on': 'high' },
      { name: 'pull_request', path: pullRequestEvent(repo, PR) },
    );
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as Report;
    expect(report.specs.map((s) => s.path)).toEqual(['api/payments.yaml']);
    const findings = report.specs[0]!.findings;
    expect(findings.map((f) => [f.ruleId, f.status]).sort()).toEqual([
      ['config-unresolved-ref', 'existing'],
      ['inventory-missing-owner', 'existing'],
    ]);
    expect(report.summary.findings.new).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
    expect(report.summary.findings.fixed).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
    expect(run.outputs.blocked).toBe('false');
    expect(run.code).toBe(0);
  });
});

describe('inventory mode (push)', () => {
  it('writes the full inventory to the job summary and no comment', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const run = await runAction(
      repo,
      api,
      {},
      { name: 'push', path: join(repo.workspace, '..', 'push.json') },
    );
    expect(run.code).toBe(0);
    expect(run.summary).toContain('API inventory and posture');
    expect(run.summary).toContain('Top ');
    expect(commentRequests(api)).toHaveLength(0);
  });
});

describe('inputs', () => {
  it('rejects an invalid fail-on naming the input and the valid values', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const run = await runAction(
      repo,
      api,
      { 'fail-on': 'hihg' },
      { name: 'pull_request', path: pullRequestEvent(repo, PR) },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      '::error::input `fail-on` is "hihg"; use one of: critical, high, medium, low, none',
    );
  });
});

describe('when git cannot reach the base commit', () => {
  it('reads the changed files and the base versions through the REST API', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    const base = exampleFiles('base');
    const repo = makeRepo(base, exampleFiles('head'), { shallow: true });
    execFileSync('git', ['remote', 'remove', 'origin'], { cwd: repo.workspace }); // no way to fetch the base
    api.contents[repo.baseSha] = base;
    api.prFiles = [
      { filename: 'api/payments.yaml', status: 'modified' },
      { filename: 'api/schemas.yaml', status: 'modified' },
    ];
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.outputs.blocked).toBe('true');
    expect(api.requests.some((r) => r.path.startsWith(`/repos/acme/payments/pulls/${PR}/files`))).toBe(true);
    const fetched = api.requests
      .filter((r) => r.path.startsWith('/repos/acme/payments/contents/'))
      .map((r) => r.path);
    expect(fetched).toEqual(
      expect.arrayContaining([`/repos/acme/payments/contents/api%2Fpayments.yaml?ref=${repo.baseSha}`]),
    );
    expect(fetched.some((p) => p.includes('schemas.yaml'))).toBe(true);
    // The base really was read: the finding is new (base had authentication), not merely present.
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as {
      summary: { findings: { new: { critical: number }; existing: { critical: number } } };
    };
    expect(report.summary.findings.new.critical).toBe(1);
  });
});

describe('more GitHub faults', () => {
  it('waits out a secondary rate limit (403 with retry-after) and then comments', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    api.faults.push({
      match: `POST /repos/acme/payments/issues/${PR}/comments`,
      statuses: [403],
      headers: { 'retry-after': '1' },
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    });
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.stdout).toMatch(/secondary rate limit on POST/);
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(api.comments).toHaveLength(1);
    expect(run.outputs['comment-url']).not.toBe('');
  });

  it('finds its comment on the third page of a busy PR and edits it', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };
    for (let i = 0; i < 230; i++)
      api.comments.push({
        id: i + 1,
        body: `comment ${i}`,
        user: { login: 'someone', type: 'User' },
        html_url: 'x',
      });
    await runAction(repo, api, {}, event); // creates ours, the 231st
    for (let i = 0; i < 20; i++)
      api.comments.push({
        id: 500 + i,
        body: `later ${i}`,
        user: { login: 'someone', type: 'User' },
        html_url: 'x',
      });
    const before = api.requests.length;
    await runAction(repo, api, {}, event);
    const rerun = api.requests.slice(before);
    expect(rerun.some((r) => r.path.includes('page=3'))).toBe(true);
    expect(rerun.filter((r) => r.method === 'POST' && r.path.includes('/comments'))).toHaveLength(0);
    expect(rerun.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('analyses every spec when the PR lists 3,000 files (the API limit) and git cannot tell', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const base = exampleFiles('base');
    const repo = makeRepo(base, exampleFiles('head'), { shallow: true });
    execFileSync('git', ['remote', 'remove', 'origin'], { cwd: repo.workspace });
    api.contents[repo.baseSha] = base;
    api.prFiles = Array.from({ length: 3000 }, (_, i) => ({
      filename: `docs/page-${i}.md`,
      status: 'modified',
    }));
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.stdout).toContain(
      '::warning::the pull request changes 3000 or more files, the most the GitHub API lists: analysing every spec',
    );
    expect(run.outputs.blocked).toBe('true');
    expect(api.requests.filter((r) => r.path.includes('/pulls/17/files')).length).toBe(30);
  });
});

describe('no permission to list comments', () => {
  it('turns a 404 on the comment list into a warning; the gate still decides', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    api.faults.push({
      match: `GET /repos/acme/payments/issues/${PR}/comments`,
      statuses: [404],
      message: 'Not Found',
    });
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.stdout).toMatch(/::warning::could not write the PR comment \(HTTP 404/);
    expect(run.outputs.blocked).toBe('true');
    expect(run.code).not.toBe(0);
    expect(api.comments).toHaveLength(0);
    expect(run.summary).toContain('api-posture: blocked');
  });
});
