// The worked example of SPEC §7, through the real pipeline: on an external payment API,
// `POST /PaymentAuth` with no authentication is critical; `POST /PaymentAuthNew` with OAuth2 (and a scope)
// but no rate limiting is medium or lower. The document is otherwise a reasonably good one: summaries,
// 401/403 declared, bounded inputs, closed request bodies, an https server and a contact.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { type Analysis, runEngine } from '../src/engine.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies } from '../src/policy/load.js';
import type { Report } from '../src/report/json.js';
import { memoryReader, outdent } from './helpers/inline.js';

const PAYMENT_AUTH = outdent(`
  /PaymentAuth:
    post:
      summary: Authorise a card payment
      operationId: paymentAuth
      tags: [payments]
      security: []
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/PaymentRequest'
      responses:
        '201':
          description: Payment authorised
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Payment'
        '400':
          description: The request is invalid
`);

const PAYMENT_AUTH_NEW = outdent(`
  /PaymentAuthNew:
    post:
      summary: Authorise a card payment (OAuth2)
      description: Replaces POST /PaymentAuth; requires a client-credentials token with the payments:write scope.
      operationId: paymentAuthNew
      tags: [payments]
      security:
        - oauth2: [payments:write]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/PaymentRequest'
      responses:
        '201':
          description: Payment authorised
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Payment'
        '400':
          description: The request is invalid
        '401':
          description: Missing or invalid access token
        '403':
          description: The token lacks the payments:write scope
`);

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : `${' '.repeat(spaces)}${line}`))
    .join('\n');

function paymentsApi(paths: string[]): string {
  return `${outdent(`
    openapi: 3.0.3
    info:
      title: Payments API
      version: 2.0.0
      description: Card payment authorisation for merchants.
      contact:
        name: Payments team
        email: payments-team@example.com
    x-api-classification: external
    servers:
      - url: https://api.example.com/v2
    tags:
      - name: payments
    paths:
  `)}${paths.map((p) => indent(p, 2)).join('')}${outdent(`
    components:
      securitySchemes:
        oauth2:
          type: oauth2
          flows:
            clientCredentials:
              tokenUrl: https://auth.example.com/oauth/token
              scopes:
                payments:write: Authorise payments
      schemas:
        PaymentRequest:
          type: object
          additionalProperties: false
          required: [amount, currency, merchantId, card]
          properties:
            amount:
              type: integer
              format: int64
              minimum: 1
              maximum: 100000000
            currency:
              type: string
              minLength: 3
              maxLength: 3
              pattern: '^[A-Z]{3}$'
            merchantId:
              type: string
              format: uuid
              maxLength: 36
            reference:
              type: string
              maxLength: 64
            card:
              type: object
              additionalProperties: false
              required: [number, expiry, cvv]
              properties:
                number:
                  type: string
                  pattern: '^[0-9]{12,19}$'
                  maxLength: 19
                expiry:
                  type: string
                  pattern: '^[0-9]{2}/[0-9]{2}$'
                  maxLength: 5
                cvv:
                  type: string
                  pattern: '^[0-9]{3,4}$'
                  maxLength: 4
        Payment:
          type: object
          properties:
            id:
              type: string
              format: uuid
            status:
              type: string
              enum: [authorised, declined]
            amount:
              type: integer
              format: int64
            currency:
              type: string
            cardLast4:
              type: string
  `)}`;
}

const HEAD = paymentsApi([PAYMENT_AUTH, PAYMENT_AUTH_NEW]);
const BASE = paymentsApi([PAYMENT_AUTH]);
const DEFAULT_POLICIES = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);

function scan(text: string): Analysis {
  return runEngine(
    [
      {
        path: 'payments.yaml',
        head: { reader: memoryReader({ 'payments.yaml': text }), path: 'payments.yaml' },
      },
    ],
    { mode: 'scan', policies: DEFAULT_POLICIES, failOn: 'critical', failOnScope: 'new', today: '2025-06-01' },
  );
}

function endpointOf(analysis: Analysis, id: string) {
  const spec = analysis.specs[0]!;
  return {
    score: spec.scores.get(id)!.head!,
    findings: spec.findings.filter((f) => f.endpoint === id || f.endpoints?.includes(id)),
    violations: spec.violations.filter((v) => v.endpoint === id),
  };
}

describe('SPEC §7 worked example: an external payment API', () => {
  const analysis = scan(HEAD);

  it('loads without problems, both endpoints external, the card data recognised', () => {
    const spec = analysis.specs[0]!;
    expect(spec.head.problems).toEqual([]);
    const endpoints = spec.head.model!.endpoints;
    expect(endpoints.map((e) => [e.id, e.classification])).toEqual([
      ['POST /PaymentAuth', 'external'],
      ['POST /PaymentAuthNew', 'external'],
    ]);
    expect(endpoints.every((e) => e.dataTypes.includes('payment-card'))).toBe(true);
  });

  it('POST /PaymentAuth without authentication is in the critical band', () => {
    const { score, findings, violations } = endpointOf(analysis, 'POST /PaymentAuth');
    expect(score.level).toBe('critical');
    expect(score.score).toBeGreaterThanOrEqual(75);
    expect(findings.find((f) => f.ruleId === 'auth-missing')?.severity).toBe('critical');
    expect(score.breakdown[0]).toBe('auth-missing (critical): critical band, 75-100');
    expect(score.breakdown).toContain('× 1.5 (external)');
    expect(violations.map((v) => v.policy)).toContain('require-authentication');
  });

  it('POST /PaymentAuthNew with OAuth2 but no rate limiting is medium or lower', () => {
    const { score, findings, violations } = endpointOf(analysis, 'POST /PaymentAuthNew');
    expect(['medium', 'low']).toContain(score.level);
    expect(score.score).toBeLessThan(50);
    // No authentication or authorization finding: the scheme, the scope and 401/403 are all there.
    expect(findings.filter((f) => f.category === 'authentication' || f.category === 'authorization')).toEqual(
      [],
    );
    // What does count: the missing rate limit (the point of the example) and low header findings.
    expect(findings.map((f) => f.ruleId)).toContain('rate-limit-missing');
    expect(
      findings.filter((f) => f.severity !== 'low' && f.severity !== 'info').map((f) => f.ruleId),
    ).toEqual(['rate-limit-missing']);
    expect(violations.map((v) => v.policy)).toEqual(['require-rate-limiting']);
  });

  it('declaring a 429 with Retry-After takes POST /PaymentAuthNew down to low', () => {
    const limited = PAYMENT_AUTH_NEW.replace(
      "      '403':",
      [
        "      '429':",
        '        description: Too many requests',
        '        headers:',
        '          Retry-After:',
        '            schema: { type: integer, minimum: 0, maximum: 3600 }',
        "      '403':",
      ].join('\n'),
    );
    expect(limited).not.toBe(PAYMENT_AUTH_NEW);
    const { score, findings, violations } = endpointOf(
      scan(paymentsApi([PAYMENT_AUTH, limited])),
      'POST /PaymentAuthNew',
    );
    expect(findings.map((f) => f.ruleId)).not.toContain('rate-limit-missing');
    expect(score.level).toBe('low');
    expect(violations).toEqual([]);
  });

  it('the order of the two is the point: the unauthenticated one scores far higher', () => {
    const old = endpointOf(analysis, 'POST /PaymentAuth').score.score;
    const replacement = endpointOf(analysis, 'POST /PaymentAuthNew').score.score;
    expect(old - replacement).toBeGreaterThanOrEqual(25);
  });
});

describe('the same example as a pull request through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-payments-'));
  mkdirSync(join(dir, 'base'));
  mkdirSync(join(dir, 'head'));
  writeFileSync(join(dir, 'base', 'payments.yaml'), BASE);
  writeFileSync(join(dir, 'head', 'payments.yaml'), HEAD);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await run(
      args,
      {
        write: (t) => {
          stdout += t;
        },
      },
      {
        write: (t) => {
          stderr += t;
        },
      },
      dir,
    );
    return { code, stdout, stderr };
  }

  it('reports PaymentAuth critical (existing) and the added PaymentAuthNew medium or lower', async () => {
    const { code, stdout, stderr } = await cli([
      'diff',
      'base/payments.yaml',
      'head/payments.yaml',
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as Report;
    const endpoints = new Map(report.specs[0]!.endpoints.map((e) => [e.id, e]));
    const old = endpoints.get('POST /PaymentAuth')!;
    const added = endpoints.get('POST /PaymentAuthNew')!;
    expect(old.change).toBe('unchanged');
    expect(old.score.level).toBe('critical');
    expect(old.score.base).toBe(old.score.head);
    expect(old.findings.find((f) => f.ruleId === 'auth-missing')?.status).toBe('existing');
    expect(added.change).toBe('added');
    expect(added.score.base).toBeNull();
    expect(['medium', 'low']).toContain(added.score.level);
    expect(added.findings.every((f) => f.status === 'new')).toBe(true);
    // The critical problem predates the PR and nothing new is critical: the default gate passes.
    expect(report.blocked).toBe(false);
    expect(code).toBe(0);
    expect(report.violations.filter((v) => v.status === 'new').map((v) => [v.policy, v.endpoint])).toEqual([
      ['require-rate-limiting', 'POST /PaymentAuthNew'],
    ]);
  });

  it('blocks at --fail-on high on the new endpoint’s missing rate limit (policy severity high)', async () => {
    const { code, stdout } = await cli([
      'diff',
      'base/payments.yaml',
      'head/payments.yaml',
      '--format',
      'json',
      '--fail-on',
      'high',
    ]);
    const report = JSON.parse(stdout) as Report;
    expect(code).toBe(1);
    expect(report.summary.verdict).toBe('1 new policy violation at high or above');
  });
});
