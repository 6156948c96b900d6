import { describe, it } from 'vitest';
import { check, op, outdent, type Row } from './table.js';

describe('inventory-undocumented-operation', () => {
  const rule = 'inventory-undocumented-operation';
  const doc = (docs: string) =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      paths:
        /orders:
          get:
            ${docs}
            responses: { '200': { description: ok } }
    `);
  const rows: Row[] = [
    {
      name: 'neither summary nor description: low, at the operation',
      spec: doc(''),
      expect: [
        { ruleId: rule, severity: 'low', pointer: op('/orders', 'get'), endpoint: 'GET /orders', at: [5, 5] },
      ],
    },
    {
      name: 'a blank summary does not count',
      spec: doc("summary: '  '"),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/orders', 'get') }],
    },
    { name: 'summary: nothing', spec: doc('summary: List orders'), expect: [] },
    {
      name: 'description only: nothing',
      spec: doc('description: Lists the orders of the caller.'),
      expect: [],
    },
    {
      name: 'Swagger 2.0 operation without docs',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
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

describe('inventory-deprecated-without-sunset', () => {
  const rule = 'inventory-deprecated-without-sunset';
  const doc = (marker: string, responses = "{ '200': { description: ok } }") =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      paths:
        /v1/orders:
          get:
            ${marker}
            responses: ${responses}
    `);
  const rows: Row[] = [
    {
      name: '`deprecated: true` without a Sunset header: low, at the operation',
      spec: doc('deprecated: true'),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/v1/orders', 'get'), at: [5, 5] }],
    },
    {
      name: 'classified `deprecated` by `x-api-classification`',
      spec: doc('x-api-classification: deprecated'),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/v1/orders', 'get') }],
    },
    {
      name: 'Sunset declared on a success response: nothing',
      spec: doc(
        'deprecated: true',
        "{ '200': { description: ok, headers: { Sunset: { schema: { type: string } } } } }",
      ),
      expect: [],
    },
    {
      name: 'Sunset only on an error response does not count',
      spec: doc(
        'deprecated: true',
        "{ '200': { description: ok }, '410': { description: gone, headers: { Sunset: { schema: { type: string } } } } }",
      ),
      expect: [{ ruleId: rule, severity: 'low', pointer: op('/v1/orders', 'get') }],
    },
    { name: 'not deprecated: nothing', spec: doc('summary: List'), expect: [] },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('inventory-missing-owner', () => {
  const rule = 'inventory-missing-owner';
  const doc = (info: string, root = '') =>
    outdent(`
      openapi: 3.0.3
      info: ${info}
      ${root}
      paths:
        /a: { get: { responses: { '200': { description: ok } } } }
        /b: { post: { responses: { '200': { description: ok } } } }
    `);
  const rows: Row[] = [
    {
      name: 'no `info.contact`: low, at `/info`, listing every endpoint',
      spec: doc("{ title: Orders, version: '1' }"),
      expect: [
        { ruleId: rule, severity: 'low', pointer: '/info', endpoints: ['GET /a', 'POST /b'], at: [2, 1] },
      ],
    },
    {
      name: 'an empty contact object names nobody',
      spec: doc("{ title: Orders, version: '1', contact: {} }"),
      expect: [{ ruleId: rule, severity: 'low', pointer: '/info' }],
    },
    {
      name: 'contact email: nothing',
      spec: doc("{ title: Orders, version: '1', contact: { email: team@acme.io } }"),
      expect: [],
    },
    {
      name: 'contact url: nothing',
      spec: doc("{ title: Orders, version: '1', contact: { url: 'https://acme.io/teams/orders' } }"),
      expect: [],
    },
    {
      name: 'contact name: nothing',
      spec: doc("{ title: Orders, version: '1', contact: { name: Orders team } }"),
      expect: [],
    },
    {
      name: 'root `x-owner`: nothing',
      spec: doc("{ title: Orders, version: '1' }", 'x-owner: team-orders'),
      expect: [],
    },
    {
      name: 'no endpoints (a components-only file): nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Shared, version: '1' }
        paths: {}
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('inventory-non-production-server', () => {
  const rule = 'inventory-non-production-server';
  const doc = (servers: string, root = '') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      ${root}
      servers: ${servers}
      paths:
        /a: { get: { responses: { '200': { description: ok } } } }
    `);
  const rows: Row[] = [
    {
      name: 'a staging host beside production: low, at that server',
      spec: doc("[{ url: 'https://api.acme.io' }, { url: 'https://api.staging.acme.io' }]"),
      expect: [{ ruleId: rule, severity: 'low', pointer: '/servers/1', endpoints: ['GET /a'], at: [4, 43] }],
    },
    {
      name: 'numbered and dashed environment names: `dev1.`, `api-qa.`, `sandbox.`',
      spec: doc(
        "[{ url: 'https://dev1.acme.io' }, { url: 'https://api-qa.acme.io' }, { url: 'https://sandbox.acme.io' }]",
      ),
      expect: [
        { ruleId: rule, severity: 'low', pointer: '/servers/0' },
        { ruleId: rule, severity: 'low', pointer: '/servers/1' },
        { ruleId: rule, severity: 'low', pointer: '/servers/2' },
      ],
    },
    {
      name: 'Swagger 2.0 host (reported at the scheme entry that makes the server)',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        host: api.uat.acme.io
        schemes: [https]
        paths:
          /pets: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: '/schemes/0' }],
    },
    {
      name: 'Swagger 2.0 host without schemes: at `host`',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        host: test.acme.io
        paths:
          /pets: { get: { responses: { '200': { description: ok } } } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: '/host' }],
    },
    {
      name: 'an internal document may list its environments: nothing',
      spec: doc("[{ url: 'https://api.staging.acme.io' }]", 'x-internal: true'),
      expect: [],
    },
    {
      name: 'words that merely contain an environment name (`developer.`, `latest.`, `print.`): nothing',
      spec: doc(
        "[{ url: 'https://developer.acme.io' }, { url: 'https://latest.acme.io' }, { url: 'https://print.acme.io' }]",
      ),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});
