import { describe, it } from 'vitest';
import { check, op, outdent, type Row } from './table.js';

/** `POST /users` with a JSON request body schema (YAML flow mapping) and extra root keys. */
function body(schema: string, root = '', method = 'post', contentType = 'application/json'): string {
  return outdent(`
    openapi: 3.0.3
    info: { title: Svc, version: '1' }
    ${root}
    paths:
      /users:
        ${method}:
          requestBody:
            content:
              ${contentType}:
                schema: ${schema}
          responses: { '200': { description: ok } }
  `);
}

/** `GET /search` with the given parameters (YAML flow sequence). */
function query(parameters: string, root = ''): string {
  return outdent(`
    openapi: 3.0.3
    info: { title: Svc, version: '1' }
    ${root}
    paths:
      /search:
        get:
          parameters: ${parameters}
          responses: { '200': { description: ok } }
  `);
}

const USERS = op('/users', 'post');
const MEDIA = `${USERS}/requestBody/content/application~1json`;
const SCHEMA = `${MEDIA}/schema`;

describe('input-body-without-schema', () => {
  const rule = 'input-body-without-schema';
  const noSchema = (contentType: string, root = '') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      ${root}
      paths:
        /users:
          post:
            requestBody:
              content:
                ${contentType}: {}
            responses: { '200': { description: ok } }
    `);
  const rows: Row[] = [
    {
      name: 'JSON body without a schema: medium, at the media type',
      spec: noSchema('application/json'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: MEDIA, endpoint: 'POST /users', at: [9, 11] }],
    },
    {
      name: 'form bodies are structured too',
      spec: noSchema('application/x-www-form-urlencoded'),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${USERS}/requestBody/content/application~1x-www-form-urlencoded`,
        },
      ],
    },
    {
      name: 'internal: low',
      spec: noSchema('application/json', 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'low', pointer: MEDIA }],
    },
    { name: 'opaque bodies (octet-stream): nothing', spec: noSchema('application/octet-stream'), expect: [] },
    { name: 'opaque bodies (images): nothing', spec: noSchema('image/png'), expect: [] },
    { name: 'opaque bodies (text/plain): nothing', spec: noSchema('text/plain'), expect: [] },
    {
      name: 'with a schema: nothing',
      spec: body('{ type: object, properties: { name: { type: string } } }'),
      expect: [],
    },
    {
      name: 'a schema that checks nothing inside (`type: object` alone): low',
      spec: body('{ type: object }'),
      expect: [
        {
          ruleId: rule,
          severity: 'low',
          pointer: `${op('/users', 'post')}/requestBody/content/application~1json/schema`,
        },
      ],
    },
    {
      name: 'Swagger 2.0 `in: body` parameter without a schema: at the parameter',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /pets:
            post:
              consumes: [application/json]
              parameters:
                - { name: pet, in: body }
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${op('/pets', 'post')}/parameters/0` }],
    },
    {
      name: 'Swagger 2.0 formData parameters make a schema: nothing',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /pets:
            post:
              parameters:
                - { name: name, in: formData, type: string, maxLength: 10 }
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('input-mass-assignment', () => {
  const rule = 'input-mass-assignment';
  const rows: Row[] = [
    {
      name: 'open object body on a write: low, at the schema',
      spec: body('{ type: object, properties: { name: { type: string } } }'),
      expect: [{ ruleId: rule, severity: 'low', pointer: SCHEMA, endpoint: 'POST /users', at: [10, 13] }],
    },
    {
      name: 'privileged fields (`role`, `isAdmin`) in an open body: medium',
      spec: body(
        '{ type: object, properties: { name: { type: string }, role: { type: string }, isAdmin: { type: boolean } } }',
      ),
      expect: [{ ruleId: rule, severity: 'medium', pointer: SCHEMA }],
    },
    {
      name: 'a `role` sent to an operation that exists to set access (members, collaborators, permissions): low, its purpose',
      spec: body('{ type: object, properties: { role: { type: string } } }').replace(
        '/users:',
        '/orgs/{org}/members:',
      ),
      expect: [
        {
          ruleId: rule,
          severity: 'low',
          pointer: `${op('/orgs/{org}/members', 'post')}/requestBody/content/application~1json/schema`,
        },
      ],
    },
    {
      name: 'server-owned (readOnly) fields in an open body: medium',
      spec: body(
        '{ type: object, properties: { id: { type: string, readOnly: true }, name: { type: string } } }',
        '',
        'put',
      ),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${op('/users', 'put')}/requestBody/content/application~1json/schema`,
        },
      ],
    },
    {
      name: 'explicit `additionalProperties: true`: low',
      spec: body(
        '{ type: object, additionalProperties: true, properties: { name: { type: string } } }',
        '',
        'patch',
      ),
      expect: [
        {
          ruleId: rule,
          severity: 'low',
          pointer: `${op('/users', 'patch')}/requestBody/content/application~1json/schema`,
        },
      ],
    },
    {
      name: 'a shared component schema: at the component',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        components:
          schemas:
            NewUser: { type: object, properties: { name: { type: string } } }
        paths:
          /users:
            post:
              requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/NewUser' } } } }
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: '/components/schemas/NewUser', at: [5, 5] }],
    },
    {
      name: 'Swagger 2.0 body parameter schema',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /pets:
            post:
              parameters:
                - name: pet
                  in: body
                  schema: { type: object, properties: { name: { type: string } } }
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/pets', 'post')}/parameters/0/schema` }],
    },
    {
      name: '`additionalProperties: false`: nothing',
      spec: body('{ type: object, additionalProperties: false, properties: { role: { type: string } } }'),
      expect: [],
    },
    {
      name: 'a typed map (`additionalProperties: {type: string}`, no properties) takes any key by design: nothing',
      spec: body('{ type: object, additionalProperties: { type: string } }', '', 'put'),
      expect: [],
    },
    {
      name: 'composed with allOf (closing it needs unevaluatedProperties): nothing',
      spec: body('{ allOf: [{ type: object, properties: { name: { type: string } } }] }'),
      expect: [],
    },
    {
      name: 'reads and deletes are not writes of a body: nothing',
      spec: body('{ type: object, properties: { name: { type: string } } }', '', 'delete'),
      expect: [],
    },
    {
      name: 'non-JSON bodies (forms): nothing',
      spec: body(
        '{ type: object, properties: { name: { type: string } } }',
        '',
        'post',
        'application/x-www-form-urlencoded',
      ),
      expect: [],
    },
    { name: 'a scalar body: nothing', spec: body('{ type: string, maxLength: 10 }'), expect: [] },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('input-unbounded', () => {
  const rule = 'input-unbounded';
  const P0 = `${op('/search', 'get')}/parameters/0`;
  const rows: Row[] = [
    {
      name: 'query string without maxLength: low, at the first unbounded input',
      spec: query('[{ name: q, in: query, schema: { type: string } }]'),
      expect: [{ ruleId: rule, severity: 'low', pointer: P0, endpoint: 'GET /search', at: [7, 20] }],
    },
    {
      name: 'internal: info',
      spec: query('[{ name: q, in: query, schema: { type: string } }]', 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'info', pointer: P0 }],
    },
    {
      name: 'one finding per operation however many inputs are unbounded (array, integer, body field)',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /users:
            post:
              parameters:
                - { name: limit, in: query, schema: { type: integer } }
                - { name: ids, in: query, schema: { type: array, items: { type: string, format: uuid } } }
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        bio: { type: string }
                        id: { type: string, readOnly: true }
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${USERS}/parameters/0` }],
    },
    {
      name: 'a body field: at the property',
      spec: body('{ type: object, additionalProperties: false, properties: { note: { type: string } } }'),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${SCHEMA}/properties/note` }],
    },
    {
      name: 'an unanchored or repeating pattern does not bound the length (`^\\d+$`, `^tok_`)',
      spec: query(
        "[{ name: a, in: query, schema: { type: string, pattern: '^\\d+$' } }, { name: b, in: query, schema: { type: string, pattern: '^tok_' } }]",
      ),
      expect: [{ ruleId: rule, severity: 'low', pointer: P0 }],
    },
    {
      name: 'bounded: maxLength, enum, bounded formats, anchored patterns, maxItems, maximum, int32',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /search:
            get:
              parameters:
                - { name: q, in: query, schema: { type: string, maxLength: 100 } }
                - { name: sort, in: query, schema: { type: string, enum: [asc, desc] } }
                - { name: id, in: query, schema: { type: string, format: uuid } }
                - { name: since, in: query, schema: { type: string, format: date-time } }
                - { name: code, in: query, schema: { type: string, pattern: '^[A-Z]{2}$' } }
                - { name: tags, in: query, schema: { type: array, maxItems: 10, items: { type: string, maxLength: 20 } } }
                - { name: limit, in: query, schema: { type: integer, maximum: 100 } }
                - { name: page, in: query, schema: { type: integer, format: int32 } }
                - { name: exact, in: query, schema: { type: boolean } }
              responses: { '200': { description: ok } }
      `),
      expect: [],
    },
    {
      name: 'an E.164 phone pattern is bounded: the escaped `\\+` is a literal, not repetition',
      spec: query(
        "[{ name: phone, in: query, schema: { type: string, pattern: '^\\+[1-9]\\d{1,14}$' } }, { name: sign, in: query, schema: { type: string, pattern: '^[+-][0-9]{1,3}$' } }]",
      ),
      expect: [],
    },
    {
      name: 'Swagger 2.0 query parameter (type on the parameter)',
      spec: outdent(`
        swagger: '2.0'
        info: { title: Legacy, version: '1' }
        paths:
          /pets:
            get:
              parameters: [{ name: name, in: query, type: string }]
              responses: { '200': { description: ok } }
      `),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${op('/pets', 'get')}/parameters/0` }],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('input-ssrf-url', () => {
  const rule = 'input-ssrf-url';
  const rows: Row[] = [
    {
      name: 'body field named like a URL: medium, at the property',
      spec: body('{ type: object, properties: { callbackUrl: { type: string } } }'),
      expect: [
        {
          ruleId: rule,
          severity: 'medium',
          pointer: `${SCHEMA}/properties/callbackUrl`,
          // One finding per field (document-level), naming the endpoints that take it.
          endpoints: ['POST /users'],
          at: [10, 51],
        },
      ],
    },
    {
      name: '`format: uri` whatever the name',
      spec: body('{ type: object, properties: { target: { type: string, format: uri } } }'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${SCHEMA}/properties/target` }],
    },
    {
      // Redirected to, never requested by the server: an open redirect, low (CWE-601, not a request forgery).
      name: 'query `redirect_to` and `return_to` (open redirect): one low finding each',
      spec: query(
        '[{ name: redirect_to, in: query, schema: { type: string } }, { name: return_to, in: query, schema: { type: string } }]',
      ),
      expect: [
        { ruleId: rule, severity: 'low', pointer: `${op('/search', 'get')}/parameters/0` },
        { ruleId: rule, severity: 'low', pointer: `${op('/search', 'get')}/parameters/1` },
      ],
    },
    {
      // Checked against the client's registered redirect URIs and sent to the browser: never fetched.
      name: "OAuth's `redirect_uri` (query or body): nothing",
      spec: query(
        '[{ name: redirect_uri, in: query, schema: { type: string } }, { name: redirectUrl, in: query, schema: { type: string, format: uri } }]',
      ),
      expect: [],
    },
    {
      name: 'an untyped `webhook` with properties is an object, not a URL: only its `url` is reported',
      spec: body('{ type: object, properties: { webhook: { properties: { url: { type: string } } } } }'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${SCHEMA}/properties/webhook/properties/url` }],
    },
    {
      name: 'internal: low',
      spec: body('{ type: object, properties: { webhook: { type: string } } }', 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'low', pointer: `${SCHEMA}/properties/webhook` }],
    },
    {
      name: 'restricted by a pattern or an enum: nothing',
      spec: body(
        "{ type: object, properties: { avatarUrl: { type: string, pattern: '^https://cdn\\.acme\\.io/' }, feed: { type: string, enum: ['https://a.io/rss'] } } }",
      ),
      expect: [],
    },
    {
      name: 'not strings (`hasNext: boolean`), server-set (`readOnly`) or response-only URLs: nothing',
      spec: outdent(`
        openapi: 3.0.3
        info: { title: Svc, version: '1' }
        paths:
          /users:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        next: { type: boolean }
                        html_url: { type: string, readOnly: true }
              responses:
                '200':
                  description: ok
                  content: { application/json: { schema: { type: object, properties: { avatar_url: { type: string } } } } }
      `),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});

describe('input-constraint-loosened (diff)', () => {
  const rule = 'input-constraint-loosened';
  const doc = (name: string, response = '{ type: string, maxLength: 10 }', root = '') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Svc, version: '1' }
      ${root}
      paths:
        /users:
          post:
            requestBody:
              content:
                application/json:
                  schema:
                    type: object
                    additionalProperties: false
                    properties:
                      name: ${name}
            responses:
              '200':
                description: ok
                content: { application/json: { schema: { type: object, properties: { code: ${response} } } } }
    `);
  const NAME = `${SCHEMA}/properties/name`;
  const rows: Row[] = [
    {
      // A raised bound still bounds the input: the diff lists it as widened, not a security loosening.
      name: 'maxLength raised on a request field (still bounded): nothing',
      base: doc('{ type: string, maxLength: 50 }'),
      spec: doc('{ type: string, maxLength: 5000 }'),
      expect: [],
    },
    {
      // The input is now unbounded: `input-unbounded` reports that (low), not this rule a second time.
      name: 'maxLength removed from an ordinary field: nothing here',
      base: doc('{ type: string, maxLength: 50 }'),
      spec: doc('{ type: string }'),
      expect: [],
    },
    {
      name: 'minLength removed from an ordinary field: low',
      base: doc('{ type: string, minLength: 10 }'),
      spec: doc('{ type: string }'),
      expect: [{ ruleId: rule, severity: 'low', pointer: NAME }],
    },
    {
      name: 'nullable added to an ordinary field: nothing (one more value, every bound kept)',
      base: doc('{ type: array, items: { type: string } }'),
      spec: doc('{ type: array, nullable: true, items: { type: string } }'),
      expect: [],
    },
    {
      name: 'enum values added (still an enum): nothing',
      base: doc('{ type: string, enum: [a, b] }'),
      spec: doc('{ type: string, enum: [a, b, c] }'),
      expect: [],
    },
    {
      name: 'enum removed: at the schema that lost it',
      base: doc('{ type: string, enum: [a, b] }'),
      spec: doc('{ type: string }'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: NAME }],
    },
    {
      name: 'pattern removed',
      base: doc("{ type: string, pattern: '^[a-z]{1,10}$' }"),
      spec: doc('{ type: string }'),
      expect: [{ ruleId: rule, severity: 'medium', pointer: NAME }],
    },
    {
      name: 'internal endpoint: low',
      base: doc("{ type: string, pattern: '^[a-z]+$' }", undefined, 'x-internal: true'),
      spec: doc('{ type: string }', undefined, 'x-internal: true'),
      expect: [{ ruleId: rule, severity: 'low', pointer: NAME }],
    },
    {
      name: 'the reverse (tightened): nothing',
      base: doc('{ type: string, maxLength: 5000 }'),
      spec: doc('{ type: string, maxLength: 50 }'),
      expect: [],
    },
    {
      name: 'a loosened response field is not an input: nothing',
      base: doc('{ type: string, maxLength: 50 }', '{ type: string, maxLength: 10 }'),
      spec: doc('{ type: string, maxLength: 50 }', '{ type: string }'),
      expect: [],
    },
    {
      name: 'not in diff mode: nothing',
      spec: doc('{ type: string }'),
      expect: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });

  it('`additionalProperties: false` dropped from a request body', () => {
    const closed = body(
      '{ type: object, additionalProperties: false, properties: { name: { type: string, maxLength: 5 } } }',
    );
    const open = body('{ type: object, properties: { name: { type: string, maxLength: 5 } } }');
    check(rule, {
      name: 'closed → open',
      base: closed,
      spec: open,
      expect: [{ ruleId: rule, severity: 'medium', pointer: SCHEMA }],
    });
  });
});

describe('input-constraint-loosened: security control fields (required, nullable, bounds)', () => {
  const rule = 'input-constraint-loosened';
  /** `POST /users` whose body requires `required` of `properties` (flow YAML). */
  const object = (required: string, properties: string, extra = '') =>
    body(`{ type: object, ${extra} required: [${required}], properties: { ${properties} } }`);
  const NICK = 'nickname: { type: string, maxLength: 20, minLength: 2 }';
  const LEVEL = 'level: { type: string, description: The permission level granted }';
  // Each row pairs a security control's change (reported) with the same kind of change on the nickname
  // (API evolution: not reported, or low for a lower bound): the attacker cannot hide one behind the other.
  const rows: Row[] = [
    {
      name: '`required` dropped from ordinary fields (defaulted, moved elsewhere): nothing',
      base: object('nickname', NICK),
      spec: object('', NICK),
      expect: [],
    },
    {
      name: '`required` dropped from `role`: medium; the nickname made nullable: nothing',
      base: object('role', `${NICK}, role: { type: string }`),
      spec: object(
        '',
        `${NICK.replace('{ type: string', '{ type: string, nullable: true')}, role: { type: string }`,
      ),
      expect: [{ ruleId: rule, severity: 'medium', pointer: SCHEMA }],
    },
    {
      name: 'a field whose description says it is a permission, no longer required: medium; the nickname unbounded: nothing here',
      base: object('level', `${NICK}, ${LEVEL}`),
      spec: object('', `nickname: { type: string, minLength: 2 }, ${LEVEL}`),
      expect: [{ ruleId: rule, severity: 'medium', pointer: SCHEMA }],
    },
    {
      name: 'nullable added to a body that requires a token: medium (null stands in for the token); the nickname minLength removed: low',
      base: object('token', `${NICK}, token: { type: string }`),
      spec: object(
        'token',
        'nickname: { type: string, maxLength: 20 }, token: { type: string }',
        'nullable: true,',
      ),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: SCHEMA },
        { ruleId: rule, severity: 'low', pointer: `${SCHEMA}/properties/nickname` },
      ],
    },
    {
      name: 'nullable added to a body that requires a nickname: nothing',
      base: object('nickname', NICK),
      spec: object('nickname', NICK, 'nullable: true,'),
      expect: [],
    },
    {
      name: 'maxLength removed from a password, minItems from scopes: medium each; from the nickname: nothing',
      base: object(
        'nickname',
        `${NICK}, password: { type: string, maxLength: 64 }, scopes: { type: array, minItems: 1, items: { type: string } }`,
      ),
      spec: object(
        'nickname',
        'nickname: { type: string, minLength: 2 }, password: { type: string }, scopes: { type: array, items: { type: string } }',
      ),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: `${SCHEMA}/properties/password` },
        { ruleId: rule, severity: 'medium', pointer: `${SCHEMA}/properties/scopes` },
      ],
    },
    {
      name: 'a query parameter is judged by its name: `scope` maxLength removed medium, `q` nothing',
      base: query(
        '[{ name: scope, in: query, schema: { type: string, maxLength: 20 } }, { name: q, in: query, schema: { type: string, maxLength: 20 } }]',
      ),
      spec: query(
        '[{ name: scope, in: query, schema: { type: string } }, { name: q, in: query, schema: { type: string } }]',
      ),
      expect: [{ ruleId: rule, severity: 'medium', pointer: `${op('/search', 'get')}/parameters/0/schema` }],
    },
    {
      // Both properties reach one shared schema: its change is reported once, and judged by both names.
      name: 'a bound dropped from a schema shared by `nickname` (first) and `password`: medium, once',
      base: `${object('nickname', "nickname: { $ref: '#/components/schemas/Text' }, password: { $ref: '#/components/schemas/Text' }")}\ncomponents: { schemas: { Text: { type: string, maxLength: 64 } } }`,
      spec: `${object('nickname', "nickname: { $ref: '#/components/schemas/Text' }, password: { $ref: '#/components/schemas/Text' }")}\ncomponents: { schemas: { Text: { type: string } } }`,
      expect: [{ ruleId: rule, severity: 'medium', pointer: '/components/schemas/Text' }],
    },
    {
      // The attacker's cover: make the field optional and nullable in the same PR that drops its enum.
      name: '`permission` made optional and nullable with its enum removed: each reported; the nickname not',
      base: object(
        'nickname, permission',
        'nickname: { type: string }, permission: { type: string, enum: [pull, push, admin] }',
      ),
      spec: object(
        '',
        'nickname: { type: string, nullable: true }, permission: { type: string, nullable: true }',
      ),
      expect: [
        { ruleId: rule, severity: 'medium', pointer: SCHEMA },
        { ruleId: rule, severity: 'medium', pointer: `${SCHEMA}/properties/permission` },
        { ruleId: rule, severity: 'medium', pointer: `${SCHEMA}/properties/permission` },
      ],
    },
  ];
  it.each(rows)('$name', (row) => {
    check(rule, row);
  });
});
