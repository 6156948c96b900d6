import { describe, expect, it } from 'vitest';
import type {
  ApiModel,
  Classification,
  Endpoint,
  Schema,
  SecurityScheme,
  SpecProblem,
} from '../src/model.js';
import { endpointId } from '../src/normalize/index.js';
import { type LoadOptions, loadSpec } from '../src/normalize/spec.js';
import { loadInline, memoryReader, outdent } from './helpers/inline.js';

function model(text: string): ApiModel {
  const spec = loadInline(text);
  if (!spec.model) throw new Error(`no model: ${JSON.stringify(spec.problems)}`);
  return spec.model;
}

function endpoint(text: string, id: string): Endpoint {
  const found = model(text).endpoints.find((e) => e.id === id);
  if (!found) throw new Error(`no endpoint ${id}`);
  return found;
}

/** Requirements as `name[scopes]` strings, one array per alternative, `?` marking an undefined scheme. */
function requirements(e: Endpoint): string[][] {
  return e.security.requirements.map((r) =>
    r.map(
      (entry) =>
        `${entry.name}${entry.scheme ? '' : '?'}${entry.scopes.length > 0 ? `[${entry.scopes.join(',')}]` : ''}`,
    ),
  );
}

function problems(text: string): Pick<SpecProblem, 'kind' | 'loc'>[] {
  return loadInline(text).problems.map(({ kind, loc }) => ({ kind, loc }));
}

describe('endpointId', () => {
  const rows: [method: string, path: string, id: string][] = [
    ['get', '/users/{id}', 'GET /users/{}'],
    ['get', '/users/{userId}', 'GET /users/{}'],
    ['delete', '/orgs/{org}/users/{user_id}', 'DELETE /orgs/{}/users/{}'],
    ['get', '/files/{name}.{ext}', 'GET /files/{}.{}'],
    ['post', '/users', 'POST /users'],
    ['patch', '/', 'PATCH /'],
  ];
  it.each(rows)('%s %s → %s', (method, path, id) => {
    expect(endpointId(method, path)).toBe(id);
  });

  it('endpoints keep the path as written, one per method, in document order', () => {
    const m = model(
      outdent(`
        openapi: 3.0.3
        paths:
          /users/{id}:
            get: { responses: {} }
            delete: { responses: {} }
            x-extension: { responses: {} }
            parameters: []
          /health:
            get: { responses: {} }
      `),
    );
    expect(m.endpoints.map((e) => [e.id, e.method, e.path, e.loc.pointer])).toEqual([
      ['GET /users/{}', 'get', '/users/{id}', '/paths/~1users~1{id}/get'],
      ['DELETE /users/{}', 'delete', '/users/{id}', '/paths/~1users~1{id}/delete'],
      ['GET /health', 'get', '/health', '/paths/~1health/get'],
    ]);
  });

  it('two paths that differ only in parameter names are reported and kept apart', () => {
    const text = outdent(`
      openapi: 3.0.3
      paths:
        /users/{id}:
          get: { responses: {} }
        /users/{name}:
          get: { responses: {} }
    `);
    expect(model(text).endpoints.map((e) => e.id)).toEqual(['GET /users/{}', 'GET /users/{name}']);
    expect(problems(text)).toEqual([
      { kind: 'invalid', loc: { file: 'openapi.yaml', pointer: '/paths/~1users~1{name}/get' } },
    ]);
  });
});

describe('effective security (3.x)', () => {
  const doc = (rootSecurity: string, opSecurity: string) =>
    outdent(`
      openapi: 3.0.3
      components:
        securitySchemes:
          bearer: { type: http, scheme: Bearer, bearerFormat: JWT }
          key: { type: apiKey, in: header, name: X-Key }
          oauth:
            type: oauth2
            flows:
              authorizationCode:
                authorizationUrl: https://auth.example.com/authorize
                tokenUrl: https://auth.example.com/token
                scopes: { write: w, read: r }
    `) +
    (rootSecurity ? `security: ${rootSecurity}\n` : '') +
    outdent(`
      paths:
        /a:
          get:
            responses: {}
    `) +
    (opSecurity ? `      security: ${opSecurity}\n` : '');
  const rows: { name: string; root: string; op: string; expect: string[][]; pointer?: string }[] = [
    { name: 'nothing declared: no security', root: '', op: '', expect: [] },
    { name: 'root applies', root: '[{ bearer: [] }]', op: '', expect: [['bearer']], pointer: '/security' },
    {
      name: 'operation overrides root',
      root: '[{ bearer: [] }]',
      op: '[{ key: [] }]',
      expect: [['key']],
      pointer: '/paths/~1a/get/security',
    },
    {
      name: '`security: []` on the operation means none',
      root: '[{ bearer: [] }]',
      op: '[]',
      expect: [],
      pointer: '/paths/~1a/get/security',
    },
    {
      name: '`{}` is the anonymous alternative',
      root: '',
      op: '[{ bearer: [] }, {}]',
      expect: [['bearer'], []],
      pointer: '/paths/~1a/get/security',
    },
    {
      name: 'entries of one requirement are all needed; sorted by name, scopes sorted',
      root: '',
      op: '[{ oauth: [write, read], key: [] }]',
      expect: [['key', 'oauth[read,write]']],
      pointer: '/paths/~1a/get/security',
    },
    {
      name: 'an undefined scheme name is kept without a scheme',
      root: '[{ missing: [] }]',
      op: '',
      expect: [['missing?']],
      pointer: '/security',
    },
    {
      name: '`security` that is not a list is ignored',
      root: '[{ key: [] }]',
      op: '{ bearer: [] }',
      expect: [['key']],
      pointer: '/security',
    },
  ];

  it.each(rows)('$name', ({ root, op, expect: expected, pointer }) => {
    const e = endpoint(doc(root, op), 'GET /a');
    expect(requirements(e)).toEqual(expected);
    expect(e.security.loc).toEqual(pointer === undefined ? undefined : { file: 'openapi.yaml', pointer });
  });

  it('requirements resolve to their scheme', () => {
    const e = endpoint(doc('', '[{ bearer: [] }, { oauth: [read] }, { key: [] }]'), 'GET /a');
    const schemes = e.security.requirements.map((r) => r[0]?.scheme);
    expect(schemes).toEqual([
      {
        name: 'bearer',
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        flows: [],
        loc: { file: 'openapi.yaml', pointer: '/components/securitySchemes/bearer' },
      },
      {
        name: 'oauth',
        type: 'oauth2',
        flows: [
          {
            type: 'authorizationCode',
            authorizationUrl: 'https://auth.example.com/authorize',
            tokenUrl: 'https://auth.example.com/token',
            scopes: ['read', 'write'],
          },
        ],
        loc: { file: 'openapi.yaml', pointer: '/components/securitySchemes/oauth' },
      },
      {
        name: 'key',
        type: 'apiKey',
        in: 'header',
        paramName: 'X-Key',
        flows: [],
        loc: { file: 'openapi.yaml', pointer: '/components/securitySchemes/key' },
      },
    ] satisfies (SecurityScheme | undefined)[]);
  });
});

describe('security schemes', () => {
  type Expected = Omit<SecurityScheme, 'name' | 'loc'>;
  const oas3: { name: string; scheme: string; expect: Expected }[] = [
    {
      name: 'http basic',
      scheme: '{ type: http, scheme: basic }',
      expect: { type: 'http', scheme: 'basic', flows: [] },
    },
    {
      name: 'apiKey in query',
      scheme: '{ type: apiKey, in: query, name: k }',
      expect: { type: 'apiKey', in: 'query', paramName: 'k', flows: [] },
    },
    {
      name: 'apiKey in cookie',
      scheme: '{ type: apiKey, in: cookie, name: s }',
      expect: { type: 'apiKey', in: 'cookie', paramName: 's', flows: [] },
    },
    {
      name: 'openIdConnect',
      scheme:
        '{ type: openIdConnect, openIdConnectUrl: https://id.example.com/.well-known/openid-configuration }',
      expect: {
        type: 'openIdConnect',
        openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration',
        flows: [],
      },
    },
    { name: 'mutualTLS', scheme: '{ type: mutualTLS }', expect: { type: 'mutualTLS', flows: [] } },
    { name: 'an unknown type', scheme: '{ type: magic }', expect: { type: 'unknown', flows: [] } },
    {
      name: 'oauth2 with every flow',
      scheme: outdent(`
        type: oauth2
        flows:
          implicit: { authorizationUrl: https://a/auth, scopes: { a: a } }
          password: { tokenUrl: https://a/token, refreshUrl: https://a/refresh, scopes: {} }
          clientCredentials: { tokenUrl: https://a/token, scopes: { b: b } }
          authorizationCode: { authorizationUrl: https://a/auth, tokenUrl: https://a/token, scopes: { c: c } }
      `),
      expect: {
        type: 'oauth2',
        flows: [
          { type: 'implicit', authorizationUrl: 'https://a/auth', scopes: ['a'] },
          { type: 'password', tokenUrl: 'https://a/token', refreshUrl: 'https://a/refresh', scopes: [] },
          { type: 'clientCredentials', tokenUrl: 'https://a/token', scopes: ['b'] },
          {
            type: 'authorizationCode',
            authorizationUrl: 'https://a/auth',
            tokenUrl: 'https://a/token',
            scopes: ['c'],
          },
        ],
      },
    },
  ];

  it.each(oas3)('3.x $name', ({ scheme, expect: expected }) => {
    const block = scheme.includes('\n') ? `\n${scheme.replace(/^/gm, '      ')}` : ` ${scheme}`;
    const m = model(`openapi: 3.1.0\npaths: {}\ncomponents:\n  securitySchemes:\n    s:${block}\n`);
    expect(m.securitySchemes.s).toEqual({
      name: 's',
      loc: { file: 'openapi.yaml', pointer: '/components/securitySchemes/s' },
      ...expected,
    });
  });

  const swagger: { name: string; scheme: string; expect: Expected }[] = [
    {
      name: 'basic → http basic',
      scheme: '{ type: basic }',
      expect: { type: 'http', scheme: 'basic', flows: [] },
    },
    {
      name: 'apiKey in header',
      scheme: '{ type: apiKey, in: header, name: X-Key }',
      expect: { type: 'apiKey', in: 'header', paramName: 'X-Key', flows: [] },
    },
    {
      name: 'apiKey in query',
      scheme: '{ type: apiKey, in: query, name: key }',
      expect: { type: 'apiKey', in: 'query', paramName: 'key', flows: [] },
    },
    {
      name: 'oauth2 implicit',
      scheme: '{ type: oauth2, flow: implicit, authorizationUrl: http://a/auth, scopes: { read: r } }',
      expect: {
        type: 'oauth2',
        flows: [{ type: 'implicit', authorizationUrl: 'http://a/auth', scopes: ['read'] }],
      },
    },
    {
      name: 'oauth2 password',
      scheme: '{ type: oauth2, flow: password, tokenUrl: https://a/token, scopes: {} }',
      expect: { type: 'oauth2', flows: [{ type: 'password', tokenUrl: 'https://a/token', scopes: [] }] },
    },
    {
      name: 'oauth2 application → clientCredentials',
      scheme: '{ type: oauth2, flow: application, tokenUrl: https://a/token, scopes: { x: x } }',
      expect: {
        type: 'oauth2',
        flows: [{ type: 'clientCredentials', tokenUrl: 'https://a/token', scopes: ['x'] }],
      },
    },
    {
      name: 'oauth2 accessCode → authorizationCode',
      scheme:
        '{ type: oauth2, flow: accessCode, authorizationUrl: https://a/auth, tokenUrl: https://a/token, scopes: { w: w, r: r } }',
      expect: {
        type: 'oauth2',
        flows: [
          {
            type: 'authorizationCode',
            authorizationUrl: 'https://a/auth',
            tokenUrl: 'https://a/token',
            scopes: ['r', 'w'],
          },
        ],
      },
    },
    {
      name: 'oauth2 with an unknown flow',
      scheme: '{ type: oauth2, flow: magic }',
      expect: { type: 'oauth2', flows: [] },
    },
  ];

  it.each(swagger)('2.0 $name', ({ scheme, expect: expected }) => {
    const text = outdent(`
      swagger: '2.0'
      paths:
        /a: { get: { responses: {} } }
      security: [{ s: [] }]
    `);
    const m = model(`${text}securityDefinitions:\n  s: ${scheme}\n`);
    const s = { name: 's', loc: { file: 'openapi.yaml', pointer: '/securityDefinitions/s' }, ...expected };
    expect(m.securitySchemes.s).toEqual(s);
    expect(m.endpoints[0]?.security.requirements).toEqual([[{ name: 's', scopes: [], scheme: s }]]);
  });

  it('a scheme may be a `$ref`', () => {
    const m = model(
      outdent(`
        openapi: 3.0.3
        paths: {}
        components:
          securitySchemes:
            s: { $ref: '#/x-schemes/bearer' }
        x-schemes:
          bearer: { type: http, scheme: bearer }
      `),
    );
    expect(m.securitySchemes.s).toEqual({
      name: 's',
      type: 'http',
      scheme: 'bearer',
      flows: [],
      loc: { file: 'openapi.yaml', pointer: '/x-schemes/bearer' },
    });
  });
});

describe('servers', () => {
  const swagger = (root: string, op = '') =>
    `swagger: '2.0'\n${root}paths:\n  /a:\n    get:\n      responses: {}\n${op ? `      ${op}\n` : ''}`;
  const swaggerRows: { name: string; root: string; op?: string; expect: [url: string, pointer: string][] }[] =
    [
      {
        name: 'schemes + host + basePath',
        root: 'host: api.example.com\nbasePath: /v1\nschemes: [https, HTTP]\n',
        expect: [
          ['https://api.example.com/v1', '/schemes/0'],
          ['http://api.example.com/v1', '/schemes/1'],
        ],
      },
      {
        name: 'operation schemes override the root',
        root: 'host: api.example.com\nschemes: [https]\n',
        op: 'schemes: [http]',
        expect: [['http://api.example.com', '/paths/~1a/get/schemes/0']],
      },
      {
        name: 'no schemes: scheme-relative',
        root: 'host: api.example.com\nbasePath: /v2\n',
        expect: [['//api.example.com/v2', '/host']],
      },
      { name: 'schemes without host', root: 'schemes: [https]\n', expect: [['https://', '/schemes/0']] },
      { name: 'neither: no servers', root: '', expect: [] },
    ];

  it.each(swaggerRows)('2.0 $name', ({ root, op, expect: expected }) => {
    const m = model(swagger(root, op));
    const servers = m.endpoints[0]?.servers.map((s) => [s.url, s.loc.pointer]);
    expect(servers).toEqual(expected);
    expect(m.servers.map((s) => s.url)).toEqual(model(swagger(root)).endpoints[0]?.servers.map((s) => s.url));
  });

  const oas3 = (root: string, path: string, op: string) =>
    outdent(`
      openapi: 3.0.3
      paths:
        /a:
          get:
            responses: {}
    `) +
    (op ? `      servers: ${op}\n` : '') +
    (path ? `    servers: ${path}\n` : '') +
    (root ? `servers: ${root}\n` : '');
  const oas3Rows: {
    name: string;
    root?: string;
    path?: string;
    op?: string;
    expect: [url: string, pointer: string][];
  }[] = [
    {
      name: 'root',
      root: '[{ url: https://api.example.com }]',
      expect: [['https://api.example.com', '/servers/0']],
    },
    {
      name: 'path item over root',
      root: '[{ url: https://api.example.com }]',
      path: '[{ url: https://path.example.com }]',
      expect: [['https://path.example.com', '/paths/~1a/servers/0']],
    },
    {
      name: 'operation over path item and root',
      root: '[{ url: https://api.example.com }]',
      path: '[{ url: https://path.example.com }]',
      op: '[{ url: https://op.example.com }, { url: http://op.example.com }]',
      expect: [
        ['https://op.example.com', '/paths/~1a/get/servers/0'],
        ['http://op.example.com', '/paths/~1a/get/servers/1'],
      ],
    },
    {
      name: 'an empty operation list falls back',
      root: '[{ url: https://api.example.com }]',
      op: '[]',
      expect: [['https://api.example.com', '/servers/0']],
    },
    {
      name: 'variables take their defaults',
      root: '[{ url: "{scheme}://{region}.example.com:{port}/v1", variables: { scheme: { default: https }, region: { default: eu, enum: [eu, us] }, port: { default: 8443 } } }]',
      expect: [['https://eu.example.com:8443/v1', '/servers/0']],
    },
    {
      name: 'an undeclared variable is left as written',
      root: '[{ url: "https://{tenant}.example.com" }]',
      expect: [['https://{tenant}.example.com', '/servers/0']],
    },
    { name: 'none anywhere', expect: [] },
  ];

  it.each(oas3Rows)('3.x $name', ({ root = '', path = '', op = '', expect: expected }) => {
    const m = model(oas3(root, path, op));
    expect(m.endpoints[0]?.servers.map((s) => [s.url, s.loc.pointer])).toEqual(expected);
  });
});

describe('parameters', () => {
  const text = outdent(`
    openapi: 3.0.3
    paths:
      /users/{id}:
        parameters:
          - { name: id, in: path, schema: { type: string } }
          - { name: limit, in: query, schema: { type: integer, maximum: 10 } }
          - { name: X-Trace, in: header }
          - { $ref: '#/components/parameters/Tenant' }
        get:
          parameters:
            - { name: limit, in: query, required: true, schema: { type: integer, maximum: 100 } }
            - { name: x-trace, in: header, deprecated: true }
            - { name: limit, in: header }
            - { name: session, in: cookie, content: { application/json: { schema: { type: object } } } }
            - { name: ignored, in: body }
          responses: {}
    components:
      parameters:
        Tenant: { name: tenant, in: query, example: acme }
  `);

  it('path-item and operation parameters merge; the operation overrides by (in, name), headers ignoring case', () => {
    const e = endpoint(text, 'GET /users/{}');
    const summary = e.parameters.map((p) => ({
      key: `${p.in}:${p.name}`,
      required: p.required,
      deprecated: p.deprecated,
      pointer: p.loc.pointer,
      maximum: p.schema?.maximum,
      types: p.schema?.types,
    }));
    expect(summary).toEqual([
      {
        key: 'path:id',
        required: true,
        deprecated: false,
        pointer: '/paths/~1users~1{id}/parameters/0',
        maximum: undefined,
        types: ['string'],
      },
      {
        key: 'query:limit',
        required: true,
        deprecated: false,
        pointer: '/paths/~1users~1{id}/get/parameters/0',
        maximum: 100,
        types: ['integer'],
      },
      {
        key: 'header:x-trace',
        required: false,
        deprecated: true,
        pointer: '/paths/~1users~1{id}/get/parameters/1',
        maximum: undefined,
        types: undefined,
      },
      {
        key: 'query:tenant',
        required: false,
        deprecated: false,
        pointer: '/components/parameters/Tenant',
        maximum: undefined,
        types: undefined,
      },
      {
        key: 'header:limit',
        required: false,
        deprecated: false,
        pointer: '/paths/~1users~1{id}/get/parameters/2',
        maximum: undefined,
        types: undefined,
      },
      {
        key: 'cookie:session',
        required: false,
        deprecated: false,
        pointer: '/paths/~1users~1{id}/get/parameters/3',
        maximum: undefined,
        types: ['object'],
      },
    ]);
    expect(e.parameters.find((p) => p.name === 'tenant')?.examples).toEqual(['acme']);
  });

  it('Swagger 2.0 parameters carry their own type and constraints', () => {
    const e = endpoint(
      outdent(`
        swagger: '2.0'
        paths:
          /a:
            get:
              parameters:
                - { name: q, in: query, type: string, maxLength: 20, pattern: '^[a-z]+$', x-example: abc }
              responses: {}
      `),
      'GET /a',
    );
    expect(e.parameters).toHaveLength(1);
    expect(e.parameters[0]?.schema).toMatchObject({ types: ['string'], maxLength: 20, pattern: '^[a-z]+$' });
    expect(e.parameters[0]?.examples).toEqual(['abc']);
  });
});

describe('Swagger 2.0 request bodies and media types', () => {
  const doc = (root: string, op: string) =>
    `swagger: '2.0'\n${root}paths:\n  /a:\n    post:\n${op.replace(/^/gm, '      ')}\n      responses:\n        '200': { description: ok, schema: { type: string } }\n`;
  const rows: {
    name: string;
    root?: string;
    op: string;
    body?: {
      required: boolean;
      pointer: string;
      types: string[];
      properties?: string[];
      required_props?: string[];
    };
    responseTypes: string[];
  }[] = [
    {
      name: 'a body parameter, consumes from the root',
      root: 'consumes: [application/json, application/xml]\n',
      op: 'parameters:\n  - { name: user, in: body, required: true, schema: { type: object, properties: { name: { type: string } } } }',
      body: {
        required: true,
        pointer: '/paths/~1a/post/parameters/0',
        types: ['application/json', 'application/xml'],
        properties: ['name'],
      },
      responseTypes: ['application/json'],
    },
    {
      name: 'operation consumes/produces override the root',
      root: 'consumes: [application/xml]\nproduces: [application/xml]\n',
      op: 'consumes: [text/plain]\nproduces: [text/csv, application/json]\nparameters:\n  - { name: b, in: body, schema: { type: string } }',
      body: { required: false, pointer: '/paths/~1a/post/parameters/0', types: ['text/plain'] },
      responseTypes: ['text/csv', 'application/json'],
    },
    {
      name: 'formData parameters become one urlencoded form',
      op: 'parameters:\n  - { name: name, in: formData, type: string, required: true }\n  - { name: age, in: formData, type: integer }',
      body: {
        required: true,
        pointer: '/paths/~1a/post/parameters/0',
        types: ['application/x-www-form-urlencoded'],
        properties: ['name', 'age'],
        required_props: ['name'],
      },
      responseTypes: ['application/json'],
    },
    {
      name: 'a file field makes the form multipart',
      op: 'parameters:\n  - { name: q, in: query, type: string }\n  - { name: upload, in: formData, type: file }',
      body: {
        required: false,
        pointer: '/paths/~1a/post/parameters/1',
        types: ['multipart/form-data'],
        properties: ['upload'],
        required_props: [],
      },
      responseTypes: ['application/json'],
    },
    {
      name: 'no body parameter: no request body',
      op: 'parameters:\n  - { name: q, in: query, type: string }',
      responseTypes: ['application/json'],
    },
  ];

  it.each(rows)('$name', ({ root = '', op, body, responseTypes }) => {
    const e = endpoint(doc(root, op), 'POST /a');
    expect(e.parameters.every((p) => p.in === 'query')).toBe(true);
    if (!body) {
      expect(e.requestBody).toBeUndefined();
    } else {
      expect(e.requestBody?.required).toBe(body.required);
      expect(e.requestBody?.loc).toEqual({ file: 'openapi.yaml', pointer: body.pointer });
      expect(e.requestBody?.content.map((m) => m.contentType)).toEqual(body.types);
      const schema = e.requestBody?.content[0]?.schema;
      if (body.properties) expect(Object.keys(schema?.properties ?? {})).toEqual(body.properties);
      if (body.required_props) expect(schema?.required).toEqual(body.required_props);
    }
    const response = e.responses[0];
    expect(response?.content.map((m) => m.contentType)).toEqual(responseTypes);
    expect(response?.content[0]?.schema?.types).toEqual(['string']);
    expect(response?.content[0]?.loc.pointer).toBe('/paths/~1a/post/responses/200/schema');
  });
});

describe('OpenAPI 3 request bodies and responses', () => {
  it('a `$ref`d request body, its media types, response headers and statuses', () => {
    const e = endpoint(
      outdent(`
        openapi: 3.0.3
        paths:
          /a:
            post:
              requestBody: { $ref: '#/components/requestBodies/User' }
              responses:
                '201':
                  description: created
                  headers:
                    Location: { schema: { type: string, format: uri } }
                    X-Rate: { $ref: '#/components/headers/Rate' }
                default: { description: error }
                x-note: not a status
        components:
          requestBodies:
            User:
              required: true
              content:
                application/json: { schema: { type: object }, example: { name: a } }
                application/xml: {}
          headers:
            Rate: { schema: { type: integer } }
      `),
      'POST /a',
    );
    expect(e.requestBody?.required).toBe(true);
    expect(e.requestBody?.loc.pointer).toBe('/components/requestBodies/User');
    expect(
      e.requestBody?.content.map((m) => [m.contentType, m.schema?.types, m.examples, m.loc.pointer]),
    ).toEqual([
      [
        'application/json',
        ['object'],
        [{ name: 'a' }],
        '/components/requestBodies/User/content/application~1json',
      ],
      ['application/xml', undefined, [], '/components/requestBodies/User/content/application~1xml'],
    ]);
    expect(e.responses.map((r) => r.status)).toEqual(['201', 'default']);
    expect(e.responses[0]?.headers.map((h) => [h.name, h.schema?.types, h.loc.pointer])).toEqual([
      ['Location', ['string'], '/paths/~1a/post/responses/201/headers/Location'],
      ['X-Rate', ['integer'], '/components/headers/Rate'],
    ]);
  });
});

describe('classification', () => {
  const doc = (root: string, path: string, op: string) =>
    `openapi: 3.0.3\n${root}paths:\n  /a:\n${path}    get:\n${op}      responses: {}\n`;
  const rows: {
    name: string;
    root?: string;
    path?: string;
    op?: string;
    expect: Classification;
    problem?: string;
  }[] = [
    { name: 'default is external', expect: 'external' },
    { name: 'root x-api-classification', root: 'x-api-classification: partner\n', expect: 'partner' },
    {
      name: 'path over root',
      root: 'x-api-classification: partner\n',
      path: '    x-api-classification: internal\n',
      expect: 'internal',
    },
    {
      name: 'operation over path and root',
      root: 'x-api-classification: partner\n',
      path: '    x-api-classification: internal\n',
      op: '      x-api-classification: external\n',
      expect: 'external',
    },
    {
      name: 'an invalid operation value is reported there and the path item decides',
      path: '    x-api-classification: internal\n',
      op: '      x-api-classification: secret\n',
      expect: 'internal',
      problem: '/paths/~1a/get/x-api-classification',
    },
    {
      name: 'an invalid root value is reported at the root and ignored',
      root: 'x-api-classification: [external]\n',
      expect: 'external',
      problem: '/x-api-classification',
    },
    { name: 'x-internal on the operation', op: '      x-internal: true\n', expect: 'internal' },
    { name: 'x-internal on the root', root: 'x-internal: true\n', expect: 'internal' },
    {
      name: 'x-internal: false on the operation overrides the root',
      root: 'x-internal: true\n',
      op: '      x-internal: false\n',
      expect: 'external',
    },
    { name: 'deprecated', op: '      deprecated: true\n', expect: 'deprecated' },
    {
      name: 'deprecated wins over x-internal',
      op: '      deprecated: true\n      x-internal: true\n',
      expect: 'deprecated',
    },
    {
      name: 'x-api-classification wins over deprecated',
      op: '      deprecated: true\n      x-api-classification: partner\n',
      expect: 'partner',
    },
  ];

  it.each(rows)('$name', ({ root = '', path = '', op = '', expect: expected, problem }) => {
    const text = doc(root, path, op);
    expect(endpoint(text, 'GET /a').classification).toBe(expected);
    expect(problems(text)).toEqual(
      problem ? [{ kind: 'invalid', loc: { file: 'openapi.yaml', pointer: problem } }] : [],
    );
  });

  it('an invalid root value is reported once, not per endpoint', () => {
    const text =
      'openapi: 3.0.3\nx-api-classification: nope\npaths:\n  /a: { get: {}, put: {} }\n  /b: { get: {} }\n';
    expect(problems(text)).toHaveLength(1);
  });

  it('config rules and the configured default apply when the document says nothing', () => {
    const text =
      'openapi: 3.0.3\npaths:\n  /admin: { get: { tags: [ops] } }\n  /a: { get: {} }\n  /b: { get: { x-internal: true } }\n';
    const classes = (options: LoadOptions) =>
      loadSpec(memoryReader({ 'openapi.yaml': text }), 'openapi.yaml', options).model?.endpoints.map(
        (e) => e.classification,
      );
    expect(classes({})).toEqual(['external', 'external', 'internal']);
    expect(
      classes({
        defaultClassification: 'partner',
        classify: (e) => (e.tags.includes('ops') ? 'internal' : undefined),
      }),
    ).toEqual(['internal', 'partner', 'internal']);
  });
});

describe('schemas across dialects', () => {
  const schemaOf = (version: string, schema: string): Schema | undefined =>
    endpoint(
      `openapi: ${version}\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: ${schema}\n`,
      'POST /a',
    ).requestBody?.content[0]?.schema;
  const rows: { name: string; version?: string; schema: string; expect: Partial<Schema> }[] = [
    {
      name: '3.1 numeric exclusiveMaximum is the bound',
      version: '3.1.0',
      schema: '{ type: integer, exclusiveMaximum: 10 }',
      expect: { types: ['integer'], maximum: 10, exclusiveMaximum: true },
    },
    {
      name: '3.1 numeric exclusiveMinimum tighter than minimum wins',
      version: '3.1.0',
      schema: '{ type: number, minimum: 0, exclusiveMinimum: 0 }',
      expect: { minimum: 0, exclusiveMinimum: true },
    },
    {
      name: '3.1 numeric exclusiveMaximum looser than maximum is moot',
      version: '3.1.0',
      schema: '{ type: number, maximum: 5, exclusiveMaximum: 10 }',
      expect: { maximum: 5, exclusiveMaximum: undefined },
    },
    {
      name: '3.0 boolean exclusiveMaximum',
      schema: '{ type: integer, maximum: 10, exclusiveMaximum: true }',
      expect: { maximum: 10, exclusiveMaximum: true },
    },
    {
      name: "3.1 `type: [string, 'null']`",
      version: '3.1.0',
      schema: "{ type: [string, 'null'], maxLength: 3 }",
      expect: { types: ['null', 'string'], maxLength: 3 },
    },
    {
      name: '3.0 nullable',
      schema: '{ type: string, nullable: true }',
      expect: { types: ['null', 'string'] },
    },
    {
      name: '3.0 nullable: false',
      schema: '{ type: string, nullable: false }',
      expect: { types: ['string'] },
    },
    {
      name: '3.0 nullable without a type does not mean "only null"',
      schema: '{ nullable: true, allOf: [{ type: string }] }',
      expect: { types: undefined },
    },
    {
      name: '2.0 x-nullable',
      version: '3.0.3',
      schema: '{ type: integer, x-nullable: true }',
      expect: { types: ['integer', 'null'] },
    },
    { name: 'unknown types are dropped', schema: '{ type: [string, file] }', expect: { types: ['string'] } },
    {
      name: '3.1 const is a one-value enum',
      version: '3.1.0',
      schema: '{ const: fixed }',
      expect: { enum: ['fixed'] },
    },
    {
      name: 'examples from example, x-example and examples',
      version: '3.1.0',
      schema: '{ example: 1, x-example: 2, examples: [3, 4] }',
      expect: { examples: [1, 2, 3, 4] },
    },
    {
      name: 'string constraints',
      schema: "{ type: string, minLength: 1, maxLength: 9, pattern: '^a', format: email, enum: [a, b] }",
      expect: { minLength: 1, maxLength: 9, pattern: '^a', format: 'email', enum: ['a', 'b'] },
    },
    {
      name: 'array constraints and items',
      schema: '{ type: array, minItems: 1, maxItems: 5, items: { type: string } }',
      expect: { minItems: 1, maxItems: 5 },
    },
    {
      name: 'additionalProperties: false',
      schema: '{ type: object, additionalProperties: false }',
      expect: { additionalProperties: false },
    },
    {
      name: 'additionalProperties absent',
      schema: '{ type: object }',
      expect: { additionalProperties: undefined },
    },
  ];

  it.each(rows)('$name', ({ version = '3.0.3', schema, expect: expected }) => {
    const s = schemaOf(version, schema);
    expect(s).toBeDefined();
    for (const [key, value] of Object.entries(expected)) expect(s?.[key as keyof Schema], key).toEqual(value);
  });

  it('sub-schemas: properties, items, additionalProperties and combinators keep their pointers', () => {
    const s = schemaOf(
      '3.0.3',
      '{ type: object, properties: { tags: { type: array, items: { type: string } } }, additionalProperties: { type: integer }, oneOf: [{ required: [tags] }, { type: object }] }',
    );
    const base = '/paths/~1a/post/requestBody/content/application~1json/schema';
    expect(s?.properties.tags?.items?.loc.pointer).toBe(`${base}/properties/tags/items`);
    expect(typeof s?.additionalProperties === 'object' && s.additionalProperties.loc.pointer).toBe(
      `${base}/additionalProperties`,
    );
    expect(s?.oneOf.map((o) => [o.loc.pointer, o.required])).toEqual([
      [`${base}/oneOf/0`, ['tags']],
      [`${base}/oneOf/1`, []],
    ]);
  });
});

describe('hostile keys', () => {
  it('a property and a security scheme named `__proto__` are own entries, not prototypes', () => {
    // Written as JSON text: a `__proto__` key in a JS object literal would set the prototype right here.
    const m = model(`{
      "openapi": "3.0.3",
      "info": { "title": "t", "version": "1" },
      "security": [{ "__proto__": [] }],
      "paths": { "/a": { "post": {
        "requestBody": { "content": { "application/json": { "schema": {
          "type": "object", "properties": { "__proto__": { "type": "string" }, "in": { "type": "string" } }
        } } } },
        "responses": { "200": { "description": "ok" } }
      } } },
      "components": { "securitySchemes": { "__proto__": { "type": "apiKey", "in": "header", "name": "X-Key" } } }
    }`);
    const schema = m.endpoints[0]!.requestBody!.content[0]!.schema!;
    expect(Object.keys(schema.properties)).toEqual(['__proto__', 'in']);
    expect(Object.getPrototypeOf(schema.properties)).toBe(Object.prototype);
    expect(Object.keys(m.securitySchemes)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(m.securitySchemes)).toBe(Object.prototype);
    // The requirement finds its scheme (an assignment would have left it undefined).
    expect(m.endpoints[0]!.security.requirements[0]?.[0]).toMatchObject({
      name: '__proto__',
      scheme: { type: 'apiKey' },
    });
  });
});
