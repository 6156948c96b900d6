// Reading and writing stay inside the workspace: what a pull request commits (a `$ref`, a symlink, a huge
// sparse file, a report path) can make the tool read only regular files of the workspace outside `.git`,
// never more than the size limit, and write its reports only to real files of the workspace or RUNNER_TEMP.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { InputError, readInputs } from '../src/action/inputs.js';
import { run } from '../src/cli/run.js';
import { decodeText } from '../src/load/file-text.js';
import { fetchCommit, hasCommit, refProblem } from '../src/load/git.js';
import { fsReader, gitReader } from '../src/load/reader.js';
import { yamlReason } from '../src/load/source.js';
import { loadSpec } from '../src/normalize/spec.js';
import { openReportFile, writeJsonReport } from '../src/publish/files.js';
import { outdent } from './helpers/inline.js';

/** What actions/checkout leaves in .git/config: the job token, base64 in an extra header. */
const TOKEN = 'eC1hY2Nlc3MtdG9rZW46Z2hzX1NFQ1JFVFRPS0VOMTIzNDU2';

const temp: string[] = [];
function tempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `api-posture-${prefix}-`)));
  temp.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
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

const FORMATS = ['json', 'markdown', 'sarif', 'text'] as const;

/** Every output format of `scan openapi.yaml` in `cwd`, concatenated with stderr. */
async function everyFormat(cwd: string, root = 'openapi.yaml'): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const format of FORMATS) {
    const r = await cli(['scan', root, '--format', format], cwd);
    out[format] = r.stdout + r.stderr;
  }
  return out;
}

const withRef = (ref: string) =>
  outdent(`
    openapi: 3.0.3
    info: { title: t, version: '1' }
    paths:
      /a:
        get:
          security: []
          responses:
            '200':
              $ref: '${ref}'
  `);

describe('.git is never read, however it is reached', () => {
  let ws: string;
  beforeAll(() => {
    ws = tempDir('gitdir');
    git(ws, 'init', '-q');
    git(ws, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${TOKEN}`);
    mkdirSync(join(ws, 'api'));
    symlinkSync('../.git/config', join(ws, 'api', 'link.yaml'));
    symlinkSync('.git', join(ws, 'gitlink'));
  });

  const rows = [
    { name: 'directly', root: 'openapi.yaml', ref: '.git/config' },
    { name: 'through ../ from a folder', root: 'api/openapi.yaml', ref: '../.git/config' },
    { name: 'in a case the filesystem may fold', root: 'openapi.yaml', ref: '.GIT/config' },
    { name: 'through a symlink to the file', root: 'api/openapi.yaml', ref: './link.yaml' },
    { name: 'through a symlink to the folder', root: 'openapi.yaml', ref: 'gitlink/config' },
  ];

  it.each(rows)('$name: refused, named, and no token in any output format', async ({ root, ref }) => {
    writeFileSync(join(ws, root), withRef(ref));
    const spec = loadSpec(fsReader(ws), root);
    const problems = spec.problems.filter((p) => p.message.includes('refused'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      kind: 'ref-outside',
      loc: { file: root, pointer: '/paths/~1a/get/responses/200/$ref' },
    });
    expect(problems[0]!.message).toMatch(/^refused to read \S+: it is under \.git/);
    expect(JSON.stringify(spec)).not.toContain(TOKEN);
    const outputs = await everyFormat(ws, root);
    for (const format of FORMATS) {
      expect(outputs[format], format).not.toContain(TOKEN);
      expect(outputs[format], format).not.toContain('extraheader');
      expect(outputs[format], format).toContain('config-ref-outside-workspace');
    }
  });

  it('nor is a root document under .git, or one that is a symlink into it', () => {
    writeFileSync(join(ws, '.git', 'openapi.yaml'), 'openapi: 3.0.3\npaths: {}\n');
    symlinkSync('.git/openapi.yaml', join(ws, 'root-link.yaml'));
    const reader = fsReader(ws);
    expect(reader.open?.('.git/config', 1 << 20)).toEqual({ refused: { reason: 'git-dir' } });
    expect(reader.read('.git/config')).toBeUndefined();
    const spec = loadSpec(reader, 'root-link.yaml');
    expect(spec.exists).toBe(true); // refused is not missing: the document is not "removed"
    expect(spec.model).toBeUndefined();
    expect(spec.problems.map((p) => [p.kind, p.message])).toEqual([
      [
        'parse',
        "not analysed: refused to read root-link.yaml: it is under .git (git's own files, which hold credentials)",
      ],
    ]);
  });
});

describe('a broken YAML file is reported by position and reason, never by its text', () => {
  const SECRET = 'planted-secret-6f1d2c';
  const broken: Record<string, string> = {
    'a token the stream cannot place': `[http "x"]\n\textraheader = AUTHORIZATION: basic ${SECRET}\n`,
    'an alias to nothing': `a: *${SECRET}\n`,
    'a block scalar header with extra characters': `a: |${SECRET}\n  text\n`,
    'a bad escape': `a: "\\${SECRET}"\n`,
    'a flow collection left open': `a: [${SECRET}, b\n`,
  };

  it.each(Object.entries(broken))('%s', async (_name, text) => {
    const ws = tempDir('broken');
    writeFileSync(join(ws, 'openapi.yaml'), withRef('broken.yaml'));
    writeFileSync(join(ws, 'broken.yaml'), `description: ok\n${text}`);
    const spec = loadSpec(fsReader(ws), 'openapi.yaml');
    const parse = spec.problems.filter((p) => p.loc.file === 'broken.yaml');
    expect(parse.length).toBeGreaterThan(0);
    for (const p of parse) expect(p.message).toMatch(/^invalid YAML: /);
    const outputs = await everyFormat(ws);
    for (const format of FORMATS) {
      expect(outputs[format], format).not.toContain(SECRET);
      expect(outputs[format], format).toContain('invalid YAML');
    }
  });

  it('keeps the parser own words where they quote nothing', () => {
    const doc = parseDocument('a: b\na: c\n  d: e\n', { prettyErrors: false });
    const reasons = doc.errors.map(yamlReason);
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(doc.errors.map((e) => e.message.split('\n')[0])).toContain(r);
    const leaky = parseDocument(`x: |${SECRET}\n  y\n`, { prettyErrors: false });
    expect(leaky.errors.map((e) => e.message).join()).toContain(SECRET); // the library's message would leak
    expect(leaky.errors.map(yamlReason)).toContain('unexpected token');
    expect(leaky.errors.map(yamlReason).join()).not.toContain(SECRET);
  });

  it('the same for the config file', async () => {
    const ws = tempDir('broken-config');
    writeFileSync(join(ws, 'openapi.yaml'), withRef('#/paths'));
    writeFileSync(join(ws, 'config.yml'), `limits: { maxFiles: 3 }\nx: |${SECRET}\n  y\n`);
    const r = await cli(['scan', 'openapi.yaml', '--config', 'config.yml'], ws);
    expect(r.stdout + r.stderr).toMatch(/config\.yml:2:\d+: invalid YAML: unexpected token/);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});

describe('the size limit is checked before reading', () => {
  it('a 1 GB sparse file is refused as over the limit, by the reader, the second thread and the CLI', async () => {
    const ws = tempDir('sparse');
    const big = join(ws, 'openapi.yaml');
    writeFileSync(big, 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n');
    truncateSync(big, 1 << 30); // sparse: no gigabyte is written, and none may be read
    const reader = fsReader(ws);
    expect(reader.open?.('openapi.yaml', 64 << 20)).toEqual({
      refused: { reason: 'too-large', bytes: 1 << 30 },
    });
    expect(reader.read('openapi.yaml')).toBeUndefined();
    expect(reader.readLater?.('openapi.yaml', 64 << 20)?.()).toEqual({
      text: undefined,
      index: undefined,
      refused: { reason: 'too-large', bytes: 1 << 30 },
    });
    const spec = loadSpec(reader, 'openapi.yaml');
    expect(spec.exists).toBe(true);
    expect(spec.problems.map((p) => p.message)).toEqual([
      'not analysed: 1024.0 MiB is above the 64.0 MiB limit (limits.maxFileBytes)',
    ]);
    const r = await cli(['scan', 'openapi.yaml', '--format', 'text'], ws);
    expect(r.stdout).toContain('openapi.yaml: not analysed: 1024.0 MiB is above the 64.0 MiB limit');
  });

  it('a sparse file reached by a $ref is refused the same way', () => {
    const ws = tempDir('sparse-ref');
    writeFileSync(join(ws, 'openapi.yaml'), withRef('big.yaml'));
    writeFileSync(join(ws, 'big.yaml'), 'description: ok\n');
    truncateSync(join(ws, 'big.yaml'), 1 << 30);
    const spec = loadSpec(fsReader(ws), 'openapi.yaml');
    expect(spec.problems.map((p) => `${p.loc.file}: ${p.message}`)).toContain(
      'big.yaml: not analysed: 1024.0 MiB is above the 64.0 MiB limit (limits.maxFileBytes)',
    );
  });

  it('FIFOs, directories and devices are not read (and a FIFO does not block)', () => {
    const ws = tempDir('special');
    mkdirSync(join(ws, 'dir.yaml'));
    spawnSync('mkfifo', [join(ws, 'fifo.yaml')]);
    symlinkSync('/dev/zero', join(ws, 'zero.yaml'));
    const reader = fsReader(ws);
    expect(reader.open?.('dir.yaml', 1000)).toEqual({ refused: { reason: 'not-file' } });
    if (existsSync(join(ws, 'fifo.yaml')))
      expect(reader.open?.('fifo.yaml', 1000)).toEqual({ refused: { reason: 'not-file' } });
    expect(reader.open?.('zero.yaml', 1000)).toEqual({ refused: { reason: 'outside' } });
    writeFileSync(join(ws, 'openapi.yaml'), withRef('dir.yaml'));
    const spec = loadSpec(reader, 'openapi.yaml');
    expect(spec.problems.map((p) => [p.kind, p.message])).toContainEqual([
      'ref-missing',
      'refused to read dir.yaml: it is not a regular file (a directory, device, FIFO, or a symbolic link or submodule in a commit)',
    ]);
  });
});

describe('text is decoded by its byte-order mark', () => {
  const utf8 = outdent(`
    openapi: 3.0.3
    info: { title: "Zahlungen €", version: '1' }
    paths:
      /zahlungen/{id}:
        get:
          summary: "Zahlung 💶"
          responses: { '200': { description: ok } }
      /b:
        post:
          responses: { '201': { description: créé } }
  `);
  const utf16be = (text: string) => {
    const le = Buffer.from(text, 'utf16le');
    return le.swap16();
  };
  const utf32 = (text: string, little: boolean) => {
    const points = [...text].map((c) => c.codePointAt(0)!);
    const out = Buffer.alloc(points.length * 4);
    for (const [i, p] of points.entries()) {
      if (little) out.writeUInt32LE(p, i * 4);
      else out.writeUInt32BE(p, i * 4);
    }
    return out;
  };
  const encodings: [string, Buffer][] = [
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)])],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')])],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(utf8)])],
    ['UTF-32LE', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(utf8, true)])],
    ['UTF-32BE', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(utf8, false)])],
  ];

  const endpoints = (ws: string) => {
    const spec = loadSpec(fsReader(ws), 'openapi.yaml');
    return { ids: spec.model?.endpoints.map((e) => e.id), problems: spec.problems, title: spec.model };
  };

  it.each(encodings)(
    '%s is analysed like its UTF-8 twin, from the working tree and from git',
    (_name, bytes) => {
      const twin = tempDir('twin');
      writeFileSync(join(twin, 'openapi.yaml'), utf8);
      const expected = endpoints(twin);
      expect(expected.ids).toEqual(['GET /zahlungen/{}', 'POST /b']);

      const ws = tempDir('bom');
      writeFileSync(join(ws, 'openapi.yaml'), bytes);
      const got = endpoints(ws);
      expect(got.ids).toEqual(expected.ids);
      expect(got.problems).toEqual(expected.problems);
      expect(fsReader(ws).read('openapi.yaml')).toBe(utf8);

      git(ws, 'init', '-q');
      git(ws, 'add', '-A');
      git(ws, 'commit', '-q', '-m', 'x');
      const fromGit = loadSpec(gitReader(ws, git(ws, 'rev-parse', 'HEAD')), 'openapi.yaml');
      expect(fromGit.model?.endpoints.map((e) => e.id)).toEqual(expected.ids);
    },
  );

  it('bytes that are not UTF-8 are a located problem, not a wrong model', () => {
    const ws = tempDir('latin1');
    writeFileSync(
      join(ws, 'openapi.yaml'),
      Buffer.concat([
        Buffer.from("openapi: 3.0.3\ninfo: { title: t, version: '1' }\n"),
        Buffer.from('paths: {} # caf\xe9\n', 'latin1'),
      ]),
    );
    const spec = loadSpec(fsReader(ws), 'openapi.yaml');
    expect(spec.exists).toBe(true);
    expect(spec.model).toBeUndefined();
    expect(spec.problems).toEqual([
      {
        kind: 'parse',
        message:
          'not analysed: not UTF-8 text (from line 3); save it as UTF-8 (or UTF-16/UTF-32 with a byte-order mark)',
        loc: { file: 'openapi.yaml', pointer: '' },
        line: 3,
        column: 1,
      },
    ]);
  });

  it('UTF-16 without a mark (NUL characters) and broken UTF-16 are not text either', () => {
    expect(decodeText(Buffer.from('openapi: 3.0.3\n', 'utf16le'))).toEqual({
      refused: { reason: 'not-text', encoding: 'UTF-8', line: 1 },
    });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toEqual({
      refused: { reason: 'not-text', encoding: 'UTF-16LE' },
    });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41]))).toEqual({
      refused: { reason: 'not-text', encoding: 'UTF-16LE' },
    });
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xc3]))).toEqual({
      refused: { reason: 'not-text', encoding: 'UTF-8', line: 1 },
    });
    expect(decodeText(Buffer.from('plain é'))).toEqual({ text: 'plain é' });
  });
});

describe('the base commit through git', () => {
  let repo: string;
  let sha: string;
  beforeAll(() => {
    repo = tempDir('base');
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'openapi.yaml'), withRef('link.yaml'));
    writeFileSync(join(repo, 'big.yaml'), `description: ${'x'.repeat(3000)}\n`);
    // In the commit, link.yaml is a symlink: `git show` would print its target path as its text.
    symlinkSync('big.yaml', join(repo, 'link.yaml'));
    mkdirSync(join(repo, 'folder'));
    writeFileSync(join(repo, 'folder', 'x.yaml'), 'a: 1\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    sha = git(repo, 'rev-parse', 'HEAD');
  });

  it('does not follow a symlink committed in it', () => {
    const reader = gitReader(repo, sha);
    expect(reader.open?.('link.yaml', 1 << 20)).toEqual({ refused: { reason: 'not-file' } });
    expect(reader.read('link.yaml')).toBeUndefined();
    expect(reader.readLater?.('link.yaml', 1 << 20)?.()).toEqual({
      text: undefined,
      index: undefined,
      refused: { reason: 'not-file' },
    });
    const spec = loadSpec(reader, 'openapi.yaml');
    expect(spec.problems.map((p) => [p.kind, p.message])).toEqual([
      [
        'ref-missing',
        'refused to read link.yaml: it is not a regular file (a directory, device, FIFO, or a symbolic link or submodule in a commit)',
      ],
    ]);
  });

  it('refuses a blob over the limit by its size, a folder, and paths under .git; a missing path is missing', () => {
    const reader = gitReader(repo, sha);
    expect(reader.open?.('big.yaml', 1000)).toEqual({ refused: { reason: 'too-large', bytes: 3014 } });
    expect(reader.open?.('big.yaml', 4000)).toEqual({ text: `description: ${'x'.repeat(3000)}\n` });
    expect(reader.open?.('folder', 1000)).toEqual({ refused: { reason: 'not-file' } });
    expect(reader.open?.('folder/x.yaml', 1000)).toEqual({ text: 'a: 1\n' });
    expect(reader.open?.('.git/config', 1000)).toEqual({ refused: { reason: 'git-dir' } });
    expect(reader.open?.('missing.yaml', 1000)).toBeUndefined();
    expect(reader.open?.('*.yaml', 1000)).toBeUndefined(); // a path, never a pattern
  });
});

describe('base documents read in one go (a monorepo pull request)', () => {
  it('gives, from two git processes, what reading each path gives: refusals, sizes and decoding alike', () => {
    const repo = tempDir('preload');
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'a.yaml'), 'openapi: 3.0.3\n');
    writeFileSync(join(repo, 'sp ace.yaml'), 'b: 2\n');
    writeFileSync(join(repo, 'big.yaml'), `description: ${'x'.repeat(3000)}\n`);
    writeFileSync(join(repo, 'huge.json'), `"${'y'.repeat(1_500_000)}"`); // over what one go takes: read alone
    writeFileSync(
      join(repo, 'wide.yaml'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('c: 3\n', 'utf16le')]),
    );
    writeFileSync(join(repo, 'bad.yaml'), Buffer.from([0x61, 0x0a, 0xc3]));
    symlinkSync('a.yaml', join(repo, 'link.yaml'));
    mkdirSync(join(repo, 'folder'));
    writeFileSync(join(repo, 'folder', 'x.yaml'), 'a: 1\n');
    git(repo, 'add', '-A');
    // a submodule: a gitlink entry in the tree
    git(repo, 'update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor`);
    git(repo, 'commit', '-q', '-m', 'base');
    const sha = git(repo, 'rev-parse', 'HEAD');
    const paths = [
      'a.yaml',
      'sp ace.yaml',
      'big.yaml',
      'huge.json',
      'wide.yaml',
      'bad.yaml',
      'link.yaml',
      'folder',
      'folder/x.yaml',
      'vendor',
      'missing.yaml',
      '.git/config',
      '*.yaml',
      'a.yaml', // asked twice
    ];
    // Every git process, through a `git` first on PATH that logs its arguments.
    const bin = tempDir('git-log');
    const log = join(bin, 'calls');
    writeFileSync(log, '');
    const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${real}' "$@"\n`, {
      mode: 0o755,
    });
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      for (const limit of [1000, 1 << 20, 64 << 20]) {
        const one = gitReader(repo, sha);
        const expected = paths.map((p) => one.open?.(p, limit));
        expect(expected[0]).toEqual({ text: 'openapi: 3.0.3\n' });
        expect(expected[4]).toEqual({ text: 'c: 3\n' });
        expect(expected[5]).toMatchObject({ refused: { reason: 'not-text' } });
        for (const i of [6, 7, 9]) expect(expected[i]).toEqual({ refused: { reason: 'not-file' } });
        writeFileSync(log, '');
        const many = gitReader(repo, sha);
        many.preload?.(paths);
        expect(readFileSync(log, 'utf8')).toBe('ls-tree\ncat-file\n');
        expect(paths.map((p) => many.open?.(p, limit))).toEqual(expected);
        // Only what one go left out was read again, alone: the large blob (its size refuses it under the
        // limit, before its content is asked for), and a.yaml asked a second time.
        const huge = limit > 1_500_002 ? 'ls-tree\ncat-file\n' : 'ls-tree\n';
        expect(readFileSync(log, 'utf8')).toBe(`ls-tree\ncat-file\n${huge}ls-tree\ncat-file\n`);
      }
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('git arguments from inputs', () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it.each(['--upload-pack=touch /tmp/x', '-c', 'main..feature', 'a b', 'ref:x', 'a\nb'])(
    'base-ref %j is rejected, naming the input',
    (value) => {
      expect(() => readInputs(inputs({ 'base-ref': value }))).toThrow(InputError);
      expect(() => readInputs(inputs({ 'base-ref': value }))).toThrow(/input `base-ref`/);
    },
  );

  it.each([
    'main',
    'release/1.2',
    'refs/heads/feature-x',
    'a1b2c3d',
    '0123456789abcdef0123456789abcdef01234567',
  ])('base-ref %j is accepted', (value) => {
    expect(refProblem(value)).toBeUndefined();
    expect(readInputs(inputs({ 'base-ref': value })).baseRef).toBe(value);
  });

  it('an option-like value never reaches git fetch as an option', () => {
    const repo = tempDir('fetch');
    git(repo, 'init', '-q');
    const marker = join(repo, 'pwned');
    const value = `--upload-pack=touch ${marker}`;
    expect(fetchCommit(repo, value).ok).toBe(false);
    expect(hasCommit(repo, value)).toBe(false);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('report files', () => {
  let ws: string;
  let outside: string;
  let runnerTemp: string;
  beforeAll(() => {
    ws = tempDir('write-ws');
    runnerTemp = tempDir('write-temp');
    outside = join(tempDir('write-outside'), 'precious');
    writeFileSync(outside, 'do not touch\n');
  });
  const roots = () => [ws, runnerTemp];

  it('are written inside the workspace or RUNNER_TEMP, creating folders', () => {
    expect(writeJsonReport(join(ws, 'out', 'deep', 'r.sarif'), roots(), { a: 1 })).toBeUndefined();
    expect(readFileSync(join(ws, 'out', 'deep', 'r.sarif'), 'utf8')).toBe('{\n  "a": 1\n}\n');
    expect(writeJsonReport(join(runnerTemp, 'report.json'), roots(), [1])).toBeUndefined();
    expect(readFileSync(join(runnerTemp, 'report.json'), 'utf8')).toBe('[\n  1\n]\n');
  });

  it.each([
    [
      'a symlink to a file outside',
      () => symlinkSync(outside, join(ws, 'api-posture.sarif')),
      'api-posture.sarif',
      /api-posture\.sarif is a symbolic link/,
    ],
    [
      'a dangling symlink',
      () => symlinkSync(join(outside, '..', 'new-file'), join(ws, 'dangling.sarif')),
      'dangling.sarif',
      /dangling\.sarif is a symbolic link/,
    ],
    [
      'a symlinked folder on the way',
      () => symlinkSync(join(outside, '..'), join(ws, 'reports')),
      'reports/precious',
      /reports is a symbolic link/,
    ],
    [
      'a path under .git',
      () => mkdirSync(join(ws, '.git'), { recursive: true }),
      '.git/config',
      /under \.git/,
    ],
    ['a path leaving the workspace', () => {}, '../../x.sarif', /not inside the workspace/],
  ])('are refused through %s, and the target is unchanged', (_name, setup, path, why) => {
    setup();
    const refused = writeJsonReport(join(ws, path), roots(), { overwritten: true });
    expect(refused).toMatch(why);
    expect(refused).toMatch(/^refused to write /);
    expect(readFileSync(outside, 'utf8')).toBe('do not touch\n');
    expect(existsSync(join(outside, '..', 'new-file'))).toBe(false);
  });

  it('a FIFO is refused without blocking', () => {
    const fifo = join(ws, 'fifo.sarif');
    spawnSync('mkfifo', [fifo]);
    if (!existsSync(fifo)) return;
    expect(() => openReportFile(fifo, roots())).toThrow(/not a regular file/);
  });
});
