// Property tests over small generated OpenAPI 3.0 documents, loaded from memory.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { diffSpecs } from '../src/diff/index.js';
import type { SpecDiff } from '../src/diff/types.js';
import { diffInline, loadInline, outdent } from './helpers/inline.js';
import { atPointer, parseReport, rawEndpointIds, reverseKeys, runCli } from './helpers/openapi.js';

type Obj = Record<string, unknown>;

/** Runs per property; `PROPERTY_RUNS=5000 npx vitest run test/properties.test.ts` for a deeper search. */
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const TIMEOUT = Math.max(30_000, NUM_RUNS * 150);

// --- Generators ------------------------------------------------------------------------------------

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const LITERAL_SEGMENTS = ['users', 'orders', 'items', 'admin', 'v1'] as const;
const PATH_PARAM_NAMES = ['id', 'userId', 'orderId'] as const;

/** Alternative definitions of each security scheme: the variants differ in what a diff must notice. */
const SCHEME_VARIANTS: Record<string, Obj[]> = {
  api_key: [
    { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    { type: 'apiKey', in: 'query', name: 'api_key' },
  ],
  oauth: [
    {
      type: 'oauth2',
      flows: {
        authorizationCode: {
          authorizationUrl: 'https://auth.example.com/authorize',
          tokenUrl: 'https://auth.example.com/token',
          scopes: { read: 'read', write: 'write', admin: 'admin' },
        },
      },
    },
    {
      type: 'oauth2',
      flows: {
        implicit: {
          authorizationUrl: 'https://auth.example.com/authorize',
          scopes: { read: 'read', write: 'write', admin: 'admin' },
        },
      },
    },
  ],
  basic: [
    { type: 'http', scheme: 'basic' },
    { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
  ],
};
const SCHEME_NAMES = Object.keys(SCHEME_VARIANTS);

/** Server objects: two plain URLs and one with a variable (whose default the tool substitutes). */
const SERVERS: Obj[] = [
  { url: 'https://api.example.com' },
  { url: 'http://api.example.com' },
  { url: 'https://{region}.example.com', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } },
];

const serversArb = fc.uniqueArray(fc.nat(SERVERS.length - 1), { minLength: 1, maxLength: 2 });

const scalarSchemaArb: fc.Arbitrary<Obj> = fc.oneof(
  fc.record(
    {
      type: fc.constant('string'),
      maxLength: fc.integer({ min: 1, max: 64 }),
      minLength: fc.integer({ min: 0, max: 3 }),
      pattern: fc.constantFrom('^[a-z]+$', '^\\d+$'),
      format: fc.constantFrom('email', 'uuid', 'date'),
      enum: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
      nullable: fc.constant(true),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('integer'),
      minimum: fc.integer({ min: -5, max: 5 }),
      maximum: fc.integer({ min: 10, max: 20 }),
      format: fc.constantFrom('int32', 'int64'),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('array'),
      items: fc.record(
        { type: fc.constant('string'), maxLength: fc.integer({ min: 1, max: 8 }) },
        { requiredKeys: ['type'] },
      ),
      maxItems: fc.integer({ min: 1, max: 10 }),
      minItems: fc.integer({ min: 0, max: 2 }),
    },
    { requiredKeys: ['type', 'items'] },
  ),
  fc.record({ type: fc.constantFrom('boolean', 'number') }),
);

/** Named schemas under `components.schemas`, always both defined, that may refer to each other (and cycle). */
const NAMED_SCHEMAS = ['Pet', 'Owner'] as const;

const refArb: fc.Arbitrary<Obj> = fc
  .constantFrom(...NAMED_SCHEMAS)
  .map((name) => ({ $ref: `#/components/schemas/${name}` }));

const objectSchemaOf = (propertyArb: fc.Arbitrary<Obj>): fc.Arbitrary<Obj> =>
  fc
    .dictionary(fc.constantFrom('name', 'email', 'age', 'tags'), propertyArb, { maxKeys: 3 })
    .chain((properties) =>
      fc
        .record({ required: fc.subarray(Object.keys(properties)), closed: fc.boolean() })
        .map(({ required, closed }) => {
          const schema: Obj = { type: 'object', properties };
          if (required.length > 0) schema.required = required;
          if (closed) schema.additionalProperties = false;
          return schema;
        }),
    );

const propertySchemaArb: fc.Arbitrary<Obj> = fc.oneof(
  { weight: 4, arbitrary: scalarSchemaArb },
  { weight: 1, arbitrary: refArb },
  { weight: 1, arbitrary: refArb.map((items) => ({ type: 'array', items })) },
);

const objectSchemaArb: fc.Arbitrary<Obj> = objectSchemaOf(propertySchemaArb);

const namedSchemasArb: fc.Arbitrary<Obj> = fc.record(
  Object.fromEntries(NAMED_SCHEMAS.map((name) => [name, objectSchemaArb])) as Record<
    string,
    fc.Arbitrary<Obj>
  >,
);

const parameterArb: fc.Arbitrary<Obj> = fc.record(
  {
    name: fc.constantFrom('limit', 'q', 'X-Trace', 'session'),
    in: fc.constantFrom('query', 'header', 'cookie'),
    required: fc.boolean(),
    schema: scalarSchemaArb,
  },
  { requiredKeys: ['name', 'in', 'schema'] },
);

const contentArb = (schema: fc.Arbitrary<Obj>): fc.Arbitrary<Obj> =>
  fc
    .uniqueArray(fc.constantFrom('application/json', 'application/xml'), { minLength: 1, maxLength: 2 })
    .chain((types) => fc.tuple(...types.map((t) => schema.map((s) => [t, { schema: s }] as const))))
    .map((entries) => Object.fromEntries(entries));

const responseArb: fc.Arbitrary<Obj> = fc.record(
  {
    description: fc.constant('a response'),
    headers: fc
      .uniqueArray(fc.constantFrom('X-Rate-Limit', 'ETag'), { minLength: 1, maxLength: 2 })
      .chain((names) =>
        fc.tuple(...names.map((n) => scalarSchemaArb.map((s) => [n, { schema: s }] as const))),
      )
      .map((entries) => Object.fromEntries(entries)),
    content: contentArb(fc.oneof(objectSchemaArb, scalarSchemaArb, refArb)),
  },
  { requiredKeys: ['description'] },
);

const responsesArb: fc.Arbitrary<Obj> = fc
  .uniqueArray(fc.constantFrom('200', '201', '204', '400', '404', 'default'), { minLength: 1, maxLength: 3 })
  .chain((statuses) => fc.tuple(...statuses.map((s) => responseArb.map((r) => [s, r] as const))))
  .map((entries) => Object.fromEntries(entries));

/** One alternative of a `security` list: `{}` is anonymous access. */
const requirementArb: fc.Arbitrary<Obj> = fc.record(
  {
    api_key: fc.constant([]),
    oauth: fc.subarray(['read', 'write', 'admin']),
    basic: fc.constant([]),
  },
  { requiredKeys: [] },
);

const securityArb = fc.uniqueArray(requirementArb, {
  maxLength: 3,
  selector: (r) => canonicalRequirement(r),
});

/**
 * Keeps the first of the alternatives that name the same schemes (`[{oauth: [read]}, {oauth: [admin]}]`
 * → `[{oauth: [read]}]`). The diff matches alternatives by their scheme names, so it cannot tell such
 * alternatives apart: a known bug with its own tests below ("security alternatives naming the same schemes").
 * Without this the completeness property finds that bug (in about one run in a thousand) instead of others.
 */
function distinctSchemeSets(security: unknown): unknown {
  if (!Array.isArray(security)) return security;
  const seen = new Set<string>();
  return security.filter((requirement: Obj) => {
    const names = Object.keys(requirement).sort().join('+');
    if (seen.has(names)) return false;
    seen.add(names);
    return true;
  });
}

/** An operation without its path parameters (those depend on the path it is placed under). */
interface OperationSpec {
  operation: Obj;
  pathParamSchema: Obj;
}

const operationArb: fc.Arbitrary<OperationSpec> = fc.record({
  operation: fc.record(
    {
      parameters: fc.uniqueArray(parameterArb, {
        maxLength: 3,
        selector: (p) => `${String(p.in)}:${String(p.name).toLowerCase()}`,
      }),
      requestBody: fc.record(
        { required: fc.boolean(), content: contentArb(fc.oneof(objectSchemaArb, refArb)) },
        { requiredKeys: ['content'] },
      ),
      responses: responsesArb,
      security: securityArb,
      servers: serversArb.map((indexes) => indexes.map((i) => SERVERS[i]!)),
      deprecated: fc.boolean(),
    },
    { requiredKeys: ['responses'] },
  ),
  pathParamSchema: fc.oneof(
    fc.constant<Obj>({ type: 'string' }),
    fc.record({ type: fc.constant('string'), maxLength: fc.integer({ min: 1, max: 40 }) }),
    fc.constant<Obj>({ type: 'integer', format: 'int64' }),
  ),
});

/** A path template: literal segments and path parameters (numbered, named later). */
const templateArb = fc.array(fc.oneof(fc.constantFrom(...LITERAL_SEGMENTS), fc.constant(null)), {
  minLength: 1,
  maxLength: 3,
});

function spell(template: (string | null)[], names: string[]): string {
  const used = new Set<string>();
  let param = 0;
  const segments = template.map((segment) => {
    if (segment !== null) return segment;
    let name = names[param++] ?? 'p';
    for (let i = 2; used.has(name); i++) name = `${names[param - 1]}${i}`;
    used.add(name);
    return `{${name}}`;
  });
  return `/${segments.join('/')}`;
}

/** Where an endpoint appears in the two documents: absent, or one of two spellings and two operations. */
interface Slot {
  method: (typeof METHODS)[number];
  template: (string | null)[];
  spellings: [string, string];
  operations: [OperationSpec, OperationSpec];
  inA: { spelling: 0 | 1; operation: 0 | 1 } | null;
  inB: { spelling: 0 | 1; operation: 0 | 1 } | null;
}

const pickArb = fc.option(
  fc.record({
    spelling: fc.constantFrom(0 as const, 1 as const),
    operation: fc.constantFrom(0 as const, 1 as const),
  }),
  {
    nil: null,
    freq: 4,
  },
);

const slotArb: fc.Arbitrary<Slot> = templateArb.chain((template) => {
  const params = template.filter((s) => s === null).length;
  const namesArb = fc.array(fc.constantFrom(...PATH_PARAM_NAMES), { minLength: params, maxLength: params });
  return fc.record({
    method: fc.constantFrom(...METHODS),
    template: fc.constant(template),
    spellings: fc
      .tuple(namesArb, namesArb)
      .map(([a, b]) => [spell(template, a), spell(template, b)] as [string, string]),
    operations: fc
      .tuple(operationArb, operationArb, flipsArb)
      .map(
        ([x, y, flips]) => [x, mix(x, y, flipper(flips)) as OperationSpec] as [OperationSpec, OperationSpec],
      ),
    inA: pickArb,
    inB: pickArb,
  });
});

/** Document-level settings: root security, root servers and the definition of each scheme. */
interface Globals {
  security?: Obj[];
  servers?: number[];
  schemes: Record<string, number>;
  schemas: Obj;
}

const globalsArb: fc.Arbitrary<Globals> = fc.record(
  {
    security: securityArb,
    servers: serversArb,
    schemes: fc.record(Object.fromEntries(SCHEME_NAMES.map((n) => [n, fc.nat(1)]))),
    schemas: namedSchemasArb,
  },
  { requiredKeys: ['schemes', 'schemas'] },
);

/**
 * `x` with some of its nodes (each with probability ~1/10, as `flips` says) taken from `y`: a second
 * version of `x` with a few scattered differences, of the kinds `y`'s generator produces.
 */
function mix(x: unknown, y: unknown, flip: () => boolean): unknown {
  const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
  // Objects of different kinds (a `$ref` and a schema, a string and an array schema) are not blended.
  const sameKind = (o: Obj, p: Obj) => o.type === p.type && '$ref' in o === '$ref' in p;
  if (isObj(x) && isObj(y) && sameKind(x, y)) {
    const out: Obj = {};
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (key in x && key in y) out[key] = mix(x[key], y[key], flip);
      else if (key in x ? !flip() : flip()) out[key] = key in x ? x[key] : y[key];
    }
    return out;
  }
  if (Array.isArray(x) && Array.isArray(y) && x.length === y.length)
    return x.map((v, i) => mix(v, y[i], flip));
  return flip() ? y : x;
}

/** Digits that decide, one node after the other, whether `mix` takes `y`'s node (a 9) or keeps `x`'s. */
const flipsArb = fc.array(fc.nat(9), { minLength: 1, maxLength: 64 });

function flipper(digits: number[]): () => boolean {
  let i = 0;
  return () => digits[i++ % digits.length] === 9;
}

interface Pair {
  a: Obj;
  b: Obj;
}

function buildDocument(slots: Slot[], side: 'inA' | 'inB', globals: Globals): Obj {
  const paths: Record<string, Obj> = {};
  for (const slot of slots) {
    const pick = slot[side];
    if (!pick) continue;
    const path = slot.spellings[pick.spelling];
    const { operation, pathParamSchema } = slot.operations[pick.operation];
    const pathParams = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: pathParamSchema,
    }));
    // Mixed operations may repeat a parameter: keep the first of each (in, name), as a valid document would.
    const seen = new Set<string>();
    const parameters = [...pathParams, ...((operation.parameters as Obj[] | undefined) ?? [])].filter((p) => {
      const key = `${String(p.in)}:${p.in === 'header' ? String(p.name).toLowerCase() : String(p.name)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const op: Obj = { ...operation };
    if (parameters.length > 0) op.parameters = parameters;
    else delete op.parameters;
    if (op.security !== undefined) op.security = distinctSchemeSets(op.security);
    paths[path] ??= {};
    paths[path]![slot.method] = op;
  }
  const doc: Obj = { openapi: '3.0.3', info: { title: 'generated', version: '1.0.0' } };
  if (globals.servers) doc.servers = globals.servers.map((i) => SERVERS[i]!);
  if (globals.security) doc.security = distinctSchemeSets(globals.security);
  doc.paths = paths;
  doc.components = {
    schemas: globals.schemas,
    securitySchemes: Object.fromEntries(
      SCHEME_NAMES.map((n) => [n, SCHEME_VARIANTS[n]![globals.schemes[n] ?? 0]]),
    ),
  };
  return structuredClone(doc);
}

/** Two versions of one API: endpoints added, removed, kept as is, re-spelled or changed. */
const pairArb: fc.Arbitrary<Pair> = fc
  .record({
    slots: fc.uniqueArray(slotArb, {
      maxLength: 4,
      selector: (s) => `${s.method} ${s.template.map((x) => x ?? '{}').join('/')}`,
    }),
    globals: fc.tuple(globalsArb, globalsArb, flipsArb),
  })
  .map(({ slots, globals: [ga, gb, flips] }) => ({
    a: buildDocument(slots, 'inA', ga),
    b: buildDocument(slots, 'inB', mix(ga, gb, flipper(flips)) as Globals),
  }));

const documentArb: fc.Arbitrary<Obj> = pairArb.map((p) => p.a);

// --- Independent oracle ------------------------------------------------------------------------------

/** JSON with object keys sorted, for comparing structures regardless of key order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Obj)[k]]),
        )
      : v,
  );
}

function canonicalRequirement(requirement: Obj): string {
  return sortedJson(
    Object.keys(requirement)
      .sort()
      .map((name) => [name, [...((requirement[name] as string[] | undefined) ?? [])].sort()]),
  );
}

/**
 * A schema with `$ref`s to `components.schemas` unfolded (to a fixed depth, enough for the two small named
 * schemas to be seen in full however they cycle) and its set-valued keywords (`required`, `enum`) sorted.
 */
function canonicalSchema(schema: unknown, doc: Obj, depth = 0): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  if (depth > 12) return '…';
  const ref = (schema as Obj).$ref;
  if (typeof ref === 'string') {
    const named = ((doc.components as Obj).schemas as Obj)[ref.replace('#/components/schemas/', '')];
    return canonicalSchema(named, doc, depth + 1);
  }
  const out: Obj = {};
  for (const [key, value] of Object.entries(schema as Obj)) {
    if ((key === 'required' || key === 'enum') && Array.isArray(value)) {
      out[key] = [...new Set(value.map((v) => JSON.stringify(v)))].sort();
    } else if (key === 'properties' && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Obj).map(([k, v]) => [k, canonicalSchema(v, doc, depth + 1)]),
      );
    } else if (key === 'items') {
      out[key] = canonicalSchema(value, doc, depth + 1);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function canonicalContent(content: unknown, doc: Obj): unknown {
  const entries = Object.entries((content as Obj | undefined) ?? {});
  return Object.fromEntries(
    entries.map(([type, media]) => [type.toLowerCase(), canonicalSchema((media as Obj).schema, doc)]),
  );
}

/**
 * Everything about one endpoint that the diff claims to compare (security and the schemes it names,
 * servers, parameters, request body, responses, deprecation), with sets as sets: two endpoints with the
 * same canonical form must diff as unchanged, and with different ones as modified.
 */
function canonicalEndpoint(doc: Obj, path: string, method: string): string {
  const op = (doc.paths as Record<string, Obj>)[path]![method] as Obj;
  const schemes = ((doc.components as Obj).securitySchemes as Record<string, unknown>) ?? {};
  const security = ((op.security ?? doc.security ?? []) as Obj[]).map((requirement) =>
    Object.keys(requirement)
      .sort()
      .map((name) => [name, [...((requirement[name] as string[]) ?? [])].sort(), sortedJson(schemes[name])]),
  );
  const opServers = op.servers as Obj[] | undefined;
  const servers = ((opServers && opServers.length > 0 ? opServers : doc.servers) as Obj[] | undefined) ?? [];
  const serverUrls = [...new Set(servers.map(serverUrl))].sort();
  const pathParams = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const parameters = ((op.parameters as Obj[] | undefined) ?? [])
    .map((p) =>
      p.in === 'path'
        ? ['path', pathParams.indexOf(String(p.name)), p.name, canonicalSchema(p.schema, doc)]
        : [
            p.in,
            p.in === 'header' ? String(p.name).toLowerCase() : p.name,
            p.required === true,
            canonicalSchema(p.schema, doc),
          ],
    )
    .map((p) => JSON.stringify(p))
    .sort();
  const body = op.requestBody as Obj | undefined;
  const responses = Object.entries((op.responses as Obj) ?? {})
    .map(([status, r]) => {
      const response = r as Obj;
      const headers = Object.entries((response.headers as Obj | undefined) ?? {})
        .map(([name, h]) => [name.toLowerCase(), canonicalSchema((h as Obj).schema, doc)])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
      return [status.toUpperCase(), headers, canonicalContent(response.content, doc)];
    })
    .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
  // `security: [{}]` (anonymous access only) protects exactly as much as no security at all.
  const anonymousOnly = security.every((r) => r.length === 0);
  return sortedJson({
    security: anonymousOnly ? [] : [...new Set(security.map((r) => JSON.stringify(r)))].sort(),
    servers: serverUrls,
    parameters,
    body: body ? { required: body.required === true, content: canonicalContent(body.content, doc) } : null,
    responses,
    deprecated: op.deprecated === true,
  });
}

/** A server's URL with its variables replaced by their defaults. */
function serverUrl(server: Obj): string {
  const variables = (server.variables as Record<string, Obj> | undefined) ?? {};
  return String(server.url).replace(/\{([^}]*)\}/g, (whole, name: string) =>
    typeof variables[name]?.default === 'string' ? String(variables[name].default) : whole,
  );
}

/** Endpoint id → (path as written, method), computed from the raw document. */
function rawEndpoints(doc: Obj): Map<string, { path: string; method: string }> {
  const out = new Map<string, { path: string; method: string }>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Obj>)) {
    for (const method of Object.keys(item))
      out.set(`${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`, { path, method });
  }
  return out;
}

// --- Helpers -----------------------------------------------------------------------------------------

function ids(diff: SpecDiff, change: 'added' | 'removed' | 'modified' | 'unchanged'): string[] {
  return diff.endpoints
    .filter((e) => e.change === change)
    .map((e) => e.id)
    .sort();
}

function describeDiff(diff: SpecDiff): string[] {
  return diff.endpoints
    .filter((e) => e.change !== 'unchanged')
    .map((e) => `${e.change} ${e.id}: ${e.changes.map((c) => c.message).join('; ')}`);
}

const yaml = (doc: unknown) => toYaml(doc);

/** Diffs two documents given as JSON text (parsing JSON is much faster than YAML; YAML has its own property). */
const diffJson = (base: unknown, head: unknown) =>
  diffInline(JSON.stringify(base), JSON.stringify(head), 'openapi.json');

// --- Properties --------------------------------------------------------------------------------------

describe('generated OpenAPI 3.0 documents', () => {
  it(
    'load without problems, with one endpoint per generated operation',
    () => {
      fc.assert(
        fc.property(documentArb, (doc) => {
          const loaded = loadInline(JSON.stringify(doc), 'openapi.json');
          expect(loaded.problems).toEqual([]);
          expect(loaded.model).toBeDefined();
          expect(new Set(loaded.model!.endpoints.map((e) => e.id))).toEqual(rawEndpointIds(doc));
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'diff(a, a) has no changes and no added or removed endpoints',
    () => {
      fc.assert(
        fc.property(documentArb, (doc) => {
          const text = yaml(doc);
          const diff = diffInline(text, text);
          expect(describeDiff(diff)).toEqual([]);
          expect(diff.endpoints.every((e) => e.change === 'unchanged' && e.changes.length === 0)).toBe(true);
          expect(diff.status).toBe('unchanged');
          expect(ids(diff, 'unchanged')).toEqual([...rawEndpointIds(doc)].sort());
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'diff(a, a with every key order reversed) has no changes',
    () => {
      fc.assert(
        fc.property(documentArb, (doc) => {
          const diff = diffJson(doc, reverseKeys(doc));
          expect(describeDiff(diff)).toEqual([]);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'diff(a, b) reports as added and removed exactly the ids only in b and only in a',
    () => {
      fc.assert(
        fc.property(pairArb, ({ a, b }) => {
          const diff = diffJson(a, b);
          const inA = rawEndpointIds(a);
          const inB = rawEndpointIds(b);
          expect(ids(diff, 'added')).toEqual([...inB].filter((id) => !inA.has(id)).sort());
          expect(ids(diff, 'removed')).toEqual([...inA].filter((id) => !inB.has(id)).sort());
          for (const e of diff.endpoints) {
            if (e.change === 'modified') expect(e.changes.length).toBeGreaterThan(0);
            else expect(e.changes).toEqual([]);
            // Changes point at a node of the head version (the nearest one for removals).
            for (const c of e.changes) {
              const where = `${e.id}: ${c.message} at ${c.location.pointer}`;
              expect(c.message.trim()).not.toBe('');
              expect(c.location.file).toBe('openapi.json');
              expect(atPointer(b, c.location.pointer).found, where).toBe(true);
            }
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'swapping the arguments swaps added and removed and keeps the modified set',
    () => {
      fc.assert(
        fc.property(pairArb, ({ a, b }) => {
          const forward = diffJson(a, b);
          const backward = diffJson(b, a);
          expect(ids(forward, 'added')).toEqual(ids(backward, 'removed'));
          expect(ids(forward, 'removed')).toEqual(ids(backward, 'added'));
          expect(ids(forward, 'modified')).toEqual(ids(backward, 'modified'));
          expect(ids(forward, 'unchanged')).toEqual(ids(backward, 'unchanged'));
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'an endpoint in both versions is modified exactly when what the diff compares differs',
    () => {
      fc.assert(
        fc.property(pairArb, ({ a, b }) => {
          const diff = diffJson(a, b);
          const rawA = rawEndpoints(a);
          const rawB = rawEndpoints(b);
          for (const e of diff.endpoints) {
            const ea = rawA.get(e.id);
            const eb = rawB.get(e.id);
            if (!ea || !eb) continue;
            const differs =
              canonicalEndpoint(a, ea.path, ea.method) !== canonicalEndpoint(b, eb.path, eb.method);
            expect(e.change, `${e.id}: ${e.changes.map((c) => c.message).join('; ')}`).toBe(
              differs ? 'modified' : 'unchanged',
            );
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'the same document as JSON and as YAML loads to the same endpoints, which diff as unchanged',
    () => {
      fc.assert(
        fc.property(documentArb, (doc) => {
          const fromJson = loadInline(JSON.stringify(doc, null, 2), 'openapi.json');
          const fromYaml = loadInline(yaml(doc), 'openapi.yaml');
          expect(fromJson.problems).toEqual([]);
          expect(fromYaml.problems).toEqual([]);
          expect(fromJson.files[0]?.format).toBe('json');
          expect(fromYaml.files[0]?.format).toBe('yaml');
          expect(fromJson.model!.endpoints.map((e) => e.id)).toEqual(
            fromYaml.model!.endpoints.map((e) => e.id),
          );
          expect(describeDiff(diffSpecs('openapi', fromJson.model, fromYaml.model))).toEqual([]);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );
});

// --- Known bugs the properties found ---------------------------------------------------------------

describe('security alternatives naming the same schemes', () => {
  const withSecurity = (security: string) =>
    outdent(`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      components:
        securitySchemes:
          oauth:
            type: oauth2
            flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: r, admin: a } } }
      paths:
        /a:
          get:
            security: ${security}
            responses: { '200': { description: ok } }
    `);
  const only = (diff: SpecDiff) => {
    expect(diff.endpoints).toHaveLength(1);
    return diff.endpoints[0]!;
  };

  // Fixed: alternatives used to be keyed by their scheme names only, so one with the same schemes hid another.
  it('reports dropping the alternative `oauth (read)` of `oauth (read)` or `oauth (admin)`', () => {
    const endpoint = only(
      diffInline(
        withSecurity('[{ oauth: [read] }, { oauth: [admin] }]'),
        withSecurity('[{ oauth: [admin] }]'),
      ),
    );
    expect(endpoint.change).toBe('modified');
    expect(endpoint.changes.map((c) => c.kind)).toContain('security-strengthened');
  });

  it('reports adding the alternative `oauth (read)` to `oauth (admin)`', () => {
    const endpoint = only(
      diffInline(
        withSecurity('[{ oauth: [admin] }]'),
        withSecurity('[{ oauth: [read] }, { oauth: [admin] }]'),
      ),
    );
    expect(endpoint.change).toBe('modified');
    expect(endpoint.changes.map((c) => c.kind)).toContain('security-weakened');
  });

  // Fixed, same cause: listing the same alternatives in another order was a weakening and a strengthening.
  it('reports nothing when the same alternatives are listed in another order', () => {
    const endpoint = only(
      diffInline(
        withSecurity('[{ oauth: [read] }, { oauth: [admin] }]'),
        withSecurity('[{ oauth: [admin] }, { oauth: [read] }]'),
      ),
    );
    expect(endpoint.changes.map((c) => c.message)).toEqual([]);
    expect(endpoint.change).toBe('unchanged');
  });
});

describe('paths that differ only in parameter names (src/normalize/index.ts readEndpoints)', () => {
  // Such paths are invalid (the loader reports that they match the same requests). Which of them gets the
  // id `GET /a/{}` used to depend on their order under `paths`, so merely reordering the keys showed up as
  // a rename, an added and a removed endpoint. The smallest path now keeps the shared id.
  const operation = (param: string, maxLength: number) => ({
    get: {
      parameters: [{ name: param, in: 'path', required: true, schema: { type: 'string', maxLength } }],
      responses: { '200': { description: 'ok' } },
    },
  });
  const doc = (paths: Obj) => JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths });

  it('diff(a, a with the two paths in the other order) has no changes', () => {
    const diff = diffInline(
      doc({ '/a/{x}': operation('x', 5), '/a/{y}': operation('y', 10) }),
      doc({ '/a/{y}': operation('y', 10), '/a/{x}': operation('x', 5) }),
      'openapi.json',
    );
    expect(describeDiff(diff)).toEqual([]);
    expect(diff.endpoints.map((e) => e.id).sort()).toEqual(['GET /a/{y}', 'GET /a/{}']);
  });

  it('reports the other path, whichever order they come in', () => {
    for (const paths of [
      { '/a/{x}': operation('x', 5), '/a/{y}': operation('y', 10) },
      { '/a/{y}': operation('y', 10), '/a/{x}': operation('x', 5) },
    ]) {
      const spec = loadInline(doc(paths), 'openapi.json');
      expect(spec.problems.map((p) => [p.loc.pointer, p.message])).toEqual([
        ['/paths/~1a~1{y}/get', '`GET /a/{y}` matches the same requests as another path (GET /a/{})'],
      ]);
    }
  });
});

// --- Hostile variations: never throw -----------------------------------------------------------------

const HOSTILE_VALUES: unknown[] = [
  null,
  [],
  {},
  'text',
  42,
  true,
  { $ref: '#/components/schemas/Missing' },
  { $ref: '#' },
  { $ref: '#/paths' },
  { $ref: '#/components' },
  { $ref: 'other.yaml#/x' },
  { $ref: 'https://example.com/schema.json' },
  { $ref: '../../etc/passwd' },
  { $ref: 42 },
  { type: ['string', 'null'], exclusiveMinimum: 3, const: 'x' },
  { allOf: [{ $ref: '#' }], oneOf: 'x', anyOf: [null] },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}, "hasOwnProperty": 1}'),
];

const replacementArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_VALUES),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every (container, key) in a JSON value, depth-first. */
function slotsOf(
  value: unknown,
  out: [Obj | unknown[], string | number][] = [],
): [Obj | unknown[], string | number][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      slotsOf(v, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Obj, k]);
      slotsOf(v, out);
    }
  }
  return out;
}

function corrupt(doc: Obj, edits: [number, unknown][]): Obj {
  const copy = structuredClone(doc);
  for (const [index, replacement] of edits) {
    const slots = slotsOf(copy);
    if (slots.length === 0) break;
    const [container, key] = slots[index % slots.length]!;
    (container as Record<string | number, unknown>)[key] = structuredClone(replacement);
  }
  return copy;
}

const hostilePairArb = fc
  .tuple(pairArb, fc.array(fc.tuple(fc.nat(), replacementArb), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([{ a, b }, edits, corruptBase]) =>
    corruptBase ? { a: corrupt(a, edits), b } : { a, b: corrupt(b, edits) },
  );

describe('documents with arbitrary nodes replaced by junk or broken references', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'api-posture-hostile-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'diff(a, b) never throws, and the CLI reports on them without an internal error',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostilePairArb, async ({ a, b }) => {
          for (const [base, head] of [
            [a, b],
            [b, a],
          ] as const) {
            const diff = diffSpecs(
              'openapi.yaml',
              loadInline(yaml(base)).model,
              loadInline(JSON.stringify(head)).model,
            );
            expect(Array.isArray(diff.endpoints)).toBe(true);
          }
          writeFileSync(join(dir, 'base.yaml'), yaml(a));
          writeFileSync(join(dir, 'head.json'), JSON.stringify(b));
          for (const format of ['json', 'text']) {
            const result = await runCli(['diff', 'base.yaml', 'head.json', '--format', format], dir);
            expect(result.stderr).toBe('');
            expect([0, 1]).toContain(result.code);
            if (format === 'json') {
              const report = parseReport(result.stdout);
              for (const error of report.errors) expect(error.line).toBeGreaterThanOrEqual(1);
              for (const e of report.specs.flatMap((spec) => spec.endpoints)) {
                expect(e.location.line).toBeGreaterThanOrEqual(1);
                for (const c of e.changes) expect(c.location.line).toBeGreaterThanOrEqual(1);
              }
            }
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );
});
