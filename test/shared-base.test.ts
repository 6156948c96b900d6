// A base version takes the head's endpoints whose input did not change (src/normalize/unchanged.ts).
// It must be exact: every report equals the one from reading the base in full.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { type Analysis, runEngine, type SpecSource } from '../src/engine.js';
import { UnchangedInputs } from '../src/normalize/unchanged.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies } from '../src/policy/load.js';
import { buildReport } from '../src/report/json.js';
import { directorySample, githubSpecPaths, isCorpusInstalled } from './corpus/index.js';
import { memoryReader } from './helpers/inline.js';

const POLICIES = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml'] as string);
const TODAY = '2026-01-01';

function analyse(source: SpecSource, readBaseInFull: boolean): Analysis {
  return runEngine([source], {
    mode: 'diff',
    failOn: 'high',
    failOnScope: 'new',
    policies: POLICIES,
    today: TODAY,
    readBaseInFull,
  });
}

/**
 * The endpoints the base version took from the head, whether its root took parsed values from the head's
 * (src/load/json-reuse.ts), and whether both ways give the same report.
 */
function compare(source: SpecSource): {
  shared: number;
  reusedParse: boolean;
  same: boolean;
  fast: string;
  full: string;
} {
  const fastAnalysis = analyse(source, false);
  const fullAnalysis = analyse(source, true);
  const spec = fastAnalysis.specs[0];
  const rootOf = (loaded?: { path: string; files: { path: string; value: unknown }[] }) =>
    loaded?.files.find((f) => f.path === loaded.path)?.value as Record<string, unknown> | undefined;
  const baseRoot = rootOf(spec?.base);
  const headRoot = rootOf(spec?.head);
  const reusedParse = Object.keys(baseRoot ?? {}).some(
    (k) => typeof baseRoot?.[k] === 'object' && baseRoot?.[k] !== null && baseRoot?.[k] === headRoot?.[k],
  );
  const headEndpoints = new Set(spec?.head.model?.endpoints ?? []);
  const shared = (spec?.base.model?.endpoints ?? []).filter((e) => headEndpoints.has(e)).length;
  const fullHeadEndpoints = new Set(fullAnalysis.specs[0]?.head.model?.endpoints ?? []);
  const fullShared = (fullAnalysis.specs[0]?.base.model?.endpoints ?? []).filter((e) =>
    fullHeadEndpoints.has(e),
  ).length;
  expect(fullShared).toBe(0);
  const fast = JSON.stringify(buildReport(fastAnalysis));
  const full = JSON.stringify(buildReport(fullAnalysis));
  return { shared, reusedParse, same: fast === full, fast, full };
}

function inMemory(
  base: unknown,
  head: unknown,
  basePath = 'api/openapi.json',
  headPath = basePath,
): SpecSource {
  // The path's extension picks the format: the same documents as YAML go through the YAML parser.
  const text = (doc: unknown, path: string) =>
    path.endsWith('.yaml')
      ? stringifyYaml(doc, { aliasDuplicateObjects: false })
      : JSON.stringify(doc, null, 2);
  return {
    path: headPath,
    base: { reader: memoryReader({ [basePath]: text(base, basePath) }), path: basePath },
    head: { reader: memoryReader({ [headPath]: text(head, headPath) }), path: headPath },
  };
}

const SPEC = {
  openapi: '3.0.3',
  info: { title: 'Shop', version: '1.0.0', contact: { name: 'Team' } },
  servers: [{ url: 'https://api.example.com' }],
  security: [{ key: [] }],
  paths: {
    '/a': { get: { responses: { '200': { $ref: '#/components/responses/A' } } } },
    '/b': { get: { responses: { '200': { description: 'ok' } } } },
    '/c': {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Loop' } } } },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    responses: {
      A: {
        description: 'ok',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Outer' } } },
      },
    },
    schemas: {
      Outer: { type: 'object', properties: { inner: { $ref: '#/components/schemas/Inner' } } },
      Inner: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } },
      Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } },
    },
  },
};

function edited(change: (doc: typeof SPEC) => void): typeof SPEC {
  const doc = structuredClone(SPEC);
  change(doc);
  return doc;
}

describe('UnchangedInputs', () => {
  const unchanged = (head: typeof SPEC) => new UnchangedInputs(SPEC, head);

  it('takes an identical path item, and one whose document differs only in info, tags or another path', () => {
    const head = edited((d) => {
      d.info.version = '2.0.0';
      (d as Record<string, unknown>).tags = [{ name: 'new' }];
      d.paths['/b'].get.responses['200'].description = 'changed';
    });
    expect(['/a', '/b', '/c'].map((p) => unchanged(head).pathItem(p))).toEqual([true, false, true]);
  });

  it('follows refs transitively: a change two refs away makes the path item changed', () => {
    const head = edited((d) => {
      d.components.schemas.Inner.properties.name.maxLength = 1000;
    });
    expect(['/a', '/b', '/c'].map((p) => unchanged(head).pathItem(p))).toEqual([false, true, true]);
  });

  it('ends on a cycle and still sees a change inside it', () => {
    const head = edited((d) => {
      (d.components.schemas.Loop.properties as Record<string, unknown>).extra = { type: 'string' };
    });
    expect(unchanged(SPEC).pathItem('/c')).toBe(true);
    expect(unchanged(head).pathItem('/c')).toBe(false);
  });

  it('takes nothing when the context an endpoint reads changed (security, schemes, servers, root x- names)', () => {
    const contexts = [
      edited((d) => {
        d.security = [];
      }),
      edited((d) => {
        d.components.securitySchemes.key.in = 'query';
      }),
      edited((d) => {
        d.servers[0]!.url = 'http://api.example.com';
      }),
      edited((d) => {
        (d as Record<string, unknown>)['x-ratelimit-limit'] = 100;
      }),
    ];
    for (const head of contexts) expect(unchanged(head).pathItem('/b')).toBe(false);
  });

  it('does not follow a ref to another file, and treats a ref that does not resolve as changed', () => {
    const external = edited((d) => {
      d.paths['/b'].get.responses['200'] = { $ref: 'other.json#/x' } as never;
    });
    expect(new UnchangedInputs(external, external).pathItem('/b')).toBe(false);
    const dangling = edited((d) => {
      d.paths['/b'].get.responses['200'] = { $ref: '#/components/responses/Nope' } as never;
    });
    expect(new UnchangedInputs(dangling, dangling).pathItem('/b')).toBe(false);
  });
});

describe('a base version sharing endpoints with its head', () => {
  it.runIf(isCorpusInstalled())(
    'GitHub v22 -> v23: shares most unchanged endpoints and reports exactly what a full read reports',
    () => {
      const { v22, v23 } = githubSpecPaths();
      const read = (path: string) => readFileSync(path, 'utf8');
      const source: SpecSource = {
        path: 'api.github.com.json',
        base: {
          reader: memoryReader({ 'v22/api.github.com.json': read(v22) }),
          path: 'v22/api.github.com.json',
        },
        head: {
          reader: memoryReader({ 'v23/api.github.com.json': read(v23) }),
          path: 'v23/api.github.com.json',
        },
      };
      const { shared, same } = compare(source);
      expect(shared).toBeGreaterThan(500);
      expect(same).toBe(true);
    },
    120_000,
  );

  it('shares nothing when the head had a problem while reading its endpoints, and the reports still agree', () => {
    const head = edited((d) => {
      d.paths['/b'].get.responses['200'] = { $ref: '#/components/responses/Missing' } as never;
    });
    const result = compare(inMemory(SPEC, head));
    expect(result.shared).toBe(0);
    expect(result.same).toBe(true);
  });

  it('reports a secret in a shared example as existing when the two versions live in different folders', () => {
    const withSecret = edited((d) => {
      (d.components.schemas.Inner.properties.name as Record<string, unknown>).example =
        'AKIAIOSFODNN7EXAMPL1';
    });
    const head = edited((d) => {
      Object.assign(d, structuredClone(withSecret));
      d.paths['/b'].get.responses['200'].description = 'changed';
    });
    const source = inMemory(withSecret, head, 'old/openapi.json', 'new/openapi.json');
    const result = compare(source);
    expect(result.same).toBe(true);
    const report = JSON.parse(result.fast) as { specs: { findings: { ruleId: string; status: string }[] }[] };
    const secrets = report.specs[0]?.findings.filter((f) => f.ruleId === 'sensitive-example-value') ?? [];
    expect(secrets.map((f) => f.status)).toEqual(['existing']);
  });

  // Random edits of real documents, on either side: whatever changes, sharing must not change the report.
  const samples = directorySample().filter((e) =>
    [
      '2.0/json/petstore.json',
      'netlify.com.json',
      'azure.com/containerregistry.json',
      'listennotes.com.json',
    ].some((name) => e.path.endsWith(name)),
  );
  it.runIf(isCorpusInstalled() && samples.length === 4)(
    'random edits of real documents give the same report as a full read of the base',
    () => {
      let sharedSomewhere = 0;
      let reusedSomewhere = 0;
      for (const sample of samples) {
        const original = JSON.parse(readFileSync(sample.path, 'utf8')) as unknown;
        // Any value, or one of the few the whole document's endpoints read (root fields, security schemes).
        const all = nodesOf(original);
        const context = all.filter(
          (p) => p.length <= 2 || p[1] === 'securitySchemes' || p[0] === 'securityDefinitions',
        );
        const edit = fc.record({
          node: fc.oneof(fc.constantFrom(...all), fc.constantFrom(...context)),
          kind: fc.integer({ min: 0, max: EDITS.length - 1 }),
          side: fc.boolean(),
        });
        fc.assert(
          fc.property(
            fc.array(edit, { minLength: 1, maxLength: 3 }),
            fc.boolean(),
            fc.boolean(),
            fc.boolean(),
            (edits, apart, yaml, large) => {
              const base = structuredClone(original);
              const head = structuredClone(original);
              for (const e of edits) applyEdit(e.side ? head : base, e.node, e.kind, original);
              // Past 1 MiB a JSON base is parsed reusing the head's values where the texts agree.
              if (large && !yaml) {
                for (const doc of [base, head] as Record<string, unknown>[])
                  if (doc && typeof doc === 'object') doc['x-padding'] = { text: 'x'.repeat(1 << 20) };
              }
              // Two folders, as in `diff old/openapi.json new/openapi.json`, or one path, as in a PR; JSON or YAML.
              const ext = yaml ? 'yaml' : 'json';
              const result = compare(
                apart
                  ? inMemory(base, head, `old/spec.${ext}`, `new/spec.${ext}`)
                  : inMemory(base, head, `api/openapi.${ext}`),
              );
              if (result.shared > 0) sharedSomewhere++;
              if (result.reusedParse) reusedSomewhere++;
              expect(result.same).toBe(true);
            },
          ),
          { numRuns: 20, seed: 20261127 },
        );
      }
      expect(sharedSomewhere).toBeGreaterThan(40);
      expect(reusedSomewhere).toBeGreaterThan(10);
    },
    120_000,
  );
});

/** Paths (keys) to every value of a document. */
function nodesOf(doc: unknown): string[][] {
  const out: string[][] = [];
  const stack: [unknown, string[]][] = [[doc, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string[]];
    out.push(path);
    if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push([item, [...path, key]]);
    }
  }
  return out;
}

const EDITS: ((parent: Record<string, unknown>, key: string, doc: unknown) => void)[] = [
  (parent, key) => {
    parent[key] = 'http://insecure.example.com';
  },
  (parent, key) => {
    delete parent[key];
  },
  (parent, key) => {
    parent[key] = { type: 'string' };
  },
  (parent, key) => {
    parent[key] = 'AKIAIOSFODNN7EXAMPL1';
  },
  (parent, key) => {
    parent[key] = 7;
  },
  (parent, key, doc) => {
    // A ref to some schema of the document (or a dangling one).
    const schemas = (doc as { components?: { schemas?: object }; definitions?: object }).components?.schemas;
    const names = Object.keys(schemas ?? (doc as { definitions?: object }).definitions ?? {});
    const where = (doc as { swagger?: string }).swagger ? 'definitions' : 'components/schemas';
    parent[key] = { $ref: `#/${where}/${names[key.length % Math.max(1, names.length)] ?? 'Nope'}` };
  },
  (parent, key) => {
    parent[key] = { 'x-api-classification': 'internal', security: [], required: true };
  },
];

function applyEdit(doc: unknown, path: string[], kind: number, original: unknown): void {
  if (path.length === 0) return;
  let parent = doc as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = parent?.[key];
    if (next === null || typeof next !== 'object') return; // an earlier edit removed the way there
    parent = next as Record<string, unknown>;
  }
  const key = path[path.length - 1] as string;
  if (!Object.hasOwn(parent, key)) return;
  EDITS[kind]?.(parent, key, original);
}

describe('a base version that reads the head’s own file', () => {
  it('keeps its locations in that file (nothing is moved to its own root)', () => {
    // `diff base.json spec.json` where base.json refs into spec.json: a problem the base meets there is
    // in spec.json, not in base.json (found by the fuzz suite).
    const head = edited((d) => {
      (d.components.schemas as Record<string, unknown>).Bad = { $ref: '#/components/schemas/Nope' };
    });
    const base = edited((d) => {
      d.paths['/b'].get.responses['200'] = {
        description: 'ok',
        content: { 'application/json': { schema: { $ref: 'spec.json#/components/schemas/Bad' } } },
      } as never;
    });
    const files = { 'base.json': JSON.stringify(base, null, 2), 'spec.json': JSON.stringify(head, null, 2) };
    const source: SpecSource = {
      path: 'spec.json',
      base: { reader: memoryReader(files), path: 'base.json' },
      head: { reader: memoryReader(files), path: 'spec.json' },
    };
    const report = JSON.parse(compare(source).fast) as {
      specs: { findings: { ruleId: string; status: string; location: { file: string; line: number } }[] }[];
    };
    const fixed = report.specs[0]?.findings.filter((f) => f.ruleId === 'config-unresolved-ref') ?? [];
    expect(fixed.map((f) => [f.status, f.location.file])).toEqual([['fixed', 'spec.json']]);
    const line = (files['spec.json'].split('\n').findIndex((l) => l.includes('"Bad"')) ?? -1) + 1;
    expect(fixed[0]?.location.line).toBeGreaterThanOrEqual(line);
  });
});

describe('fingerprints do not depend on where the spec sits', () => {
  it('a broken ref in both versions, read from different folders, is existing rather than new and fixed', () => {
    const broken = edited((d) => {
      d.paths['/b'].get.responses['200'] = { $ref: '#/components/responses/Missing' } as never;
    });
    const report = JSON.parse(
      compare(inMemory(broken, broken, 'v1/openapi.json', 'v2/openapi.json')).fast,
    ) as {
      specs: { findings: { ruleId: string; status: string }[] }[];
    };
    const refs = report.specs[0]?.findings.filter((f) => f.ruleId === 'config-unresolved-ref') ?? [];
    expect(refs.map((f) => f.status)).toEqual(['existing']);
  });
});
