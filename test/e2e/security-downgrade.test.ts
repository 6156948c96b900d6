// The bundled action on a PR that removes authentication and marks the operation internal, and grants
// itself that in the config it also edits: the config is the base's, the mark is judged with the base's
// classification, and the request is listed right under the verdict.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/json.js';
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

describe('a pull request that marks the operation it weakens internal', () => {
  it('is blocked, and the comment lists the request first', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    const head = exampleFiles('head');
    const marked = head['api/payments.yaml']!.replace(
      '      operationId: authorisePayment\n',
      '      operationId: authorisePayment\n      x-internal: true\n',
    );
    expect(marked).not.toBe(head['api/payments.yaml']);
    const repo = makeRepo(exampleFiles('base'), {
      'api/payments.yaml': marked,
      // Read from the base commit: granting itself trust in the PR changes nothing.
      '.github/api-posture.yml': 'trust:\n  classification: [internal]\n',
    });
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.outputs.blocked).toBe('true');
    expect(run.code).not.toBe(0);
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as Report;
    expect(report.specs[0]!.waiverRequests).toEqual([
      expect.objectContaining({
        endpoint: 'POST /PaymentAuth',
        kind: 'classification',
        requested: 'internal',
        granted: false,
        message: expect.stringContaining('judged as external, its base classification'),
      }),
    ]);
    const body = api.comments[0]!.body;
    const waiver = body.indexOf('This PR asks to waive 1 check');
    expect(waiver).toBeGreaterThan(body.indexOf('api-posture: blocked'));
    expect(waiver).toBeLessThan(body.indexOf('#### `api/payments.yaml`'));
    expect(body).toContain('🚫 not granted: `POST /PaymentAuth` marked internal by `x-internal: true`');
  });
});
