// The bundled action against a pull request that tries to read or write outside the workspace.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  exampleFiles,
  type FakeGitHub,
  makeRepo,
  pullRequestEvent,
  runAction,
  startFakeGitHub,
} from './harness.js';

const PR = 23;
let api: FakeGitHub | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('the action keeps its reading and writing inside the workspace', () => {
  it('does not write SARIF through a symlink the PR committed; the outside file is unchanged, the gate still decides', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'), { shallow: true });
    const outside = join(mkdtempSync(join(tmpdir(), 'api-posture-outside-')), 'gitconfig');
    writeFileSync(outside, '[user]\n\tname = victim\n');
    // What actions/checkout makes of a symlink committed as api-posture.sarif.
    symlinkSync(outside, join(repo.workspace, 'api-posture.sarif'));
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(readFileSync(outside, 'utf8')).toBe('[user]\n\tname = victim\n');
    expect(run.stdout).toMatch(
      /::error::input `sarif-file` \(api-posture\.sarif\): refused to write .*api-posture\.sarif is a symbolic link/,
    );
    expect(run.outputs['sarif-file']).toBe('');
    expect(run.outputs.blocked).toBe('true'); // the example PR removes authentication
    expect(run.code).not.toBe(0);
    expect(existsSync(run.outputs['report-file']!)).toBe(true);
  });

  it('never reads .git/config (the job token), nor shows it in the comment, summary, logs, report or SARIF', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const head = exampleFiles('head');
    head['api/leak.yaml'] = [
      'openapi: 3.0.3',
      "info: { title: t, version: '1' }",
      'paths:',
      '  /x:',
      '    get:',
      "      responses: { '200': { $ref: './link.yaml' } }",
      '  /y:',
      '    get:',
      "      responses: { '200': { $ref: '../.git/config' } }",
      '',
    ].join('\n');
    const repo = makeRepo(exampleFiles('base'), head);
    const token = 'eC1hY2Nlc3MtdG9rZW46Z2hzX0UyRVNFQ1JFVA==';
    execFileSync('git', ['config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${token}`], {
      cwd: repo.workspace,
    });
    symlinkSync('../.git/config', join(repo.workspace, 'api', 'link.yaml'));
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    const report = readFileSync(run.outputs['report-file']!, 'utf8');
    const sarif = readFileSync(run.outputs['sarif-file']!, 'utf8');
    const comments = api.comments.map((c) => c.body).join('\n');
    expect(report).toContain('refused to read .git/config: it is under .git');
    expect(report).toContain('refused to read api/link.yaml: it is under .git');
    for (const [name, text] of Object.entries({
      report,
      sarif,
      comments,
      summary: run.summary,
      stdout: run.stdout,
      stderr: run.stderr,
    })) {
      expect(text, name).not.toContain(token);
      expect(text, name).not.toContain('extraheader');
    }
  });

  it('rejects a base-ref that git would read as an option, naming the input', {
    timeout: 60_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'), { shallow: true });
    const marker = join(repo.workspace, '..', 'pwned');
    const run = await runAction(
      repo,
      api,
      { 'base-ref': `--upload-pack=touch ${marker}` },
      { name: 'pull_request', path: pullRequestEvent(repo, PR) },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error::input `base-ref` is "--upload-pack=touch .*": it starts with "-"/);
    expect(existsSync(marker)).toBe(false);
  });
});
