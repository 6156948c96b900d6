// The PR author is the attacker: nothing a PR writes about its own endpoints (classification markers,
// `deprecated`, servers, inline suppressions, undefined schemes) lowers the verdict on its own change unless
// the base config's `trust` allows it, and every such request is listed first (SPEC §9).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import type { Report } from '../src/report/json.js';

interface Parts {
  /** Lines added to the operation (indented by the template). */
  op?: string[];
  /** Lines added to the path item. */
  pathItem?: string[];
  /** Lines added to the root. */
  root?: string[];
  /** Another operation under its own path (a new endpoint). */
  extraPath?: string[];
}

/** An external payment API whose `POST /payments` is authenticated by the root's OAuth requirement. */
function document({ op = [], pathItem = [], root = [], extraPath = [] }: Parts = {}): string {
  return [
    'openapi: 3.0.3',
    'info: {title: Payments, version: 1.0.0}',
    'servers: [{url: https://api.example.com}]',
    'security: [{oauth: [pay]}]',
    ...root,
    'components:',
    '  securitySchemes:',
    '    oauth:',
    '      type: oauth2',
    '      flows: {clientCredentials: {tokenUrl: https://auth.example.com/token, scopes: {pay: pay}}}',
    'paths:',
    '  /payments:',
    ...pathItem.map((l) => `    ${l}`),
    '    post:',
    '      summary: Create a payment',
    ...op.map((l) => `      ${l}`),
    '      responses:',
    "        '201': {description: created}",
    "        '401': {description: not authenticated}",
    ...extraPath.map((l) => `  ${l}`),
    '',
  ].join('\n');
}

/** The head removes authentication from `POST /payments` (an explicit `security: []`). */
const UNAUTHENTICATED = 'security: []';

const CONFIG_RULES = [
  'classification:',
  '  rules:',
  '    - classification: internal',
  "      hosts: '*.internal.example.com'",
  '    - classification: internal',
  '      tags: [back-office]',
];

async function cli(cwd: string, args: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await run(
    args,
    {
      write: (t) => {
        out.stdout += t;
      },
    },
    {
      write: (t) => {
        out.stderr += t;
      },
    },
    cwd,
  );
  return { code, ...out };
}

async function diff(base: string, head: string, config: string[] = [], extra: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-downgrade-'));
  writeFileSync(join(dir, 'base.yaml'), base);
  writeFileSync(join(dir, 'head.yaml'), head);
  writeFileSync(join(dir, 'config.yml'), `${[...CONFIG_RULES, ...config].join('\n')}\n`);
  writeFileSync(join(dir, 'none.yml'), 'policies: []\n');
  const run_ = (format: string) =>
    cli(dir, ['diff', 'base.yaml', 'head.yaml', '--format', format, '--config', 'config.yml', ...extra]);
  const json = await run_('json');
  expect(json.stderr).toBe('');
  const report = JSON.parse(json.stdout) as Report;
  return { code: json.code, report, run: run_ };
}

function endpoint(report: Report, id: string) {
  return report.specs[0]!.endpoints.find((e) => e.id === id)!;
}

function newFindings(report: Report, id: string): string[] {
  return endpoint(report, id)
    .findings.filter((f) => f.status === 'new' && !f.suppressed)
    .map((f) => `${f.ruleId}:${f.severity}`);
}

const TRUST_INTERNAL = ['trust:', '  classification: [internal]'];
const TRUST_SUPPRESSIONS = ['trust:', '  inlineSuppressions: true'];

// Each head removes authentication and adds one marker that, taken as written, would open the gate.
const MARKERS: {
  name: string;
  head: Parts;
  kind: 'classification' | 'suppression';
  requested: string;
  /** The endpoint the request is about; null at the document root. */
  endpoint?: string | null;
  /** The base config that grants it, and extra CLI flags for a passing run; undefined: nothing can. */
  trust?: string[];
  flags?: string[];
}[] = [
  {
    name: 'x-internal: true on the operation',
    head: { op: [UNAUTHENTICATED, 'x-internal: true'] },
    kind: 'classification',
    requested: 'internal',
    trust: TRUST_INTERNAL,
  },
  {
    name: 'x-api-classification: internal on the operation',
    head: { op: [UNAUTHENTICATED, 'x-api-classification: internal'] },
    kind: 'classification',
    requested: 'internal',
    trust: TRUST_INTERNAL,
  },
  {
    name: 'x-api-classification: internal on the path item',
    head: { op: [UNAUTHENTICATED], pathItem: ['x-api-classification: internal'] },
    kind: 'classification',
    requested: 'internal',
    trust: TRUST_INTERNAL,
  },
  {
    name: 'x-api-classification: internal at the root',
    head: { op: [UNAUTHENTICATED], root: ['x-api-classification: internal'] },
    kind: 'classification',
    requested: 'internal',
    trust: TRUST_INTERNAL,
  },
  {
    name: 'x-api-classification: shadow (outside the policy scopes)',
    head: { op: [UNAUTHENTICATED, 'x-api-classification: shadow'] },
    kind: 'classification',
    requested: 'shadow',
  },
  {
    name: 'x-api-classification: deprecated (outside the policy scopes)',
    head: { op: [UNAUTHENTICATED, 'x-api-classification: deprecated'] },
    kind: 'classification',
    requested: 'deprecated',
  },
  {
    name: 'deprecated: true',
    head: { op: [UNAUTHENTICATED, 'deprecated: true'] },
    kind: 'classification',
    requested: 'deprecated',
  },
  {
    name: 'servers moved to a host the base config classifies internal',
    head: { op: [UNAUTHENTICATED, 'servers: [{url: https://payments.internal.example.com}]'] },
    kind: 'classification',
    requested: 'internal',
    trust: TRUST_INTERNAL,
  },
  {
    name: 'a tag the base config classifies internal',
    head: { op: [UNAUTHENTICATED, 'tags: [back-office]'] },
    kind: 'classification',
    requested: 'internal',
    trust: TRUST_INTERNAL,
  },
  {
    name: 'x-api-classification: partner (outside external-only policies)',
    head: { op: [UNAUTHENTICATED, 'x-api-classification: partner'] },
    kind: 'classification',
    requested: 'partner',
  },
  {
    name: 'an inline x-api-posture-ignore on the operation',
    head: {
      op: [UNAUTHENTICATED, 'x-api-posture-ignore: [{rule: auth-missing, reason: public by design}]'],
    },
    kind: 'suppression',
    requested: 'auth-missing',
    trust: TRUST_SUPPRESSIONS,
    // Suppressions cover findings, not policies: the passing run has no policy requiring authentication.
    flags: ['--policies', 'none.yml'],
  },
  {
    name: 'an inline x-api-posture-ignore of the category at the root',
    head: {
      op: [UNAUTHENTICATED],
      root: ['x-api-posture-ignore: [{rule: authentication, reason: public by design}]'],
    },
    kind: 'suppression',
    requested: 'authentication',
    endpoint: null,
    trust: TRUST_SUPPRESSIONS,
    flags: ['--policies', 'none.yml'],
  },
];

describe('a PR cannot lower the verdict on its own change', () => {
  it('blocks the plain removal of authentication (the baseline every marker below tries to dodge)', async () => {
    const { code, report } = await diff(document(), document({ op: [UNAUTHENTICATED] }));
    expect(code).toBe(1);
    expect(newFindings(report, 'POST /payments')).toContain('auth-missing:critical');
    expect(report.specs[0]!.waiverRequests).toEqual([]);
  });

  for (const marker of MARKERS) {
    describe(marker.name, () => {
      it('is blocked at the default fail-on, with the request listed', async () => {
        const { code, report, run } = await diff(document(), document(marker.head));
        expect(report.blocked).toBe(true);
        expect(code).toBe(1);
        expect(endpoint(report, 'POST /payments').classification).toBe('external');
        expect(newFindings(report, 'POST /payments')).toContain('auth-missing:critical');
        expect(report.specs[0]!.waiverRequests).toEqual([
          expect.objectContaining({
            endpoint: marker.endpoint === undefined ? 'POST /payments' : marker.endpoint,
            kind: marker.kind,
            requested: marker.requested,
            granted: false,
          }),
        ]);
        const [request] = report.specs[0]!.waiverRequests;
        expect(request!.location.file).toBe('head.yaml');
        expect(request!.location.line).toBeGreaterThan(1);
        // Listed first: in the text output before anything else, in the comment right under the verdict.
        const text = (await run('text')).stdout;
        expect(text.startsWith('This PR asks to waive 1 check')).toBe(true);
        expect(text.split('\n')[1]).toContain('not granted');
        const comment = (await run('markdown')).stdout;
        const waiver = comment.indexOf('This PR asks to waive');
        expect(waiver).toBeGreaterThan(comment.indexOf('api-posture: blocked'));
        expect(waiver).toBeLessThan(comment.indexOf('head.yaml` — modified'));
      });

      if (marker.trust) {
        it('passes when the base config trusts it, still listed as granted', async () => {
          const { code, report } = await diff(
            document(),
            document(marker.head),
            marker.trust,
            marker.flags ?? [],
          );
          expect(report.summary.verdict).toMatch(/^no new/);
          expect(code).toBe(0);
          expect(report.specs[0]!.waiverRequests).toEqual([
            expect.objectContaining({ requested: marker.requested, granted: true }),
          ]);
        });
      }
    });
  }

  it('keeps a suppression the base already had, and does not let the PR extend its expiry', async () => {
    const ignore = (expires: string) =>
      `x-api-posture-ignore: [{rule: auth-missing, reason: public by design, expires: ${expires}}]`;
    const base = document({ op: [UNAUTHENTICATED, ignore('2020-01-01')] });
    const extended = await diff(base, document({ op: [UNAUTHENTICATED, ignore('2099-01-01')] }));
    expect(extended.report.specs[0]!.waiverRequests).toEqual([
      expect.objectContaining({ kind: 'suppression', requested: 'auth-missing', granted: false }),
    ]);
    const finding = endpoint(extended.report, 'POST /payments').findings.find(
      (f) => f.ruleId === 'auth-missing',
    );
    expect(finding?.suppressed).toBeUndefined(); // judged with the base's expiry, which has passed
    // The same suppression, unexpired in both versions, still suppresses and is no request.
    const kept = await diff(
      document({ op: [UNAUTHENTICATED, ignore('2099-01-01')] }),
      document({ op: [UNAUTHENTICATED, ignore('2099-01-01')] }),
    );
    expect(kept.report.specs[0]!.waiverRequests).toEqual([]);
    const still = endpoint(kept.report, 'POST /payments').findings.find((f) => f.ruleId === 'auth-missing');
    expect(still?.suppressed?.reason).toBe('public by design');
  });

  it('takes a raise of exposure as written, without a request', async () => {
    const base = document({ op: ['x-internal: true'] });
    const { report } = await diff(base, document({ op: [UNAUTHENTICATED] }));
    expect(endpoint(report, 'POST /payments').classification).toBe('external');
    expect(report.specs[0]!.waiverRequests).toEqual([]);
    expect(report.blocked).toBe(true);
  });
});

describe('a new endpoint', () => {
  const added = (lines: string[]) => [
    '/refunds:',
    '  post:',
    '    summary: Refund a payment',
    '    security: []',
    ...lines.map((l) => `    ${l}`),
    '    responses:',
    "      '201': {description: created}",
  ];

  it('marked internal stays external by default', async () => {
    const { code, report } = await diff(document(), document({ extraPath: added(['x-internal: true']) }));
    expect(code).toBe(1);
    expect(endpoint(report, 'POST /refunds').classification).toBe('external');
    expect(newFindings(report, 'POST /refunds')).toContain('auth-missing:critical');
    expect(report.specs[0]!.waiverRequests).toEqual([
      expect.objectContaining({ endpoint: 'POST /refunds', requested: 'internal', granted: false }),
    ]);
    expect(report.specs[0]!.waiverRequests[0]!.message).toContain('the default classification');
  });

  it('marked internal is internal when the base config trusts that classification', async () => {
    const { report } = await diff(
      document(),
      document({ extraPath: added(['x-internal: true']) }),
      TRUST_INTERNAL,
    );
    expect(endpoint(report, 'POST /refunds').classification).toBe('internal');
    expect(report.blocked).toBe(false);
  });

  it('cannot suppress its own findings inline unless the base config trusts inline suppressions', async () => {
    const ignore = 'x-api-posture-ignore: {auth-missing: refunds are public}';
    const denied = await diff(document(), document({ extraPath: added([ignore]) }));
    expect(newFindings(denied.report, 'POST /refunds')).toContain('auth-missing:critical');
    expect(denied.report.specs[0]!.waiverRequests[0]!.message).toContain(
      'a new endpoint cannot suppress its own findings',
    );
    const trusted = await diff(document(), document({ extraPath: added([ignore]) }), TRUST_SUPPRESSIONS);
    expect(newFindings(trusted.report, 'POST /refunds')).not.toContain('auth-missing:critical');
  });

  it('on a host the base config classifies internal is internal (the config says so, not the PR)', async () => {
    const { report } = await diff(
      document(),
      document({ extraPath: added(['servers: [{url: https://refunds.internal.example.com}]']) }),
    );
    expect(endpoint(report, 'POST /refunds').classification).toBe('internal');
    expect(report.specs[0]!.waiverRequests).toEqual([]);
  });
});

describe('suppression reasons need visible text', () => {
  for (const [name, reason] of [
    ['a zero-width space', '"\\u200B"'],
    ['a zero-width joiner and a no-break space', '"\\u200D\\u00A0"'],
    ['a Hangul filler', '"\\u3164"'],
  ] as const) {
    it(`an inline reason of only ${name} suppresses nothing and is reported`, async () => {
      const ignore = `x-api-posture-ignore: [{rule: auth-missing, reason: ${reason}}]`;
      const { report } = await diff(
        document(),
        document({ op: [UNAUTHENTICATED, ignore] }),
        TRUST_SUPPRESSIONS,
      );
      expect(report.blocked).toBe(true);
      expect(newFindings(report, 'POST /payments')).toContain('auth-missing:critical');
      expect(report.errors.map((e) => e.message).join('\n')).toBe('');
      const invalid = report.specs[0]!.findings.find((f) => f.ruleId === 'config-invalid');
      expect(invalid?.message).toContain('has no `reason` in visible text');
      expect(invalid?.endpoints).toEqual(['POST /payments']);
      expect(invalid?.location.line).toBe(15); // the `x-api-posture-ignore` line
    });
  }

  it('a config ignore whose reason is only a zero-width space is a located configuration error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-posture-downgrade-'));
    writeFileSync(join(dir, 'base.yaml'), document());
    writeFileSync(join(dir, 'head.yaml'), document({ op: [UNAUTHENTICATED] }));
    writeFileSync(join(dir, 'config.yml'), 'ignore:\n  - rule: auth-missing\n    reason: "\\u200B"\n');
    const { code, stderr } = await cli(dir, ['diff', 'base.yaml', 'head.yaml', '--config', 'config.yml']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'api-posture: config.yml:3:13: ignore[0].reason: say why the finding is acceptable\n',
    );
  });
});

describe('an undefined scheme is no authentication', () => {
  it('a requirement naming only an undefined scheme fires auth-missing and auth-undefined-scheme', async () => {
    const { code, report } = await diff(document(), document({ op: ['security: [{nosuch: []}]'] }));
    expect(code).toBe(1);
    const fresh = newFindings(report, 'POST /payments');
    expect(fresh).toContain('auth-missing:critical');
    expect(fresh.some((f) => f.startsWith('auth-undefined-scheme:'))).toBe(true);
    const missing = endpoint(report, 'POST /payments').findings.find((f) => f.ruleId === 'auth-missing');
    expect(missing?.message).toContain('names no defined scheme, only `nosuch`');
    // The policy control, the metric and the score agree with the check.
    expect(report.violations.map((v) => `${v.policy}:${v.status}`)).toContain('require-authentication:new');
    expect(report.specs[0]!.metrics.head!.authenticationCoveragePercent).toBe(0);
    expect(report.specs[0]!.metrics.base!.authenticationCoveragePercent).toBe(100);
    expect(endpoint(report, 'POST /payments').score.level).toBe('critical');
  });

  it('a requirement with a defined scheme beside an undefined one still authenticates', async () => {
    const { report } = await diff(document(), document({ op: ['security: [{oauth: [pay], nosuch: []}]'] }));
    expect(newFindings(report, 'POST /payments')).not.toContain('auth-missing:critical');
    expect(newFindings(report, 'POST /payments').some((f) => f.startsWith('auth-undefined-scheme:'))).toBe(
      true,
    );
  });
});

describe('`security: []` written by the PR', () => {
  const catalogue = (op: string[] = [], extra: string[] = []) =>
    [
      'openapi: 3.0.3',
      'info: {title: Catalogue, version: 1.0.0}',
      'servers: [{url: https://api.example.com}]',
      'paths:',
      '  /items:',
      '    get:',
      '      summary: List items',
      ...op.map((l) => `      ${l}`),
      '      responses:',
      "        '200': {description: ok}",
      ...extra,
      '',
    ].join('\n');

  it('does not make an endpoint that was already open "public by design": its finding keeps its severity', async () => {
    const flags = ['--fail-on', 'high', '--fail-on-scope', 'all'];
    const before = await diff(catalogue(), catalogue(), [], flags);
    const missing = (r: Report) =>
      endpoint(r, 'GET /items').findings.find((f) => f.ruleId === 'auth-missing')?.severity;
    expect(missing(before.report)).toBe('high');
    expect(before.code).toBe(1);
    const { code, report } = await diff(catalogue(), catalogue(['security: []']), [], flags);
    expect(missing(report)).toBe('high');
    expect(code).toBe(1);
    const [request] = report.specs[0]!.waiverRequests;
    expect(request).toMatchObject({ endpoint: 'GET /items', kind: 'opt-out', granted: false });
  });

  it('still publishes a new public endpoint as OpenAPI means it (no request, a low finding)', async () => {
    const added = [
      '  /health:',
      '    get:',
      '      summary: Health',
      '      security: []',
      '      responses:',
      "        '200': {description: ok}",
    ];
    const { report } = await diff(catalogue(), catalogue([], added));
    expect(report.specs[0]!.waiverRequests).toEqual([]);
    expect(newFindings(report, 'GET /health')).toContain('auth-missing:low');
  });
});
