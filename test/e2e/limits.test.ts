// The bundled action within GitHub's limits (issue 17): annotations under the per-step caps with the
// verdict still shown, SARIF under 5,000 results with the rest counted, a job summary under 1 MiB that
// never points to itself, and a `specs` pattern that matches nothing said as a warning and in the summary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, SUMMARY_LIMIT_BYTES } from '../../src/report/markdown.js';
import { SARIF_MAX_RESULTS } from '../../src/report/sarif.js';
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

const RUN_URL = 'https://github.com/acme/payments/actions/runs/4242';

/** Workflow commands as the runner reads them from stdout: `::error file=…::message`, in print order. */
function commands(stdout: string, level: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${level} `) || line.startsWith(`::${level}::`));
}

describe('a pull request that adds 1,000 operations without authentication', () => {
  it('stays within every GitHub limit and says where the rest is', { timeout: 180_000 }, async () => {
    api = await startFakeGitHub(PR);
    const head = (count: number) => {
      let paths = '';
      for (let i = 0; i < count; i++)
        paths += `  /items${i}/{id}:\n    post:\n      security: []\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses:\n        '200': { description: ok }\n`;
      return `openapi: 3.0.3\ninfo: { title: t, version: '1' }\nservers: [{ url: 'https://api.example.com' }]\ncomponents:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\nsecurity: [{ bearer: [] }]\npaths:\n  /health:\n    get:\n      responses:\n        '200': { description: ok }\n${paths}`;
    };
    const repo = makeRepo({ 'api/openapi.yaml': head(0) }, { 'api/openapi.yaml': head(1000) });
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.code).not.toBe(0);
    expect(run.outputs.blocked).toBe('true');

    // Annotations: GitHub shows the first 10 of each level per step. The verdict, printed last, is one of them.
    const errors = commands(run.stdout, 'error');
    expect(errors.length).toBeLessThanOrEqual(10);
    expect(errors.at(-1)).toMatch(/^::error::api-posture blocked this change: /);
    expect(errors.filter((e) => e.includes('file=')).length).toBe(9);
    expect(commands(run.stdout, 'warning').length).toBeLessThanOrEqual(10);
    expect(commands(run.stdout, 'notice').length).toBeLessThanOrEqual(10);

    // SARIF: 5,000 results, the new ones first; the rest counted in the run's properties.
    const sarif = JSON.parse(readFileSync(join(repo.workspace, 'api-posture.sarif'), 'utf8')) as Log;
    const sarifRun = sarif.runs[0]!;
    expect(sarifRun.results).toHaveLength(SARIF_MAX_RESULTS);
    const omitted = sarifRun.properties!.omittedResults as { total: number; new: number };
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as {
      specs: { endpoints: { findings: unknown[] }[]; findings: unknown[] }[];
      violations: unknown[];
    };
    const all =
      report.violations.length +
      report.specs.reduce(
        (n, s) => n + s.findings.length + s.endpoints.reduce((m, e) => m + e.findings.length, 0),
        0,
      );
    expect(omitted.total).toBe(all - SARIF_MAX_RESULTS);
    const prints = sarifRun.results!.map((r) => r.partialFingerprints!['apiPosture/v1']);
    expect(new Set(prints).size).toBe(prints.length);

    // The job summary: within 1 MiB, says what SARIF left out, and points elsewhere, never to itself.
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(run.summary).toContain(`**${omitted.total.toLocaleString('en-US')} more** (${omitted.new} new;`);
    expect(run.summary).not.toContain('[job summary]('); // the comment's link to here
    expect(run.summary).toContain('`api-posture-report` artifact of [this run]');
    expect(run.summary).toContain('`api-posture-report.json`');

    // The comment: within 65,536 characters, pointing to the job summary and the artifact.
    const body = api.comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain(`[job summary](${RUN_URL})`);
    expect(body).toContain('`api-posture-report` artifact');
  });
});

describe('nothing to check', () => {
  it('a `specs` pattern that matches no file is a warning and a line in the summary', {
    timeout: 60_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), exampleFiles('head'));
    const push = { name: 'push', path: join(repo.workspace, '..', 'push.json') };
    const run = await runAction(repo, api, { specs: 'apis/**/*.yaml, api/payments.yaml' }, push);
    expect(run.code).toBe(0);
    const warnings = commands(run.stdout, 'warning');
    expect(warnings).toContain(
      '::warning::api-posture: input `specs`: `apis/**/*.yaml` matches no file in the checkout: nothing was checked for it',
    );
    expect(warnings.filter((w) => w.includes('input `specs`'))).toHaveLength(1); // not the one that matched
    expect(run.summary).toContain(
      '> ⚠️ input `specs`: `apis/**/*.yaml` matches no file in the checkout: nothing was checked for it',
    );
    expect(run.summary).toContain('api/payments.yaml'); // the pattern that matched was analysed

    // On a pull request too (the PR touches api/, which the pattern would not have caught).
    const pr = await runAction(
      repo,
      api,
      { specs: 'apis/**/*.yaml' },
      { name: 'pull_request', path: pullRequestEvent(repo, PR) },
    );
    expect(commands(pr.stdout, 'warning')).toContain(
      '::warning::api-posture: input `specs`: `apis/**/*.yaml` matches no file in the checkout: nothing was checked for it',
    );
    expect(pr.summary).toContain('> ⚠️ input `specs`: `apis/**/*.yaml` matches no file');
  });

  it('an inventory that finds no OpenAPI document says so', { timeout: 60_000 }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo({ 'README.md': 'hello\n' }, { 'config.yaml': 'name: x\n' });
    const run = await runAction(
      repo,
      api,
      {},
      { name: 'push', path: join(repo.workspace, '..', 'push.json') },
    );
    expect(run.code).toBe(0);
    expect(commands(run.stdout, 'warning')).toContain(
      '::warning::api-posture: no OpenAPI document found in the checkout (a file whose root has `openapi:` or `swagger:`): nothing was checked',
    );
    expect(run.summary).toContain('no OpenAPI document found in the checkout');

    // A pull request that touches no document is the common case: nothing said.
    const quiet = makeRepo(exampleFiles('base'), { ...exampleFiles('base'), 'README.md': 'docs\n' });
    const pr = await runAction(quiet, api, {}, { name: 'pull_request', path: pullRequestEvent(quiet, PR) });
    expect(pr.code).toBe(0);
    expect(commands(pr.stdout, 'warning')).toEqual([]);
  });
});
