import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run, wholeRunNote } from '../src/cli/run.js';
import type { Report } from '../src/report/json.js';

const repo = new URL('..', import.meta.url).pathname;

async function cli(args: string[], cwd = repo) {
  let stdout = '';
  let stderr = '';
  const out = {
    write: (t: string) => {
      stdout += t;
    },
  };
  const err = {
    write: (t: string) => {
      stderr += t;
    },
  };
  const code = await run(args, out, err, cwd);
  return { code, stdout, stderr };
}

const EXAMPLE = ['diff', 'examples/base/payments.yaml', 'examples/head/payments.yaml'];

describe('cli diff on the bundled examples', () => {
  it('prints the SPEC §10 report shape', async () => {
    const { code, stdout, stderr } = await cli([...EXAMPLE, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(1); // the example PR removes authentication from an external POST: blocked
    const report = JSON.parse(stdout) as Report;
    expect(Object.keys(report)).toEqual([
      'tool',
      'mode',
      'blocked',
      'failOn',
      'failOnScope',
      'summary',
      'specs',
      'violations',
      'errors',
    ]);
    expect(report.tool.name).toBe('api-posture');
    expect(report.mode).toBe('diff');
    expect(report.blocked).toBe(true);
    expect(report.failOn).toBe('critical');
    expect(report.failOnScope).toBe('new');
    expect(Object.keys(report.summary)).toEqual([
      'verdict',
      'endpoints',
      'findings',
      'violations',
      'suppressed',
    ]);
    expect(Object.keys(report.summary.findings)).toEqual(['new', 'existing', 'fixed']);
    expect(Object.keys(report.summary.findings.new)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    expect(Object.keys(report.summary.violations)).toEqual(['new', 'existing']);
    expect(report.summary.endpoints).toEqual({ added: 1, removed: 0, modified: 4, unchanged: 0 });
    const spec = report.specs[0]!;
    expect(Object.keys(spec)).toEqual(
      expect.arrayContaining(['path', 'status', 'version', 'metrics', 'findings', 'endpoints']),
    );
    expect(spec.path).toBe('examples/head/payments.yaml');
    expect(spec.version).toEqual({ base: '1.4.0', head: '1.5.0' });
    const endpoint = spec.endpoints.find((e) => e.id === 'POST /PaymentAuth')!;
    expect(Object.keys(endpoint)).toEqual(
      expect.arrayContaining([
        'id',
        'method',
        'path',
        'change',
        'classification',
        'dataTypes',
        'changes',
        'score',
        'findings',
      ]),
    );
    const removed = endpoint.changes.find((c) => c.kind === 'security-removed')!;
    expect(removed.location).toEqual({
      file: 'examples/head/payments.yaml',
      line: 41,
      column: 7,
      pointer: '/paths/~1PaymentAuth/post/security',
    });
    const cardToken = endpoint.changes.find(
      (c) => c.message.includes('cardToken') && c.message.includes('maxLength'),
    )!;
    expect(cardToken.kind).toBe('schema-constraint-loosened');
    expect(cardToken.location.file).toBe('examples/head/schemas.yaml');
    expect(cardToken.location.line).toBe(19);
  });

  it('renders readable text with the verdict', async () => {
    const { code, stdout } = await cli(EXAMPLE);
    expect(code).toBe(1);
    expect(stdout).toContain('+ POST /PaymentAuthNew  added');
    expect(stdout).toContain(
      'no longer requires authentication (was oauth2 (payments:write))  examples/head/payments.yaml:41',
    );
    expect(stdout).toContain('path parameter `paymentId` renamed to `id`');
    expect(stdout).toMatch(/Endpoints: 1 added, 0 removed, 4 modified, 0 unchanged\./);
    expect(stdout).toMatch(/\nVerdict: BLOCKED — 1 new finding and \d+ new policy violations at critical/);
  });

  it('writes --output instead of stdout', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'api-posture-')), 'report.json');
    const { code, stdout } = await cli([...EXAMPLE, '--format', 'json', '--output', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).mode).toBe('diff');
  });
});

describe('cli scan', () => {
  it('finds the root documents in a directory and skips referenced fragments', async () => {
    const { code, stdout } = await cli(['scan', 'examples', '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.mode).toBe('scan');
    expect(report.specs.map((s) => s.path)).toEqual([
      'examples/base/payments.yaml',
      'examples/head/payments.yaml',
    ]);
    expect(report.specs.flatMap((s) => s.endpoints.map((e) => e.change))).toEqual(Array(9).fill('unchanged'));
  });
});

describe('cli scan that holds the whole run in memory', () => {
  it('says so first on stderr from 128 MiB of documents, and which formats stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-posture-whole-'));
    // 130 MiB on disk as far as a size is told (sparse): over maxFileBytes, so never read in full
    writeFileSync(join(dir, 'big.yaml'), 'openapi: 3.0.3\n');
    truncateSync(join(dir, 'big.yaml'), 130 * 2 ** 20);
    const text = await cli(['scan', 'big.yaml', '--format', 'text'], dir).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    expect(text.stderr.split('\n')[0]).toBe(
      'api-posture: 130 MiB of documents: this scan holds the whole run in memory and may run out of it; `--format json`, `sarif` and `markdown` write it one document at a time',
    );
    const small = await cli(['scan', 'examples', '--format', 'text']);
    expect(small.stderr).not.toContain('whole run');
    expect(wholeRunNote(128 * 2 ** 20 - 1, 'text')).toBeUndefined();
    expect(wholeRunNote(200 * 2 ** 20, 'json')).toContain('`--traffic`');
    expect(wholeRunNote(200 * 2 ** 20, 'markdown')).toContain('`--traffic`');
  });
});

describe('cli usage errors exit 2 with a message naming the problem', () => {
  it.each([
    [
      ['diff', 'examples/base/payments.yaml', 'examples/head/payments.yaml', '--fail-on', 'hihg'],
      '--fail-on "hihg" is not valid; use one of: critical, high, medium, low, none',
    ],
    [
      ['diff', 'examples/base/payments.yaml', 'examples/head/payments.yaml', '--format', 'xml'],
      '--format "xml" is not valid; use one of: json, markdown, sarif, text',
    ],
    [
      ['diff', 'examples/base/payments.yaml', 'examples/head/payments.yaml', '--fail-on-scope', 'some'],
      '--fail-on-scope "some" is not valid; use one of: new, all',
    ],
    [['diff', 'examples/base/payments.yaml'], 'diff takes exactly two documents'],
    [['diff', 'nope.yaml', 'examples/head/payments.yaml'], 'nope.yaml: no such file'],
    [['scan'], 'scan needs at least one document'],
    [['lint', 'x'], 'unknown command "lint"'],
    [['diff', 'a', 'b', '--colour'], "Unknown option '--colour'"],
  ])('%j', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  });
});

describe('cli on a broken head document', () => {
  it('reports the parse error with file, line and column, and fails closed (SPEC §9)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-posture-'));
    writeFileSync(
      join(dir, 'base.yaml'),
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses: {}\n',
    );
    writeFileSync(
      join(dir, 'head.yaml'),
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses: [\n',
    );
    const { code, stdout } = await cli(['diff', 'base.yaml', 'head.yaml', '--format', 'json'], dir);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    // The failure first, then the parse error it comes from (test/fail-closed.test.ts has the rest).
    expect(report.errors).toHaveLength(2);
    expect(report.errors[0]).toMatchObject({ file: 'head.yaml', line: 7 });
    expect(report.errors[0]!.message).toMatch(
      /^head\.yaml cannot be analysed, so the gate fails closed: invalid YAML/,
    );
    expect(report.errors[1]).toMatchObject({ file: 'head.yaml', line: 7 });
    expect(report.errors[1]!.message).toMatch(/^invalid YAML/);
  });
});

describe('cli diff of two files named differently (api-v1.yaml → api-v2.yaml)', () => {
  // Document-level findings and load problems sit in the root file, which has another name in each version.
  const v1 = `openapi: 3.0.3
info: { title: Payments, version: '1' }
servers: [{ url: 'http://api.example.com' }]
paths:
  /pay:
    post:
      summary: Pay
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Missing' } } } }
      responses: { '200': { description: ok } }
`;

  it('finds the unchanged findings of the root file existing, not new and fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-posture-'));
    writeFileSync(join(dir, 'api-v1.yaml'), v1);
    writeFileSync(join(dir, 'api-v2.yaml'), v1.replace("version: '1'", "version: '2'"));
    const { stdout } = await cli(['diff', 'api-v1.yaml', 'api-v2.yaml', '--format', 'json'], dir);
    const report = JSON.parse(stdout) as Report;
    const spec = report.specs[0]!;
    const all = [...spec.findings, ...spec.endpoints.flatMap((e) => e.findings)];
    const ids = (status: string) =>
      all
        .filter((f) => f.status === status)
        .map((f) => f.ruleId)
        .sort();
    expect(ids('existing')).toEqual(
      expect.arrayContaining(['config-unresolved-ref', 'inventory-missing-owner', 'transport-http-server']),
    );
    expect(ids('new')).toEqual([]);
    expect(ids('fixed')).toEqual([]);
  });
});

describe('cli diff of the same description split into files, merged into one, or converted to JSON', () => {
  // Findings reached through `$ref` point into whichever file holds the node; their fingerprints must not.
  const api = `openapi: 3.0.3
info: { title: Split, version: '1' }
servers: [{ url: 'https://api.example.com' }]
paths:
  /users/{id}:
    parameters: [{ $ref: './parts.yaml#/parameters/Id' }]
    get:
      summary: Get a user
      security: []
      parameters: [{ $ref: './parts.yaml#/parameters/Query' }]
      responses: { '200': { $ref: './parts.yaml#/responses/User' } }
    put:
      summary: Update
      requestBody:
        content:
          application/json:
            schema: { $ref: './parts.yaml#/schemas/UserInput' }
            examples: { one: { $ref: './parts.yaml#/examples/Secret' } }
      responses: { '200': { $ref: './parts.yaml#/responses/User' } }
    delete:
      summary: Remove
      deprecated: true
      responses: { '204': { $ref: './parts.yaml#/responses/Gone' } }
`;
  const parts = `parameters:
  Id: { name: id, in: path, required: true, schema: { type: string } }
  Query: { name: q, in: query, schema: { type: string } }
responses:
  User:
    description: ok
    headers:
      Access-Control-Allow-Origin: { schema: { type: string, enum: ['*'] } }
    content:
      application/json:
        schema: { $ref: '#/schemas/User' }
  Gone: { description: gone }
schemas:
  User:
    type: object
    properties:
      email: { type: string }
      password: { type: string }
      ssn: { type: string, example: '123-45-6789' }
  UserInput:
    type: object
    properties:
      name: { type: string }
      role: { type: string }
      callbackUrl: { type: string, format: uri }
      token: { type: string, example: 'ghp_Z7Q2M4XK9P3L6TRBZ7Q2M4XK9P3L6TRBab12' }
examples:
  Secret:
    value: { name: AKIAZ7Q2M4XK9P3L6TRB, role: x }
`;
  /** The same description as one file: what a bundler makes of it. */
  const merged = `${api.replaceAll('./parts.yaml#/', '#/components/')}components:\n${parts
    .replaceAll("'#/schemas/", "'#/components/schemas/")
    .replace(/^(?=.)/gm, '  ')}`;

  const layouts = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'api-posture-layouts-'));
    mkdirSync(join(dir, 'split'));
    mkdirSync(join(dir, 'merged'));
    writeFileSync(join(dir, 'split/api.yaml'), api);
    writeFileSync(join(dir, 'split/parts.yaml'), parts);
    writeFileSync(join(dir, 'merged/api.yaml'), merged);
    writeFileSync(join(dir, 'merged/openapi.json'), JSON.stringify(parseYaml(merged), null, 2));
    return dir;
  };

  it.each([
    ['split -> merged', 'split/api.yaml', 'merged/api.yaml'],
    ['merged -> split', 'merged/api.yaml', 'split/api.yaml'],
    ['split YAML -> merged JSON under another name', 'split/api.yaml', 'merged/openapi.json'],
  ])('%s: no change, nothing new, nothing fixed', async (_name, base, head) => {
    const { stdout, stderr } = await cli(['diff', base, head, '--format', 'json'], layouts());
    expect(stderr).toBe('');
    const spec = (JSON.parse(stdout) as Report).specs[0]!;
    expect(spec.endpoints.map((e) => e.change)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const all = [...spec.findings, ...spec.endpoints.flatMap((e) => e.findings)];
    expect(all.filter((f) => f.status !== 'existing').map((f) => `${f.status} ${f.ruleId}`)).toEqual([]);
    // The secrets: one in a media type's example, one in a shared schema's (in parts.yaml when split).
    expect(all.filter((f) => f.ruleId === 'sensitive-example-value')).toHaveLength(2);
    // Not vacuous: the layouts raise findings, among them these. Which others fire is the checks' business
    // (test/checks): a new check must not have to edit this test.
    expect(all.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['auth-missing', 'input-mass-assignment', 'sensitive-response-field']),
    );
  });
});

describe('the bundled CLI (dist/cli/index.js) run as a user runs it', () => {
  it('prints the same JSON report as the source and exits 1 (blocked)', async () => {
    const child = spawnSync(process.execPath, ['dist/cli/index.js', ...EXAMPLE, '--format', 'json'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(1);
    const inProcess = await cli([...EXAMPLE, '--format', 'json']);
    expect(child.stdout).toBe(inProcess.stdout);
  });

  it('exits 2 on a bad flag value without a stack trace', () => {
    const child = spawnSync(process.execPath, ['dist/cli/index.js', ...EXAMPLE, '--fail-on', 'hihg'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('--fail-on "hihg" is not valid');
    expect(child.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
