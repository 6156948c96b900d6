import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { diffSpecs } from '../src/diff/index.js';
import type { Change, ChangeKind } from '../src/diff/types.js';
import { fsReader } from '../src/load/reader.js';
import { loadSpec } from '../src/normalize/spec.js';
import { diffInline, loadInline, outdent } from './helpers/inline.js';

type Doc = string | Record<string, string>;

/** A change as the tables pin it. */
interface Expected {
  kind: ChangeKind;
  breaking: boolean;
  file: string;
  pointer: string;
  documentLevel?: true;
}

function c(kind: ChangeKind, breaking: boolean, pointer: string, extra: Partial<Expected> = {}): Expected {
  return { kind, breaking, file: 'openapi.yaml', pointer, ...extra };
}

const DOC: Partial<Expected> = { documentLevel: true };

function summary(change: Change): Expected {
  expect(change.pointer).toBe(change.location.pointer);
  expect(change.message).not.toBe('');
  return {
    kind: change.kind,
    breaking: change.breaking,
    file: change.location.file,
    pointer: change.location.pointer,
    ...(change.documentLevel ? { documentLevel: true as const } : {}),
  };
}

/** The changes of endpoint `id` between two inline documents; the endpoint must exist on both sides. */
function changesOf(base: Doc, head: Doc, id: string): Expected[] {
  const diff = diffInline(base, head);
  expect(diff.endpoints.filter((e) => e.change === 'added' || e.change === 'removed')).toEqual([]);
  const endpoint = diff.endpoints.find((e) => e.id === id);
  if (!endpoint) throw new Error(`no endpoint ${id}`);
  expect(endpoint.change).toBe(endpoint.changes.length > 0 ? 'modified' : 'unchanged');
  return endpoint.changes.map(summary);
}

const indent = (text: string, spaces: number) => text.replace(/^(?=.)/gm, ' '.repeat(spaces));

/** A document with one operation, `POST /users`; `op` is the operation's YAML (at column 0), `root` more root keys. */
function api(op: string, root = '', version = '3.0.3'): string {
  return `openapi: ${version}\ninfo: { title: Users, version: '1' }\n${root}paths:\n  /users:\n    post:\n${indent(outdent(op), 6)}`;
}

const OP = '/paths/~1users/post';
const OK = "responses:\n  '200': { description: ok }";

function schemes(
  bearer = '{ type: http, scheme: bearer }',
  key = '{ type: apiKey, in: header, name: X-Key }',
): string {
  return outdent(`
    components:
      securitySchemes:
        bearer: ${bearer}
        key: ${key}
        oauth:
          type: oauth2
          flows:
            authorizationCode: { authorizationUrl: 'https://a/auth', tokenUrl: 'https://a/token', scopes: { read: r, write: w } }
  `);
}

/** `POST /users` with operation `security` (undefined: not declared) and root `security`. */
function secured(security?: string, rootSecurity?: string, schemeDefs = schemes()): string {
  const op = `${security !== undefined ? `security: ${security}\n` : ''}${OK}`;
  return api(op, `${schemeDefs}${rootSecurity !== undefined ? `security: ${rootSecurity}\n` : ''}`);
}

/** `POST /users` with operation `servers` and root `servers`. */
function served(opServers?: string, rootServers?: string): string {
  return api(
    `${opServers ? `servers: ${opServers}\n` : ''}${OK}`,
    rootServers ? `servers: ${rootServers}\n` : '',
  );
}

const withParameters = (list: string) => api(`parameters: ${list}\n${OK}`);

const S = `${OP}/requestBody/content/application~1json/schema`;
/** `POST /users` whose JSON request body has `schema` (flow YAML). */
const body = (schema: string, version?: string) =>
  api(`requestBody:\n  content:\n    application/json:\n      schema: ${schema}\n${OK}`, '', version);

const R = `${OP}/responses/200/content/application~1json/schema`;
/** `POST /users` whose 200 response has `schema` (flow YAML). */
const returns = (schema: string) =>
  api(
    `responses:\n  '200':\n    description: ok\n    content:\n      application/json:\n        schema: ${schema}`,
  );

interface Row {
  name: string;
  base: Doc;
  head: Doc;
  /** Changes from base to head. */
  expect: Expected[];
  /** Changes from head to base: the same pair, swapped. */
  reverse: Expected[];
  id?: string;
}

/** Kinds the rows expect, checked against the full list at the end of the file. */
const covered = new Set<ChangeKind>();

function runRows(rows: Row[]) {
  for (const row of rows) for (const e of [...row.expect, ...row.reverse]) covered.add(e.kind);
  it.each(rows)('$name', ({ base, head, expect: expected, reverse, id = 'POST /users' }) => {
    expect(changesOf(base, head, id)).toEqual(expected);
    expect(changesOf(head, base, id)).toEqual(reverse);
  });
}

describe('security changes', () => {
  runRows([
    {
      name: 'security added on the operation (breaking) ↔ removed',
      base: secured(),
      head: secured('[{ bearer: [] }]'),
      expect: [c('security-added', true, `${OP}/security`)],
      reverse: [c('security-removed', false, OP)],
    },
    {
      name: 'security added with an anonymous alternative is not breaking',
      base: secured(),
      head: secured('[{ bearer: [] }, {}]'),
      expect: [c('security-added', false, `${OP}/security`)],
      reverse: [c('security-removed', false, OP)],
    },
    {
      name: 'negative: `security: [{}]` (anonymous only) adds no security',
      base: secured(),
      head: secured('[{}]'),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: `security: []` on the operation is the same as nothing declared',
      base: secured(),
      head: secured('[]'),
      expect: [],
      reverse: [],
    },
    {
      name: 'root security added is document-level',
      base: secured(),
      head: secured(undefined, '[{ key: [] }]'),
      expect: [c('security-added', true, '/security', DOC)],
      reverse: [c('security-removed', false, OP, DOC)],
    },
    {
      name: 'an operation opting out of root security (`security: []`) is not document-level',
      base: secured(undefined, '[{ key: [] }]'),
      head: secured('[]', '[{ key: [] }]'),
      expect: [c('security-removed', false, `${OP}/security`)],
      reverse: [c('security-added', true, '/security')],
    },
    {
      name: 'negative: an operation repeating the root requirement',
      base: secured(undefined, '[{ key: [] }]'),
      head: secured('[{ key: [] }]', '[{ key: [] }]'),
      expect: [],
      reverse: [],
    },
    {
      name: 'weakened: anonymous alternative added ↔ strengthened',
      base: secured('[{ bearer: [] }]'),
      head: secured('[{ bearer: [] }, {}]'),
      expect: [c('security-weakened', false, `${OP}/security`)],
      reverse: [c('security-strengthened', true, `${OP}/security`)],
    },
    {
      name: 'weakened: scopes reduced ↔ strengthened: scopes required',
      base: secured('[{ oauth: [read, write] }]'),
      head: secured('[{ oauth: [read] }]'),
      expect: [c('security-weakened', false, `${OP}/security`)],
      reverse: [c('security-strengthened', true, `${OP}/security`)],
    },
    {
      name: 'weakened: a new alternative ↔ strengthened: an alternative dropped',
      base: secured('[{ bearer: [] }]'),
      head: secured('[{ bearer: [] }, { key: [] }]'),
      expect: [c('security-weakened', false, `${OP}/security`)],
      reverse: [c('security-strengthened', true, `${OP}/security`)],
    },
    {
      name: 'a requirement replaced by a weaker one (bearer → API key) ↔ by a stronger one',
      base: secured('[{ bearer: [] }]'),
      head: secured('[{ key: [] }]'),
      expect: [
        c('security-weakened', false, `${OP}/security`),
        c('security-strengthened', true, `${OP}/security`),
      ],
      reverse: [
        c('security-alternative-added', false, `${OP}/security`),
        c('security-strengthened', true, `${OP}/security`),
      ],
    },
    {
      name: 'a second factor added to a requirement is not weakening ↔ dropping it is',
      base: secured('[{ key: [] }]'),
      head: secured('[{ key: [], bearer: [] }]'),
      expect: [
        c('security-alternative-added', false, `${OP}/security`),
        c('security-strengthened', true, `${OP}/security`),
      ],
      reverse: [
        c('security-weakened', false, `${OP}/security`),
        c('security-strengthened', true, `${OP}/security`),
      ],
    },
    {
      name: 'negative: alternatives and scopes reordered',
      base: secured('[{ key: [] }, { oauth: [write, read] }]'),
      head: secured('[{ oauth: [read, write] }, { key: [] }]'),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: entries of one requirement reordered',
      base: secured('[{ key: [], bearer: [] }]'),
      head: secured('[{ bearer: [], key: [] }]'),
      expect: [],
      reverse: [],
    },
    {
      name: 'scheme changed to a weaker one (bearer → basic) ↔ scheme changed',
      base: secured('[{ bearer: [] }]'),
      head: secured('[{ bearer: [] }]', undefined, schemes('{ type: http, scheme: basic }')),
      expect: [c('security-weakened', true, '/components/securitySchemes/bearer', DOC)],
      reverse: [c('security-scheme-changed', true, '/components/securitySchemes/bearer', DOC)],
    },
    {
      name: 'API key moved from a header to the query is weaker',
      base: secured('[{ key: [] }]'),
      head: secured(
        '[{ key: [] }]',
        undefined,
        schemes(undefined, '{ type: apiKey, in: query, name: X-Key }'),
      ),
      expect: [c('security-weakened', true, '/components/securitySchemes/key', DOC)],
      reverse: [c('security-scheme-changed', true, '/components/securitySchemes/key', DOC)],
    },
    {
      name: 'negative: scheme description, bearerFormat and scheme-name case edited',
      base: secured('[{ bearer: [] }]'),
      head: secured(
        '[{ bearer: [] }]',
        undefined,
        schemes('{ type: http, scheme: Bearer, bearerFormat: JWT, description: tokens }'),
      ),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: a changed scheme the operation does not use',
      base: secured('[{ key: [] }]'),
      head: secured('[{ key: [] }]', undefined, schemes('{ type: http, scheme: basic }')),
      expect: [],
      reverse: [],
    },
  ]);
});

describe('server changes', () => {
  const API = '{ url: https://api.example.com }';
  const swagger = (root: string) =>
    `swagger: '2.0'\n${root}paths:\n  /users:\n    post:\n      responses: {}\n`;
  runRows([
    {
      name: 'root server added ↔ removed, document-level',
      base: served(undefined, `[${API}]`),
      head: served(undefined, `[${API}, { url: https://eu.example.com }]`),
      expect: [c('server-added', false, '/servers/1', DOC)],
      reverse: [c('server-removed', true, '/servers', DOC)],
    },
    {
      name: 'all root servers removed: reported at the document root',
      base: served(undefined, `[${API}]`),
      head: served(),
      expect: [c('server-removed', true, '', DOC)],
      reverse: [c('server-added', false, '/servers/0', DOC)],
    },
    {
      name: 'an operation starting to override the root servers is not document-level',
      base: served(undefined, `[${API}]`),
      head: served('[{ url: https://op.example.com }]', `[${API}]`),
      expect: [c('server-added', false, `${OP}/servers/0`), c('server-removed', true, `${OP}/servers`)],
      reverse: [c('server-added', false, '/servers/0'), c('server-removed', true, '/servers')],
    },
    {
      name: 'negative: a server variable whose default gives the same URL',
      base: served(
        undefined,
        '[{ url: "https://{region}.example.com", variables: { region: { default: eu } } }]',
      ),
      head: served(undefined, '[{ url: https://eu.example.com }]'),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: the same server declared on the operation instead of the root',
      base: served(undefined, `[${API}]`),
      head: served(`[${API}]`),
      expect: [],
      reverse: [],
    },
    {
      name: 'Swagger 2.0: host changed',
      base: swagger('host: api.example.com\nschemes: [https]\n'),
      head: swagger('host: api2.example.com\nschemes: [https]\n'),
      expect: [c('server-added', false, '/schemes/0', DOC), c('server-removed', true, '/schemes', DOC)],
      reverse: [c('server-added', false, '/schemes/0', DOC), c('server-removed', true, '/schemes', DOC)],
    },
    {
      name: 'Swagger 2.0: http scheme dropped ↔ added',
      base: swagger('host: api.example.com\nschemes: [https, http]\n'),
      head: swagger('host: api.example.com\nschemes: [https]\n'),
      expect: [c('server-removed', true, '/schemes', DOC)],
      reverse: [c('server-added', false, '/schemes/1', DOC)],
    },
  ]);
});

describe('parameter changes', () => {
  const P0 = `${OP}/parameters/0`;
  runRows([
    {
      name: 'optional parameter added ↔ removed',
      base: withParameters('[]'),
      head: withParameters('[{ name: q, in: query }]'),
      expect: [c('parameter-added', false, P0)],
      reverse: [c('parameter-removed', false, OP)],
    },
    {
      name: 'required parameter added is breaking',
      base: withParameters('[]'),
      head: withParameters('[{ name: q, in: query, required: true }]'),
      expect: [c('parameter-added', true, P0)],
      reverse: [c('parameter-removed', false, OP)],
    },
    {
      name: 'parameter became required (breaking) ↔ optional',
      base: withParameters('[{ name: q, in: query }]'),
      head: withParameters('[{ name: q, in: query, required: true }]'),
      expect: [c('parameter-required-changed', true, P0)],
      reverse: [c('parameter-required-changed', false, P0)],
    },
    {
      name: 'parameter moved from the query to a header',
      base: withParameters('[{ name: token, in: query }]'),
      head: withParameters('[{ name: token, in: header }]'),
      expect: [c('parameter-location-changed', true, P0)],
      reverse: [c('parameter-location-changed', true, P0)],
    },
    {
      name: 'same name in two locations, one dropped: a removal, not a move',
      base: withParameters('[{ name: id, in: query }, { name: id, in: header }]'),
      head: withParameters('[{ name: id, in: query }]'),
      expect: [c('parameter-removed', false, OP)],
      reverse: [c('parameter-added', false, `${OP}/parameters/1`)],
    },
    {
      name: 'parameter schema widened (still bounded) ↔ tightened',
      base: withParameters('[{ name: limit, in: query, schema: { type: integer, maximum: 100 } }]'),
      head: withParameters('[{ name: limit, in: query, schema: { type: integer, maximum: 1000 } }]'),
      expect: [c('schema-constraint-widened', false, `${P0}/schema/maximum`)],
      reverse: [c('schema-constraint-tightened', true, `${P0}/schema/maximum`)],
    },
    {
      name: 'negative: header name case changed',
      base: withParameters('[{ name: X-Trace, in: header }]'),
      head: withParameters('[{ name: x-trace, in: header }]'),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: parameters reordered, `required: false` written out',
      base: withParameters('[{ name: a, in: query }, { name: b, in: query }]'),
      head: withParameters('[{ name: b, in: query, required: false }, { name: a, in: query }]'),
      expect: [],
      reverse: [],
    },
    {
      name: 'path parameter renamed `{id}` → `{userId}`: a rename on the same endpoint',
      id: 'PUT /users/{}',
      base: 'openapi: 3.0.3\npaths:\n  /users/{id}:\n    put:\n      parameters: [{ name: id, in: path, required: true }]\n',
      head: 'openapi: 3.0.3\npaths:\n  /users/{userId}:\n    put:\n      parameters: [{ name: userId, in: path, required: true }]\n',
      expect: [c('parameter-renamed', false, '/paths/~1users~1{userId}/put/parameters/0')],
      reverse: [c('parameter-renamed', false, '/paths/~1users~1{id}/put/parameters/0')],
    },
    {
      name: 'negative: path parameter moved from the operation to the path item',
      id: 'PUT /users/{}',
      base: 'openapi: 3.0.3\npaths:\n  /users/{id}:\n    put:\n      parameters: [{ name: id, in: path, required: true }]\n',
      head: 'openapi: 3.0.3\npaths:\n  /users/{id}:\n    parameters: [{ name: id, in: path, required: true }]\n    put: {}\n',
      expect: [],
      reverse: [],
    },
  ]);

  it('a renamed path keeps one endpoint, shown with the head path', () => {
    const diff = diffInline(
      'openapi: 3.0.3\npaths:\n  /users/{id}:\n    get:\n      parameters: [{ name: id, in: path }]\n',
      'openapi: 3.0.3\npaths:\n  /users/{userId}:\n    get:\n      parameters: [{ name: userId, in: path }]\n',
    );
    expect(diff.endpoints.map((e) => [e.id, e.path, e.change, e.changes.map((x) => x.kind)])).toEqual([
      ['GET /users/{}', '/users/{userId}', 'modified', ['parameter-renamed']],
    ]);
  });

  covered.add('path-renamed'); // the rows above pin one id for both directions; a renamed path has two
  it('a trailing slash dropped, with a parameter renamed: one endpoint, path renamed (either way)', () => {
    const withSlash =
      'openapi: 3.0.3\npaths:\n  /users/{id}/:\n    get:\n      parameters: [{ name: id, in: path }]\n';
    const without =
      'openapi: 3.0.3\npaths:\n  /users/{userId}:\n    get:\n      parameters: [{ name: userId, in: path }]\n';
    const rows = (base: string, head: string) =>
      diffInline(base, head).endpoints.map((e) => [e.id, e.path, e.change, e.changes.map(summary)]);
    expect(rows(withSlash, without)).toEqual([
      [
        'GET /users/{}',
        '/users/{userId}',
        'modified',
        [
          c('path-renamed', true, '/paths/~1users~1{userId}/get'),
          c('parameter-renamed', false, '/paths/~1users~1{userId}/get/parameters/0'),
        ],
      ],
    ]);
    expect(rows(without, withSlash)).toEqual([
      [
        'GET /users/{}/',
        '/users/{id}/',
        'modified',
        [
          c('path-renamed', true, '/paths/~1users~1{id}~1/get'),
          c('parameter-renamed', false, '/paths/~1users~1{id}~1/get/parameters/0'),
        ],
      ],
    ]);
  });

  it('negative: a path with and without a trailing slash on both sides stays two endpoints', () => {
    const both = (extra: string) =>
      `openapi: 3.0.3\npaths:\n  /users:\n    get: {}\n  /users/:\n    get: {}\n${extra}`;
    const diff = diffInline(both(''), both('  /teams:\n    get: {}\n'));
    expect(diff.endpoints.map((e) => [e.id, e.change])).toEqual([
      ['GET /users', 'unchanged'],
      ['GET /users/', 'unchanged'],
      ['GET /teams', 'added'],
    ]);
  });
});

describe('request body and media type changes', () => {
  const JSON_BODY = 'content: { application/json: { schema: { type: object } } }';
  runRows([
    {
      name: 'optional request body added ↔ removed',
      base: api(OK),
      head: api(`requestBody: { ${JSON_BODY} }\n${OK}`),
      expect: [c('request-body-added', false, `${OP}/requestBody`)],
      reverse: [c('request-body-removed', false, OP)],
    },
    {
      name: 'required request body added is breaking',
      base: api(OK),
      head: api(`requestBody: { required: true, ${JSON_BODY} }\n${OK}`),
      expect: [c('request-body-added', true, `${OP}/requestBody`)],
      reverse: [c('request-body-removed', false, OP)],
    },
    {
      name: 'request body became required (breaking) ↔ optional',
      base: api(`requestBody: { ${JSON_BODY} }\n${OK}`),
      head: api(`requestBody: { required: true, ${JSON_BODY} }\n${OK}`),
      expect: [c('request-body-required-changed', true, `${OP}/requestBody`)],
      reverse: [c('request-body-required-changed', false, `${OP}/requestBody`)],
    },
    {
      name: 'request media type added ↔ removed (breaking: clients sending it fail)',
      base: api(`requestBody: { ${JSON_BODY} }\n${OK}`),
      head: api(
        `requestBody: { content: { application/json: { schema: { type: object } }, application/xml: {} } }\n${OK}`,
      ),
      expect: [c('media-type-added', false, `${OP}/requestBody/content/application~1xml`)],
      reverse: [c('media-type-removed', true, `${OP}/requestBody`)],
    },
    {
      name: 'response media type added ↔ removed (breaking)',
      base: api("responses:\n  '200': { description: ok, content: { application/json: {} } }"),
      head: api("responses:\n  '200': { description: ok, content: { application/json: {}, text/csv: {} } }"),
      expect: [c('media-type-added', false, `${OP}/responses/200/content/text~1csv`)],
      reverse: [c('media-type-removed', true, `${OP}/responses/200`)],
    },
    {
      name: 'negative: media type case changed',
      base: api(`requestBody: { ${JSON_BODY} }\n${OK}`),
      head: api(`requestBody: { content: { Application/JSON: { schema: { type: object } } } }\n${OK}`),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: `required: false` written out',
      base: api(`requestBody: { ${JSON_BODY} }\n${OK}`),
      head: api(`requestBody: { required: false, ${JSON_BODY} }\n${OK}`),
      expect: [],
      reverse: [],
    },
  ]);
});

describe('schema changes (request body: tightening breaks)', () => {
  runRows([
    {
      name: 'maxLength removed ↔ added',
      base: body('{ type: string, maxLength: 10 }'),
      head: body('{ type: string }'),
      expect: [c('schema-constraint-loosened', false, S)],
      reverse: [c('schema-constraint-tightened', true, `${S}/maxLength`)],
    },
    {
      name: 'maxLength raised (widened, still bounded) ↔ lowered',
      base: body('{ type: string, maxLength: 10 }'),
      head: body('{ type: string, maxLength: 20 }'),
      expect: [c('schema-constraint-widened', false, `${S}/maxLength`)],
      reverse: [c('schema-constraint-tightened', true, `${S}/maxLength`)],
    },
    {
      name: 'negative: maxLength unchanged, description and example edited',
      base: body('{ type: string, maxLength: 10, description: a, example: x }'),
      head: body('{ type: string, maxLength: 10.0, description: b, example: y }'),
      expect: [],
      reverse: [],
    },
    {
      name: 'minLength added ↔ removed',
      base: body('{ type: string }'),
      head: body('{ type: string, minLength: 1 }'),
      expect: [c('schema-constraint-tightened', true, `${S}/minLength`)],
      reverse: [c('schema-constraint-loosened', false, S)],
    },
    {
      name: 'maximum lowered ↔ raised (widened)',
      base: body('{ type: integer, maximum: 100 }'),
      head: body('{ type: integer, maximum: 50 }'),
      expect: [c('schema-constraint-tightened', true, `${S}/maximum`)],
      reverse: [c('schema-constraint-widened', false, `${S}/maximum`)],
    },
    {
      name: 'minimum removed ↔ added',
      base: body('{ type: integer, minimum: 1 }'),
      head: body('{ type: integer }'),
      expect: [c('schema-constraint-loosened', false, S)],
      reverse: [c('schema-constraint-tightened', true, `${S}/minimum`)],
    },
    {
      name: 'maximum made exclusive ↔ inclusive (widened by one value)',
      base: body('{ type: integer, maximum: 10 }'),
      head: body('{ type: integer, maximum: 10, exclusiveMaximum: true }'),
      expect: [c('schema-constraint-tightened', true, `${S}/exclusiveMaximum`)],
      reverse: [c('schema-constraint-widened', false, `${S}/maximum`)],
    },
    {
      name: 'negative: 3.0 boolean exclusiveMaximum ↔ 3.1 numeric exclusiveMaximum',
      base: body('{ type: integer, maximum: 10, exclusiveMaximum: true }'),
      head: body('{ type: integer, exclusiveMaximum: 10 }', '3.1.0'),
      expect: [],
      reverse: [],
    },
    {
      name: 'pattern added ↔ removed',
      base: body('{ type: string }'),
      head: body("{ type: string, pattern: '^[a-z]+$' }"),
      expect: [c('schema-constraint-tightened', true, `${S}/pattern`)],
      reverse: [c('schema-constraint-loosened', false, S)],
    },
    {
      name: 'pattern changed (either way it may reject)',
      base: body("{ type: string, pattern: '^[a-z]+$' }"),
      head: body("{ type: string, pattern: '^[a-z0-9]+$' }"),
      expect: [c('schema-constraint-changed', true, `${S}/pattern`)],
      reverse: [c('schema-constraint-changed', true, `${S}/pattern`)],
    },
    {
      name: 'enum value added (widened) ↔ removed',
      base: body('{ type: string, enum: [a, b] }'),
      head: body('{ type: string, enum: [a, b, c] }'),
      expect: [c('schema-constraint-widened', false, `${S}/enum`)],
      reverse: [c('schema-constraint-tightened', true, `${S}/enum`)],
    },
    {
      name: 'enum removed ↔ added',
      base: body('{ type: string, enum: [a, b] }'),
      head: body('{ type: string }'),
      expect: [c('schema-constraint-loosened', false, S)],
      reverse: [c('schema-constraint-tightened', true, `${S}/enum`)],
    },
    {
      name: 'enum of "true"/"false" retyped as boolean: the same two values (changed, not loosened)',
      base: body("{ type: string, enum: ['true', 'false'] }"),
      head: body('{ type: boolean }'),
      // Disjoint types: the base's constraints (its enum) have nothing left to compare; the type change says it.
      expect: [c('schema-type-changed', true, `${S}`)],
      reverse: [c('schema-type-changed', true, `${S}`)],
    },
    {
      name: 'negative: enum values reordered',
      base: body('{ type: string, enum: [a, b] }'),
      head: body('{ type: string, enum: [b, a] }'),
      expect: [],
      reverse: [],
    },
    {
      name: 'additionalProperties: false removed ↔ added',
      base: body('{ type: object, additionalProperties: false }'),
      head: body('{ type: object }'),
      expect: [c('schema-constraint-loosened', false, S)],
      reverse: [c('schema-constraint-tightened', true, `${S}/additionalProperties`)],
    },
    {
      name: 'additionalProperties: false → a schema',
      base: body('{ type: object, additionalProperties: false }'),
      head: body('{ type: object, additionalProperties: { type: string } }'),
      expect: [c('schema-constraint-loosened', false, `${S}/additionalProperties`)],
      reverse: [c('schema-constraint-tightened', true, `${S}/additionalProperties`)],
    },
    {
      name: 'additionalProperties schema removed ↔ added',
      base: body('{ type: object, additionalProperties: { type: string, maxLength: 10 } }'),
      head: body('{ type: object }'),
      expect: [c('schema-constraint-loosened', false, S)],
      reverse: [c('schema-constraint-tightened', true, `${S}/additionalProperties`)],
    },
    {
      name: 'additionalProperties schema → `true` (loosened) ↔ back',
      base: body('{ type: object, additionalProperties: { type: integer } }'),
      head: body('{ type: object, additionalProperties: true }'),
      expect: [c('schema-constraint-loosened', false, `${S}/additionalProperties`)],
      reverse: [c('schema-constraint-tightened', true, `${S}/additionalProperties`)],
    },
    {
      name: 'negative: `additionalProperties: {}` written out (it accepts anything, as absent does)',
      base: body('{ type: object }'),
      head: body('{ type: object, additionalProperties: { description: anything } }'),
      expect: [],
      reverse: [],
    },
    {
      name: 'array items schema added ↔ removed',
      base: body('{ type: array, maxItems: 5 }'),
      head: body('{ type: array, maxItems: 5, items: { type: string, maxLength: 4 } }'),
      expect: [c('schema-constraint-tightened', true, `${S}/items`)],
      reverse: [c('schema-constraint-loosened', false, S)],
    },
    {
      name: 'negative: `items: {}` written out',
      base: body('{ type: array, maxItems: 5 }'),
      head: body('{ type: array, maxItems: 5, items: {} }'),
      expect: [],
      reverse: [],
    },
    {
      name: 'request body schema added ↔ removed',
      base: api(`requestBody: { content: { application/json: {} } }\n${OK}`),
      head: body('{ type: object, properties: { a: { type: string } } }'),
      expect: [c('schema-constraint-tightened', true, S)],
      reverse: [c('schema-constraint-loosened', false, `${OP}/requestBody/content/application~1json`)],
    },
    {
      name: 'negative: an empty request body schema written out',
      base: api(`requestBody: { content: { application/json: {} } }\n${OK}`),
      head: body('{}'),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: `additionalProperties: true` written out',
      base: body('{ type: object }'),
      head: body('{ type: object, additionalProperties: true }'),
      expect: [],
      reverse: [],
    },
    {
      name: 'required property added ↔ no longer required',
      base: body('{ type: object, properties: { a: { type: string }, b: { type: string } }, required: [a] }'),
      head: body(
        '{ type: object, properties: { a: { type: string }, b: { type: string } }, required: [a, b] }',
      ),
      expect: [c('schema-constraint-tightened', true, `${S}/required`)],
      reverse: [c('schema-constraint-loosened', false, `${S}/required`)],
    },
    {
      name: 'negative: required list reordered',
      base: body('{ type: object, properties: { a: {}, b: {} }, required: [a, b] }'),
      head: body('{ type: object, properties: { b: {}, a: {} }, required: [b, a] }'),
      expect: [],
      reverse: [],
    },
    {
      name: 'maxItems removed ↔ added',
      base: body('{ type: array, items: { type: string }, maxItems: 5 }'),
      head: body('{ type: array, items: { type: string } }'),
      expect: [c('schema-constraint-loosened', false, S)],
      reverse: [c('schema-constraint-tightened', true, `${S}/maxItems`)],
    },
    {
      name: 'minItems raised ↔ lowered (widened)',
      base: body('{ type: array, minItems: 1 }'),
      head: body('{ type: array, minItems: 2 }'),
      expect: [c('schema-constraint-tightened', true, `${S}/minItems`)],
      reverse: [c('schema-constraint-widened', false, `${S}/minItems`)],
    },
    {
      name: 'type changed string → integer (breaking both ways)',
      base: body('{ type: string }'),
      head: body('{ type: integer }'),
      expect: [c('schema-type-changed', true, S)],
      reverse: [c('schema-type-changed', true, S)],
    },
    {
      name: 'type integer → number widens ↔ narrows',
      base: body('{ type: integer }'),
      head: body('{ type: number }'),
      expect: [c('schema-constraint-loosened', false, S)],
      reverse: [c('schema-constraint-tightened', true, S)],
    },
    {
      // One more value (null), every other constraint still applies: widened, not a loosening.
      name: 'nullable added widens the type (null only: still bounded) ↔ narrows',
      base: body('{ type: string }'),
      head: body('{ type: string, nullable: true }'),
      expect: [c('schema-constraint-widened', false, S)],
      reverse: [c('schema-constraint-tightened', true, S)],
    },
    {
      name: "negative: 3.0 `nullable: true` ↔ 3.1 `type: [string, 'null']`",
      base: body('{ type: string, nullable: true }'),
      head: body("{ type: [string, 'null'] }", '3.1.0'),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: `nullable: true` on an `allOf` wrapper stays typeless',
      base: body('{ allOf: [{ type: string }] }'),
      head: body('{ nullable: true, allOf: [{ type: string }] }'),
      expect: [],
      reverse: [],
    },
    {
      name: 'property added ↔ removed',
      base: body('{ type: object, properties: { a: { type: string } } }'),
      head: body('{ type: object, properties: { a: { type: string }, b: { type: string } } }'),
      expect: [c('schema-property-added', false, `${S}/properties/b`)],
      reverse: [c('schema-property-removed', false, `${S}/properties`)],
    },
    {
      name: 'two properties added ↔ both removed (one change each, though they share a location)',
      base: body('{ type: object, properties: { a: { type: string } } }'),
      head: body(
        '{ type: object, properties: { a: { type: string }, b: { type: string }, c: { type: string } } }',
      ),
      expect: [
        c('schema-property-added', false, `${S}/properties/b`),
        c('schema-property-added', false, `${S}/properties/c`),
      ],
      reverse: [
        c('schema-property-removed', false, `${S}/properties`),
        c('schema-property-removed', false, `${S}/properties`),
      ],
    },
    {
      name: 'a nested property constraint, located at the property',
      base: body('{ type: object, properties: { name: { type: string, maxLength: 10 } } }'),
      head: body('{ type: object, properties: { name: { type: string } } }'),
      expect: [c('schema-constraint-loosened', false, `${S}/properties/name`)],
      reverse: [c('schema-constraint-tightened', true, `${S}/properties/name/maxLength`)],
    },
    {
      name: 'oneOf gained a subschema (either way it may reject)',
      base: body('{ oneOf: [{ type: string }] }'),
      head: body('{ oneOf: [{ type: string }, { type: integer }] }'),
      expect: [c('schema-constraint-changed', true, `${S}/oneOf/1`)],
      reverse: [c('schema-constraint-changed', true, `${S}/oneOf`)],
    },
    {
      name: 'array items',
      base: body('{ type: array, items: { type: string, maxLength: 3 } }'),
      head: body('{ type: array, items: { type: string, maxLength: 4 } }'),
      expect: [c('schema-constraint-widened', false, `${S}/items/maxLength`)],
      reverse: [c('schema-constraint-tightened', true, `${S}/items/maxLength`)],
    },
  ]);
});

describe('constraint details (what a check judges a schema change by)', () => {
  const detail = (base: Doc, head: Doc, id = 'POST /users') => {
    const endpoint = diffInline(base, head).endpoints.find((e) => e.id === id)!;
    return endpoint.changes.map((ch) => ({ kind: ch.kind, constraint: ch.constraint }));
  };

  it("`required` dropped names the fields and their descriptions, at the object's path", () => {
    const base = body(
      '{ type: object, properties: { spec: { type: object, required: [caBundle, image], properties: { caBundle: { type: string, description: PEM CA bundle }, image: { type: string } } } } }',
    );
    const head = body(
      '{ type: object, properties: { spec: { type: object, properties: { caBundle: { type: string, description: PEM CA bundle }, image: { type: string } } } } }',
    );
    expect(detail(base, head)).toEqual([
      {
        kind: 'schema-constraint-loosened',
        constraint: {
          keyword: 'required',
          path: ['spec'],
          fields: [
            { name: 'caBundle', description: 'PEM CA bundle' },
            { name: 'image', description: '' },
          ],
        },
      },
    ]);
  });

  it('nullable added: keyword `nullable`, the field and the properties it requires, the base types', () => {
    const base = body(
      '{ type: object, properties: { auth: { type: object, required: [token], properties: { token: { type: string } } } } }',
    );
    const head = body(
      '{ type: object, properties: { auth: { type: object, nullable: true, required: [token], properties: { token: { type: string } } } } }',
    );
    expect(detail(base, head)).toEqual([
      {
        kind: 'schema-constraint-widened',
        constraint: {
          keyword: 'nullable',
          path: ['auth'],
          fields: [
            { name: 'auth', description: '' },
            { name: 'token', description: '' },
          ],
          baseTypes: ['object'],
        },
      },
    ]);
  });

  it("a parameter's path starts at its name", () => {
    const base = withParameters('[{ name: scope, in: query, schema: { type: string, maxLength: 10 } }]');
    const head = withParameters('[{ name: scope, in: query, schema: { type: string } }]');
    expect(detail(base, head)).toEqual([
      {
        kind: 'schema-constraint-loosened',
        constraint: { keyword: 'maxLength', path: ['scope'], fields: [{ name: 'scope', description: '' }] },
      },
    ]);
  });
});

describe('schema changes (response: loosening breaks)', () => {
  runRows([
    {
      name: 'maxLength removed (breaking) ↔ added',
      base: returns('{ type: string, maxLength: 10 }'),
      head: returns('{ type: string }'),
      expect: [c('schema-constraint-loosened', true, R)],
      reverse: [c('schema-constraint-tightened', false, `${R}/maxLength`)],
    },
    {
      name: 'property removed (breaking) ↔ added',
      base: returns('{ type: object, properties: { a: { type: string }, b: { type: string } } }'),
      head: returns('{ type: object, properties: { a: { type: string } } }'),
      expect: [c('schema-property-removed', true, `${R}/properties`)],
      reverse: [c('schema-property-added', false, `${R}/properties/b`)],
    },
    {
      name: 'enum value added (widened; breaking) ↔ removed',
      base: returns('{ type: string, enum: [active] }'),
      head: returns('{ type: string, enum: [active, suspended] }'),
      expect: [c('schema-constraint-widened', true, `${R}/enum`)],
      reverse: [c('schema-constraint-tightened', false, `${R}/enum`)],
    },
  ]);
});

describe('response changes', () => {
  const responses = (yaml: string) => api(`responses:\n${indent(outdent(yaml), 2)}`);
  runRows([
    {
      name: 'error status added ↔ removed',
      base: responses("'200': { description: ok }"),
      head: responses("'200': { description: ok }\n'404': { description: missing }"),
      expect: [c('response-status-added', false, `${OP}/responses/404`)],
      reverse: [c('response-status-removed', false, OP)],
    },
    {
      name: 'success status removed (breaking) ↔ added',
      base: responses("'200': { description: ok }\n'201': { description: created }"),
      head: responses("'200': { description: ok }"),
      expect: [c('response-status-removed', true, OP)],
      reverse: [c('response-status-added', false, `${OP}/responses/201`)],
    },
    {
      name: 'negative: `2XX` ↔ `2xx`',
      base: responses("'2XX': { description: ok }"),
      head: responses("'2xx': { description: ok }"),
      expect: [],
      reverse: [],
    },
    {
      name: 'success response header added ↔ removed (breaking)',
      base: responses("'200': { description: ok }"),
      head: responses("'200': { description: ok, headers: { X-Rate-Limit: { schema: { type: integer } } } }"),
      expect: [c('response-header-added', false, `${OP}/responses/200/headers/X-Rate-Limit`)],
      reverse: [c('response-header-removed', true, `${OP}/responses/200`)],
    },
    {
      name: 'error response header removed is not breaking',
      base: responses(
        "'429': { description: slow down, headers: { Retry-After: { schema: { type: integer } } } }",
      ),
      head: responses("'429': { description: slow down }"),
      expect: [c('response-header-removed', false, `${OP}/responses/429`)],
      reverse: [c('response-header-added', false, `${OP}/responses/429/headers/Retry-After`)],
    },
    {
      name: 'response header schema loosened (breaking)',
      base: responses(
        "'200': { description: ok, headers: { X-Count: { schema: { type: integer, maximum: 100 } } } }",
      ),
      head: responses("'200': { description: ok, headers: { X-Count: { schema: { type: integer } } } }"),
      expect: [c('schema-constraint-loosened', true, `${OP}/responses/200/headers/X-Count/schema`)],
      reverse: [
        c('schema-constraint-tightened', false, `${OP}/responses/200/headers/X-Count/schema/maximum`),
      ],
    },
    {
      name: 'negative: header name case and description changed',
      base: responses("'200': { description: ok, headers: { X-Rate-Limit: { schema: { type: integer } } } }"),
      head: responses(
        "'200': { description: fine, headers: { x-rate-limit: { description: d, schema: { type: integer } } } }",
      ),
      expect: [],
      reverse: [],
    },
  ]);
});

describe('deprecation and classification changes', () => {
  runRows([
    {
      name: 'deprecated toggled (also reclassifies as deprecated)',
      base: api(OK),
      head: api(`deprecated: true\n${OK}`),
      expect: [c('deprecated-changed', false, OP), c('classification-changed', false, OP)],
      reverse: [c('deprecated-changed', false, OP), c('classification-changed', false, OP)],
    },
    {
      name: 'deprecated toggled on an explicitly classified operation',
      base: api(`x-api-classification: partner\n${OK}`),
      head: api(`x-api-classification: partner\ndeprecated: true\n${OK}`),
      expect: [c('deprecated-changed', false, OP)],
      reverse: [c('deprecated-changed', false, OP)],
    },
    {
      name: 'negative: `deprecated: false` written out',
      base: api(OK),
      head: api(`deprecated: false\n${OK}`),
      expect: [],
      reverse: [],
    },
    {
      name: 'classification changed',
      base: api(OK),
      head: api(`x-api-classification: internal\n${OK}`),
      expect: [c('classification-changed', false, OP)],
      reverse: [c('classification-changed', false, OP)],
    },
    {
      name: 'classification changed at the root applies to the operation',
      base: api(OK, 'x-api-classification: partner\n'),
      head: api(OK, 'x-api-classification: external\n'),
      expect: [c('classification-changed', false, OP)],
      reverse: [c('classification-changed', false, OP)],
    },
    {
      name: 'negative: `x-internal: true` ↔ `x-api-classification: internal`',
      base: api(`x-internal: true\n${OK}`),
      head: api(`x-api-classification: internal\n${OK}`),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: an invalid classification is ignored',
      base: api(OK),
      head: api(`x-api-classification: top-secret\n${OK}`),
      expect: [],
      reverse: [],
    },
  ]);
});

describe('every change kind has a row', () => {
  // A Record, so the compiler fails here when src/diff/types.ts gains or loses a kind.
  const KINDS: Record<ChangeKind, true> = {
    'path-renamed': true,
    'security-added': true,
    'security-removed': true,
    'security-weakened': true,
    'security-strengthened': true,
    'security-alternative-added': true,
    'security-scheme-changed': true,
    'server-added': true,
    'server-removed': true,
    'parameter-added': true,
    'parameter-removed': true,
    'parameter-renamed': true,
    'parameter-required-changed': true,
    'parameter-location-changed': true,
    'request-body-added': true,
    'request-body-removed': true,
    'request-body-required-changed': true,
    'media-type-added': true,
    'media-type-removed': true,
    'schema-type-changed': true,
    'schema-constraint-loosened': true,
    'schema-constraint-widened': true,
    'schema-constraint-tightened': true,
    'schema-constraint-changed': true,
    'schema-property-added': true,
    'schema-property-removed': true,
    'response-status-added': true,
    'response-status-removed': true,
    'response-header-added': true,
    'response-header-removed': true,
    'deprecated-changed': true,
    'classification-changed': true,
  };

  it('each kind is expected by at least one row above', () => {
    expect([...covered].sort()).toEqual(Object.keys(KINDS).sort());
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Formatting-only edits

const BASE = outdent(`
  openapi: 3.0.3
  info: { title: Users, version: '1' }
  servers: [{ url: https://api.example.com }]
  security: [{ bearer: [] }]
  paths:
    /users/{id}:
      put:
        parameters:
          - { name: id, in: path, required: true, schema: { type: string } }
          - { name: dryRun, in: query, schema: { type: boolean } }
        requestBody:
          required: true
          content:
            application/json:
              schema:
                type: object
                required: [name]
                additionalProperties: false
                properties:
                  name: { type: string, maxLength: 50, pattern: '^[a-z]+$' }
                  role: { type: string, enum: [admin, user] }
        responses:
          '200':
            description: ok
            headers:
              X-Rate-Limit: { schema: { type: integer, maximum: 1000 } }
            content:
              application/json:
                schema: { type: object, properties: { id: { type: string } } }
  components:
    securitySchemes:
      bearer: { type: http, scheme: bearer }
`);

/** The same value with every object's keys in reverse order (arrays keep their order: it can matter). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('formatting-only edits produce no change', () => {
  const USER_SCHEMA = outdent(`
    type: object
    required: [name]
    additionalProperties: false
    properties:
      name: { type: string, maxLength: 50, pattern: '^[a-z]+$' }
      role: { type: string, enum: [admin, user] }
  `);
  const INLINE_SCHEMA = outdent(`
              schema:
                type: object
                required: [name]
                additionalProperties: false
                properties:
                  name: { type: string, maxLength: 50, pattern: '^[a-z]+$' }
                  role: { type: string, enum: [admin, user] }
  `);
  const withRef = (ref: string) =>
    BASE.replace(indent(INLINE_SCHEMA, 12), `            schema: { $ref: '${ref}' }\n`);

  const rows: { name: string; head: Record<string, string>; headRoot?: string }[] = [
    { name: 'the same document', head: { 'openapi.yaml': BASE } },
    {
      name: 'keys reordered everywhere',
      head: { 'openapi.yaml': stringifyYaml(reverseKeys(parseYaml(BASE))) },
    },
    {
      name: 'YAML → JSON',
      head: { 'openapi.json': JSON.stringify(parseYaml(BASE), null, 2) },
      headRoot: 'openapi.json',
    },
    {
      name: 'YAML → minified JSON with keys reordered',
      head: { 'openapi.json': JSON.stringify(reverseKeys(parseYaml(BASE))) },
      headRoot: 'openapi.json',
    },
    {
      name: 'inline schema moved into components behind a `$ref`',
      head: {
        'openapi.yaml': `${withRef('#/components/schemas/User')}  schemas:\n    User:\n${indent(USER_SCHEMA, 6)}`,
      },
    },
    {
      name: 'schema split into a separate file via `$ref`',
      head: {
        'openapi.yaml': withRef('./schemas/user.yaml#/User'),
        'schemas/user.yaml': `User:\n${indent(USER_SCHEMA, 2)}`,
      },
    },
    {
      name: 'whole path item in a separate JSON file',
      head: {
        'openapi.yaml': BASE.replace(
          / {2}\/users\/\{id\}:\n[\s\S]*?(?=components:)/,
          "  /users/{id}: { $ref: 'paths/user.json' }\n",
        ),
        'paths/user.json': JSON.stringify(
          (parseYaml(BASE) as { paths: Record<string, unknown> }).paths['/users/{id}'],
        ),
      },
    },
  ];

  it.each(rows)('$name', ({ head, headRoot = 'openapi.yaml' }) => {
    const base = loadInline(BASE);
    const loaded = loadInline(head, headRoot);
    expect(loaded.problems).toEqual([]);
    for (const [b, h] of [
      [base, loaded],
      [loaded, base],
    ] as const) {
      const diff = diffSpecs('openapi.yaml', b.model, h.model);
      expect(diff.endpoints.map((e) => [e.id, e.change, e.changes.map((x) => x.kind)])).toEqual([
        ['PUT /users/{}', 'unchanged', []],
      ]);
      expect(diff.status).toBe('unchanged');
    }
  });

  it('the rows really differ from the base text', () => {
    for (const row of rows.slice(1)) expect(Object.values(row.head)[0]).not.toBe(BASE);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Endpoints added and removed, whole specs added and removed

describe('endpoint and spec level', () => {
  const two = 'openapi: 3.0.3\npaths:\n  /a: { get: {} }\n  /b: { get: {} }\n';
  const one = 'openapi: 3.0.3\npaths:\n  /a: { get: {} }\n';

  it('endpoints added ↔ removed', () => {
    expect(diffInline(one, two).endpoints.map((e) => [e.id, e.change])).toEqual([
      ['GET /a', 'unchanged'],
      ['GET /b', 'added'],
    ]);
    expect(diffInline(two, one).endpoints.map((e) => [e.id, e.change])).toEqual([
      ['GET /a', 'unchanged'],
      ['GET /b', 'removed'],
    ]);
  });

  it('a spec added or removed lists every endpoint as added or removed', () => {
    const model = loadInline(two).model;
    const added = diffSpecs('openapi.yaml', undefined, model);
    const removed = diffSpecs('openapi.yaml', model, undefined);
    expect([added.status, added.endpoints.map((e) => e.change)]).toEqual(['added', ['added', 'added']]);
    expect([removed.status, removed.endpoints.map((e) => e.change)]).toEqual([
      'removed',
      ['removed', 'removed'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Shared and cyclic schemas

describe('shared and recursive schemas', () => {
  const cyclic = (nameSchema: string) =>
    outdent(`
      openapi: 3.0.3
      paths:
        /a:
          post:
            requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/A' } } } }
        /b:
          post:
            requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/B' } } } }
        /c:
          post:
            requestBody: { content: { application/json: { schema: { type: string } } } }
      components:
        schemas:
          A:
            type: object
            properties:
              name: ${nameSchema}
              b: { $ref: '#/components/schemas/B' }
          B:
            type: object
            properties:
              a: { $ref: '#/components/schemas/A' }
    `);
  const NAME = '/components/schemas/A/properties/name';

  it.each([
    ['loosened', '{ type: string, maxLength: 10 }', '{ type: string }', NAME],
    ['tightened', '{ type: string }', '{ type: string, maxLength: 10 }', `${NAME}/maxLength`],
  ])(
    'a change inside a cycle (A ↔ B) is reported on every endpoint that reaches it, whichever comes first (%s)',
    (_, b, h, pointer) => {
      const diff = diffInline(cyclic(b), cyclic(h));
      expect(
        diff.endpoints.map((e) => [e.id, e.changes.map((x) => [x.location.pointer, x.message])]),
      ).toEqual([
        [
          'POST /a',
          [[pointer, expect.stringMatching(/^request body application\/json `name`: maxLength 10/)]],
        ],
        [
          'POST /b',
          [[pointer, expect.stringMatching(/^request body application\/json `a.name`: maxLength 10/)]],
        ],
        ['POST /c', []],
      ]);
    },
  );

  it('diffing a recursive schema against itself terminates with no change', () => {
    const text = cyclic('{ type: string }');
    expect(diffInline(text, text).endpoints.every((e) => e.change === 'unchanged')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A multi-file description on disk where only the referenced file changes

describe('multi-file fixture: only schemas/user.yaml changes', () => {
  const dir = (side: 'base' | 'head') =>
    fileURLToPath(new URL(`./fixtures/multifile/${side}`, import.meta.url));
  const load = (side: 'base' | 'head') => loadSpec(fsReader(dir(side)), 'openapi.yaml');

  it('the change is reported on exactly the endpoints whose schema uses it, in the referenced file', () => {
    const base = load('base');
    const head = load('head');
    expect([base.problems, head.problems]).toEqual([[], []]);
    expect(head.files.map((f) => f.path)).toEqual(['openapi.yaml', 'schemas/user.yaml']);
    const diff = diffSpecs('openapi.yaml', base.model, head.model);
    expect(diff.status).toBe('modified');
    expect(diff.endpoints.map((e) => [e.id, e.change, e.changes.map(summary)])).toEqual([
      ['GET /health', 'unchanged', []],
      [
        'POST /users',
        'modified',
        [c('schema-constraint-loosened', false, '/User/properties/name', { file: 'schemas/user.yaml' })],
      ],
      ['GET /users/{}', 'unchanged', []],
      [
        'PUT /users/{}',
        'modified',
        [c('schema-constraint-loosened', false, '/User/properties/name', { file: 'schemas/user.yaml' })],
      ],
    ]);
    const userFile = head.files.find((f) => f.path === 'schemas/user.yaml');
    expect(userFile?.position('/User/properties/name')).toMatchObject({ line: 6, column: 5 });
  });

  it('line and column come from the referenced file; swapped, the mirror change', () => {
    const base = load('base');
    const head = load('head');
    /** Changed endpoints with each change's place in the new side's files, as a reviewer sees it. */
    const changed = (from: typeof base, to: typeof head) => {
      const files = new Map(to.files.map((f) => [f.path, f]));
      return diffSpecs('openapi.yaml', from.model, to.model)
        .endpoints.filter((e) => e.changes.length > 0)
        .map((e) => [
          e.id,
          e.changes.map((x) => [
            x.kind,
            x.breaking,
            files.get(x.location.file)?.position(x.location.pointer),
          ]),
        ]);
    };
    expect(changed(base, head)).toEqual(
      ['POST /users', 'PUT /users/{}'].map((id) => [
        id,
        [
          [
            'schema-constraint-loosened',
            false,
            { file: 'schemas/user.yaml', pointer: '/User/properties/name', line: 6, column: 5 },
          ],
        ],
      ]),
    );
    expect(changed(head, base)).toEqual(
      ['POST /users', 'PUT /users/{}'].map((id) => [
        id,
        [
          [
            'schema-constraint-tightened',
            true,
            { file: 'schemas/user.yaml', pointer: '/User/properties/name/maxLength', line: 8, column: 7 },
          ],
        ],
      ]),
    );
  });
});
