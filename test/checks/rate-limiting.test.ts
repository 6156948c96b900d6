import { describe, expect, it } from 'vitest';
import { pathWords } from '../../src/assess/context.js';
import { check, op, outdent, type Row } from './table.js';

/** One operation at `path` with the given responses and extra operation / root keys. */
function doc(
  path: string,
  method = 'get',
  responses = "{ '200': { description: ok } }",
  opExtra = '',
  root = '',
): string {
  return outdent(`
    openapi: 3.0.3
    info: { title: Svc, version: '1' }
    ${root}
    paths:
      ${path}:
        ${method}:
          ${opExtra}
          responses: ${responses}
  `);
}

describe('rate-limit-missing', () => {
  const rule = 'rate-limit-missing';
  const rows: Row[] = [
    {
      name: 'external operation with no 429 and no rate-limit headers: medium, at the operation',
      spec: doc('/orders'),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: op('/orders', 'get'),
          endpoint: 'GET /orders',
          at: [6, 5],
        },
      ],
    },
    {
      name: 'internal: low',
      spec: doc('/orders', 'get', undefined, '', 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/orders', 'get') }],
    },
    {
      name: 'credential flows open to brute force are high: login',
      spec: doc('/auth/login', 'post'),
      expect: [{ ruleId: rule, severity: 'high', pointer: op('/auth/login', 'post') }],
    },
    {
      name: 'credential flows: OAuth token endpoint',
      spec: doc('/oauth2/token', 'post'),
      expect: [{ ruleId: rule, severity: 'high', pointer: op('/oauth2/token', 'post') }],
    },
    {
      name: 'credential flows: camelCase `resetPassword`',
      spec: doc('/users/resetPassword', 'post'),
      expect: [{ ruleId: rule, severity: 'high', pointer: op('/users/resetPassword', 'post') }],
    },
    {
      name: 'credential flows: `/sign-in`, `/signUp`, `/mfa/verify`',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /sign-in: { post: { responses: { '200': { description: ok } } } }
          /signUp: { post: { responses: { '200': { description: ok } } } }
          /mfa/verify: { post: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: op('/sign-in', 'post') },
        { ruleId: rule, severity: 'high', pointer: op('/signUp', 'post') },
        { ruleId: rule, severity: 'high', pointer: op('/mfa/verify', 'post') },
      ],
    },
    {
      name: 'credential flows: acronyms and numbers in camelCase (`/users/2FA`, `/enable2FA`, `/MFAToken`, `/getOAuthToken`)',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /users/2FA: { post: { responses: { '200': { description: ok } } } }
          /enable2FA: { post: { responses: { '200': { description: ok } } } }
          /MFAToken: { post: { responses: { '200': { description: ok } } } }
          /getOAuthToken: { post: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: op('/users/2FA', 'post') },
        { ruleId: rule, severity: 'high', pointer: op('/enable2FA', 'post') },
        { ruleId: rule, severity: 'high', pointer: op('/MFAToken', 'post') },
        { ruleId: rule, severity: 'high', pointer: op('/getOAuthToken', 'post') },
      ],
    },
    {
      name: 'a credential flow on an internal endpoint is low',
      spec: doc('/login', 'post', undefined, '', 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/login', 'post') }],
    },
    {
      name: 'words that only contain a credential word are not credential flows: `/presets`, `/carbon-footprint`, `/tokenizer`',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /presets: { get: { responses: { '200': { description: ok } } } }
          /carbon-footprint: { get: { responses: { '200': { description: ok } } } }
          /tokenizer: { post: { responses: { '200': { description: ok } } } }
          /files/{token}: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: op('/presets', 'get') },
        { ruleId: rule, severity: 'medium', pointer: op('/carbon-footprint', 'get') },
        { ruleId: rule, severity: 'medium', pointer: op('/tokenizer', 'post') },
        { ruleId: rule, severity: 'medium', pointer: op('/files/{token}', 'get') },
      ],
    },
    {
      name: 'declares 429: nothing',
      spec: doc('/login', 'post', "{ '200': { description: ok }, '429': { description: slow down } }"),
      expect: [],
    },
    {
      name: 'declares X-RateLimit-* headers: nothing',
      spec: doc(
        '/orders',
        'get',
        "{ '200': { description: ok, headers: { X-RateLimit-Remaining: { schema: { type: integer } } } } }",
      ),
      expect: [],
    },
    {
      name: 'declares IETF RateLimit-Policy: nothing',
      spec: doc(
        '/orders',
        'get',
        "{ '200': { description: ok, headers: { RateLimit-Policy: { schema: { type: string } } } } }",
      ),
      expect: [],
    },
    {
      name: 'declares Retry-After (on a 503): nothing',
      spec: doc(
        '/orders',
        'get',
        "{ '200': { description: ok }, '503': { description: busy, headers: { Retry-After: { schema: { type: integer } } } } }",
      ),
      expect: [],
    },
    {
      name: 'operation extension `x-rate-limit`: nothing',
      spec: doc('/orders', 'get', undefined, 'x-rate-limit: { requests: 100, per: minute }'),
      expect: [],
    },
    {
      name: 'a root throttling extension (`x-throttling`): nothing',
      spec: doc('/orders', 'get', undefined, '', 'x-throttling: { burst: 10 }'),
      expect: [],
    },
    {
      name: 'rate limiting enforced at the gateway (`gatewayControls`): nothing',
      spec: doc('/login', 'post'),
      options: { settings: { gatewayHeaders: [], gatewayControls: ['rate-limiting'] } },
      expect: [],
    },
    {
      name: 'Swagger 2.0 with a 429 response: nothing',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /pets: { get: { responses: { '200': { description: ok }, '429': { description: slow down } } } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('pathWords', () => {
  it.each([
    ['/users/{id}/resetPassword', ['users', 'reset', 'password']],
    ['/users/2FA', ['users', '2fa']],
    ['/account/enable2FA', ['account', 'enable', '2fa']],
    ['/MFAToken', ['mfa', 'token']],
    ['/api/getOAuthToken', ['api', 'get', 'oauth', 'token']],
    ['/v2Users/oauth2', ['v2', 'users', 'oauth2']],
    ['/XMLHttpRequest', ['xml', 'http', 'request']],
  ])('%s', (path, words) => {
    expect(pathWords(path)).toEqual(words);
  });
});
