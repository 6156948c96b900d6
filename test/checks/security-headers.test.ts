import { describe, it } from 'vitest';
import type { AssessSettings } from '../../src/assess/types.js';
import { check, op, outdent, type Row } from './table.js';

const gateway = (settings: Partial<AssessSettings>) => ({
  settings: { gatewayHeaders: [], gatewayControls: [], ...settings },
});

/** `GET /orders`, secured by a bearer token (or not), with the given `responses`. */
function orders(responses: string, security = '[{ bearer: [] }]', extra = ''): string {
  return outdent(`
    openapi: 3.0.3
    info: { title: Svc, version: '1' }
    ${extra}
    components:
      securitySchemes:
        bearer: { type: http, scheme: bearer }
    paths:
      /orders:
        get:
          security: ${security}
          responses: ${responses}
  `);
}

const JSON_200 =
  "{ '200': { description: ok, content: { application/json: { schema: { type: object } } } } }";
const R200 = `${op('/orders', 'get')}/responses/200`;

describe('headers-missing-hsts', () => {
  const rule = 'headers-missing-hsts';
  const rows: Row[] = [
    {
      name: 'success response without Strict-Transport-Security: low, at the response',
      spec: orders("{ '200': { description: ok }, '404': { description: missing } }"),
      expect: [{ ruleId: rule, severity: 'low', pointer: R200, endpoint: 'GET /orders', at: [11, 20] }],
    },
    {
      name: 'several success responses: one finding at the first',
      spec: orders("{ '200': { description: ok }, '202': { description: later } }"),
      expect: [{ ruleId: rule, severity: 'low', pointer: R200 }],
    },
    {
      name: 'only a `default` response: judged on it',
      spec: orders('{ default: { description: any } }'),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/orders', 'get')}/responses/default` }],
    },
    {
      name: 'declared (any case): nothing',
      spec: orders(
        "{ '200': { description: ok, headers: { strict-transport-security: { schema: { type: string } } } } }",
      ),
      expect: [],
    },
    {
      name: 'no success response at all: nothing',
      spec: orders("{ '404': { description: missing } }"),
      expect: [],
    },
    {
      name: 'the gateway adds it (`gatewayHeaders`): nothing',
      spec: orders("{ '200': { description: ok } }"),
      options: gateway({ gatewayHeaders: ['strict-transport-security'] }),
      expect: [],
    },
    {
      name: 'security headers enforced at the gateway (`gatewayControls`): nothing',
      spec: orders("{ '200': { description: ok } }"),
      options: gateway({ gatewayControls: ['security-headers'] }),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('headers-missing-nosniff', () => {
  const rule = 'headers-missing-nosniff';
  const rows: Row[] = [
    {
      name: 'a response with a body and no X-Content-Type-Options: low',
      spec: orders(JSON_200),
      expect: [{ ruleId: rule, severity: 'low', pointer: R200 }],
    },
    {
      name: 'Swagger 2.0 response with a schema',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /pets:
            get:
              responses:
                '200': { description: ok, schema: { type: array, items: { type: string } } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/pets', 'get')}/responses/200` }],
    },
    { name: 'no body (204): nothing', spec: orders("{ '204': { description: done } }"), expect: [] },
    {
      name: 'declared: nothing',
      spec: orders(
        "{ '200': { description: ok, headers: { X-Content-Type-Options: { schema: { enum: [nosniff] } } }, content: { application/json: {} } } }",
      ),
      expect: [],
    },
    {
      name: 'the gateway adds it: nothing',
      spec: orders(JSON_200),
      options: gateway({ gatewayHeaders: ['x-content-type-options'] }),
      expect: [],
    },
    {
      name: 'security headers at the gateway: nothing',
      spec: orders(JSON_200),
      options: gateway({ gatewayControls: ['security-headers'] }),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('headers-missing-cache-control', () => {
  const rule = 'headers-missing-cache-control';
  const EMAIL_200 =
    "{ '200': { description: ok, content: { application/json: { schema: { type: object, properties: { email: { type: string } } } } } } }";
  const rows: Row[] = [
    {
      name: 'authenticated response with a body and no Cache-Control: low',
      spec: orders(JSON_200),
      expect: [{ ruleId: rule, severity: 'low', pointer: R200 }],
    },
    {
      name: 'unauthenticated, but the response has personal data',
      spec: orders(EMAIL_200, '[]'),
      expect: [{ ruleId: rule, severity: 'low', pointer: R200 }],
    },
    { name: 'unauthenticated and nothing sensitive: nothing', spec: orders(JSON_200, '[]'), expect: [] },
    {
      name: 'optional authentication (`{}` alternative) and nothing sensitive: nothing',
      spec: orders(JSON_200, '[{ bearer: [] }, {}]'),
      expect: [],
    },
    {
      name: 'authenticated without a body: nothing',
      spec: orders("{ '204': { description: done } }"),
      expect: [],
    },
    {
      name: 'declared: nothing',
      spec: orders(
        "{ '200': { description: ok, headers: { Cache-Control: { schema: { enum: [no-store] } } }, content: { application/json: {} } } }",
      ),
      expect: [],
    },
    {
      name: 'the gateway adds it: nothing',
      spec: orders(JSON_200),
      options: gateway({ gatewayHeaders: ['cache-control'] }),
      expect: [],
    },
    {
      name: 'security headers at the gateway: nothing',
      spec: orders(JSON_200),
      options: gateway({ gatewayControls: ['security-headers'] }),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('headers-missing-frame-options', () => {
  const rule = 'headers-missing-frame-options';
  const HTML_200 = "{ '200': { description: page, content: { text/html: { schema: { type: string } } } } }";
  const rows: Row[] = [
    {
      name: 'HTML response without X-Frame-Options or CSP: low',
      spec: orders(HTML_200),
      expect: [{ ruleId: rule, severity: 'low', pointer: R200 }],
    },
    {
      name: 'Swagger 2.0 `produces: [text/html]`',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /login:
            get:
              produces: [text/html]
              responses: { '200': { description: page, schema: { type: string } } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/login', 'get')}/responses/200` }],
    },
    { name: 'JSON response: nothing', spec: orders(JSON_200), expect: [] },
    {
      name: 'X-Frame-Options declared: nothing',
      spec: orders(
        "{ '200': { description: page, headers: { X-Frame-Options: { schema: { enum: [DENY] } } }, content: { text/html: {} } } }",
      ),
      expect: [],
    },
    {
      name: 'Content-Security-Policy (frame-ancestors) declared: nothing',
      spec: orders(
        "{ '200': { description: page, headers: { Content-Security-Policy: { schema: { type: string } } }, content: { text/html: {} } } }",
      ),
      expect: [],
    },
    {
      name: 'the gateway adds it: nothing',
      spec: orders(HTML_200),
      options: gateway({ gatewayHeaders: ['x-frame-options'] }),
      expect: [],
    },
    {
      name: 'security headers at the gateway: nothing',
      spec: orders(HTML_200),
      options: gateway({ gatewayControls: ['security-headers'] }),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});
