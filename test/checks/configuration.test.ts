import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { check, op, outdent, type Row, run } from './table.js';

describe('config-unparsable', () => {
  const rule = 'config-unparsable';
  const rows: Row[] = [
    {
      name: 'invalid YAML: high, at the parser’s line and column',
      spec: 'openapi: 3.0.3\ninfo: { title: Svc\npaths: {}\n',
      expect: [{ ruleId: rule, severity: 'high', pointer: '', at: [3, 1] }],
    },
    {
      name: 'not an OpenAPI document (no `openapi`/`swagger`): at the root',
      spec: 'title: not an API\nitems: []\n',
      expect: [{ ruleId: rule, severity: 'high', pointer: '', at: [1, 1] }],
    },
    {
      name: 'unsupported version: at the version field',
      spec: 'openapi: 4.0.0\ninfo: { title: Svc, version: "1" }\npaths: {}\n',
      expect: [{ ruleId: rule, severity: 'high', pointer: '/openapi', at: [1, 1] }],
    },
    {
      name: 'a valid document: nothing',
      spec: 'openapi: 3.0.3\ninfo: { title: Svc, version: "1" }\npaths: {}\n',
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

/** A document whose `GET /a` 200 response is a `$ref`. */
const refTo = (ref: string) =>
  outdent(`
    openapi: 3.0.3
    info: { title: Svc, version: '1' }
    paths:
      /a:
        get:
          responses: { '200': { $ref: '${ref}' } }
  `);
const REF = `${op('/a', 'get')}/responses/200/$ref`;

describe('config-unresolved-ref', () => {
  const rule = 'config-unresolved-ref';
  const rows: Row[] = [
    {
      name: 'a missing file: high, at the `$ref`, naming the operation it sits in',
      spec: refTo('./responses.yaml#/Ok'),
      expect: [{ ruleId: rule, severity: 'high', pointer: REF, at: [6, 29], endpoints: ['GET /a'] }],
    },
    {
      name: 'a pointer to nothing in the same file',
      spec: refTo('#/components/responses/Nope'),
      expect: [{ ruleId: rule, severity: 'high', pointer: REF }],
    },
    {
      name: 'a pointer to nothing in another file: in the file that holds the `$ref`',
      spec: {
        'openapi.yaml': refTo('./common.yaml#/Ok'),
        'common.yaml': 'Ok:\n  $ref: "#/Missing"\n',
      },
      expect: [{ ruleId: rule, severity: 'high', pointer: '/Ok/$ref', file: 'common.yaml', at: [2, 3] }],
    },
    {
      name: 'a circular chain',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          responses:
            A: { $ref: '#/components/responses/B' }
            B: { $ref: '#/components/responses/A' }
        paths:
          /a:
            get:
              responses: { '200': { $ref: '#/components/responses/A' } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: `${op('/a', 'get')}/responses/200` }],
    },
    {
      name: 'in a path item’s parameters: naming each of its operations',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /a/{id}:
            parameters: [{ $ref: '#/components/parameters/Id' }]
            get: { responses: { '200': { description: ok } } }
            delete: { responses: { '204': { description: gone } } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: '/paths/~1a~1{id}/parameters/0/$ref',
          endpoints: ['GET /a/{}', 'DELETE /a/{}'],
        },
      ],
    },
    {
      name: 'a resolving reference into another file: nothing',
      spec: { 'openapi.yaml': refTo('./common.yaml#/Ok'), 'common.yaml': 'Ok:\n  description: ok\n' },
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

it('a problem outside any operation names no endpoint', () => {
  const { findings } = run({
    'openapi.yaml': refTo('./common.yaml#/Ok'),
    'common.yaml': 'Ok:\n  $ref: "#/Missing"\n',
  });
  const [finding] = findings.filter((f) => f.ruleId === 'config-unresolved-ref');
  expect(finding?.loc.file).toBe('common.yaml');
  expect(finding?.endpoints).toBeUndefined();
});

describe('config-remote-ref', () => {
  const rule = 'config-remote-ref';
  const rows: Row[] = [
    {
      name: 'an https `$ref` is not fetched: high, at the `$ref`',
      spec: refTo('https://schemas.acme.io/ok.yaml'),
      expect: [{ ruleId: rule, severity: 'high', pointer: REF }],
    },
    { name: 'a relative `$ref`: nothing', spec: refTo('#/components/responses/Ok'), expect: [] },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('config-ref-outside-workspace', () => {
  const rule = 'config-ref-outside-workspace';
  const rows: Row[] = [
    {
      name: '`../` out of the workspace: high, at the `$ref`',
      spec: refTo('../../etc/passwd'),
      expect: [{ ruleId: rule, severity: 'high', pointer: REF }],
    },
    {
      name: 'an absolute path',
      spec: refTo('/etc/passwd'),
      expect: [{ ruleId: rule, severity: 'high', pointer: REF }],
    },
    {
      name: 'a `file:` URL',
      spec: refTo('file:///etc/passwd'),
      expect: [{ ruleId: rule, severity: 'high', pointer: REF }],
    },
    {
      name: '`../` that stays inside: nothing of this rule (the target is missing)',
      spec: refTo('./shared/../responses.yaml#/Ok'),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('config-invalid', () => {
  const rule = 'config-invalid';
  const rows: Row[] = [
    {
      name: 'an unknown classification: medium, at the value',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /a:
            get:
              x-api-classification: publik
              responses: { '200': { description: ok } }
      `),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: `${op('/a', 'get')}/x-api-classification`, at: [6, 7] },
      ],
    },
    {
      name: 'a duplicate key: at the parser’s position',
      spec: 'openapi: 3.0.3\ninfo: { title: Svc, version: "1" }\npaths:\n  /a:\n    get: { responses: {} }\n    get: { responses: {} }\n',
      expect: [{ ruleId: rule, severity: 'medium', pointer: '', at: [6, 5] }],
    },
    {
      name: 'two paths that match the same requests',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /users/{id}: { get: { responses: { '200': { description: ok } } } }
          /users/{userId}: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: op('/users/{userId}', 'get') }],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('suppressions', () => {
  const health = (ignore: string) =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1', contact: { email: team@acme.io } }
      paths:
        /health:
          get:
            summary: Health check
            ${ignore}
            responses: { '200': { description: ok, content: { application/json: { schema: { type: object } } } } }
        /orders:
          get:
            summary: Orders
            responses: { '200': { description: ok } }
    `);
  const of = (findings: Finding[], ruleId: string, endpoint = 'GET /health') =>
    findings.find((f) => f.ruleId === ruleId && f.endpoint === endpoint);

  it('`x-api-posture-ignore` on the operation with a reason suppresses that rule there only', () => {
    const { findings } = run(
      health("x-api-posture-ignore: [{ rule: auth-missing, reason: 'public by design, returns no data' }]"),
    );
    expect(of(findings, 'auth-missing')?.suppressed).toEqual({
      reason: 'public by design, returns no data',
      source: 'openapi.yaml#/paths/~1health/get/x-api-posture-ignore',
    });
    expect(of(findings, 'auth-missing', 'GET /orders')?.suppressed).toBeUndefined();
    expect(of(findings, 'rate-limit-missing')?.suppressed).toBeUndefined();
    expect(findings.filter((f) => f.ruleId === 'config-invalid')).toEqual([]);
  });

  it('the map form `rule: reason`', () => {
    const { findings } = run(
      health("x-api-posture-ignore: { rate-limit-missing: 'limited at the load balancer' }"),
    );
    expect(of(findings, 'rate-limit-missing')?.suppressed?.reason).toBe('limited at the load balancer');
  });

  it('a category suppresses every rule of that category', () => {
    const { findings } = run(
      health("x-api-posture-ignore: [{ rule: security-headers, reason: 'added by the CDN' }]"),
    );
    const headers = findings.filter((f) => f.category === 'security-headers' && f.endpoint === 'GET /health');
    expect(headers.map((f) => f.ruleId).sort()).toEqual(['headers-missing-hsts', 'headers-missing-nosniff']);
    for (const f of headers) expect(f.suppressed?.reason).toBe('added by the CDN');
    expect(of(findings, 'auth-missing')?.suppressed).toBeUndefined();
  });

  it('without a reason: nothing suppressed, and a config-invalid finding at the extension', () => {
    const { findings, loaded } = run(health('x-api-posture-ignore: [{ rule: auth-missing }]'));
    expect(of(findings, 'auth-missing')?.suppressed).toBeUndefined();
    check('config-invalid', {
      name: 'no reason',
      spec: health('x-api-posture-ignore: [{ rule: auth-missing }]'),
      expect: [
        {
          ruleId: 'config-invalid',
          severity: 'medium',
          pointer: `${op('/health', 'get')}/x-api-posture-ignore`,
          at: [7, 7],
        },
      ],
    });
    expect(loaded.problems).toEqual([]); // a suppression problem is the assessment's, not the loader's
  });

  it('an expired suppression no longer suppresses; an unexpired one carries its date', () => {
    const expired = run(
      health(
        "x-api-posture-ignore: [{ rule: auth-missing, reason: 'until the gateway lands', expires: '2025-05-31' }]",
      ),
    ).findings;
    expect(of(expired, 'auth-missing')?.suppressed).toBeUndefined();
    const current = run(
      health(
        "x-api-posture-ignore: [{ rule: auth-missing, reason: 'until the gateway lands', expires: 2025-06-01 }]",
      ),
    ).findings;
    expect(of(current, 'auth-missing')?.suppressed).toMatchObject({ expires: '2025-06-01' });
  });

  it('an `expires` that is not a date is a config-invalid finding and suppresses nothing', () => {
    const { findings } = run(
      health("x-api-posture-ignore: [{ rule: auth-missing, reason: 'soon', expires: 'next sprint' }]"),
    );
    expect(of(findings, 'auth-missing')?.suppressed).toBeUndefined();
    expect(findings.filter((f) => f.ruleId === 'config-invalid')).toHaveLength(1);
  });

  it('config-level ignores: endpoint globs, rule or category, and `today` for expiry', () => {
    const spec = health('');
    const ignores = [
      {
        rule: 'rate-limit-missing',
        endpoints: ['* /health'],
        reason: 'probe traffic only',
        source: 'api-posture.yml',
      },
      {
        rule: 'authentication',
        endpoints: ['GET /ord*'],
        reason: 'legacy',
        expires: '2025-03-01',
        source: 'api-posture.yml',
      },
    ];
    const now = run(spec, { ignores, today: '2025-06-01' }).findings;
    expect(of(now, 'rate-limit-missing')?.suppressed).toEqual({
      reason: 'probe traffic only',
      source: 'api-posture.yml',
    });
    expect(of(now, 'rate-limit-missing', 'GET /orders')?.suppressed).toBeUndefined();
    expect(of(now, 'auth-missing', 'GET /orders')?.suppressed).toBeUndefined(); // expired on 2025-03-01
    const before = run(spec, { ignores, today: '2025-02-01' }).findings;
    expect(of(before, 'auth-missing', 'GET /orders')?.suppressed).toMatchObject({
      reason: 'legacy',
      expires: '2025-03-01',
    });
    expect(of(before, 'auth-missing')?.suppressed).toBeUndefined(); // GET /health does not match `GET /ord*`
  });

  it('a root-level `x-api-posture-ignore` covers document-level findings', () => {
    const { findings } = run(
      outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        x-api-posture-ignore: { inventory-missing-owner: 'owned by the platform team (see CODEOWNERS)' }
        paths:
          /a: { get: { summary: A, responses: { '200': { description: ok } } } }
      `),
    );
    expect(findings.find((f) => f.ruleId === 'inventory-missing-owner')?.suppressed).toMatchObject({
      reason: 'owned by the platform team (see CODEOWNERS)',
      source: 'openapi.yaml#/x-api-posture-ignore',
    });
  });
});
