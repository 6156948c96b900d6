// Fail closed (SPEC §9): a head that exists but cannot be analysed blocks at every fail-on except none,
// says why first, leaves its base endpoints "not assessed" (never removed) and fixes nothing.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { runEngine } from '../src/engine.js';
import { gate } from '../src/gate/index.js';
import { fsReader } from '../src/load/reader.js';
import { buildReport, type Report } from '../src/report/json.js';
import { renderComment } from '../src/report/markdown.js';
import {
  exampleFiles,
  type FakeGitHub,
  makeRepo,
  pullRequestEvent,
  runAction,
  startFakeGitHub,
} from './e2e/harness.js';
import { outdent } from './helpers/inline.js';

async function cli(args: string[], cwd: string) {
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

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-failclosed-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/**
 * The base: two authenticated operations, and `POST /refunds` that is already open (a critical finding
 * of the base, which breaking the head must not "fix"). The user schema lives in `schemas.yaml`.
 */
const BASE = outdent(`
  openapi: 3.0.3
  info: { title: Payments, version: '1.0' }
  servers: [{ url: 'https://api.example.com' }]
  components:
    securitySchemes:
      bearer: { type: http, scheme: bearer }
  security: [{ bearer: [] }]
  paths:
    /users/{id}:
      get:
        summary: Get a user
        parameters: [{ name: id, in: path, required: true, schema: { type: string, maxLength: 10 } }]
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: { $ref: 'schemas.yaml#/User' }
    /payments:
      post:
        summary: Pay
        responses:
          '201': { description: created }
    /refunds:
      post:
        summary: Refund
        security: []
        responses:
          '201': { description: created }
`);
const SCHEMAS = outdent(`
  User:
    type: object
    properties:
      name: { type: string, maxLength: 100 }
`);
const BASE_IDS = ['GET /users/{}', 'POST /payments', 'POST /refunds'];

/** The same PR also removes authentication from `POST /payments`: unjudged unless the document is read. */
const withoutAuth = (text: string) =>
  text.replace('      summary: Pay\n', '      summary: Pay\n      security: []\n');

/** Ten levels of ten aliases: far past `limits.maxAliasCount` when expanded. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${withoutAuth(BASE)}x-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

interface Case {
  name: string;
  /** Files of the head, next to `base/openapi.yaml` and `base/schemas.yaml`; the head root is `head/<root>`. */
  head: Record<string, string | Buffer>;
  root?: string;
  base?: Record<string, string>;
  config?: string;
  /** Where the reason must point. */
  file: string;
  line?: number;
  message: RegExp;
}

const CASES: Case[] = [
  {
    name: 'a broken YAML line',
    head: {
      'openapi.yaml': withoutAuth(BASE).replace(
        '      summary: Refund\n',
        '      summary: Refund\n   bad: [\n',
      ),
      'schemas.yaml': SCHEMAS,
    },
    file: 'head/openapi.yaml',
    line: 28,
    message: /invalid YAML/,
  },
  {
    name: '`openapi: 9.9.9`',
    head: {
      'openapi.yaml': withoutAuth(BASE).replace('openapi: 3.0.3', 'openapi: 9.9.9'),
      'schemas.yaml': SCHEMAS,
    },
    file: 'head/openapi.yaml',
    line: 1,
    message: /unsupported OpenAPI version "9\.9\.9"/,
  },
  {
    name: '`swagger: "1.2"`',
    head: {
      'openapi.yaml': withoutAuth(BASE).replace('openapi: 3.0.3', 'swagger: "1.2"'),
      'schemas.yaml': SCHEMAS,
    },
    file: 'head/openapi.yaml',
    line: 1,
    message: /unsupported OpenAPI version "1\.2"/,
  },
  {
    name: 'a file over limits.maxFileBytes',
    head: {
      'openapi.yaml': `${withoutAuth(BASE)}x-padding: '${'p'.repeat(2000)}'\n`,
      'schemas.yaml': SCHEMAS,
    },
    config: 'limits:\n  maxFileBytes: 2000\n',
    file: 'head/openapi.yaml',
    line: 1,
    message: /limits\.maxFileBytes/,
  },
  {
    name: 'a YAML alias bomb',
    head: { 'openapi.yaml': aliasBomb(), 'schemas.yaml': SCHEMAS },
    file: 'head/openapi.yaml',
    message: /alias/i,
  },
  {
    name: 'a JSON file truncated mid-way',
    base: { 'base/openapi.json': JSON.stringify(yamlBase(), null, 2) },
    root: 'openapi.json',
    head: { 'openapi.json': JSON.stringify(yamlBase(), null, 2).slice(0, 700), 'schemas.yaml': SCHEMAS },
    file: 'head/openapi.json',
    message: /invalid JSON/,
  },
  {
    name: 'a `$ref`d file broken by the PR',
    head: {
      'openapi.yaml': withoutAuth(BASE),
      'schemas.yaml': SCHEMAS.replace('  type: object\n', '  type: object\n  bad: [\n'),
    },
    file: 'head/schemas.yaml',
    message: /invalid YAML.*\(in a file head\/openapi\.yaml reaches through `\$ref`\)/,
  },
];

/** The base document as a plain object (for the JSON case), without the `$ref` to a YAML file. */
function yamlBase(): unknown {
  return {
    openapi: '3.0.3',
    info: { title: 'Payments', version: '1.0' },
    servers: [{ url: 'https://api.example.com' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/users/{id}': { get: { summary: 'Get a user', responses: { '200': { description: 'ok' } } } },
      '/payments': { post: { summary: 'Pay', responses: { '201': { description: 'created' } } } },
      '/refunds': {
        post: { summary: 'Refund', security: [], responses: { '201': { description: 'created' } } },
      },
    },
  };
}

function setUp(c: Case): { dir: string; args: string[] } {
  const root = c.root ?? 'openapi.yaml';
  const files: Record<string, string | Buffer> = c.base ?? {
    'base/openapi.yaml': BASE,
    'base/schemas.yaml': SCHEMAS,
  };
  for (const [path, text] of Object.entries(c.head)) files[`head/${path}`] = text;
  if (c.config) files['config.yml'] = c.config;
  const dir = workspace(files);
  return {
    dir,
    args: ['diff', `base/${root}`, `head/${root}`, ...(c.config ? ['--config', 'config.yml'] : [])],
  };
}

function everyFinding(report: Report) {
  return report.specs.flatMap((s) => [...s.findings, ...s.endpoints.flatMap((e) => e.findings)]);
}

describe('a head that cannot be analysed fails closed (CLI diff)', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it('blocks at fail-on critical with the reason first; nothing removed, nothing fixed', async () => {
        const { dir, args } = setUp(c);
        const json = await cli([...args, '--format', 'json'], dir);
        expect(json.code).toBe(1);
        const report = JSON.parse(json.stdout) as Report;
        expect(report.blocked).toBe(true);
        const where = c.line ? `${c.file}:${c.line}:` : `${c.file}:`;
        expect(report.summary.verdict.slice(0, where.length)).toBe(where);
        expect(report.summary.verdict).toMatch(/cannot be analysed/);
        expect(report.summary.verdict).toMatch(c.message);
        expect(json.stderr).toBe('');

        const spec = report.specs[0]!;
        expect(spec.status).toBe('modified');
        expect(spec.analysed).toBe(false);
        expect(spec.failure?.file).toBe(c.file);
        if (c.line) expect(spec.failure?.line).toBe(c.line);
        expect(spec.failure?.message).toMatch(c.message);
        expect(spec.notAssessed).toEqual(BASE_IDS);
        expect(spec.endpoints.filter((e) => e.change === 'removed')).toEqual([]);
        expect(report.summary.endpoints.removed).toBe(0);
        expect(spec.metrics).toEqual({ base: null, head: null });
        expect(everyFinding(report).filter((f) => f.status === 'fixed')).toEqual([]);
        expect(report.summary.findings.fixed).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
        // The first error is the failure itself.
        expect(report.errors[0]).toMatchObject({ file: c.file });
        expect(report.errors[0]!.message).toMatch(/cannot be analysed, so the gate fails closed/);

        // With the report in a file, the reason still reaches the terminal.
        const toFile = await cli([...args, '--output', 'report.txt'], dir);
        expect(toFile.code).toBe(1);
        expect(toFile.stdout).toBe('');
        expect(toFile.stderr).toMatch(new RegExp(`^api-posture: blocked: ${c.file.replace('.', '\\.')}:`));

        const text = await cli(args, dir);
        expect(text.code).toBe(1);
        expect(text.stdout.split('\n')[0]).toMatch(
          new RegExp(`^BLOCKED: ${c.file.replace('.', '\\.')}:\\d+:\\d+ `),
        );
        expect(text.stdout).not.toMatch(/^\s*- /m); // no endpoint marked removed
        expect(text.stdout).toContain('? POST /payments  not assessed');
        expect(text.stdout).toMatch(/Findings: \d+ new, \d+ existing, 0 fixed\./);

        const comment = renderComment(report);
        const lines = comment.split('\n');
        expect(lines[1]).toMatch(/^### ⛔ api-posture: blocked — /);
        expect(lines[1]).toContain('cannot be analysed');
        expect(lines[3]).toContain('cannot be analysed** —');
        expect(comment).toContain('not assessed');
        expect(comment).not.toContain('finding fixed');
        expect(comment).not.toContain('findings fixed');
      });

      it('blocks at fail-on low and with scope all; passes only at fail-on none', async () => {
        const { dir, args } = setUp(c);
        expect((await cli([...args, '--fail-on', 'low'], dir)).code).toBe(1);
        expect((await cli([...args, '--fail-on-scope', 'all'], dir)).code).toBe(1);
        const none = await cli([...args, '--fail-on', 'none', '--format', 'json'], dir);
        expect(none.code).toBe(0);
        const report = JSON.parse(none.stdout) as Report;
        expect(report.blocked).toBe(false);
        // Still said, and still not a removal.
        expect(report.summary.verdict).toMatch(/cannot be analysed/);
        expect(report.specs[0]!.notAssessed).toEqual(BASE_IDS);
        expect(report.summary.endpoints.removed).toBe(0);
      });
    });
  }

  it('stays closed when the config turns config-unparsable off or ignores it: the failure is no finding', async () => {
    const dir = workspace({
      'base/openapi.yaml': BASE,
      'base/schemas.yaml': SCHEMAS,
      'head/openapi.yaml': withoutAuth(BASE).replace('openapi: 3.0.3', 'openapi: 9.9.9'),
      'head/schemas.yaml': SCHEMAS,
      'off.yml': 'rules:\n  config-unparsable: off\n',
      'ignored.yml': 'ignore:\n  - rule: config-unparsable\n    reason: we know\n',
    });
    for (const config of ['off.yml', 'ignored.yml']) {
      const args = ['diff', 'base/openapi.yaml', 'head/openapi.yaml', '--config', config, '--format', 'json'];
      const { code, stdout } = await cli(args, dir);
      expect(code).toBe(1);
      const report = JSON.parse(stdout) as Report;
      expect(report.summary.verdict).toMatch(/^head\/openapi\.yaml:1:\d+ cannot be analysed/);
      expect(report.summary.findings.new.high).toBe(0);
    }
  });

  it('a head over limits.maxEndpoints is not judged in part: the operations past the limit would go unseen', async () => {
    const dir = workspace({
      'base/openapi.yaml': BASE,
      'base/schemas.yaml': SCHEMAS,
      'head/openapi.yaml': withoutAuth(BASE),
      'head/schemas.yaml': SCHEMAS,
      'config.yml': 'limits:\n  maxEndpoints: 2\n',
    });
    const args = [
      'diff',
      'base/openapi.yaml',
      'head/openapi.yaml',
      '--config',
      'config.yml',
      '--format',
      'json',
    ];
    const { code, stdout } = await cli(args, dir);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.summary.verdict).toMatch(
      /^head\/openapi\.yaml:\d+:\d+ cannot be analysed: .*\(limits\.maxEndpoints\)$/,
    );
    // The operations read before the limit (the rest were never read, in either version).
    expect(report.specs[0]!.notAssessed).toEqual(BASE_IDS.slice(0, 2));
    expect(report.summary.endpoints.removed).toBe(0);
    expect(everyFinding(report).filter((f) => f.status === 'fixed')).toEqual([]);
  });

  it('a schema nested past the depth bound is not judged in part', async () => {
    let nested = '{ type: string, maxLength: 10 }';
    for (let i = 0; i < 300; i++) nested = `{ type: object, properties: { a: ${nested} } }`;
    const dir = workspace({
      'base/openapi.yaml': BASE,
      'base/schemas.yaml': SCHEMAS,
      'head/openapi.yaml': withoutAuth(BASE),
      'head/schemas.yaml': `${SCHEMAS}Deep: ${nested}\n`,
    });
    const head = withoutAuth(BASE).replace("$ref: 'schemas.yaml#/User'", "$ref: 'schemas.yaml#/Deep'");
    writeFileSync(join(dir, 'head/openapi.yaml'), head);
    const args = ['diff', 'base/openapi.yaml', 'head/openapi.yaml', '--format', 'json'];
    const { code, stdout } = await cli(args, dir);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.summary.verdict).toMatch(
      /^head\/schemas\.yaml:\d+:\d+ cannot be analysed: schema nesting is deeper/,
    );
    expect(report.specs[0]!.notAssessed).toEqual(BASE_IDS);
  });

  it('a UTF-16 head that removes authentication is decoded and blocked on the removal', async () => {
    const dir = workspace({
      'base/openapi.yaml': BASE,
      'base/schemas.yaml': SCHEMAS,
      'head/openapi.yaml': utf16(withoutAuth(BASE)),
      'head/schemas.yaml': SCHEMAS,
    });
    const { code, stdout } = await cli(
      ['diff', 'base/openapi.yaml', 'head/openapi.yaml', '--format', 'json'],
      dir,
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.summary.endpoints.removed).toBe(0);
    // Decoded by its byte-order mark, the head is judged like its UTF-8 twin: the removal is a new finding.
    expect(report.specs[0]!.analysed).toBe(true);
    const authMissing = everyFinding(report).filter((f) => f.ruleId === 'auth-missing');
    expect(authMissing.map((f) => f.status)).toContain('new');
  });

  it('a `$ref`d file already broken in the base is existing debt: a finding, not a closed gate', async () => {
    const broken = SCHEMAS.replace('  type: object\n', '  type: object\n  bad: [\n');
    const dir = workspace({
      'base/openapi.yaml': BASE,
      'base/schemas.yaml': broken,
      'head/openapi.yaml': BASE.replace('summary: Get a user', 'summary: Get one user'),
      'head/schemas.yaml': broken,
    });
    const { code, stdout } = await cli(
      ['diff', 'base/openapi.yaml', 'head/openapi.yaml', '--format', 'json'],
      dir,
    );
    const report = JSON.parse(stdout) as Report;
    expect(report.specs[0]!.analysed).toBe(true);
    expect(code).toBe(0);
    const unparsable = everyFinding(report).filter((f) => f.ruleId === 'config-unparsable');
    expect(unparsable.length).toBeGreaterThan(0);
    expect(unparsable.every((f) => f.status === 'existing')).toBe(true);
  });

  it('a head that parses is judged as before: removing authentication blocks on the finding', async () => {
    const dir = workspace({
      'base/openapi.yaml': BASE,
      'base/schemas.yaml': SCHEMAS,
      'head/openapi.yaml': withoutAuth(BASE),
      'head/schemas.yaml': SCHEMAS,
    });
    const { code, stdout, stderr } = await cli(
      ['diff', 'base/openapi.yaml', 'head/openapi.yaml', '--format', 'json'],
      dir,
    );
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as Report;
    expect(report.specs[0]!.analysed).toBe(true);
    expect(report.specs[0]!.failure).toBeUndefined();
    expect(report.summary.findings.new.critical).toBeGreaterThan(0);
  });

  it('a base that cannot be analysed and a head that can: every endpoint added, status modified', async () => {
    const dir = workspace({
      'base/openapi.yaml': BASE.replace('openapi: 3.0.3', 'openapi: 9.9.9'),
      'base/schemas.yaml': SCHEMAS,
      'head/openapi.yaml': BASE,
      'head/schemas.yaml': SCHEMAS,
    });
    const { stdout } = await cli(['diff', 'base/openapi.yaml', 'head/openapi.yaml', '--format', 'json'], dir);
    const report = JSON.parse(stdout) as Report;
    expect(report.specs[0]!.status).toBe('modified');
    expect(report.specs[0]!.analysed).toBe(true);
    expect(report.summary.endpoints.added).toBe(3);
  });
});

describe('a head removed entirely is a removal, not a failure', () => {
  it('shows "removed" and passes at fail-on critical when nothing critical is new', () => {
    const base = BASE.replace('      security: []\n', '');
    const dir = workspace({ 'openapi.yaml': base, 'schemas.yaml': SCHEMAS });
    const analysis = runEngine(
      [{ path: 'openapi.yaml', base: { reader: fsReader(dir), path: 'openapi.yaml' } }],
      {
        mode: 'diff',
        failOn: 'critical',
        failOnScope: 'new',
      },
    );
    const report = buildReport(analysis);
    expect(report.blocked).toBe(false);
    const spec = report.specs[0]!;
    expect(spec.status).toBe('removed');
    expect(spec.analysed).toBe(true);
    expect(spec.notAssessed).toBeUndefined();
    expect(spec.endpoints.map((e) => e.change)).toEqual(['removed', 'removed', 'removed']);
  });
});

describe('scan mode reports a document it cannot analyse, visibly, without blocking', () => {
  // Found in a directory; a file named on the command line that is not OpenAPI is exit 2 (github-limits.test.ts).
  it('lists it first with file, line and reason, as a configuration finding; exit 0', async () => {
    const dir = workspace({
      'good.yaml': BASE,
      'schemas.yaml': SCHEMAS,
      'bad.yaml': BASE.replace('openapi: 3.0.3', 'openapi: 9.9.9'),
    });
    const text = await cli(['scan', '.'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(
      'NOT ANALYSED: bad.yaml:1:1  bad.yaml cannot be analysed: unsupported OpenAPI version "9.9.9"; 2.0, 3.0 and 3.1 are supported',
    );
    const json = await cli(['scan', '.', '--format', 'json', '--fail-on', 'low'], dir);
    const report = JSON.parse(json.stdout) as Report;
    const bad = report.specs.find((s) => s.path === 'bad.yaml')!;
    expect(bad.analysed).toBe(false);
    expect(bad.failure).toMatchObject({ file: 'bad.yaml', line: 1 });
    expect(bad.findings.map((f) => [f.ruleId, f.category])).toContainEqual([
      'config-unparsable',
      'configuration',
    ]);
    expect(report.specs.find((s) => s.path === 'good.yaml')!.analysed).toBe(true);
    const summary = (await cli(['scan', '.', '--format', 'markdown'], dir)).stdout;
    expect(summary).toContain('> ⚠️ **Not analysed** — `bad.yaml:1:1`');
  });
});

describe('the bundled action (dist/index.js) on a pull request', () => {
  const PR = 21;
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('that removes authentication and breaks one YAML line: blocked, reason first, nothing removed or fixed', {
    timeout: 120_000,
  }, async () => {
    api = await startFakeGitHub(PR);
    const head = exampleFiles('head');
    // Line 17 of the head: the PR's broken line, next to the operation that loses its authentication.
    head['api/payments.yaml'] = head['api/payments.yaml']!.replace(
      '      summary: List payments\n',
      '      summary: List payments\n   oops: [\n',
    );
    const repo = makeRepo(exampleFiles('base'), head);
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.code).not.toBe(0);
    expect(run.outputs.blocked).toBe('true');
    expect(run.stdout).toMatch(
      /::error::api-posture blocked this change: api\/payments\.yaml:17:\d+ cannot be analysed: invalid YAML/,
    );
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as Report;
    const spec = report.specs[0]!;
    expect(spec.path).toBe('api/payments.yaml');
    expect(spec.status).toBe('modified');
    expect(spec.analysed).toBe(false);
    expect(spec.notAssessed).toContain('POST /PaymentAuth');
    expect(report.summary.endpoints.removed).toBe(0);
    expect(everyFinding(report).filter((f) => f.status === 'fixed')).toEqual([]);
    expect(api.comments).toHaveLength(1);
    const lines = api.comments[0]!.body.split('\n');
    expect(lines[1]).toMatch(
      /^### ⛔ api-posture: blocked — api\/payments\\?\.yaml:17:\d+ cannot be analysed/,
    );
    expect(lines[3]).toContain('`api/payments.yaml` cannot be analysed');
    expect(api.comments[0]!.body).not.toContain('fixed</summary>');
    expect(run.summary).toContain('cannot be analysed');
  });

  it('that deletes the document: removed, and passed at fail-on critical', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    const repo = makeRepo(exampleFiles('base'), { 'api/payments.yaml': null, 'api/schemas.yaml': null });
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    const report = JSON.parse(readFileSync(run.outputs['report-file']!, 'utf8')) as Report;
    expect(report.specs.map((s) => [s.path, s.status, s.analysed])).toEqual([
      ['api/payments.yaml', 'removed', true],
    ]);
    expect(report.summary.findings.new.critical).toBe(0);
    expect(run.outputs.blocked).toBe('false');
    expect(run.code).toBe(0);
  });
});

describe('the gate with a document that cannot be analysed', () => {
  const failure = { file: 'api.yaml', line: 3, column: 5, message: 'invalid YAML: bad indentation' };
  const critical = { severity: 'critical' as const, status: 'new' as const };

  it('blocks first on the failure, then names what else blocks', () => {
    expect(gate([], [], 'critical', 'new', [failure])).toEqual({
      blocked: true,
      reason: 'api.yaml:3:5 cannot be analysed: invalid YAML: bad indentation',
      blocking: 1,
    });
    const both = gate([critical], [], 'low', 'all', [failure, { ...failure, file: 'b.yaml' }]);
    expect(both.blocked).toBe(true);
    expect(both.reason).toBe(
      'api.yaml:3:5 cannot be analysed: invalid YAML: bad indentation (and 1 more document); also 1 finding at low or above',
    );
  });

  it('does not block at fail-on none, and still says why', () => {
    const none = gate([critical], [], 'none', 'new', [failure]);
    expect(none.blocked).toBe(false);
    expect(none.reason).toContain('api.yaml:3:5 cannot be analysed');
  });

  it('without failures it is unchanged: a suppressed finding does not block', () => {
    expect(gate([{ ...critical, suppressed: true }], [], 'critical', 'new').blocked).toBe(false);
  });
});
