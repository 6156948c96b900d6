import { describe, it } from 'vitest';
import { check, op, outdent, type Row } from './table.js';

describe('authz-no-scopes-on-write', () => {
  const rule = 'authz-no-scopes-on-write';
  const doc = (method: string, security: string, where: 'operation' | 'root' = 'operation') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      components:
        securitySchemes:
          oauth:
            type: oauth2
            flows:
              clientCredentials: { tokenUrl: 'https://id.acme.io/token', scopes: { 'orders:write': w } }
          oidc: { type: openIdConnect, openIdConnectUrl: 'https://id.acme.io/.well-known/openid-configuration' }
          bearer: { type: http, scheme: bearer }
      ${where === 'root' ? `security: ${security}` : ''}
      paths:
        /orders:
          ${method}:
            ${where === 'operation' ? `security: ${security}` : ''}
            responses: { '200': { description: ok } }
    `);
  const rows: Row[] = [
    {
      name: 'POST with an unscoped OAuth2 requirement: medium, at the operation `security`',
      spec: doc('post', '[{ oauth: [] }]'),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: `${op('/orders', 'post')}/security`, at: [15, 7] },
      ],
    },
    {
      name: 'DELETE with an unscoped OpenID Connect requirement',
      spec: doc('delete', '[{ oidc: [] }]'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${op('/orders', 'delete')}/security` }],
    },
    {
      name: 'inherited from the root: at the root `security`',
      spec: doc('patch', '[{ oauth: [] }]', 'root'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: '/security' }],
    },
    {
      name: 'one scoped alternative and one unscoped: the unscoped one lets any token in',
      spec: doc('put', "[{ oauth: ['orders:write'] }, { oidc: [] }]"),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${op('/orders', 'put')}/security` }],
    },
    {
      name: 'a scheme that defines no scope at all (authorization by user, not scope): low, not medium',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Images, version: '1' }
        components:
          securitySchemes:
            OAuth2:
              type: oauth2
              flows:
                implicit: { authorizationUrl: 'https://id.acme.io/authorize', scopes: {} }
                clientCredentials: { tokenUrl: 'https://id.acme.io/token', scopes: {} }
        paths:
          /boards:
            post:
              security: [{ OAuth2: [] }]
              responses: { '201': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/boards', 'post')}/security` }],
    },
    {
      name: 'one flow defines a scope: the write should ask for one (medium)',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Images, version: '1' }
        components:
          securitySchemes:
            OAuth2:
              type: oauth2
              flows:
                implicit: { authorizationUrl: 'https://id.acme.io/authorize', scopes: {} }
                clientCredentials: { tokenUrl: 'https://id.acme.io/token', scopes: { 'boards:write': w } }
        paths:
          /boards:
            post:
              security: [{ OAuth2: [] }]
              responses: { '201': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${op('/boards', 'post')}/security` }],
    },
    { name: 'scoped write: nothing', spec: doc('post', "[{ oauth: ['orders:write'] }]"), expect: [] },
    { name: 'unscoped read: nothing', spec: doc('get', '[{ oauth: [] }]'), expect: [] },
    {
      name: 'bearer tokens have no scopes to ask for: nothing',
      spec: doc('post', '[{ bearer: [] }]'),
      expect: [],
    },
    {
      name: 'Swagger 2.0 accessCode flow, write without scopes',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        securityDefinitions:
          oauth: { type: oauth2, flow: accessCode, authorizationUrl: 'https://id.acme.io/a', tokenUrl: 'https://id.acme.io/t', scopes: { write: w } }
        paths:
          /pets:
            post:
              security: [{ oauth: [] }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${op('/pets', 'post')}/security` }],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('authz-admin-path-exposed', () => {
  const rule = 'authz-admin-path-exposed';
  const doc = (path: string, security: string, extra = '') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      ${extra}
      components:
        securitySchemes:
          bearer: { type: http, scheme: bearer }
      paths:
        ${path}:
          get:
            security: ${security}
            responses: { '200': { description: ok } }
    `);
  const rows: Row[] = [
    {
      name: 'external admin path without authentication: critical, at the operation',
      spec: doc('/admin/users', '[]'),
      expect: [{ ruleId: rule, severity: 'critical', pointer: op('/admin/users', 'get'), at: [9, 5] }],
    },
    {
      name: 'external admin path with authentication: medium (it belongs in an internal spec)',
      spec: doc('/v1/admin/users', '[{ bearer: [] }]'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: op('/v1/admin/users', 'get') }],
    },
    {
      name: 'an anonymous alternative is no authentication: critical',
      spec: doc('/actuator/health', '[{ bearer: [] }, {}]'),
      expect: [{ ruleId: rule, severity: 'critical', pointer: op('/actuator/health', 'get') }],
    },
    {
      name: 'internal admin path without authentication: high',
      spec: doc('/admin/users', '[]', 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'high', pointer: op('/admin/users', 'get') }],
    },
    {
      name: 'internal admin path with authentication: nothing',
      spec: doc('/admin/users', '[{ bearer: [] }]', 'x-internal: true'),
      expect: [],
    },
    {
      name: 'debug endpoints anywhere in the path (`/_debug`, Go `/debug/pprof`)',
      spec: doc('/svc/debug/pprof', '[]'),
      expect: [{ ruleId: rule, severity: 'critical', pointer: op('/svc/debug/pprof', 'get') }],
    },
    {
      name: 'root-only words at the start of the path, after `/api` and a version: `/metrics`, `/management`',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /metrics: { get: { security: [], responses: { '200': { description: ok } } } }
          /api/v2/management/tenants: { get: { security: [], responses: { '200': { description: ok } } } }
          /env: { get: { security: [], responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'critical', pointer: op('/metrics', 'get') },
        { ruleId: rule, severity: 'critical', pointer: op('/api/v2/management/tenants', 'get') },
        { ruleId: rule, severity: 'critical', pointer: op('/env', 'get') },
      ],
    },
    {
      name: 'deeper, the same words name resources: `/campaigns/{id}/metrics`, `/projects/{id}/env`, `/subscriptions/manage`',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /campaigns/{id}/metrics: { get: { security: [], responses: { '200': { description: ok } } } }
          /projects/{id}/env: { get: { security: [], responses: { '200': { description: ok } } } }
          /subscriptions/manage: { get: { security: [], responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
    {
      name: '`/internal` on an internal API says nothing new: nothing (auth-missing covers the missing auth)',
      spec: doc('/internal/jobs', '[]', 'x-internal: true'),
      expect: [],
    },
    {
      name: '`/internal` on an external endpoint is exposed: medium with auth',
      spec: doc('/internal/jobs', '[{ bearer: [] }]'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: op('/internal/jobs', 'get') }],
    },
    {
      name: 'only whole segments count: `/administrators-guide`, `/users`: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /administrators-guide: { get: { security: [], responses: { '200': { description: ok } } } }
          /users: { get: { security: [], responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('authz-no-401-403', () => {
  const rule = 'authz-no-401-403';
  const doc = (responses: string, security = '[{ bearer: [] }]') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      components:
        securitySchemes:
          bearer: { type: http, scheme: bearer }
      paths:
        /orders:
          get:
            security: ${security}
            responses: ${responses}
    `);
  const rows: Row[] = [
    {
      name: 'secured, only 200: low, at the operation',
      spec: doc("{ '200': { description: ok }, '404': { description: missing } }"),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/orders', 'get'), at: [8, 5] }],
    },
    {
      name: 'declares 401: nothing',
      spec: doc("{ '200': { description: ok }, '401': { description: no } }"),
      expect: [],
    },
    {
      name: 'declares 403: nothing',
      spec: doc("{ '200': { description: ok }, '403': { description: no } }"),
      expect: [],
    },
    {
      name: 'declares the 4XX range: nothing',
      spec: doc("{ '200': { description: ok }, 4XX: { description: no } }"),
      expect: [],
    },
    { name: 'unauthenticated: nothing', spec: doc("{ '200': { description: ok } }", '[]'), expect: [] },
    {
      name: 'anonymous alternative (authentication optional): nothing',
      spec: doc("{ '200': { description: ok } }", '[{ bearer: [] }, {}]'),
      expect: [],
    },
    {
      name: 'Swagger 2.0 secured operation with only 200',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        securityDefinitions:
          key: { type: apiKey, in: header, name: X-Key }
        security: [{ key: [] }]
        paths:
          /pets: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/pets', 'get') }],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});
