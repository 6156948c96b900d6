// The action's `traffic` input (issue 19): the bundled action, a PR removing an endpoint live clients
// call, traffic from the workspace and from RUNNER_TEMP, and credentials planted in every part of the
// traffic that must reach no output and no request to GitHub.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/json.js';
import { type FakeGitHub, makeRepo, pullRequestEvent, runAction, startFakeGitHub } from './harness.js';

const PR = 19;
let api: FakeGitHub | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function orders(withRefund: boolean): string {
  return [
    'openapi: 3.0.3',
    'info: { title: Orders, version: "1" }',
    'servers: [{ url: "https://api.example.com/v1" }]',
    'security: [{ key: [] }]',
    'components:',
    '  securitySchemes:',
    '    key: { type: apiKey, in: header, name: X-Key }',
    'paths:',
    '  /orders/{orderId}:',
    '    get:',
    '      operationId: getOrder',
    '      parameters: [{ name: orderId, in: path, required: true, schema: { type: integer } }]',
    '      responses: { "200": { description: ok } }',
    ...(withRefund
      ? [
          '  /orders/{orderId}/refund:',
          '    post:',
          '      operationId: refundOrder',
          '      parameters: [{ name: orderId, in: path, required: true, schema: { type: integer } }]',
          '      responses: { "202": { description: accepted } }',
        ]
      : []),
    '',
  ].join('\n');
}

/** Credentials an access log or a HAR carries, none of which may leave the traffic. */
const SECRETS = [
  'sk_live_QUERYSECRET0000',
  'hunter2userinfo',
  'Bearer-eyJHEADERSECRET',
  'session=COOKIESECRET',
  'REFERERSECRET',
  'AGENTSECRET',
  'BODYSECRET-card-4111',
  'OUTSIDESECRET',
];

function clf(method: string, target: string): string {
  return `203.0.113.9 - - [10/Oct/2026:13:55:36 +0000] "${method} ${target} HTTP/1.1" 200 512 "https://app.example/?t=REFERERSECRET" "curl AGENTSECRET"`;
}

function har(method: string, url: string): string {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: [
        {
          startedDateTime: '2026-11-01T10:00:00.000Z',
          time: 3,
          request: {
            method,
            url,
            httpVersion: 'HTTP/1.1',
            headers: [{ name: 'Authorization', value: 'Bearer-eyJHEADERSECRET' }],
            cookies: [{ name: 'session', value: 'COOKIESECRET' }],
            queryString: [{ name: 'api_key', value: 'sk_live_QUERYSECRET0000' }],
            postData: { mimeType: 'application/json', text: '{"card":"BODYSECRET-card-4111"}' },
            headersSize: -1,
            bodySize: 30,
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/1.1',
            headers: [{ name: 'Set-Cookie', value: 'session=COOKIESECRET' }],
            cookies: [],
            content: { size: 0, mimeType: 'application/json' },
            redirectURL: '',
            headersSize: -1,
            bodySize: 0,
          },
          cache: {},
          timings: { send: 0, wait: 2, receive: 1 },
        },
      ],
    },
  });
}

describe('the action reads observed traffic', () => {
  it('a PR removing an endpoint live clients call gets the zombie in the comment; nothing of the traffic leaks', {
    timeout: 180_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    // Outside both roots: a symlink to it is named and not read.
    const outside = join(mkdtempSync(join(tmpdir(), 'traffic-outside-')), 'other.log');
    writeFileSync(outside, `${clf('DELETE', '/v1/outside/OUTSIDESECRET')}\n`);
    const repo = makeRepo(
      {
        'api/orders.yaml': orders(true),
        // Committed traffic: a HAR from an API test run, with credentials everywhere.
        'traffic/session.har': har(
          'GET',
          'https://user:hunter2userinfo@api.example.com/v1/orders/7?api_key=sk_live_QUERYSECRET0000',
        ),
        'traffic/elsewhere.log': { link: outside },
      },
      { 'api/orders.yaml': orders(false) },
    );
    // A gateway log an earlier step downloaded to RUNNER_TEMP.
    const runnerTemp = mkdtempSync(join(tmpdir(), 'traffic-runner-'));
    writeFileSync(
      join(runnerTemp, 'gateway.log'),
      [
        clf('POST', '/v1/orders/42/refund?api_key=sk_live_QUERYSECRET0000'),
        clf('POST', '/v1/orders/43/refund'),
        clf('GET', '/v1/admin/export?token=sk_live_QUERYSECRET0000'),
        '',
      ].join('\n'),
    );
    const event = { name: 'pull_request', path: pullRequestEvent(repo, PR) };
    const inputs = {
      specs: 'api/*.yaml',
      traffic: `traffic/*\n${runnerTemp}/*.log\n$RUNNER_TEMP/nothing/*.har`,
    };
    const action = await runAction(repo, api, inputs, event, { RUNNER_TEMP: runnerTemp });
    expect(action.stderr).toBe('');

    const report = JSON.parse(readFileSync(action.outputs['report-file']!, 'utf8')) as Report;
    const spec = report.specs[0]!;
    expect(spec.traffic).toMatchObject({ requests: 4, matched: 1 });
    expect(spec.traffic!.zombie).toMatchObject([
      { method: 'POST', path: '/orders/{orderId}/refund', reason: 'removed', count: 2 },
    ]);
    expect(spec.traffic!.shadow.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /v1/admin/export']);
    expect(
      spec.findings
        .filter((f) => f.ruleId === 'inventory-zombie-endpoint')
        .map((f) => [f.status, f.severity]),
    ).toEqual([['new', 'medium']]);

    // The comment and the job summary carry the traffic section and the zombie.
    const comment = api.comments[0]!.body;
    expect(comment).toContain('🚦 Traffic: 4 requests, 1 matched');
    expect(comment).toContain('`POST /orders/{orderId}/refund` — removed by this change, called 2 times');
    expect(action.summary).toContain('🚦 Traffic: 4 requests, 1 matched');
    expect(action.summary).toContain('Zombie endpoints');

    // The symlink out of the workspace and the pattern matching nothing are warnings.
    expect(action.stdout).toContain('traffic/elsewhere.log: not read');
    expect(action.stdout).toMatch(/input `traffic`: `\$RUNNER_TEMP\/nothing\/\*\.har` matches no file/);

    const everything = [
      JSON.stringify(api.requests),
      JSON.stringify(api.comments),
      JSON.stringify(action.outputs),
      action.stdout,
      action.summary,
      readFileSync(action.outputs['report-file']!, 'utf8'),
      readFileSync(join(repo.workspace, 'api-posture.sarif'), 'utf8'),
    ].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    // Not vacuous: the secrets were in the files the action read.
    expect(readFileSync(join(runnerTemp, 'gateway.log'), 'utf8')).toContain('sk_live_QUERYSECRET0000');
  });
});
