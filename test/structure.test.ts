// Structural validation with @redocly/openapi-core (config-structure): problems at their file and line, in
// `$ref`'d files too, new/existing/fixed like every other finding; openapi-core sees only what the load read
// (no request for a remote `$ref`, nothing outside the workspace).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { type Analysis, runEngine } from '../src/engine.js';
import type { FileReader } from '../src/load/reader.js';
import type { Report } from '../src/report/json.js';
import { memoryReader, outdent } from './helpers/inline.js';

const RULE = 'config-structure';
const CORPUS = new URL('./corpus/node_modules/', import.meta.url);

function diff(base: Record<string, string> | undefined, head: Record<string, string>): Analysis {
  const source = (files: Record<string, string>) => ({ reader: memoryReader(files), path: 'openapi.yaml' });
  return runEngine([{ path: 'openapi.yaml', ...(base ? { base: source(base) } : {}), head: source(head) }], {
    mode: base ? 'diff' : 'scan',
    failOn: 'critical',
    failOnScope: 'new',
  });
}

/** The config-structure findings: status, file:line, message. */
function structure(analysis: Analysis): string[] {
  const spec = analysis.specs[0]!;
  return spec.findings
    .filter((f) => f.ruleId === RULE)
    .map((f) => {
      const at = f.position ?? spec.position(f.loc, f.status === 'fixed' ? 'base' : 'head');
      return `${f.status} ${f.loc.file}:${at.line} ${f.message}`;
    })
    .sort();
}

const VALID = outdent(`
  openapi: 3.0.3
  info: { title: Payments, version: '1' }
  security: [{ key: [] }]
  paths:
    /payments/{id}:
      get:
        operationId: getPayment
        parameters:
          - { name: id, in: path, required: true, schema: { type: string } }
        responses:
          '200': { description: OK }
  components:
    securitySchemes:
      key: { type: apiKey, in: header, name: X-Key }
`);

describe('structural problems (openapi-core), each at its line', () => {
  it('a valid document has none', () => {
    expect(structure(diff({ 'openapi.yaml': VALID }, { 'openapi.yaml': VALID }))).toEqual([]);
  });

  it('a parameter without `in`, a response that is a string, an unknown field in a Security Scheme Object: new, at their lines', () => {
    const head = outdent(`
      openapi: 3.0.3
      info: { title: Payments, version: '1' }
      security: [{ key: [] }]
      paths:
        /payments/{id}:
          get:
            operationId: getPayment
            parameters:
              - { name: id, in: path, required: true, schema: { type: string } }
              - { name: limit, schema: { type: integer } }
            responses:
              '200': OK
      components:
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key, scopes: [read] }
    `);
    expect(structure(diff({ 'openapi.yaml': VALID }, { 'openapi.yaml': head }))).toEqual([
      'new openapi.yaml:10 openapi.yaml: The field `in` must be present on this level (openapi-core struct)',
      'new openapi.yaml:12 openapi.yaml: Expected type `Response` (object) but got `string` (openapi-core struct)',
      'new openapi.yaml:15 openapi.yaml: Property `scopes` is not expected here (openapi-core struct)',
    ]);
  });

  it('an undeclared path parameter and a duplicate operationId', () => {
    const head = outdent(`
      openapi: 3.0.3
      info: { title: Payments, version: '1' }
      security: [{ key: [] }]
      paths:
        /payments/{id}:
          get:
            operationId: getPayment
            responses:
              '200': { description: OK }
        /refunds:
          get:
            operationId: getPayment
            responses:
              '200': { description: OK }
      components:
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key }
    `);
    const found = structure(diff({ 'openapi.yaml': VALID }, { 'openapi.yaml': head }));
    expect(found).toEqual([
      expect.stringMatching(/^new openapi\.yaml:12 .*unique `operationId`.*operation-operationId-unique\)$/),
      expect.stringMatching(/^new openapi\.yaml:6 .*path parameter `\{id\}`.*path-parameters-defined\)$/),
    ]);
  });

  it('in a `$ref`d file: at that file’s line', () => {
    const root = outdent(`
      openapi: 3.0.3
      info: { title: Payments, version: '1' }
      security: [{ key: [] }]
      paths:
        /payments:
          get:
            responses:
              '200': { $ref: 'responses.yaml#/Ok' }
      components:
        securitySchemes:
          key: { type: apiKey, in: header, name: X-Key }
    `);
    const good = 'Ok:\n  description: OK\n';
    const bad = 'Ok:\n  description: OK\n  status: 200\n';
    expect(
      structure(
        diff(
          { 'openapi.yaml': root, 'responses.yaml': good },
          { 'openapi.yaml': root, 'responses.yaml': bad },
        ),
      ),
    ).toEqual([
      'new responses.yaml:3 responses.yaml: Property `status` is not expected here (openapi-core struct)',
    ]);
  });

  it('a problem the base already had is existing; one the head removes is fixed; neither blocks', () => {
    const withHeader = VALID.replace('{ description: OK }', "{ description: OK, headers: { X-Rate: 'n' } }");
    const base = { 'openapi.yaml': withHeader };
    const fixedOne = diff(base, {
      'openapi.yaml': VALID.replace('{ type: string }', '{ type: string, nullable: yes }'),
    });
    expect(structure(fixedOne)).toEqual([
      'fixed openapi.yaml:11 openapi.yaml: Expected type `Header` (object) but got `string` (openapi-core struct)',
      'new openapi.yaml:9 openapi.yaml: Expected type `boolean` but got `string` (openapi-core struct)',
    ]);
    const keptOne = diff(base, {
      'openapi.yaml': withHeader.replace('name: X-Key }', 'name: X-Key, flow: implicit }'),
    });
    expect(structure(keptOne)).toEqual([
      'existing openapi.yaml:11 openapi.yaml: Expected type `Header` (object) but got `string` (openapi-core struct)',
      'new openapi.yaml:14 openapi.yaml: Property `flow` is not expected here (openapi-core struct)',
    ]);
    expect(keptOne.gate.blocked).toBe(false);
  });

  it('an undefined security scheme is auth-undefined-scheme’s alone (not reported twice)', () => {
    const head = VALID.replace('security: [{ key: [] }]', 'security: [{ nope: [] }]');
    const analysis = diff({ 'openapi.yaml': VALID }, { 'openapi.yaml': head });
    const rules = analysis.specs[0]!.findings.map((f) => f.ruleId);
    expect(rules).toContain('auth-undefined-scheme');
    expect(structure(analysis)).toEqual([]);
  });
});

describe('real documents', () => {
  const read = (path: string) => readFileSync(new URL(path, CORPUS), 'utf8');

  it('the readme petstore: none; with one parameter’s `in` removed: that one, at its line', () => {
    const text = read('@readme/oas-examples/3.0/yaml/petstore.yaml');
    expect(structure(diff(undefined, { 'openapi.yaml': text }))).toEqual([]);
    const broken = text.replace(/^(\s+)in: query\n/m, '');
    expect(broken).not.toBe(text);
    const line = text.slice(0, text.search(/^\s+in: query\n/m)).split('\n').length;
    const found = structure(diff({ 'openapi.yaml': text }, { 'openapi.yaml': broken }));
    expect(found).toEqual([
      expect.stringMatching(
        new RegExp(`^new openapi\\.yaml:${line - 1} .*The field \`in\` must be present on this level`),
      ),
    ]);
  });

  it('GitHub’s REST description: none', () => {
    const text = read('octokit-openapi-23/generated/api.github.com.json');
    const reader: FileReader = { label: 'memory', read: (p) => (p === 'api.json' ? text : undefined) };
    const analysis = runEngine([{ path: 'api.json', head: { reader, path: 'api.json' } }], {
      mode: 'scan',
      failOn: 'critical',
      failOnScope: 'new',
    });
    expect(analysis.specs[0]!.diff.endpoints.length).toBeGreaterThan(900);
    expect(analysis.specs[0]!.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
  });
});

describe('openapi-core reads nothing the load did not', () => {
  let server: Server;
  let origin = '';
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end('X:\n  bogus: true\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A workspace (under a parent holding `outside.yaml`) whose 200 response is `$ref: ref`. */
  function workspace(ref: string): string {
    const parent = mkdtempSync(join(tmpdir(), 'api-posture-structure-'));
    // Read, this would be a struct problem: a response without `description`, with an unknown field.
    writeFileSync(join(parent, 'outside.yaml'), 'X:\n  bogus: true\n');
    const dir = join(parent, 'repo');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'openapi.yaml'),
      outdent(`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        security: [{ key: [] }]
        paths:
          /a:
            get:
              responses:
                '200': { $ref: '${ref}' }
                '400': 'a string'
        components:
          securitySchemes:
            key: { type: apiKey, in: header, name: X-Key }
      `),
    );
    return dir;
  }

  async function scan(dir: string): Promise<Report> {
    let stdout = '';
    const code = await run(
      ['scan', 'openapi.yaml', '--format', 'json', '--fail-on', 'none'],
      {
        write: (t) => {
          stdout += t;
        },
      },
      { write: () => undefined },
      dir,
    );
    expect(code).toBe(0);
    return JSON.parse(stdout) as Report;
  }

  const byRule = (report: Report, rule: string) =>
    report.specs[0]!.findings.filter((f) => f.ruleId === rule).map((f) => `${f.location.file}: ${f.message}`);

  it('a remote `$ref`: no request, and the document is still checked', async () => {
    const report = await scan(workspace(`${origin}/x.yaml#/X`));
    expect(requests).toBe(0);
    expect(byRule(report, 'config-remote-ref')).toHaveLength(1);
    expect(byRule(report, RULE)).toEqual([
      'openapi.yaml: openapi.yaml: Expected type `Response` (object) but got `string` (openapi-core struct)',
    ]);
  });

  it('a `$ref` outside the workspace: not read, and the document is still checked', async () => {
    const report = await scan(workspace('../outside.yaml#/X'));
    expect(byRule(report, 'config-ref-outside-workspace')).toHaveLength(1);
    expect(byRule(report, RULE)).toEqual([
      'openapi.yaml: openapi.yaml: Expected type `Response` (object) but got `string` (openapi-core struct)',
    ]);
  });
});
