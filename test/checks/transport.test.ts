import { describe, it } from 'vitest';
import { check, op, outdent, type Row } from './table.js';

describe('transport-http-server', () => {
  const rule = 'transport-http-server';
  const rows: Row[] = [
    {
      name: 'OpenAPI 3 root server over http: high, at the server, listing every endpoint it serves',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        servers:
          - url: 'https://api.acme.io'
          - url: 'http://api.acme.io'
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
          /b: { post: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: '/servers/1',
          endpoints: ['GET /a', 'POST /b'],
          at: [5, 5],
        },
      ],
    },
    {
      name: 'served to internal endpoints only: medium',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        x-internal: true
        servers: [{ url: 'http://jobs.corp.acme.io' }]
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: '/servers/0' }],
    },
    {
      name: 'server variables are judged by their defaults',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        servers:
          - url: '{scheme}://api.acme.io'
            variables: { scheme: { default: http, enum: [http, https] } }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'high', pointer: '/servers/0' }],
    },
    {
      name: 'plain WebSocket (ws://) on an operation-level server',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        servers: [{ url: 'https://api.acme.io' }]
        paths:
          /stream:
            get:
              servers: [{ url: 'ws://stream.acme.io' }]
              responses: { '101': { description: upgrade } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${op('/stream', 'get')}/servers/0`,
          endpoints: ['GET /stream'],
        },
      ],
    },
    {
      name: 'https, relative URLs and loopback hosts (local development): nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        servers:
          - url: 'https://api.acme.io'
          - url: /v1
          - url: 'http://localhost:8080'
          - url: 'http://127.0.0.1:3000/api'
          - url: 'http://[::1]:8080'
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
    {
      name: 'a document without endpoints: nothing to serve, nothing reported',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        servers: [{ url: 'http://api.acme.io' }]
        paths: {}
      `),
      expect: [],
    },
    {
      name: 'Swagger 2.0 `schemes: [http, https]`: the http scheme entry',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        host: api.acme.io
        basePath: /v1
        schemes: [http, https]
        paths:
          /pets: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        { ruleId: rule, severity: 'high', pointer: '/schemes/0', endpoints: ['GET /pets'], at: [5, 11] },
      ],
    },
    {
      name: 'Swagger 2.0 operation `schemes: [http]` overrides a root https',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        host: api.acme.io
        schemes: [https]
        paths:
          /pets: { get: { schemes: [http], responses: { '200': { description: ok } } } }
          /toys: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [
        {
          ruleId: rule,
          severity: 'high',
          pointer: `${op('/pets', 'get')}/schemes/0`,
          endpoints: ['GET /pets'],
        },
      ],
    },
    {
      name: 'Swagger 2.0 without schemes (same as the document) or with https only: nothing',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        host: api.acme.io
        paths:
          /pets: { get: { responses: { '200': { description: ok } } } }
          /toys: { get: { schemes: [https, wss], responses: { '200': { description: ok } } } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('transport-http-callback', () => {
  const rule = 'transport-http-callback';
  const doc = (url: string, extra = '') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      ${extra}
      paths:
        /subscriptions:
          post:
            responses: { '201': { description: created } }
            callbacks:
              onEvent:
                '${url}':
                  post:
                    responses: { '200': { description: ok } }
    `);
  const rows: Row[] = [
    {
      name: 'a literal http:// callback URL: medium, at the callback expression',
      spec: doc('http://hooks.partner.io/events'),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${op('/subscriptions', 'post')}/callbacks/onEvent/http:~1~1hooks.partner.io~1events`,
          endpoint: 'POST /subscriptions',
          at: [10, 11],
        },
      ],
    },
    {
      name: 'the same on an internal endpoint (severity does not depend on exposure)',
      spec: doc('http://hooks.partner.io/events', 'x-internal: true'),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${op('/subscriptions', 'post')}/callbacks/onEvent/http:~1~1hooks.partner.io~1events`,
        },
      ],
    },
    { name: 'a runtime expression: nothing to judge', spec: doc('{$request.body#/callbackUrl}'), expect: [] },
    { name: 'https: nothing', spec: doc('https://hooks.partner.io/events'), expect: [] },
    { name: 'loopback: nothing', spec: doc('http://localhost:9000/events'), expect: [] },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});
