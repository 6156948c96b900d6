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
      /openapi\.yaml: not analysed: 0\.0 MiB is above the 0\.0 MiB limit \(limits\.maxFileBytes\)/,
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
