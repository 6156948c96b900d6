// Generators and checkers for the fuzz suite (test/fuzz/fuzz.test.ts): OpenAPI-shaped hostile documents,
// byte-level mutations of real documents, hostile strings, and what "escaped" means for each renderer.
import fc from 'fast-check';
import { Document } from 'yaml';
import { COMMENT_MARKER } from '../../src/report/markdown.js';

export type Obj = Record<string, unknown>;

/** An object from entries, keeping `__proto__` and friends as own keys (a plain literal would not). */
export function obj(entries: Iterable<readonly [string, unknown]>): Obj {
  const out: Obj = {};
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function isPlainObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// --- Hostile strings ---------------------------------------------------------------------------------

const LONG = 10_000;

/** Strings that have broken renderers before: Markdown, HTML, mentions, terminal escapes, workflow commands. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '</details><details open><summary>x</summary>',
  '<!-- api-posture:pr-comment -->',
  '<https://evil.example>',
  '@octocat',
  '@github/security-team',
  'a@b.c',
  '![x](http://e)',
  '[link](https://evil.example)',
  '](',
  '|',
  '| a | b |',
  '\\|',
  '`',
  '``',
  '```',
  '`code`',
  '\\`',
  '\\',
  '\r\n',
  '\r',
  '\n',
  '\n\n# Heading\n',
  '> quote',
  '- [ ] task',
  '\u0000',
  '\u0007',
  '\u0008',
  '\u001b[31mred\u001b[0m',
  '\u001b]8;;http://e\u0007link\u001b]8;;\u0007',
  '\u007f',
  '\u0085',
  '\u009b31m',
  '\u2028',
  '\u2029',
  '\u202e',
  '\ufeff',
  '\t',
  '\ud800',
  '\udfff',
  'a\udc00b',
  '%',
  '%0A',
  '%25',
  '::set-output name=blocked::false',
  '\n::add-mask::secret',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, literally
  '${{ secrets.GITHUB_TOKEN }}',
  '&lt;',
  '&#64;octocat',
  'javascript:alert(1)',
  '*',
  '_',
  '~~',
  '#',
  '{',
  '}',
  '{id}',
  ':',
  ',',
  '"',
  "'",
  'A'.repeat(LONG),
  '<'.repeat(LONG),
  '@a'.repeat(LONG / 2),
  '`'.repeat(LONG),
  '|'.repeat(LONG),
  '\n'.repeat(LONG),
  'é'.repeat(LONG),
  '😀'.repeat(LONG / 2),
];

/** Arbitrary strings: binary and grapheme units, the fixtures above, and concatenations of both. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 100)),
          fc.string({ unit: 'binary', maxLength: 8 }),
        ),
        { minLength: 2, maxLength: 6 },
      )
      .map((parts) => parts.join('')),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).map((s) => s.repeat(1500)),
  },
);

// --- OpenAPI-shaped documents ------------------------------------------------------------------------

/** Keys that reach the prototype or mean something to the tool, used as property names anywhere. */
export const WEIRD_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '$ref',
  '',
  '0',
  '-1',
  'x-api-posture-ignore',
  'x-internal',
  'x-api-classification',
  '~1',
  '/',
  '#',
  'a/b',
  'a~b',
];

export interface DocumentArbitraries {
  /** A whole document: OpenAPI 3.x, Swagger 2.0, or not a document at all. */
  document: fc.Arbitrary<unknown>;
}

/**
 * Documents shaped like OpenAPI: every field sometimes replaced by the wrong type, objects sometimes carrying
 * weird keys, and `$ref`s drawn from `refs` (internal, broken, circular, remote, escaping the workspace).
 */
export function documentArbitraries(refs: readonly string[]): DocumentArbitraries {
  const text = fc.oneof(
    { weight: 6, arbitrary: fc.string({ maxLength: 16 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((h) => h.length < 100)) },
  );
  // 10,000-character strings only where they are shown (titles, paths, names): documents have hundreds of
  // strings, and the renderer property has more of them.
  const long = fc.constantFrom(...HOSTILE_STRINGS.filter((h) => h.length >= 100));
  const scalar: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: text },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.array(text, { maxLength: 2 }) },
  );
  /** Usually `arb`, sometimes a value of the wrong type. */
  const weird = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    fc.oneof({ weight: 24, arbitrary: arb as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: scalar });
  /** Example, default and enum values: sometimes secrets and PII the sensitive-data checks look for. */
  const example = fc.oneof(
    { weight: 3, arbitrary: scalar },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '*',
        'true',
        '4111111111111111',
        '123-45-6789',
        'AKIAIOSFODNN7EXAMPLE',
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
        '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----',
        'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
        'jane.doe@example.com',
      ),
    },
  );
  const extras = fc.oneof(
    { weight: 5, arbitrary: fc.constant([] as [string, unknown][]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom(...WEIRD_KEYS), scalar), { maxLength: 2 }) },
  );
  const withExtras = (arb: fc.Arbitrary<Obj>): fc.Arbitrary<Obj> =>
    fc.tuple(arb, extras).map(([record, more]) => obj([...Object.entries(record), ...more]));
  const dict = <T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>, maxLength = 2): fc.Arbitrary<Obj> =>
    fc.array(fc.tuple(key, value), { maxLength }).map((entries) => obj(entries));
  const ref = fc.constantFrom(...refs).map((r) => ({ $ref: r }));
  const name = (...common: string[]) =>
    fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom(...common) },
      { weight: 10, arbitrary: text },
      { weight: 1, arbitrary: long },
    );
  const url = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'https://api.example.com/v1',
        'http://api.example.com',
        'http://localhost:8080',
        'http://127.0.0.1:1/x',
        'https://{region}.example.com/{version}',
        'https://dev.example.com',
        'https://staging-api.example.com',
        'http://[::1]/',
        '//api.example.com',
        'ftp://files.example.com',
        '/relative',
        '',
      ),
    },
    { weight: 1, arbitrary: text },
  );
  const propertyName = name(
    'id',
    'password',
    'ssn',
    'email',
    'token',
    'card_number',
    'cvv',
    'date_of_birth',
    'callback_url',
    'name',
    ...WEIRD_KEYS,
  );

  const { schema } = fc.letrec<{ schema: unknown }>((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      ref,
      withExtras(
        fc.record(
          {
            type: weird(fc.constantFrom('string', 'integer', 'number', 'boolean', 'array', 'object', 'null')),
            format: weird(fc.constantFrom('uri', 'url', 'email', 'password', 'date-time', 'uuid', 'int64')),
            maxLength: weird(fc.nat()),
            maximum: weird(fc.integer()),
            pattern: weird(text),
            enum: weird(fc.array(example, { maxLength: 3 })),
            const: example,
            example,
            default: example,
            nullable: fc.boolean(),
            readOnly: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
      ),
      withExtras(
        fc.record(
          {
            type: fc.constant('object'),
            properties: weird(dict(propertyName, tie('schema'))),
            required: weird(fc.array(propertyName, { maxLength: 2 })),
            additionalProperties: weird(fc.oneof(fc.boolean(), tie('schema'))),
          },
          { requiredKeys: ['type'] },
        ),
      ),
      fc.record({ type: fc.constant('array'), items: tie('schema'), maxItems: fc.option(fc.nat()) }),
      fc.record({
        allOf: fc.array(tie('schema'), { maxLength: 2 }),
        oneOf: fc.array(tie('schema'), { maxLength: 2 }),
      }),
    ),
  }));

  const parameter = fc.oneof(
    { weight: 1, arbitrary: ref },
    {
      weight: 4,
      arbitrary: withExtras(
        fc.record(
          {
            name: weird(
              name('id', 'petId', 'api_key', 'access_token', 'password', 'email', 'limit', 'X-API-Key'),
            ),
            in: weird(fc.constantFrom('query', 'header', 'path', 'cookie', 'body', 'formData')),
            required: weird(fc.boolean()),
            schema,
            example,
            deprecated: fc.boolean(),
          },
          { requiredKeys: ['name', 'in'] },
        ),
      ),
    },
  );
  const mediaType = name('application/json', 'application/xml', 'text/html', 'multipart/form-data', '*/*');
  const content = dict(mediaType, fc.record({ schema, example }, { requiredKeys: [] }), 2);
  const header = fc.oneof(ref, fc.record({ schema, example, description: text }, { requiredKeys: [] }));
  const headerName = name(
    'Access-Control-Allow-Origin',
    'Access-Control-Allow-Credentials',
    'Strict-Transport-Security',
    'X-RateLimit-Limit',
    'RateLimit-Remaining',
    'Retry-After',
    'Sunset',
    'Cache-Control',
    'X-Content-Type-Options',
  );
  const response = fc.oneof(
    { weight: 1, arbitrary: ref },
    {
      weight: 4,
      arbitrary: withExtras(
        fc.record(
          { description: weird(text), headers: weird(dict(headerName, header)), content: weird(content) },
          { requiredKeys: ['description'] },
        ),
      ),
    },
  );
  const status = name('200', '201', '204', '400', '401', '403', '404', '429', 'default', '2XX');
  const responses = dict(status, response);
  const schemeName = name('key', 'basic', 'oauth', 'oidc', 'undefinedScheme', ...WEIRD_KEYS);
  const security = fc.array(
    fc.oneof(fc.constant({}), dict(schemeName, weird(fc.array(text, { maxLength: 2 })), 2)),
    { maxLength: 2 },
  );
  const flow = fc.record(
    {
      authorizationUrl: weird(url),
      tokenUrl: weird(url),
      refreshUrl: weird(url),
      scopes: weird(dict(name('read', 'write', 'admin'), text)),
    },
    { requiredKeys: [] },
  );
  const scheme = fc.oneof(
    fc.record({
      type: fc.constant('apiKey'),
      in: weird(fc.constantFrom('query', 'header', 'cookie')),
      name: weird(name('api_key', 'X-API-Key', 'token')),
    }),
    fc.record({
      type: fc.constant('http'),
      scheme: weird(fc.constantFrom('basic', 'bearer', 'digest', 'Basic')),
    }),
    fc.record({
      type: fc.constant('oauth2'),
      flows: weird(
        dict(fc.constantFrom('implicit', 'password', 'authorizationCode', 'clientCredentials'), flow),
      ),
    }),
    fc.record({ type: fc.constant('openIdConnect'), openIdConnectUrl: weird(url) }),
    fc.record({ type: weird(text) }),
    ref,
  );
  const swaggerScheme = fc.oneof(
    fc.constant({ type: 'basic' }),
    fc.record({ type: fc.constant('apiKey'), in: weird(fc.constantFrom('query', 'header')), name: text }),
    fc.record(
      {
        type: fc.constant('oauth2'),
        flow: weird(fc.constantFrom('implicit', 'password', 'application', 'accessCode')),
        authorizationUrl: weird(url),
        tokenUrl: weird(url),
        scopes: weird(dict(text, text)),
      },
      { requiredKeys: ['type', 'flow'] },
    ),
  );
  const server = withExtras(
    fc.record(
      {
        url: weird(url),
        description: text,
        variables: weird(
          dict(text, fc.record({ default: weird(text), enum: weird(fc.array(text, { maxLength: 2 })) })),
        ),
      },
      { requiredKeys: ['url'] },
    ),
  );
  const ignore = fc.array(
    fc.record(
      {
        rule: weird(name('auth-no-security', 'authentication', 'inventory', 'rate-limiting')),
        reason: weird(text),
        expires: weird(fc.constantFrom('2000-01-01', '2999-12-31', 'not-a-date', '2026-02-30')),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 2 },
  );
  const operation = withExtras(
    fc.record(
      {
        summary: weird(text),
        description: weird(text),
        operationId: weird(text),
        tags: weird(fc.array(text, { maxLength: 2 })),
        deprecated: weird(fc.boolean()),
        parameters: weird(fc.array(parameter, { maxLength: 2 })),
        requestBody: fc.oneof(
          ref,
          fc.record({ required: weird(fc.boolean()), content: weird(content) }, { requiredKeys: [] }),
        ),
        responses: weird(responses),
        security: weird(security),
        servers: weird(fc.array(server, { maxLength: 2 })),
        'x-api-classification': weird(fc.constantFrom('external', 'internal', 'partner', 'shadow', 'bogus')),
        'x-internal': weird(fc.boolean()),
        'x-api-posture-ignore': weird(ignore),
      },
      { requiredKeys: ['responses'] },
    ),
  );
  const pathItem = fc.oneof(
    { weight: 1, arbitrary: ref },
    { weight: 1, arbitrary: scalar },
    {
      weight: 8,
      arbitrary: withExtras(
        fc
          .tuple(
            fc.array(
              fc.tuple(
                fc.constantFrom(
                  'get',
                  'put',
                  'post',
                  'delete',
                  'options',
                  'head',
                  'patch',
                  'trace',
                  'GET',
                  'query',
                ),
                weird(operation),
              ),
              { minLength: 1, maxLength: 3 },
            ),
            fc.record(
              {
                parameters: weird(fc.array(parameter, { maxLength: 2 })),
                servers: weird(fc.array(server, { maxLength: 1 })),
                summary: weird(text),
                'x-api-classification': weird(fc.constantFrom('internal', 'partner')),
              },
              { requiredKeys: [] },
            ),
          )
          .map(([operations, rest]) => obj([...operations, ...Object.entries(rest)])),
      ),
    },
  );
  const pathKey = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        '/pets',
        '/pets/{id}',
        '/pets/{petId}',
        '/users/{id}/orders/{orderId}',
        '/admin/users',
        '/actuator/health',
        '/{a}/{a}',
        '/{',
        '/}',
        '/',
        'pets',
        '/%2e%2e/x',
        '/a b',
      ),
    },
    { weight: 1, arbitrary: text.map((s) => `/${s}`) },
    { weight: 1, arbitrary: text },
    { weight: 1, arbitrary: long },
    { weight: 1, arbitrary: fc.constantFrom(...WEIRD_KEYS) },
  );
  const paths = dict(pathKey, pathItem, 3);
  const info = withExtras(
    fc.record(
      {
        title: weird(fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: long })),
        version: weird(fc.oneof(fc.constantFrom('1.0.0', '2'), text)),
        contact: weird(fc.record({ name: text, email: text }, { requiredKeys: [] })),
      },
      { requiredKeys: ['title', 'version'] },
    ),
  );
  const schemaName = name('Pet', 'Self', 'Loop1', 'Other', ...WEIRD_KEYS);
  const oas3 = withExtras(
    fc.record(
      {
        openapi: weird(fc.constantFrom('3.0.0', '3.0.3', '3.1.0', '3.1.1', '3.2.0', '4.0.0')),
        info: weird(info),
        servers: weird(fc.array(server, { maxLength: 2 })),
        paths: weird(paths),
        components: weird(
          fc.record(
            {
              schemas: weird(dict(schemaName, schema)),
              parameters: weird(dict(name('Id', 'Q', ...WEIRD_KEYS), parameter, 2)),
              responses: weird(dict(name('NotFound', 'RateLimited'), response, 2)),
              securitySchemes: weird(dict(schemeName, scheme)),
            },
            { requiredKeys: [] },
          ),
        ),
        security: weird(security),
        webhooks: weird(dict(text, pathItem, 1)),
        'x-api-posture-ignore': weird(ignore),
        'x-api-classification': weird(fc.constantFrom('external', 'internal', 'partner', 'deprecated')),
      },
      { requiredKeys: ['openapi', 'info', 'paths'] },
    ),
  );
  const swagger2 = withExtras(
    fc.record(
      {
        swagger: weird(fc.constant('2.0')),
        info: weird(info),
        host: weird(name('api.example.com', 'localhost:8080', 'dev.example.com')),
        basePath: weird(name('/v1', '/', 'v1')),
        schemes: weird(fc.array(fc.constantFrom('http', 'https', 'ws', 'wss'), { maxLength: 2 })),
        paths: weird(paths),
        definitions: weird(dict(schemaName, schema)),
        securityDefinitions: weird(dict(schemeName, swaggerScheme)),
        security: weird(security),
      },
      { requiredKeys: ['swagger', 'info', 'paths'] },
    ),
  );
  return {
    document: fc.oneof(
      { weight: 12, arbitrary: oas3 },
      { weight: 4, arbitrary: swagger2 },
      { weight: 1, arbitrary: scalar },
      { weight: 1, arbitrary: paths },
    ),
  };
}

/** Shared and self-referencing objects: YAML output turns them into anchors and aliases (`&a1 … *a1`). */
export function withCycles(doc: unknown): unknown {
  if (!isPlainObject(doc)) return doc;
  const cyclic: Obj = { type: 'object', properties: {} };
  (cyclic.properties as Obj).self = cyclic;
  (cyclic.properties as Obj).list = { type: 'array', items: cyclic };
  const item = {
    post: {
      requestBody: { content: { 'application/json': { schema: cyclic } } },
      responses: { '200': { description: 'ok', content: { 'application/json': { schema: cyclic } } } },
    },
  };
  const paths = isPlainObject(doc.paths) ? obj([...Object.entries(doc.paths), ['/cyclic', item]]) : doc.paths;
  return obj([...Object.entries(doc), ['paths', paths], ['x-cyclic', cyclic]]);
}

export type Serialization = 'json' | 'json-compact' | 'yaml' | 'yaml-flow' | 'yaml-tricks';

/**
 * Root-level YAML that no serializer writes: merge keys, tags, a duplicate key, a complex key, an alias bomb
 * (more aliases than the parse limit), a second document.
 */
const YAML_TRICKS = [
  'x-base: &base {a: 1, b: [1, 2]}\nx-merged: {<<: *base, c: 3}',
  'x-binary: !!binary aGVsbG8=\nx-date: 2001-12-14t21:59:43.10-05:00\nx-set: !!set {a, b}',
  'x-omap: !!omap [{a: 1}, {b: 2}]\nx-custom: !custom {x: 1}\nx-js: !!js/function "function(){}"',
  'openapi: 3.0.0',
  '? [complex, key]\n: value\n? {a: 1}\n: v',
  'x-anchor-key: &k name\n*k : aliased key',
  `x-bomb-0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 8 }, (_, i) => `x-bomb-${i + 1}: &b${i + 1} [${Array(9).fill(`*b${i}`).join(', ')}]`).join('\n')}`,
  '---\nopenapi: 3.0.0\ninfo: {title: second, version: "2"}\npaths: {}',
  '...\n',
  'x-tab:\t1',
  'x-long-alias: &l "x"\nx-use: [*l, *l, *l]\nx-undefined-alias: *nope',
];

export const yamlTricks: fc.Arbitrary<string[]> = fc.subarray(YAML_TRICKS, { minLength: 1, maxLength: 3 });

export function serialize(doc: unknown, how: Serialization, tricks: readonly string[] = []): string {
  switch (how) {
    case 'yaml-tricks': {
      const text = new Document(doc, { aliasDuplicateObjects: true }).toString();
      // Root-level lines only fit after a block mapping.
      return isPlainObject(doc) && Object.keys(doc).length > 0 ? `${text}${tricks.join('\n')}\n` : text;
    }
    case 'json':
      return JSON.stringify(doc, null, 2) ?? 'null';
    case 'json-compact':
      return JSON.stringify(doc) ?? 'null';
    case 'yaml':
      return new Document(doc, { aliasDuplicateObjects: true }).toString();
    case 'yaml-flow':
      return new Document(doc, { aliasDuplicateObjects: true }).toString({ collectionStyle: 'flow' });
  }
}

// --- Byte mutations ----------------------------------------------------------------------------------

export type Mutation =
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; bytes: Uint8Array }
  | { op: 'duplicate'; from: number; length: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'bom'; kind: 'utf8' | 'utf16le' | 'double' }
  | { op: 'crlf' }
  | { op: 'cr' };

const encoder = new TextEncoder();
const SNIPPETS = [
  '\u0000',
  '\u0000\u0000\u0000\u0000',
  ':',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  ',',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '!!js/function ',
  '\t',
  '#',
  '---\n',
  '...\n',
  '? ',
  '|\n',
  '>\n',
  '\r\n',
  '\r',
  '\n  ',
  '"$ref": "#/x"',
  '$ref: "#/components/schemas/Loop"\n',
  '"$ref": "http://127.0.0.1:1/x.yaml"',
  '$ref: ../../etc/passwd\n',
  '"__proto__": {"polluted": true}, ',
  '1e999',
  '-0',
  '0x1F',
  'null',
  '~',
  '\ufeff',
  '\u2028',
].map((s) => encoder.encode(s));
/** Bytes that are not UTF-8: stray continuations, overlong forms, surrogates, 5-byte leads. */
const INVALID_UTF8 = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc3],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
].map((b) => Uint8Array.from(b));

const bytesArb = fc.oneof(
  fc.constantFrom(...SNIPPETS),
  fc.constantFrom(...INVALID_UTF8),
  fc.uint8Array({ minLength: 1, maxLength: 16 }),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: bytesArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 200 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 16 }),
      bytes: bytesArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('duplicate' as const),
      from: fc.nat(),
      length: fc.integer({ min: 1, max: 2000 }),
      to: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('bom' as const),
      kind: fc.constantFrom('utf8', 'utf16le', 'double'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'cr' as const }) },
);

/** Applies one mutation; positions wrap around the current length. */
export function mutate(input: Buffer, m: Mutation): Buffer {
  const at = (n: number) => (input.length === 0 ? 0 : n % (input.length + 1));
  switch (m.op) {
    case 'insert': {
      const i = at(m.at);
      return Buffer.concat([input.subarray(0, i), m.bytes, input.subarray(i)]);
    }
    case 'delete': {
      const i = at(m.at);
      return Buffer.concat([input.subarray(0, i), input.subarray(i + m.length)]);
    }
    case 'replace': {
      const i = at(m.at);
      return Buffer.concat([input.subarray(0, i), m.bytes, input.subarray(i + m.length)]);
    }
    case 'duplicate': {
      const from = at(m.from);
      const slice = input.subarray(from, from + m.length);
      const to = at(m.to);
      return Buffer.concat([input.subarray(0, to), slice, input.subarray(to)]);
    }
    case 'truncate':
      return input.subarray(0, at(m.at));
    case 'bom': {
      const bom =
        m.kind === 'utf8'
          ? Buffer.from([0xef, 0xbb, 0xbf])
          : m.kind === 'utf16le'
            ? Buffer.from([0xff, 0xfe])
            : Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]);
      return Buffer.concat([bom, input]);
    }
    case 'crlf':
      return Buffer.from(input.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    case 'cr':
      return Buffer.from(input.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1');
  }
}

// --- What escaped means ------------------------------------------------------------------------------

/** Markup the renderers write themselves (never from a document). */
const OWN_TAGS = /<\/?(?:details|summary|sub|br)(?: open)?>/g;
/** The metrics table's own target cell (text, not a tag: `<` then a space). */
const OWN_TARGET = '| < 25 |';
const OWN_FOOTER_LINK = '[docs/rules](https://github.com/api-posture/api-posture/tree/main/docs/rules)';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text outside code, as CommonMark reads it: fenced blocks and code spans removed (a backtick string
 * closes only on one of the same length; a backslash-escaped backtick opens nothing).
 */
export function outsideCode(markdown: string): string {
  const text = markdown.replace(/^ *```[^\n]*\n[\s\S]*?\n *```$/gm, '');
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      out += c;
      i++;
      continue;
    }
    let run = 0;
    while (text[i + run] === '`') run++;
    const fence = '`'.repeat(run);
    let close = -1;
    for (let j = text.indexOf(fence, i + run); j !== -1; j = text.indexOf(fence, j + 1)) {
      let len = 0;
      while (text[j + len] === '`') len++;
      if (len === run && text[j - 1] !== '`') {
        close = j;
        break;
      }
      j += len - 1;
    }
    if (close === -1) {
      out += fence;
      i += run;
    } else {
      // A code span may not cross a blank line (a paragraph break); treat that as no span.
      const body = text.slice(i + run, close);
      if (/\n[ \t]*\n/.test(body)) {
        out += fence;
        i += run;
      } else {
        out += ' ';
        i = close + run;
      }
    }
  }
  return out;
}

export interface MarkdownContextLike {
  blobBase?: string;
  runUrl?: string;
}

/** What in a comment or summary is live Markdown/HTML that did not come from the renderer itself. */
export function markdownLeaks(markdown: string, ctx: MarkdownContextLike = {}): string[] {
  // GitHub splits table rows into cells before it parses inlines: a code span never crosses a cell.
  const blocks = markdown
    .replace(COMMENT_MARKER, ' ')
    .split(OWN_TARGET)
    .join('| under 25 |')
    .split('\n')
    .map((line) => (line.startsWith('|') ? splitCells(line).join('\n\n') : line))
    .join('\n');
  let text = outsideCode(blocks).replace(OWN_TAGS, ' ').split(OWN_FOOTER_LINK).join(' ');
  if (ctx.runUrl) text = text.split(`[job summary](${ctx.runUrl})`).join(' ');
  if (ctx.blobBase) {
    // Links to a line: the label was code spans (a `\|` between two when the name holds a backslash before
    // a pipe), the target a percent-encoded path.
    text = text.replace(
      new RegExp(`\\[(?: |\\\\\\|)*\\]\\(${escapeRegExp(ctx.blobBase)}/[A-Za-z0-9%._~!*'/-]*#L\\d+\\)`, 'g'),
      ' ',
    );
  }
  const leaks: string[] = [];
  const show = (index: number) => JSON.stringify(text.slice(Math.max(0, index - 40), index + 40));
  for (const [what, pattern] of [
    ['raw <', /</],
    ['@mention', /@[A-Za-z0-9]/],
    ['image', /!\[/],
    ['link', /\]\(/],
  ] as const) {
    const match = pattern.exec(text);
    if (match) leaks.push(`${what} at ${show(match.index)}`);
  }
  leaks.push(...tableLeaks(markdown));
  return leaks;
}

/** Pipes GitHub would split a table row on: not preceded by a backslash (cmark-gfm's `escaped_char`). */
function cells(row: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i++) if (row[i] === '|' && row[i - 1] !== '\\') n++;
  return n;
}

function splitCells(row: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '|' && row[i - 1] !== '\\') {
      out.push(row.slice(start, i));
      start = i + 1;
    }
  }
  out.push(row.slice(start));
  return out;
}

/** Every row of a table has as many cells as its header: no document string adds or ends a cell. */
function tableLeaks(markdown: string): string[] {
  const leaks: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^\|(?:---\|)+$/.test(lines[i + 1]!)) continue;
    const width = cells(lines[i]!);
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) {
      if (cells(lines[j]!) !== width)
        leaks.push(`table row ${j + 1} has ${cells(lines[j]!)} pipes, not ${width}`);
    }
  }
  return leaks;
}

/** Control characters in text output other than the newlines the renderer writes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
export const TEXT_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

export function textLeaks(text: string): string[] {
  const match = TEXT_CONTROL.exec(text);
  return match
    ? [
        `control character U+${match[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${JSON.stringify(text.slice(Math.max(0, match.index - 40), match.index + 40))}`,
      ]
    : [];
}

/** Lone surrogates become U+FFFD when a string is written as UTF-8. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
