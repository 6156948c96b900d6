// `api-posture pr` reproduces the action: the same repository, the same reports (SPEC §10 CLI: "exactly
// the PR check, locally"). The bundled action (dist/index.js) runs against the loopback fake GitHub; the
// CLI runs in-process on the action's checkout.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/json.js';
import {
  exampleFiles,
  type FakeGitHub,
  git,
  makeRepo,
  pullRequestEvent,
  runAction,
  startFakeGitHub,
} from './harness.js';

const PR = 21;
let api: FakeGitHub | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(
    args,
    {
      write: (t: string) => {
        stdout += t;
      },
    },
    {
      write: (t: string) => {
        stderr += t;
      },
    },
    cwd,
  );
  return { code, stdout, stderr };
}

/** A policy file named like a shipped pack: a file of that name wins, in both entries. */
const OWN_PACK = [
  'policies:',
  '  - name: from-the-file-named-owasp-strict',
  '    rule: { max_score: 0 }',
  '    severity: low',
  '',
].join('\n');

describe('api-posture pr and the action on the same pull request', () => {
  it('agree on the verdict, the JSON report and the settings read from the base', {
    timeout: 180_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const base = { ...exampleFiles('base'), 'owasp-strict': OWN_PACK };
    // The PR also tries to switch off the check it fails: the config is read from the base, in both.
    const head = { ...exampleFiles('head'), '.github/api-posture.yml': 'rules:\n  auth-missing: off\n' };
    const repo = makeRepo(base, head);
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };
    const policies = 'default\nowasp-strict';

    const action = await runAction(repo, api, { policies }, event);
    expect(action.outputs.blocked).toBe('true');
    const fromAction = JSON.parse(readFileSync(action.outputs['report-file']!, 'utf8')) as Report;

    const args = ['pr', '--base', repo.baseSha, '--policies', 'default', '--policies', 'owasp-strict'];
    const local = await cli([...args, '--format', 'json'], repo.workspace);
    expect(local.stderr).toBe('');
    expect(local.code).toBe(1);
    const fromCli = JSON.parse(local.stdout) as Report;
    expect(fromCli).toEqual(fromAction);
    // Not vacuous: the report judged the example's document, with the base's settings.
    expect(fromCli.specs.map((s) => s.path)).toEqual(['api/payments.yaml']);
    expect(fromCli.summary.findings.new.critical).toBeGreaterThanOrEqual(1);
    const policyNames = new Set(fromCli.violations.map((v) => v.policy));
    expect(policyNames.has('from-the-file-named-owasp-strict')).toBe(true);
    expect([...policyNames].some((name) => name.startsWith('owasp-api'))).toBe(false);

    // The head named as a commit (checked out apart) gives the same report, and leaves no worktree.
    const byRef = await cli([...args, '--head', repo.headSha, '--format', 'json'], repo.workspace);
    expect(byRef.code).toBe(1);
    expect(JSON.parse(byRef.stdout)).toEqual(fromAction);
    expect(git(repo.workspace, 'worktree', 'list').split('\n')).toHaveLength(1);

    // The comment's verdict line and the SARIF results match the action's.
    const markdown = await cli([...args, '--format', 'markdown'], repo.workspace);
    const verdict = (text: string) => text.split('\n').find((line) => line.startsWith('### '));
    expect(verdict(markdown.stdout)).toBeDefined();
    expect(verdict(markdown.stdout)).toBe(verdict(api.comments[0]!.body));
    const sarif = await cli([...args, '--format', 'sarif'], repo.workspace);
    const results = (text: string) =>
      (JSON.parse(text) as { runs: { results: { ruleId: string; partialFingerprints: unknown }[] }[] })
        .runs[0]!.results;
    const actionSarif = readFileSync(`${repo.workspace}/api-posture.sarif`, 'utf8');
    expect(results(sarif.stdout).length).toBeGreaterThan(0);
    expect(results(sarif.stdout)).toEqual(results(actionSarif));
  });

  it('agree that a PR touching no description passes with nothing analysed', {
    timeout: 180_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), { 'README.md': 'docs only\n' });
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };
    const action = await runAction(repo, api, {}, event);
    expect(action.outputs.blocked).toBe('false');
    const fromAction = JSON.parse(readFileSync(action.outputs['report-file']!, 'utf8')) as Report;
    const local = await cli(['pr', '--base', repo.baseSha, '--format', 'json'], repo.workspace);
    expect(local.code).toBe(0);
    expect(JSON.parse(local.stdout)).toEqual(fromAction);
    expect(fromAction.specs).toEqual([]);
  });
});
