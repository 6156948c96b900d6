import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runEngine } from '../src/engine.js';
import { changedSince } from '../src/load/git.js';
import { type PullRequestSource, pullRequestSources } from '../src/load/pull-request.js';
import { gitReader } from '../src/load/reader.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies } from '../src/policy/load.js';
import {
  type RepoEntry as Entry,
  type FakeGitHub,
  makeRepo,
  pullRequestEvent,
  REPO_ROOT,
  runAction,
  startFakeGitHub,
  type TestRepo,
} from './e2e/harness.js';
import { outdent } from './helpers/inline.js';

/** A base commit, a head commit on top, and a full clone of head as the workspace (symlinks committed as such). */
function repository(base: Record<string, Entry>, edit: Record<string, Entry>): TestRepo & { root: string } {
  return makeRepo(base, edit);
}

/** The documents the action would analyse for this PR, as its git path finds them. */
async function sourcesOf(repo: TestRepo, specs: string[] = []): Promise<PullRequestSource[]> {
  const changed = changedSince(repo.workspace, repo.baseSha);
  if (!changed) throw new Error('git could not list the changes');
  return pullRequestSources({
    workspace: repo.workspace,
    changed,
    complete: true,
    base: gitReader(repo.workspace, repo.baseSha),
    specs,
  });
}

const POLICIES = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);

function verdict(sources: PullRequestSource[]) {
  return runEngine(sources, {
    mode: 'diff',
    failOn: 'critical',
    failOnScope: 'new',
    policies: POLICIES,
    today: '2026-01-01',
  }).gate;
}

const pairs = (sources: PullRequestSource[]) =>
  sources.map((s) => ({ path: s.path, base: s.base?.path, head: s.head?.path }));

const example = (name: string) => readFileSync(join(REPO_ROOT, 'examples', 'base', name), 'utf8');
const ROOT = example('payments.yaml');
const SCHEMAS = example('schemas.yaml');
const BASE = { 'api/payments.yaml': ROOT, 'api/schemas.yaml': SCHEMAS, 'README.md': '# payments\n' };
/** The base root with authentication removed from `POST /PaymentAuth`. */
const WEAKENED = ROOT.replace('security:\n        - oauth2: [payments:write]', 'security: []');

it('the weakened document blocks when nothing hides it (the baseline every dodge below must keep)', async () => {
  expect(WEAKENED).not.toBe(ROOT);
  const repo = repository(BASE, { 'api/payments.yaml': WEAKENED });
  const sources = await sourcesOf(repo);
  expect(pairs(sources)).toEqual([
    { path: 'api/payments.yaml', base: 'api/payments.yaml', head: 'api/payments.yaml' },
  ]);
  expect(verdict(sources).blocked).toBe(true);
});

describe('a root the head writes so that it does not look like one is still analysed, and blocks', () => {
  const dodges: [string, string][] = [
    [
      'the whole root indented by one space',
      WEAKENED.split('\n')
        .map((line) => (line === '' ? line : ` ${line}`))
        .join('\n'),
    ],
    ['70 KB of comments before `openapi:`', `${'# padding\n'.repeat(7200)}${WEAKENED}`],
    ['the key written as a YAML escape', WEAKENED.replace('openapi: 3.0.3', '"open\\x61pi": 3.0.3')],
    ['the key written as an explicit key', WEAKENED.replace('openapi: 3.0.3', '? openapi\n: 3.0.3')],
    ['`openapi:` after every other key', `${WEAKENED.replace('openapi: 3.0.3\n', '')}openapi: 3.0.3\n`],
  ];
  it.each(dodges)('%s', async (_name, head) => {
    expect(head.length).toBeGreaterThan(0);
    const repo = repository(BASE, { 'api/payments.yaml': head });
    const sources = await sourcesOf(repo);
    expect(pairs(sources)).toEqual([
      { path: 'api/payments.yaml', base: 'api/payments.yaml', head: 'api/payments.yaml' },
    ]);
    expect(verdict(sources).blocked).toBe(true);
  });
});

describe('a base root moved where discovery does not look is followed to its new path', () => {
  it.each(['vendor', 'dist', 'node_modules', '.hidden'])(
    'into %s/, authentication removed: blocked',
    async (dir) => {
      const repo = repository(BASE, {
        'api/payments.yaml': null,
        'api/schemas.yaml': null,
        [`${dir}/api/payments.yaml`]: WEAKENED,
        [`${dir}/api/schemas.yaml`]: SCHEMAS,
      });
      const sources = await sourcesOf(repo);
      expect(pairs(sources)).toEqual([
        { path: `${dir}/api/payments.yaml`, base: 'api/payments.yaml', head: `${dir}/api/payments.yaml` },
      ]);
      expect(verdict(sources).blocked).toBe(true);
    },
  );

  it('rewritten as it moved (git sees no rename): the new root is analysed as new, and blocks', async () => {
    const asJson = JSON.stringify(parse(WEAKENED.replace(/schemas\.yaml/g, 'schemas.json')));
    const repo = repository(BASE, {
      'api/payments.yaml': null,
      'api/schemas.yaml': null,
      'vendor/api/payments.json': asJson,
      'vendor/api/schemas.json': JSON.stringify(parse(SCHEMAS)),
    });
    const sources = await sourcesOf(repo);
    expect(pairs(sources)).toEqual([
      { path: 'api/payments.yaml', base: 'api/payments.yaml', head: undefined },
      {
        path: 'vendor/api/payments.json',
        base: 'vendor/api/payments.json',
        head: 'vendor/api/payments.json',
      },
    ]);
    expect(verdict(sources).blocked).toBe(true);
  });

  it('outside the `specs` patterns too', async () => {
    const repo = repository(BASE, {
      'api/payments.yaml': null,
      'api/schemas.yaml': null,
      'elsewhere/payments.yaml': WEAKENED,
      'elsewhere/schemas.yaml': SCHEMAS,
    });
    const sources = await sourcesOf(repo, ['api/**/payments.yaml']);
    expect(pairs(sources)).toEqual([
      { path: 'elsewhere/payments.yaml', base: 'api/payments.yaml', head: 'elsewhere/payments.yaml' },
    ]);
    expect(verdict(sources).blocked).toBe(true);
  });

  it('a legitimate move into vendor/, unchanged: followed, and passes', async () => {
    const repo = repository(BASE, {
      'api/payments.yaml': null,
      'api/schemas.yaml': null,
      'vendor/payments/payments.yaml': ROOT,
      'vendor/payments/schemas.yaml': SCHEMAS,
    });
    const sources = await sourcesOf(repo);
    expect(pairs(sources)).toEqual([
      {
        path: 'vendor/payments/payments.yaml',
        base: 'api/payments.yaml',
        head: 'vendor/payments/payments.yaml',
      },
    ]);
    expect(verdict(sources).blocked).toBe(false);
  });
});

describe('a base root turned into a symlink', () => {
  it('to a file inside the workspace: read through the link, and blocks', async () => {
    // The weakened text sits in a skipped folder, where discovery would never find it on its own.
    const repo = repository(BASE, {
      'vendor/impl/payments.yaml': WEAKENED,
      'api/payments.yaml': { link: '../vendor/impl/payments.yaml' },
    });
    const sources = await sourcesOf(repo);
    expect(pairs(sources)).toEqual([
      { path: 'api/payments.yaml', base: 'api/payments.yaml', head: 'api/payments.yaml' },
    ]);
    expect(verdict(sources).blocked).toBe(true);
  });

  it('to a file outside the workspace: still a source (its load is refused, never skipped)', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'api-posture-outside-'));
    writeFileSync(join(outside, 'payments.yaml'), WEAKENED);
    const repo = repository(BASE, { 'api/payments.yaml': { link: join(outside, 'payments.yaml') } });
    const sources = await sourcesOf(repo);
    expect(pairs(sources)).toEqual([
      { path: 'api/payments.yaml', base: 'api/payments.yaml', head: 'api/payments.yaml' },
    ]);
    expect(sources[0]!.head!.reader.read('api/payments.yaml')).toBeUndefined();
  });
});

describe('a base root whose head no longer reads as a root is still a source (its load then fails)', () => {
  const heads: [string, string][] = [
    ['broken YAML', `${WEAKENED}\n  - : [unclosed\n`],
    ['the `openapi` key removed', WEAKENED.replace('openapi: 3.0.3\n', '')],
    ['the key escaped to another name', WEAKENED.replace('openapi: 3.0.3', '"open\\x41pi": 3.0.3')],
    ['emptied', ''],
  ];
  it.each(heads)('%s', async (_name, head) => {
    const repo = repository(BASE, { 'api/payments.yaml': head });
    expect(pairs(await sourcesOf(repo))).toEqual([
      { path: 'api/payments.yaml', base: 'api/payments.yaml', head: 'api/payments.yaml' },
    ]);
  });

  it('a deleted root is a source with no head', async () => {
    const repo = repository(BASE, { 'api/payments.yaml': null });
    expect(pairs(await sourcesOf(repo))).toEqual([
      { path: 'api/payments.yaml', base: 'api/payments.yaml', head: undefined },
    ]);
  });
});

describe('a root is touched through the real file behind its `$ref`s', () => {
  const root = outdent(`
    openapi: 3.0.3
    info: { title: Payments, version: 1.0.0 }
    servers: [{ url: 'https://api.example.com' }]
    components:
      securitySchemes:
        apiKey: { type: apiKey, in: header, name: X-Api-Key }
    paths:
      /payments:
        $ref: 'paths/payments.yaml'
  `);
  const pathItem = (security: string) =>
    outdent(`
      post:
        operationId: createPayment
        security: ${security}
        responses:
          '201': { description: created }
    `);
  const secured = pathItem('[{ apiKey: [] }]');
  const open = pathItem('[]');

  it('the PR edits only the file a symlinked `$ref` resolves to: blocked', async () => {
    const repo = repository(
      {
        'api/openapi.yaml': root,
        'shared/payments.yaml': secured,
        'api/paths/payments.yaml': { link: '../../shared/payments.yaml' },
      },
      { 'shared/payments.yaml': open },
    );
    const sources = await sourcesOf(repo);
    expect(pairs(sources)).toEqual([
      { path: 'api/openapi.yaml', base: 'api/openapi.yaml', head: 'api/openapi.yaml' },
    ]);
    expect(verdict(sources).blocked).toBe(true);
  });

  it('the same when the real file has a name discovery never reads (not .yaml): blocked', async () => {
    const repo = repository(
      {
        'api/openapi.yaml': root,
        'shared/payments.data': secured,
        'api/paths/payments.yaml': { link: '../../shared/payments.data' },
      },
      { 'shared/payments.data': open },
    );
    const sources = await sourcesOf(repo);
    expect(sources.map((s) => s.path)).toEqual(['api/openapi.yaml']);
    expect(verdict(sources).blocked).toBe(true);
  });

  it('a PR editing a file no symlink leads to, in a repository with symlinks, takes the fast path', async () => {
    const repo = repository(
      {
        'api/openapi.yaml': root,
        'shared/payments.yaml': secured,
        'api/paths/payments.yaml': { link: '../../shared/payments.yaml' },
        'NOTES.txt': 'a\n',
      },
      { 'NOTES.txt': 'b\n' },
    );
    expect(await sourcesOf(repo)).toEqual([]);
  });

  it('the PR edits a file under a symlinked folder: blocked', async () => {
    const repo = repository(
      {
        'api/openapi.yaml': root,
        'shared/v1/payments.yaml': secured,
        'api/paths': { link: '../shared/v1' },
      },
      { 'shared/v1/payments.yaml': open },
    );
    const sources = await sourcesOf(repo);
    expect(sources.map((s) => s.path)).toEqual(['api/openapi.yaml']);
    expect(verdict(sources).blocked).toBe(true);
  });

  it('the PR retargets a symlinked folder at files already in the base: blocked', async () => {
    const repo = repository(
      {
        'api/openapi.yaml': root,
        'shared/v1/payments.yaml': secured,
        'shared/v2/payments.yaml': open,
        'api/paths': { link: '../shared/v1' },
      },
      { 'api/paths': { link: '../shared/v2' } },
    );
    const sources = await sourcesOf(repo);
    expect(sources.map((s) => s.path)).toEqual(['api/openapi.yaml']);
    expect(verdict(sources).blocked).toBe(true);
  });

  it('the PR deletes a `$ref`d file: the root is touched', async () => {
    const repo = repository(
      { 'api/openapi.yaml': root, 'api/paths/payments.yaml': secured },
      {
        'api/paths/payments.yaml': null,
      },
    );
    expect((await sourcesOf(repo)).map((s) => s.path)).toEqual(['api/openapi.yaml']);
  });
});

describe('roots new in the head', () => {
  it('a symlink to a root inside the workspace is discovered under its own path', async () => {
    const repo = repository(BASE, { 'api/v2.yaml': { link: 'payments.yaml' } });
    expect(pairs(await sourcesOf(repo))).toEqual([
      { path: 'api/v2.yaml', base: 'api/v2.yaml', head: 'api/v2.yaml' },
    ]);
  });
});

describe('the fast path', () => {
  it('a PR touching no document yields no sources', async () => {
    const repo = repository(BASE, { 'README.md': '# payments, documented\n' });
    expect(await sourcesOf(repo)).toEqual([]);
  });

  it('a PR touching only YAML that no root reaches yields no sources', async () => {
    const repo = repository(BASE, { '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    expect(await sourcesOf(repo)).toEqual([]);
  });
});

describe('through the bundled action', () => {
  const PR = 23;
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('a root moved into vendor/ with authentication removed: blocked', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    const repo = repository(BASE, {
      'api/payments.yaml': null,
      'api/schemas.yaml': null,
      'vendor/api/payments.yaml': WEAKENED,
      'vendor/api/schemas.yaml': SCHEMAS,
    });
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.stdout).toContain('1 document to analyse (diff mode): vendor/api/payments.yaml');
    expect(run.outputs.blocked).toBe('true');
    expect(run.code).not.toBe(0);
  });

  it('a root indented by one space, authentication removed: blocked', { timeout: 120_000 }, async () => {
    api = await startFakeGitHub(PR);
    const indented = WEAKENED.split('\n')
      .map((line) => (line === '' ? line : ` ${line}`))
      .join('\n');
    const repo = repository(BASE, { 'api/payments.yaml': indented });
    const run = await runAction(repo, api, {}, { name: 'pull_request', path: pullRequestEvent(repo, PR) });
    expect(run.stdout).toContain('1 document to analyse (diff mode): api/payments.yaml');
    expect(run.outputs.blocked).toBe('true');
    expect(run.code).not.toBe(0);
  });
});
