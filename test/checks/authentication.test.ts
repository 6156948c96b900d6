import { describe, expect, it } from 'vitest';
import { check, op, outdent, type Row, run } from './table.js';

describe('auth-missing', () => {
  const rule = 'auth-missing';
  const rows: Row[] = [
    {
      name: 'external write without any security is critical, reported at the operation',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Payments, version: '1' }
        paths:
          /PaymentAuth:
            post:
              summary: Authorise a payment
              responses: { '200': { description: ok } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'critical',
          pointer: op('/PaymentAuth', 'post'),
          endpoint: 'POST /PaymentAuth',
          at: [5, 5],
        },
      ],
    },
    {
      name: 'external read of nothing sensitive without security is high',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Catalogue, version: '1' }
        paths:
          /products:
            get:
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: op('/products', 'get') }],
    },
    {
      name: 'external read by object id is critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Users, version: '1' }
        paths:
          /users/{userId}:
            parameters:
              - { name: userId, in: path, required: true, schema: { type: string } }
            get:
              responses: { '200': { description: ok } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'critical',
          pointer: op('/users/{userId}', 'get'),
          endpoint: 'GET /users/{}',
        },
      ],
    },
    {
      name: 'a version path parameter is not an object id',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Docs, version: '1' }
        paths:
          /docs/{version}:
            get:
              parameters:
                - { name: version, in: path, required: true, schema: { type: string } }
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: op('/docs/{version}', 'get') }],
    },
    {
      name: 'external read returning a government id is critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: HR, version: '1' }
        paths:
          /profile:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties: { ssn: { type: string } }
      `),
      expect: [{ ruleId: rule, severity: 'critical', pointer: op('/profile', 'get') }],
    },
    {
      name: 'external read returning only an email stays high (email is not serious data)',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Directory, version: '1' }
        paths:
          /contacts:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties: { email: { type: string } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: op('/contacts', 'get') }],
    },
    {
      name: 'partner read by id is critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Partner, version: '1' }
        x-api-classification: partner
        paths:
          /orders/{id}:
            get:
              parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'critical', pointer: op('/orders/{id}', 'get') }],
    },
    {
      name: 'deprecated endpoints are still served: critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Old, version: '1' }
        paths:
          /orders:
            post:
              deprecated: true
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'critical', pointer: op('/orders', 'post') }],
    },
    {
      name: 'internal write is medium',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Jobs, version: '1' }
        x-internal: true
        paths:
          /jobs:
            post:
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: op('/jobs', 'post') }],
    },
    {
      name: 'internal read of nothing sensitive is low',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Jobs, version: '1' }
        paths:
          /jobs:
            get:
              x-internal: true
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/jobs', 'get') }],
    },
    {
      name: 'health check with `security: []` on the operation is a deliberate opt-out: low, at the `security` key',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }
        security: [{ bearer: [] }]
        paths:
          /health:
            get:
              security: []
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/health', 'get')}/security`, at: [10, 7] }],
    },
    {
      name: 'root `security: []` is no opt-out of one operation: high, at the root `security`',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        security: []
        paths:
          /health:
            get:
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: '/security' }],
    },
    {
      name: '`[{}]` alone is anonymous access: no authentication',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /status:
            get:
              security: [{}]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/status', 'get')}/security` }],
    },
    {
      name: 'opt-out of a public catalogue item by id is medium, not critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Shop, version: '1' }
        paths:
          /products/{productId}:
            get:
              security: []
              parameters: [{ name: productId, in: path, required: true, schema: { type: string } }]
              responses: { '200': { description: ok } }
      `),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: `${op('/products/{productId}', 'get')}/security` },
      ],
    },
    {
      name: 'opt-out of an internal read by id is low',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Shop, version: '1' }
        x-internal: true
        paths:
          /products/{productId}:
            get:
              security: []
              parameters: [{ name: productId, in: path, required: true, schema: { type: string } }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/products/{productId}', 'get')}/security` }],
    },
    {
      name: 'opt-out does not excuse a write: critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Shop, version: '1' }
        paths:
          /orders:
            post:
              security: []
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'critical', pointer: `${op('/orders', 'post')}/security` }],
    },
    {
      name: 'opt-out does not excuse a read returning card numbers: critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Wallet, version: '1' }
        paths:
          /cards/{id}:
            get:
              security: []
              parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: object, properties: { card_number: { type: string } } }
      `),
      expect: [{ ruleId: rule, severity: 'critical', pointer: `${op('/cards/{id}', 'get')}/security` }],
    },
    {
      name: 'login with `security: []` is public by design: low even though it takes a password',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Auth, version: '1' }
        paths:
          /auth/login:
            post:
              security: []
              requestBody:
                content:
                  application/json:
                    schema: { type: object, properties: { username: { type: string }, password: { type: string } } }
              responses: { '200': { description: ok } }
          /oauth2/token:
            post:
              security: []
              responses: { '200': { description: ok } }
          /users/resetPassword:
            post:
              security: []
              responses: { '204': { description: done } }
      `),
      expect: [
        { ruleId: rule, severity: 'low', pointer: `${op('/auth/login', 'post')}/security` },
        { ruleId: rule, severity: 'low', pointer: `${op('/oauth2/token', 'post')}/security` },
        { ruleId: rule, severity: 'low', pointer: `${op('/users/resetPassword', 'post')}/security` },
      ],
    },
    {
      name: 'a credential flow that selects an object is no opt-out: changing a user password by id is critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Auth, version: '1' }
        paths:
          /users/{id}/password:
            put:
              security: []
              parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
              responses: { '204': { description: done } }
      `),
      expect: [
        { ruleId: rule, severity: 'critical', pointer: `${op('/users/{id}/password', 'put')}/security` },
      ],
    },
    {
      name: 'a login without any declared security is not deliberate: critical',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Auth, version: '1' }
        paths:
          /login:
            post:
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'critical', pointer: op('/login', 'post') }],
    },
    {
      name: 'CORS preflight (OPTIONS) never carries credentials: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Gw, version: '1' }
        paths:
          /users/{id}:
            options:
              parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
              responses: { '200': { description: preflight } }
      `),
      expect: [],
    },
    {
      name: 'secured by the root requirement: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }
        security: [{ bearer: [] }]
        paths:
          /orders:
            post:
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
    {
      // Not a deliberate opt-out either (that is `security: []`): a write stays critical.
      name: 'a requirement naming only an undefined scheme is no authentication (and auth-undefined-scheme too)',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /orders:
            post:
              security: [{ nope: [] }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'critical', pointer: `${op('/orders', 'post')}/security` }],
    },
    {
      name: 'a defined scheme beside an undefined one still authenticates',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }
        paths:
          /orders:
            post:
              security: [{ bearer: [], nope: [] }]
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
    {
      name: 'Swagger 2.0: no security on a write is critical; `security: []` on a read is low',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        host: api.acme.io
        schemes: [https]
        paths:
          /pets:
            post:
              responses: { '200': { description: ok } }
          /ping:
            get:
              security: []
              responses: { '200': { description: ok } }
      `),
      expect: [
        { ruleId: rule, severity: 'critical', pointer: op('/pets', 'post') },
        { ruleId: rule, severity: 'low', pointer: `${op('/ping', 'get')}/security` },
      ],
    },
    {
      name: 'Swagger 2.0: secured by securityDefinitions + root security: nothing',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        securityDefinitions:
          key: { type: apiKey, in: header, name: X-Key }
        security: [{ key: [] }]
        paths:
          /pets:
            post:
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('auth-anonymous-alternative', () => {
  const rule = 'auth-anonymous-alternative';
  const doc = (security: string, extra = '') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      components:
        securitySchemes:
          bearer: { type: http, scheme: bearer }
      ${extra}
      paths:
        /items:
          get:
            security: ${security}
            responses: { '200': { description: ok } }
          post:
            security: ${security}
            responses: { '200': { description: ok } }
    `);
  const rows: Row[] = [
    {
      name: 'external: read medium, write high, at the operation `security`',
      spec: doc('[{ bearer: [] }, {}]'),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: `${op('/items', 'get')}/security`, at: [10, 7] },
        { ruleId: rule, severity: 'high', pointer: `${op('/items', 'post')}/security` },
      ],
    },
    {
      name: 'internal: read low, write medium',
      spec: doc('[{ bearer: [] }, {}]', 'x-internal: true'),
      expect: [
        { ruleId: rule, severity: 'low', pointer: `${op('/items', 'get')}/security` },
        { ruleId: rule, severity: 'medium', pointer: `${op('/items', 'post')}/security` },
      ],
    },
    {
      name: 'inherited from the root: reported at the root `security`',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }
        security: [{ bearer: [] }, {}]
        paths:
          /items:
            get:
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: '/security' }],
    },
    { name: '`[{}]` alone is auth-missing, not an alternative', spec: doc('[{}]'), expect: [] },
    { name: 'a real requirement only: nothing', spec: doc('[{ bearer: [] }]'), expect: [] },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
  it('keeps its fingerprint when `security` moves from the root to the operation', () => {
    const schemes = 'components:\n  securitySchemes:\n    bearer: { type: http, scheme: bearer }\n';
    const atRoot = `openapi: 3.0.3\ninfo: { title: Svc, version: '1' }\n${schemes}security: [{ bearer: [] }, {}]\npaths:\n  /items:\n    get:\n      responses: { '200': { description: ok } }\n`;
    const onOperation = `openapi: 3.0.3\ninfo: { title: Svc, version: '1' }\n${schemes}paths:\n  /items:\n    get:\n      security: [{ bearer: [] }, {}]\n      responses: { '200': { description: ok } }\n`;
    const fingerprints = [atRoot, onOperation].map((spec) =>
      run(spec)
        .findings.filter((f) => f.ruleId === rule)
        .map((f) => [f.loc.pointer, f.fingerprint]),
    );
    expect(fingerprints[0]![0]![0]).toBe('/security');
    expect(fingerprints[1]![0]![0]).toBe(`${op('/items', 'get')}/security`);
    expect(fingerprints[1]![0]![1]).toBe(fingerprints[0]![0]![1]);
  });
});

describe('auth-undefined-scheme', () => {
  const rule = 'auth-undefined-scheme';
  const rows: Row[] = [
    {
      name: 'OpenAPI 3: operation names a scheme nobody defined',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /items:
            get:
              security: [{ oauth: [read] }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: `${op('/items', 'get')}/security`, at: [6, 7] }],
    },
    {
      name: 'root requirement: one finding per endpoint, at the root `security`',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }
        security: [{ bearer: [], Bearer: [] }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
          /b: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: '/security', endpoint: 'GET /a' },
        { ruleId: rule, severity: 'high', pointer: '/security', endpoint: 'GET /b' },
      ],
    },
    {
      name: 'Swagger 2.0: requirement without securityDefinitions',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /pets:
            get:
              security: [{ api_key: [] }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: `${op('/pets', 'get')}/security` }],
    },
    {
      name: 'defined schemes (3.x components and 2.0 securityDefinitions): nothing',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        securityDefinitions:
          api_key: { type: apiKey, in: header, name: api_key }
        paths:
          /pets:
            get:
              security: [{ api_key: [] }]
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('auth-http-basic', () => {
  const rule = 'auth-http-basic';
  const rows: Row[] = [
    {
      name: 'OpenAPI 3 `scheme: basic` used by an external endpoint: high, at the scheme, listing its endpoints',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            basicAuth: { type: http, scheme: basic }
        security: [{ basicAuth: [] }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
          /b: { post: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: '/components/securitySchemes/basicAuth',
          endpoints: ['GET /a', 'POST /b'],
          at: [5, 5],
        },
      ],
    },
    {
      name: 'the scheme name is case-insensitive (`Basic`)',
      spec: outdent(`
        openapi: 3.1.0
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            creds: { type: http, scheme: Basic }
        paths:
          /a: { get: { security: [{ creds: [] }], responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: '/components/securitySchemes/creds' }],
    },
    {
      name: 'Swagger 2.0 `type: basic`',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        securityDefinitions:
          basic: { type: basic }
        security: [{ basic: [] }]
        paths:
          /pets: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: '/securityDefinitions/basic', endpoints: ['GET /pets'] },
      ],
    },
    {
      name: 'used by internal endpoints only: medium',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        x-internal: true
        components:
          securitySchemes:
            basicAuth: { type: http, scheme: basic }
        security: [{ basicAuth: [] }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: '/components/securitySchemes/basicAuth' }],
    },
    {
      name: 'defined but used by no endpoint: medium, no endpoints',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            basicAuth: { type: http, scheme: basic }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: '/components/securitySchemes/basicAuth', endpoints: [] },
      ],
    },
    {
      name: 'bearer and digest: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }
            digest: { type: http, scheme: digest }
        security: [{ bearer: [] }, { digest: [] }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('auth-apikey-in-query', () => {
  const rule = 'auth-apikey-in-query';
  const rows: Row[] = [
    {
      name: 'OpenAPI 3 key in the query, used externally: high, at the scheme',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            key: { type: apiKey, in: query, name: api_key }
        security: [{ key: [] }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: '/components/securitySchemes/key',
          endpoints: ['GET /a'],
          at: [5, 5],
        },
      ],
    },
    {
      name: 'Swagger 2.0 petstore-style `api_key` in query',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Petstore, version: '1' }
        securityDefinitions:
          api_key: { type: apiKey, name: api_key, in: query }
        paths:
          /pets:
            get:
              security: [{ api_key: [] }]
              responses: { '200': { description: ok } }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: '/securityDefinitions/api_key', endpoints: ['GET /pets'] },
      ],
    },
    {
      name: 'used by internal endpoints only: medium',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            key: { type: apiKey, in: query, name: api_key }
        paths:
          /a: { get: { x-internal: true, security: [{ key: [] }], responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: '/components/securitySchemes/key' }],
    },
    {
      name: 'keys in a header or a cookie: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            header: { type: apiKey, in: header, name: X-Api-Key }
            cookie: { type: apiKey, in: cookie, name: session }
        security: [{ header: [] }, { cookie: [] }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('auth-oauth-legacy-flow', () => {
  const rule = 'auth-oauth-legacy-flow';
  const rows: Row[] = [
    {
      name: 'OpenAPI 3 implicit and password flows: one finding each, at the scheme',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            oauth:
              type: oauth2
              flows:
                implicit: { authorizationUrl: 'https://id.acme.io/authorize', scopes: {} }
                password: { tokenUrl: 'https://id.acme.io/token', scopes: {} }
                authorizationCode:
                  authorizationUrl: 'https://id.acme.io/authorize'
                  tokenUrl: 'https://id.acme.io/token'
                  scopes: {}
        security: [{ oauth: [] }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: '/components/securitySchemes/oauth',
          endpoints: ['GET /a'],
          at: [5, 5],
        },
        {
          ruleId: rule,
          severity: 'medium',
          pointer: '/components/securitySchemes/oauth',
          endpoints: ['GET /a'],
        },
      ],
    },
    {
      name: 'Swagger 2.0 `flow: implicit` and `flow: password`',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        securityDefinitions:
          browser: { type: oauth2, flow: implicit, authorizationUrl: 'https://id.acme.io/authorize', scopes: {} }
          ropc: { type: oauth2, flow: password, tokenUrl: 'https://id.acme.io/token', scopes: {} }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: '/securityDefinitions/browser' },
        { ruleId: rule, severity: 'medium', pointer: '/securityDefinitions/ropc' },
      ],
    },
    {
      name: 'authorization code and client credentials (3.x), accessCode and application (2.0): nothing',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        securityDefinitions:
          code: { type: oauth2, flow: accessCode, authorizationUrl: 'https://id.acme.io/a', tokenUrl: 'https://id.acme.io/t', scopes: {} }
          machine: { type: oauth2, flow: application, tokenUrl: 'https://id.acme.io/t', scopes: {} }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
    {
      name: 'OpenAPI 3 client credentials only: nothing',
      spec: outdent(`
        openapi: 3.1.0
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            oauth:
              type: oauth2
              flows: { clientCredentials: { tokenUrl: 'https://id.acme.io/token', scopes: {} } }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('auth-insecure-oauth-url', () => {
  const rule = 'auth-insecure-oauth-url';
  const rows: Row[] = [
    {
      name: 'OpenAPI 3: each distinct http:// URL of the scheme is one finding',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            oauth:
              type: oauth2
              flows:
                authorizationCode:
                  authorizationUrl: 'http://id.acme.io/authorize'
                  tokenUrl: 'http://id.acme.io/token'
                  refreshUrl: 'https://id.acme.io/refresh'
                  scopes: {}
                clientCredentials: { tokenUrl: 'http://id.acme.io/token', scopes: {} }
        paths:
          /a: { get: { security: [{ oauth: [] }], responses: { '200': { description: ok } } } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: '/components/securitySchemes/oauth',
          endpoints: ['GET /a'],
          at: [5, 5],
        },
        {
          ruleId: rule,
          severity: 'high',
          pointer: '/components/securitySchemes/oauth',
          endpoints: ['GET /a'],
        },
      ],
    },
    {
      name: 'OpenID Connect discovery over http',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            oidc: { type: openIdConnect, openIdConnectUrl: 'http://id.acme.io/.well-known/openid-configuration' }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: '/components/securitySchemes/oidc' }],
    },
    {
      name: 'Swagger 2.0 implicit flow with an http authorizationUrl',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        securityDefinitions:
          petstore_auth:
            type: oauth2
            flow: implicit
            authorizationUrl: 'http://petstore.acme.io/oauth/dialog'
            scopes: { 'write:pets': modify }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: '/securityDefinitions/petstore_auth' }],
    },
    {
      name: 'https and loopback URLs (local development): nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          securitySchemes:
            oauth:
              type: oauth2
              flows:
                authorizationCode:
                  authorizationUrl: 'https://id.acme.io/authorize'
                  tokenUrl: 'http://localhost:8080/token'
                  scopes: {}
                clientCredentials: { tokenUrl: 'http://127.0.0.1:9000/token', scopes: {} }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('auth-credentials-in-url', () => {
  const rule = 'auth-credentials-in-url';
  const rows: Row[] = [
    {
      name: 'token in the query (external): high, at the parameter',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /events:
            get:
              parameters:
                - { name: access_token, in: query, schema: { type: string } }
              responses: { '200': { description: ok } }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: `${op('/events', 'get')}/parameters/0`, at: [7, 11] },
      ],
    },
    {
      name: 'password and private key in the query: critical (long-lived secrets, not rotated like tokens)',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /login-profile:
            get:
              parameters:
                - { name: Password, in: query, schema: { type: string } }
                - { name: PrivateKey, in: query, schema: { type: string } }
              responses: { '200': { description: ok } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'critical',
          pointer: `${op('/login-profile', 'get')}/parameters/0`,
          at: [7, 11],
        },
        {
          ruleId: rule,
          severity: 'critical',
          pointer: `${op('/login-profile', 'get')}/parameters/1`,
          at: [8, 11],
        },
      ],
    },
    {
      name: "a token its description calls a password (ElastiCache's `AuthToken`): critical; a password-reset token stays high",
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /CreateReplicationGroup:
            get:
              parameters:
                - { name: AuthToken, in: query, description: '<p> <b>Reserved parameter.</b> The password used to access a password protected server.</p>', schema: { type: string } }
                - { name: reset_token, in: query, description: 'The token that lets the user reset the password.', schema: { type: string } }
              responses: { '200': { description: ok } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'critical',
          pointer: `${op('/CreateReplicationGroup', 'get')}/parameters/0`,
          at: [7, 11],
        },
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${op('/CreateReplicationGroup', 'get')}/parameters/1`,
          at: [8, 11],
        },
      ],
    },
    {
      name: "a token named for the collection it is the id of, on an authenticated endpoint (Stripe's `/v1/shipping_rates/{shipping_rate_token}`): nothing; unauthenticated, or a bare `{token}` of `/tokens`, or in the query: reported",
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components: { securitySchemes: { bearerAuth: { type: http, scheme: bearer } } }
        paths:
          /v1/shipping_rates/{shipping_rate_token}:
            get:
              security: [{ bearerAuth: [] }]
              parameters: [{ name: shipping_rate_token, in: path, required: true, schema: { type: string, maxLength: 5000 } }]
              responses: { '200': { description: ok } }
          /invitations/{invitation_token}:
            get:
              parameters: [{ name: invitation_token, in: path, required: true, schema: { type: string } }]
              responses: { '200': { description: ok } }
          /tokens/{token}:
            delete:
              security: [{ bearerAuth: [] }]
              parameters: [{ name: token, in: path, required: true, schema: { type: string } }]
              responses: { '204': { description: gone } }
          /shipping_rates:
            get:
              security: [{ bearerAuth: [] }]
              parameters: [{ name: shipping_rate_token, in: query, schema: { type: string } }]
              responses: { '200': { description: ok } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${op('/invitations/{invitation_token}', 'get')}/parameters/0`,
        },
        { ruleId: rule, severity: 'high', pointer: `${op('/tokens/{token}', 'delete')}/parameters/0` },
        { ruleId: rule, severity: 'high', pointer: `${op('/shipping_rates', 'get')}/parameters/0` },
      ],
    },
    {
      name: 'api key in the path, declared on the path item: reported where it is declared',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /hooks/{apiKey}:
            parameters:
              - { name: apiKey, in: path, required: true, schema: { type: string } }
            post:
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: '/paths/~1hooks~1{apiKey}/parameters/0' }],
    },
    {
      name: 'internal: medium',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        x-internal: true
        paths:
          /events:
            get:
              parameters: [{ name: client_secret, in: query, schema: { type: string } }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${op('/events', 'get')}/parameters/0` }],
    },
    {
      name: 'Swagger 2.0 `password` query parameter',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /user/login:
            get:
              parameters:
                - { name: username, in: query, type: string }
                - { name: password, in: query, type: string }
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'critical', pointer: `${op('/user/login', 'get')}/parameters/1` }],
    },
    {
      name: 'pagination cursors and idempotency tokens (Google `pageToken`, AWS `NextToken`, `ClientToken`) are not credentials',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /items:
            get:
              parameters:
                - { name: pageToken, in: query, schema: { type: string } }
                - { name: NextToken, in: query, schema: { type: string } }
                - { name: continuation_token, in: query, schema: { type: string } }
                - { name: ClientToken, in: query, schema: { type: string } }
                - { name: syncToken, in: query, schema: { type: string } }
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
    {
      name: 'header credentials, OAuth hint/type/uri parameters and boolean flags: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /authorize:
            get:
              parameters:
                - { name: X-Api-Token, in: header, schema: { type: string } }
                - { name: id_token_hint, in: query, schema: { type: string } }
                - { name: token_type, in: query, schema: { type: string } }
                - { name: redirect_uri, in: query, schema: { type: string } }
                - { name: includeSecret, in: query, schema: { type: boolean } }
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('auth-security-weakened (diff)', () => {
  const rule = 'auth-security-weakened';
  const doc = (security: string, schemeDef = '{ type: http, scheme: bearer }', extra = '') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      ${extra}
      components:
        securitySchemes:
          auth: ${schemeDef}
          oauth:
            type: oauth2
            flows:
              clientCredentials: { tokenUrl: 'https://id.acme.io/token', scopes: { read: r, write: w } }
      paths:
        /orders:
          post:
            security: ${security}
            responses: { '200': { description: ok } }
    `);
  const ORDERS = op('/orders', 'post');
  const rows: Row[] = [
    {
      name: 'a new anonymous alternative: high, at the head `security`',
      base: doc('[{ auth: [] }]'),
      spec: doc('[{ auth: [] }, {}]'),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${ORDERS}/security`,
          endpoint: 'POST /orders',
          at: [14, 7],
        },
      ],
    },
    {
      name: 'a required scope dropped',
      base: doc('[{ oauth: [read, write] }]'),
      spec: doc('[{ oauth: [read] }]'),
      expect: [{ ruleId: rule, severity: 'high', pointer: `${ORDERS}/security` }],
    },
    {
      name: 'the scheme itself weakened (bearer → basic): at the scheme',
      base: doc('[{ auth: [] }]'),
      spec: doc('[{ auth: [] }]', '{ type: http, scheme: basic }'),
      expect: [{ ruleId: rule, severity: 'high', pointer: '/components/securitySchemes/auth' }],
    },
    {
      name: 'internal endpoint: medium',
      base: doc('[{ auth: [] }]', undefined, 'x-internal: true'),
      spec: doc('[{ auth: [] }, {}]', undefined, 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${ORDERS}/security` }],
    },
    {
      name: 'the reverse (strengthened): nothing',
      base: doc('[{ auth: [] }, {}]'),
      spec: doc('[{ auth: [] }]'),
      expect: [],
    },
    {
      name: 'a scope added: nothing',
      base: doc('[{ oauth: [read] }]'),
      spec: doc('[{ oauth: [read, write] }]'),
      expect: [],
    },
    {
      name: 'security removed from an external write: auth-missing reports it (critical), not here',
      base: doc('[{ auth: [] }]'),
      spec: doc('[]'),
      expect: [],
    },
    {
      name: 'security removed from an internal write (auth-missing only medium): high here, never below the weak form it replaced',
      base: doc('[{ auth: [] }]', undefined, 'x-internal: true'),
      spec: doc('[]', undefined, 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'high', pointer: `${ORDERS}/security` }],
    },
    {
      name: 'no base (not in diff mode): nothing',
      spec: doc('[{ auth: [] }, {}]'),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});
