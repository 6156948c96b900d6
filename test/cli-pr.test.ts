// `api-posture pr` on real git repositories in temp dirs: which base, which head, what is read.
// (test/e2e/pr.test.ts compares its reports with the bundled action's.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPullRequest } from '../src/cli/pr.js';
import { run } from '../src/cli/run.js';
import type { Report } from '../src/report/json.js';
import { renderComment } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { oneLine } from '../src/report/text.js';
import { TOOL_VERSION } from '../src/version.js';

const EXAMPLES = new URL('../examples/', import.meta.url).pathname;
const example = (side: 'base' | 'head', file: string) => readFileSync(join(EXAMPLES, side, file), 'utf8');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** `main` holds the example's base; `feature`, checked out, forks from it with one unrelated commit. */
function featureBranch(): { dir: string; forkSha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-pr-'));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, {
    'api/payments.yaml': example('base', 'payments.yaml'),
    'api/schemas.yaml': example('base', 'schemas.yaml'),
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const forkSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  write(dir, { 'README.md': 'feature\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'feature work');
  // main moves on after the fork: the base is where feature forked, not main's tip.
  git(dir, 'checkout', '-q', 'main');
  write(dir, { 'api/payments.yaml': `${example('base', 'payments.yaml')}\n# later on main\n` });
  git(dir, 'commit', '-q', '-am', 'main moves on');
  git(dir, 'checkout', '-q', 'feature');
  return { dir, forkSha };
}

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(
    args,
    {
      write: (t: string) => {
        stdout += t;
      },
    },
    {
      write: (t: string) => {
        stderr += t;
      },
    },
    cwd,
  );
  return { code, stdout, stderr };
}

describe('api-posture pr on a local branch', () => {
  it('compares the working tree with where the branch forked from main, uncommitted edits included', async () => {
    const { dir } = featureBranch();
    const clean = await cli(['pr', '--format', 'json'], dir);
    expect(clean.code).toBe(0);
    expect((JSON.parse(clean.stdout) as Report).specs).toEqual([]); // main's later commit is not the PR's

    write(dir, { 'api/payments.yaml': example('head', 'payments.yaml') }); // edited, not committed
    const edited = await cli(['pr', '--format', 'json'], join(dir, 'api')); // from a subfolder too
    expect(edited.code).toBe(1);
    const report = JSON.parse(edited.stdout) as Report;
    expect(report.mode).toBe('diff');
    expect(report.specs.map((s) => s.path)).toEqual(['api/payments.yaml']);
    expect(report.blocked).toBe(true);
    const rules = report.specs[0]!.endpoints.flatMap((e) =>
      e.findings.filter((f) => f.status === 'new').map((f) => f.ruleId),
    );
    expect(rules).toContain('auth-missing');
  });

  it('takes origin/HEAD as the default branch when there is one', async () => {
    const { dir, forkSha } = featureBranch();
    // The origin's default branch is `trunk`: no main or master anywhere, only origin/HEAD can name it.
    git(dir, 'branch', '-q', '-m', 'main', 'trunk');
    git(dir, 'checkout', '-q', 'trunk');
    const clone = mkdtempSync(join(tmpdir(), 'api-posture-pr-clone-'));
    git(clone, 'clone', '-q', dir, 'work');
    const work = join(clone, 'work');
    expect(git(work, 'symbolic-ref', 'refs/remotes/origin/HEAD')).toBe('refs/remotes/origin/trunk');
    git(work, 'checkout', '-q', '-b', 'topic', 'origin/feature');
    git(work, 'branch', '-q', '-D', 'trunk');
    write(work, { 'api/payments.yaml': example('head', 'payments.yaml') });
    const viaOrigin = await cli(['pr', '--format', 'json'], work);
    const named = await cli(['pr', '--base', forkSha, '--format', 'json'], work);
    expect(viaOrigin.stderr).toBe('');
    expect(viaOrigin.code).toBe(1);
    expect(viaOrigin.stdout).toBe(named.stdout);
    // Without origin/HEAD (and no main or master) there is no default: the base must be named.
    git(work, 'remote', 'set-head', 'origin', '--delete');
    const none = await cli(['pr'], work);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no default branch found/);
  });

  it('does not read a document never added to git, and says so; `git add` makes it read', async () => {
    const { dir } = featureBranch();
    write(dir, {
      'new/openapi.yaml': example('head', 'payments.yaml').replace('./schemas.yaml', '../api/schemas.yaml'),
    });
    const untracked = await cli(['pr', '--format', 'json'], dir);
    expect(untracked.code).toBe(0);
    expect((JSON.parse(untracked.stdout) as Report).specs).toEqual([]);
    expect(untracked.stderr).toBe('api-posture: not analysed, not added to git: new/openapi.yaml\n');

    git(dir, 'add', 'new/openapi.yaml');
    const added = await cli(['pr', '--format', 'json'], dir);
    expect(added.stderr).toBe('');
    expect((JSON.parse(added.stdout) as Report).specs.map((s) => s.path)).toEqual(['new/openapi.yaml']);
  });

  it('judges the PR by the base’s config: a head that switches the failing check off is still blocked', async () => {
    const { dir } = featureBranch();
    write(dir, { '.github/api-posture.yml': 'rules:\n  auth-missing: off\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'config');
    const configSha = git(dir, 'rev-parse', 'HEAD');
    write(dir, { 'api/payments.yaml': example('head', 'payments.yaml') });
    git(dir, 'commit', '-q', '-am', 'head');
    const newRules = (stdout: string) =>
      (JSON.parse(stdout) as Report).specs.flatMap((s) =>
        s.endpoints.flatMap((e) => e.findings.filter((f) => f.status === 'new').map((f) => f.ruleId)),
      );
    // Base = the fork point, without the config: the PR's own config does not apply.
    const fromFork = await cli(['pr', '--format', 'json'], dir);
    expect(fromFork.code).toBe(1);
    expect(newRules(fromFork.stdout)).toContain('auth-missing');
    // Base = the commit holding the config: it applies.
    const fromConfig = await cli(['pr', '--base', configSha, '--format', 'json'], dir);
    expect(newRules(fromConfig.stdout).length).toBeGreaterThan(0);
    expect(newRules(fromConfig.stdout)).not.toContain('auth-missing');
  });

  it('exits 2 with one line for a ref that names no commit, outside a repository, and --base on diff', async () => {
    const { dir } = featureBranch();
    const noRef = await cli(['pr', '--base', 'no-such-branch'], dir);
    expect(noRef).toEqual({
      code: 2,
      stdout: '',
      stderr: 'api-posture: --base "no-such-branch" names no commit in this repository\n',
    });
    const option = await cli(['pr', '--head=--upload-pack=touch x'], dir);
    expect(option).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'api-posture: --head "--upload-pack=touch x": it starts with "-", which git would read as an option\n',
    });

    const outside = mkdtempSync(join(tmpdir(), 'api-posture-nogit-'));
    const noRepo = await cli(['pr'], outside);
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toBe(`api-posture: ${outside} is not inside a git repository\n`);

    const diff = await cli(['diff', 'api/payments.yaml', 'api/payments.yaml', '--base', 'main'], dir);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toMatch(/^api-posture: --base and --head are options of `pr` only/);

    git(dir, 'branch', '-q', '-m', 'main', 'trunk');
    const noDefault = await cli(['pr'], dir);
    expect(noDefault.code).toBe(2);
    expect(noDefault.stderr).toMatch(/no default branch found/);
    rmSync(outside, { recursive: true, force: true });
  });
});

describe('api-posture pr --format json, sarif and markdown, one document at a time', () => {
  it('writes what the whole run renders, byte for byte, to stdout and to --output', async () => {
    const { dir } = featureBranch();
    try {
      // The PR: the example's change, a document that no longer parses, a new one.
      write(dir, {
        'api/payments.yaml': example('head', 'payments.yaml'),
        'api/schemas.yaml': example('head', 'schemas.yaml'),
        'api/broken.yaml': 'openapi: 3.0.3\ninfo: {title: cut, version: "1"\npaths: {}\n',
        'api/added.yaml': example('head', 'payments.yaml'),
      });
      git(dir, 'add', '-A');
      const request = {
        config: undefined,
        policies: ['default'],
        failOn: 'critical' as const,
        failOnScope: 'new' as const,
        allowRemoteRefs: [],
      };
      const report = await checkPullRequest(dir, { specs: [] }, request, () => {});
      expect(report.specs.map((s) => s.path).sort()).toEqual([
        'api/added.yaml',
        'api/broken.yaml',
        'api/payments.yaml',
      ]);
      expect(report.specs.some((s) => !s.analysed)).toBe(true);
      const expected = {
        json: `${JSON.stringify(report, null, 2)}\n`,
        sarif: `${JSON.stringify(renderSarif(report, { docsBase: `https://github.com/api-posture/api-posture/blob/v${TOOL_VERSION}` }), null, 2)}\n`,
        markdown: renderComment(report),
      };
      for (const format of ['json', 'sarif', 'markdown'] as const) {
        const out = await cli(['pr', '--format', format], dir);
        expect(out.code).toBe(1);
        expect(out.stdout === expected[format], format).toBe(true);
        const file = join(dir, `out.${format}`);
        const written = await cli(['pr', '--format', format, '--output', file], dir);
        expect(written.code).toBe(1);
        expect(readFileSync(file, 'utf8') === expected[format], format).toBe(true);
        expect(written.stderr).toContain(`api-posture: blocked: ${oneLine(report.summary.verdict)}`);
        rmSync(file);
      }
      // Progress on stderr when asked (not a terminal here: quiet otherwise).
      const quiet = await cli(['pr', '--format', 'json'], dir);
      expect(quiet.stderr).not.toContain('documents');
      const shown = await cli(['pr', '--format', 'json', '--progress'], dir);
      expect(shown.stderr).toContain('\rapi-posture: 3/3 documents\n');
      expect(shown.stdout === expected.json).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
