// Resource limits on hostile documents: each is a finding with a location, never a crash or a hang.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { runEngine } from '../src/engine.js';
import type { Finding } from '../src/findings.js';
import { memoryReader } from './helpers/inline.js';

function findings(files: Record<string, string>, configText = '', root = 'openapi.yaml') {
  const config = configText ? loadConfig('.github/api-posture.yml', configText) : undefined;
  const analysis = runEngine([{ path: root, head: { reader: memoryReader(files), path: root } }], {
    mode: 'scan',
    ...(config ? { config } : {}),
    failOn: 'high',
    failOnScope: 'all',
    today: '2026-11-27',
  });
  return { analysis, findings: analysis.specs[0]!.findings, model: analysis.specs[0]!.head.model };
}

const ops = (n: number) =>
  `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n${Array.from({ length: n }, (_, i) => `  /r${i}:\n    get:\n      summary: s\n      responses: { '200': { description: ok } }\n`).join('')}`;

const byRule = (list: Finding[], rule: string) => list.filter((f) => f.ruleId === rule);

describe('limits', () => {
  it('a file above limits.maxFileBytes is not parsed and is reported, and it blocks at high', () => {
    const {
      findings: list,
      model,
      analysis,
    } = findings({ 'openapi.yaml': ops(50) }, 'limits: { maxFileBytes: 1000 }\n');
    expect(model).toBeUndefined();
    const [finding] = byRule(list, 'config-unparsable');
    expect(finding?.message).toMatch(
      /openapi\.yaml: not analysed: \d+\.\d KiB is above the 1000 bytes limit \(limits\.maxFileBytes\)/,
    );
    expect(finding?.severity).toBe('high');
    expect(analysis.gate.blocked).toBe(true);
  });

  it('only the first limits.maxEndpoints operations are analysed, and the rest is reported', () => {
    const { findings: list, model } = findings({ 'openapi.yaml': ops(10) }, 'limits: { maxEndpoints: 4 }\n');
    expect(model?.endpoints).toHaveLength(4);
    expect(byRule(list, 'config-invalid').map((f) => f.message)).toEqual([
      'openapi.yaml: only the first 4 operations were analysed (limits.maxEndpoints)',
    ]);
  });

  it('a description spanning more than limits.maxFiles files stops following $refs', () => {
    const files: Record<string, string> = {
      'openapi.yaml': `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n${[1, 2, 3, 4].map((i) => `  /r${i}:\n    $ref: 'p${i}.yaml'\n`).join('')}`,
    };
    for (const i of [1, 2, 3, 4])
      files[`p${i}.yaml`] = `get:\n  summary: s\n  responses: { '200': { description: ok } }\n`;
    const { findings: list, model } = findings(files, 'limits: { maxFiles: 3 }\n');
    expect(model?.endpoints.map((e) => e.id)).toEqual(['GET /r1', 'GET /r2']);
    expect(byRule(list, 'config-unparsable').map((f) => f.message)).toEqual([
      'p3.yaml: not read: the description already spans 3 files (limits.maxFiles)',
      'p4.yaml: not read: the description already spans 3 files (limits.maxFiles)',
    ]);
  });

  it('a YAML alias bomb (billion laughs) stops at the alias limit', () => {
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lol.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const { findings: list, model } = findings({
      'openapi.yaml': `openapi: 3.0.3\ninfo: { title: t, version: '1' }\nx-bomb:\n  ${lol.join('\n  ')}\npaths: {}\n`,
    });
    expect(model).toBeUndefined();
    expect(byRule(list, 'config-unparsable')[0]?.message).toMatch(/invalid YAML: .*alias/i);
  });

  it('very deep nesting is a parse problem or a bounded schema, never a stack overflow', () => {
    const depth = 100_000;
    const json = `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x-deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const { findings: list } = findings({ 'openapi.json': json }, '', 'openapi.json');
    expect(list.every((f) => f.loc.file === 'openapi.json')).toBe(true);
    // A schema nested deeper than the reader's bound is cut there and reported.
    let schema = '{ type: string }';
    for (let i = 0; i < 400; i++) schema = `{ type: object, properties: { p: ${schema} } }`;
    const deep = `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    post:\n      summary: s\n      requestBody:\n        content:\n          application/json:\n            schema: ${schema}\n      responses: { '200': { description: ok } }\n`;
    const result = findings({ 'openapi.yaml': deep });
    expect(result.model?.endpoints).toHaveLength(1);
    expect(
      byRule(result.findings, 'config-invalid').some((f) =>
        /nesting is deeper than 256 levels/.test(f.message),
      ),
    ).toBe(true);
  });

  it('circular $refs are reported and the rest is analysed', () => {
    const doc = `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    $ref: '#/x-a'\n  /b:\n    get:\n      summary: s\n      responses: { '200': { description: ok } }\nx-a:\n  $ref: '#/x-b'\nx-b:\n  $ref: '#/x-a'\n`;
    const { findings: list, model } = findings({ 'openapi.yaml': doc });
    expect(model?.endpoints.map((e) => e.id)).toEqual(['GET /b']);
    expect(byRule(list, 'config-unresolved-ref')[0]?.message).toMatch(/circular/);
  });

  it('limits in the config are validated like everything else', () => {
    expect(() => loadConfig('c.yml', 'limits: { maxFileBytes: -1 }\n')).toThrow(
      /c\.yml:1:\d+: limits\.maxFileBytes/,
    );
    expect(() => loadConfig('c.yml', 'limits: { maxFilez: 3 }\n')).toThrow(/unknown key "maxFilez"/);
  });
});

// A list in a document can be longer than a call takes arguments (V8 throws past about 125,000), and two
// lists compared item by item against each other take minutes at this size. Each case here once crashed
// with "Maximum call stack size exceeded" or ran for minutes.
describe('lists of 200,000 items', () => {
  const N = 200_000;
  const KEY = 'AKIAZXCVBNMQWERTYUIO'; // a real-looking AWS access key id
  const doc = (operation: object, extra: object = {}) =>
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a/{id}': { post: { ...operation, responses: { 200: { description: 'ok' } } } } },
      ...extra,
    });
  const media = (content: object) => ({ requestBody: { content: { 'application/json': content } } });
  const scan = (text: string) => findings({ 'openapi.json': text }, '', 'openapi.json');
  const diff = (base: string, head: string) =>
    runEngine(
      [
        {
          path: 'openapi.json',
          base: { reader: memoryReader({ 'openapi.json': base }), path: 'openapi.json' },
          head: { reader: memoryReader({ 'openapi.json': head }), path: 'openapi.json' },
        },
      ],
      { mode: 'diff', failOn: 'critical', failOnScope: 'new', today: '2026-11-27' },
    ).specs[0]!;
  const secrets = (list: Finding[]) => byRule(list, 'sensitive-example-value');
  const many = <T>(f: (i: number) => T): T[] => Array.from({ length: N }, (_, i) => f(i));

  it('an examples map, an examples list and an example that is a list are read to the end', () => {
    const map = Object.fromEntries(many((i) => [`e${i}`, { value: i === N - 1 ? KEY : `v${i}` }] as const));
    expect(secrets(scan(doc(media({ schema: { type: 'string' }, examples: map }))).findings)).toHaveLength(1);
    const list = many((i) => (i === N - 1 ? KEY : `v${i}`));
    expect(secrets(scan(doc(media({ schema: { type: 'string', examples: list } }))).findings)).toHaveLength(
      1,
    );
    expect(secrets(scan(doc(media({ schema: { type: 'array' }, example: list }))).findings)).toHaveLength(1);
  });

  it('security alternatives that change their scopes are compared by index, not pairwise', () => {
    const schemes = {
      k: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a/t', scopes: {} } } },
    };
    const version = (scope: string) =>
      doc({ security: many((i) => ({ k: [`${scope}${i}`] })) }, { components: { securitySchemes: schemes } });
    const { diff: result } = diff(version('read'), version('write'));
    const kinds = result.endpoints[0]!.changes.map((c) => c.kind);
    expect(kinds.filter((k) => k === 'security-weakened')).toHaveLength(N);
    expect(kinds.filter((k) => k === 'security-strengthened')).toHaveLength(N);
  });

  it('required properties that change are matched by name, not pairwise', () => {
    const body = (prefix: string) =>
      media({ schema: { type: 'object', required: many((i) => `${prefix}${i}`) } });
    const changes = diff(doc(body('a')), doc(body('b'))).diff.endpoints[0]!.changes;
    // The message names the first ten: it stays readable.
    expect(changes.some((c) => /now requires `b0`, .*`b9` and 199990 more$/.test(c.message))).toBe(true);
    // Dropped names replaced by others read as one change (a replacement, not a loosening).
    expect(
      changes.some((c) =>
        /no longer requires `a0`, .* and 199990 more: requires `b0`, .* instead$/.test(c.message),
      ),
    ).toBe(true);
  });

  it('a change in a schema shared along 65,536 paths (two properties per level, 16 levels) is one change', () => {
    const level = (i: number) => ({
      type: 'object',
      properties: {
        x: { $ref: `#/components/schemas/L${i + 1}` },
        y: { $ref: `#/components/schemas/L${i + 1}` },
      },
    });
    const version = (type: string) => {
      const schemas: Record<string, object> = Object.fromEntries(
        Array.from({ length: 16 }, (_, i) => [`L${i}`, level(i)] as const),
      );
      schemas.L16 = { type: 'object', properties: { leaf: { type } } };
      return doc(media({ schema: { $ref: '#/components/schemas/L0' } }), { components: { schemas } });
    };
    const changes = diff(version('string'), version('integer')).diff.endpoints[0]!.changes;
    expect(changes.map((c) => c.kind)).toEqual(['schema-type-changed']);
  });

  it('properties that are renamed are each reported once, without a pass over the others', () => {
    const body = (prefix: string) =>
      media({
        schema: {
          type: 'object',
          properties: Object.fromEntries(many((i) => [`${prefix}${i}`, {}] as const)),
        },
      });
    const kinds = diff(doc(body('a')), doc(body('b'))).diff.endpoints[0]!.changes.map((c) => c.kind);
    expect(kinds.filter((k) => k === 'schema-property-removed')).toHaveLength(N);
    expect(kinds.filter((k) => k === 'schema-property-added')).toHaveLength(N);
  });
}, 120_000);
