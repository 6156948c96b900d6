// Fuzzing the whole tool with hostile input (SPEC §11): generated OpenAPI-shaped documents and byte-mutated
// real documents through the CLI, arbitrary strings through every renderer, and hostile annotation text
// through @actions/core's workflow commands in a child process.
//
// Size: every property scales with FUZZ_RUNS (default 40: about 15 s for the file on a busy 2-core machine);
// `node scripts/fuzz.mjs` runs them with FUZZ_RUNS=2000. A failure prints fast-check's seed and path: replay
// with FUZZ_SEED=<seed> (and FUZZ_PATH=<path> to jump straight to the shrunk case).

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runEngine } from '../../src/engine.js';
import { fsReader } from '../../src/load/reader.js';
import { BUILTIN_POLICIES } from '../../src/policy/builtin.js';
import { loadPolicies } from '../../src/policy/load.js';
import { selectAnnotations } from '../../src/report/annotations.js';
import { buildReport, type Report } from '../../src/report/json.js';
import { COMMENT_LIMIT, renderComment, renderSummary } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { corpusDir, directorySample, isCorpusInstalled, oasExamplePaths } from '../corpus/index.js';
import { memoryReader } from '../helpers/inline.js';
import { type CliResult, runCli } from '../helpers/openapi.js';
import {
  documentArbitraries,
  hostileString,
  markdownLeaks,
  mutate,
  mutationArb,
  type Obj,
  obj,
  type Serialization,
  serialize,
  textLeaks,
  wellFormed,
  withCycles,
  yamlTricks,
} from './arbitraries.js';

/**
 * Every path whose content is opened through node:fs (readFileSync, openSync) while the tool runs: the
 * direct check that nothing outside the workspace is read, besides the canary's absence from the output.
 */
const opened = vi.hoisted(() => ({ paths: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const record = (path: unknown) => {
    if (typeof path === 'string') opened.paths.push(path);
    else if (path instanceof URL) opened.paths.push(decodeURIComponent(path.pathname));
    else if (Buffer.isBuffer(path)) opened.paths.push(path.toString());
  };
  const wrap = <F extends (...args: never[]) => unknown>(f: F): F =>
    ((path: never, ...rest: never[]) => {
      record(path);
      return f(path, ...rest);
    }) as F;
  const readFileSync = wrap(fs.readFileSync);
  const openSync = wrap(fs.openSync);
  return { ...fs, readFileSync, openSync, default: { ...fs, readFileSync, openSync } };
});

const RUNS = Math.max(1, Math.floor(Number(process.env.FUZZ_RUNS ?? 40)) || 40);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;
/** Generous per-test timeouts that grow with the run count (no timing is asserted anywhere). */
const timeout = (msPerRun: number) => 60_000 + RUNS * msPerRun;

function settings<T>(numRuns: number): fc.Parameters<T> {
  return {
    numRuns: Math.max(1, Math.round(numRuns)),
    ...(SEED !== undefined && Number.isFinite(SEED) ? { seed: SEED } : {}),
    ...(PATH ? { path: PATH } : {}),
  };
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_POLICIES = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);
const STRICT_POLICIES = loadPolicies('policies/owasp-strict.yml', BUILTIN_POLICIES['owasp-strict.yml']!);
const PASSWD = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8').split('\n')[0]! : undefined;

// --- A parent directory with a canary outside every workspace ----------------------------------------

/**
 * Appears only in the canary files' values, outside the workspace: seeing it in any output means they were
 * read. (Never in a key a `$ref` names: the `$ref` itself is echoed in messages.)
 */
const TOKEN = `CANARY${randomBytes(6).toString('hex')}`;
const CANARY: Obj = {
  openapi: '3.0.3',
  info: { title: TOKEN, version: TOKEN },
  servers: [{ url: `http://${TOKEN}.example.com` }],
  paths: {
    '/canary-path': {
      post: {
        summary: TOKEN,
        parameters: [{ name: `${TOKEN}_password`, in: 'query', schema: { type: 'string' } }],
        responses: { '200': { description: TOKEN } },
      },
    },
  },
  components: {
    parameters: { p: { name: `${TOKEN}_password`, in: 'query', schema: { type: 'string' } } },
    schemas: {
      s: {
        type: 'object',
        properties: { [`${TOKEN}_password`]: { type: 'string', example: `${TOKEN}-4111111111111111` } },
      },
    },
    securitySchemes: { k: { type: 'apiKey', in: 'query', name: `${TOKEN}_key` } },
    responses: {
      r: {
        description: TOKEN,
        headers: { [`X-${TOKEN}`]: { schema: { type: 'string' } } },
        content: {
          'application/json': {
            schema: { type: 'object', properties: { [`${TOKEN}_password`]: { type: 'string' } } },
          },
        },
      },
    },
  },
};
const CANARY_FRAGMENTS = {
  parameter: '#/components/parameters/p',
  schema: '#/components/schemas/s',
  scheme: '#/components/securitySchemes/k',
  response: '#/components/responses/r',
  pathItem: '#/paths/~1canary-path',
} as const;

let parent = '';
let workspaces = 0;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'api-posture-fuzz-'));
  writeFileSync(join(parent, 'canary.yaml'), serialize(CANARY, 'yaml'));
  writeFileSync(join(parent, 'canary.json'), serialize(CANARY, 'json'));
});

afterAll(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

/** A fresh workspace under the parent, with symlinks that lead back out to the canary. */
function workspace(files: Record<string, string | Buffer>): string {
  const dir = join(parent, `ws${workspaces++}`);
  mkdirSync(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  symlinkSync(join(parent, 'canary.yaml'), join(dir, 'link.yaml'));
  symlinkSync(parent, join(dir, 'dirlink'));
  return dir;
}

function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `$ref`s that must never be followed out of the workspace, each with every canary fragment. */
function escapingRefs(): string[] {
  const targets = [
    '../canary.yaml',
    './../canary.json',
    'sub/../../canary.yaml',
    '..%2Fcanary.yaml',
    '%2e%2e/canary.json',
    '..\\canary.yaml',
    'link.yaml',
    'dirlink/canary.yaml',
    'dirlink/../canary.json',
    join(parent, 'canary.yaml'),
    `file://${join(parent, 'canary.yaml')}`,
    `//${join(parent, 'canary.json')}`,
  ];
  return targets.flatMap((t) => Object.values(CANARY_FRAGMENTS).map((f) => `${t}${f}`));
}

const OTHER_REFS = [
  // internal: fine, missing, circular, odd pointers
  '#/components/schemas/Pet',
  '#/components/schemas/Self',
  '#/components/schemas/Loop1',
  '#/components/schemas/Missing',
  '#/components/parameters/Id',
  '#/components/securitySchemes/key',
  '#/components/responses/NotFound',
  '#/definitions/Pet',
  '#',
  '',
  '#/',
  '#/paths',
  '#/paths/~1pets/get',
  '#/paths/~1pets~1{id}',
  '#User',
  '#/components/schemas/__proto__',
  '#/components/schemas/constructor',
  '#/components/schemas/Pet/constructor',
  '#/x-cyclic',
  '#/x-cyclic/properties/self',
  '#/%E2%82%AC',
  '#/%',
  // other files of the workspace: fine, missing, cycles across files
  'other.yaml',
  'other.yaml#/components/schemas/Pet',
  'other.yaml#/components/parameters/Q',
  'spec.yaml#/components/schemas/Pet',
  'spec.json#/components/schemas/Self',
  'sub/fixed.yaml#/components/schemas/Back',
  'sub/fixed.yaml#/components/schemas/Out',
  'sub/fixed.yaml#/components/schemas/Loop',
  'missing.yaml#/x',
  'sub',
  '.',
  '..',
  'a\u0000.yaml',
  '%',
  // remote and outside
  'http://127.0.0.1:1/x.yaml',
  'https://127.0.0.1:1/x.yaml#/components/schemas/X',
  'HTTP://127.0.0.1:1/X.YAML',
  '//127.0.0.1:1/x.yaml',
  'file:///etc/passwd',
  'data:application/json,{}',
  '../../etc/passwd',
  '../../../../../../../../etc/passwd#/root',
  '/etc/passwd',
];

/** A second file of every workspace: cycles back into the root, and one more way out. */
const FIXED_SUB = serialize(
  {
    components: {
      schemas: {
        Back: { $ref: '../spec.yaml#/components/schemas/Pet' },
        BackJson: { $ref: '../spec.json#/components/schemas/Pet' },
        Out: { $ref: `../..${CANARY_FRAGMENTS.schema.replace('#', '/canary.yaml#')}` },
        Loop: { $ref: '#/components/schemas/Loop' },
        Cross: { $ref: '../other.yaml#/components/schemas/Pet' },
      },
    },
  },
  'yaml',
);

// --- Checks shared by the properties -----------------------------------------------------------------

interface Located {
  file: string;
  line: number;
  column: number;
}

/** Every place a report points at: errors, findings, endpoints, changes, violations. */
function locations(report: Report): [string, Located][] {
  const out: [string, Located][] = report.errors.map((e, i) => [`errors[${i}] ${e.message}`, e]);
  for (const spec of report.specs) {
    for (const f of spec.findings) out.push([`finding ${f.ruleId}`, f.location]);
    for (const c of spec.changes) out.push([`change ${c.kind}`, c.location]);
    for (const e of spec.endpoints) {
      out.push([`endpoint ${e.id}`, e.location]);
      for (const f of e.findings) out.push([`finding ${f.ruleId} on ${e.id}`, f.location]);
      for (const c of e.changes) out.push([`change ${c.kind} on ${e.id}`, c.location]);
    }
  }
  for (const v of report.violations) out.push([`violation ${v.policy}`, v.location]);
  return out;
}

/** Locations are workspace files, at a line and column that exist in them (1-based). */
function locationProblems(report: Report, texts: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [what, loc] of locations(report)) {
    const bad = (why: string) => problems.push(`${what}: ${why} (${JSON.stringify(loc)})`);
    if (
      typeof loc.file !== 'string' ||
      loc.file === '' ||
      loc.file.startsWith('/') ||
      loc.file.startsWith('..')
    )
      bad('file is not workspace-relative');
    if (!Number.isInteger(loc.line) || loc.line < 1) bad('line < 1');
    if (!Number.isInteger(loc.column) || loc.column < 1) bad('column < 1');
    const text = texts.get(loc.file);
    if (text === undefined) {
      bad('file is not one of the workspace files');
      continue;
    }
    const lines = text.split('\n');
    if (loc.line > lines.length) bad(`line beyond the end of the file (${lines.length} lines)`);
    else if (loc.column > lines[loc.line - 1]!.length + 1) bad('column beyond the end of the line');
  }
  return problems;
}

/** One CLI run: no crash, no internal error, no usage error for a document problem, nothing from outside. */
function runProblems(label: string, result: CliResult & { outside: string[] }): string[] {
  const problems: string[] = result.outside.map((p) => `${label}: opened ${p}, outside the workspace`);
  // A named file a mutation made other than OpenAPI (no version key, an unsupported one, empty) is an input
  // error: exit 2 with one line naming it, file:line:col (src/cli/run.ts namedNotOpenApi).
  const notOpenApi =
    result.code === 2 &&
    /^api-posture: [^\n]+:\d+:\d+: (not an OpenAPI document|unsupported OpenAPI version|the file is empty)[^\n]*; nothing to check\n$/.test(
      result.stderr,
    );
  if (!notOpenApi && result.code !== 0 && result.code !== 1) problems.push(`${label}: exit ${result.code}`);
  if (!notOpenApi && result.stderr !== '')
    problems.push(`${label}: stderr ${JSON.stringify(result.stderr.slice(0, 500))}`);
  for (const out of [result.stdout, result.stderr]) {
    if (out.includes(TOKEN)) problems.push(`${label}: the canary outside the workspace was read`);
    if (PASSWD && out.includes(PASSWD)) problems.push(`${label}: /etc/passwd was read`);
  }
  return problems;
}

/** Runs the CLI in `dir` and also reports every file it opened outside `dir` (symlinks resolved). */
async function runIn(
  dir: string,
  argv: string[],
): Promise<CliResult & { files: string[]; outside: string[] }> {
  const root = realpathSync(dir);
  opened.paths.length = 0;
  const result = await runCli(argv, dir);
  const files = [
    ...new Set(opened.paths.map((p) => resolve(dir, p)).map((p) => (existsSync(p) ? realpathSync(p) : p))),
  ];
  opened.paths.length = 0;
  // The streamed scan's own scratch files (src/report/json-stream.ts: a private `mkdtemp` it writes, then
  // reads back) are the tool's, not the workspace's or anybody else's.
  const scratch = (p: string) =>
    p.startsWith(`${realpathSync(tmpdir())}${sep}`) &&
    /[\\/]api-posture-report-[^\\/]+[\\/](specs|violations)\.json$/.test(p);
  return {
    ...result,
    files,
    outside: files.filter((p) => p !== root && !p.startsWith(`${root}${sep}`) && !scratch(p)),
  };
}

type Format = 'json' | 'text' | 'markdown' | 'sarif';

/** Format-specific checks on a CLI's stdout. */
function outputProblems(
  label: string,
  format: Format,
  stdout: string,
  texts: Map<string, string>,
): { problems: string[]; report?: Report } {
  const at = (list: string[]) => list.map((p) => `${label}: ${p}`);
  if (format === 'json') {
    let report: Report;
    try {
      report = JSON.parse(stdout) as Report;
    } catch (error) {
      return { problems: at([`JSON does not parse: ${(error as Error).message}`]) };
    }
    return { problems: at(locationProblems(report, texts)), report };
  }
  if (format === 'text') return { problems: at(textLeaks(stdout)) };
  if (format === 'markdown') return { problems: at(markdownLeaks(stdout)) };
  try {
    const sarif = JSON.parse(stdout) as {
      runs: {
        results: {
          locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    };
    const regions = sarif.runs.flatMap((r) =>
      r.results.flatMap((x) => x.locations.map((l) => l.physicalLocation.region)),
    );
    return {
      problems: at(
        regions
          .filter((r) => !(r.startLine >= 1 && r.startColumn >= 1))
          .map((r) => `SARIF region ${JSON.stringify(r)}`),
      ),
    };
  } catch (error) {
    return { problems: at([`SARIF does not parse: ${(error as Error).message}`]) };
  }
}

/** Every renderer on a report: Markdown escaped, text free of control characters, SARIF regions ≥ 1. */
function renderProblems(label: string, report: Report): string[] {
  const sarif = renderSarif(report, { docsBase: 'https://github.com/api-posture/api-posture/blob/v0' });
  const regions = (sarif.runs[0]?.results ?? []).flatMap((r) =>
    (r.locations ?? []).map((l) => l.physicalLocation?.region),
  );
  return [
    ...markdownLeaks(
      report.mode === 'diff' ? renderComment(report, CTX) : renderSummary(report, CTX),
      CTX,
    ).map((p) => `${label} markdown: ${p}`),
    ...textLeaks(renderText(report)).map((p) => `${label} text: ${p}`),
    ...regions
      .filter((r) => !(r && (r.startLine ?? 0) >= 1 && (r.startColumn ?? 0) >= 1))
      .map((r) => `${label} SARIF region ${JSON.stringify(r)}`),
  ];
}

/**
 * A name the file system accepts, built from arbitrary characters: no `/` or NUL, well-formed UTF-16 (what
 * Node would write anyway), at most 200 bytes, with a prefix (never hidden, never one of the fixed files)
 * and the document's extension.
 */
function safeFileName(raw: string, ext: string): string {
  let name = `x-${wellFormed(raw)}`.split('\u0000').join('_').replace(/\//g, '_');
  while (Buffer.byteLength(name) > 200) name = name.slice(0, -1);
  return `${wellFormed(name)}.${ext}`;
}

/** Texts of the files of a workspace, as the tool reads them (UTF-8, invalid bytes replaced). */
function workspaceTexts(files: Record<string, string | Buffer>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [path, content] of Object.entries(files)) {
    let text = typeof content === 'string' ? content : content.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    texts.set(path, text);
  }
  return texts;
}

// --- The checks themselves catch what they are for -------------------------------------------------

describe('fuzz: the checks are not vacuous', () => {
  it('markdownLeaks sees raw HTML, mentions, images, links and broken table rows, but not code', () => {
    expect(markdownLeaks('a <img src=x> b')).toHaveLength(1);
    expect(markdownLeaks('hi @octocat')).toHaveLength(1);
    expect(markdownLeaks('![x](http://e)')).toHaveLength(2);
    expect(markdownLeaks('\\`x\\` <b>')).toHaveLength(1);
    expect(
      markdownLeaks('`<img>` `@octocat` ``![x](y)`` <sub>ok</sub> &lt; @&#8203;x \\!\\[x\\]\\(y\\)'),
    ).toEqual([]);
    expect(markdownLeaks('| a | b |\n|---|---|\n| `x|y` | z |\n')).toHaveLength(1);
    expect(markdownLeaks('| a | b |\n|---|---|\n| `x\\|y` | z |\n')).toEqual([]);
    // A code span cannot cross a table cell: what follows the pipe is live.
    expect(markdownLeaks('| a | b |\n|---|---|\n| `x | <img>` |\n')).not.toEqual([]);
  });

  it('textLeaks sees control characters other than newlines', () => {
    expect(textLeaks('a\nb\n')).toEqual([]);
    for (const c of ['\u0000', '\t', '\r', '\u001b', '\u007f', '\u009b'])
      expect(textLeaks(`a${c}b`)).toHaveLength(1);
  });

  it('commandProblems sees an injected command, a wrong escape and a lost property', () => {
    const a: AnnotationCase = { level: 'error', title: 't', file: 'f', line: 1, column: 2, message: 'm' };
    expect(commandProblems([a], Buffer.from('::error title=t,file=f,line=1,col=2::m\n'))).toEqual([]);
    expect(
      commandProblems([a], Buffer.from('::error title=t,file=f,line=1,col=2::m\n::add-mask::x\n')),
    ).not.toEqual([]);
    const b = { ...a, message: 'm%' };
    expect(commandProblems([b], Buffer.from('::error title=t,file=f,line=1,col=2::m%\n'))).not.toEqual([]);
    const c = { ...a, title: 'a,b' };
    expect(commandProblems([c], Buffer.from('::error title=a,b,file=f,line=1,col=2::m\n'))).not.toEqual([]);
  });
});

// --- (a) generated documents through the CLI ---------------------------------------------------------

describe('fuzz: generated OpenAPI-shaped documents through the CLI', () => {
  it('the canary is detectable: each fragment, referenced from inside the workspace, shows in the output', async () => {
    const ref = (fragment: string) => ({ $ref: `inside.yaml${fragment}` });
    const response = { '200': { description: 'ok' } };
    const uses: Record<keyof typeof CANARY_FRAGMENTS, Obj> = {
      parameter: { '/a': { post: { parameters: [ref(CANARY_FRAGMENTS.parameter)], responses: response } } },
      schema: {
        '/a': {
          post: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: ref(CANARY_FRAGMENTS.schema) } },
              },
            },
          },
        },
      },
      scheme: { '/a': { post: { security: [{ k: [] }], responses: response } } },
      response: { '/a': { post: { responses: { '200': ref(CANARY_FRAGMENTS.response) } } } },
      pathItem: { '/a': ref(CANARY_FRAGMENTS.pathItem) },
    };
    const missing: string[] = [];
    for (const [role, paths] of Object.entries(uses)) {
      const spec = {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        ...(role === 'scheme'
          ? { components: { securitySchemes: { k: ref(CANARY_FRAGMENTS.scheme) } } }
          : {}),
        paths,
      };
      const dir = workspace({
        'spec.yaml': serialize(spec, 'yaml'),
        'inside.yaml': serialize(CANARY, 'yaml'),
      });
      try {
        const result = await runIn(dir, ['scan', 'spec.yaml', '--format', 'json']);
        if (!result.stdout.includes(TOKEN)) missing.push(role);
        // The recording sees the tool's reads (so `outside` would list the canary had it been read).
        expect(result.files).toContain(realpathSync(join(dir, 'inside.yaml')));
        expect(result.outside).toEqual([]);
      } finally {
        removeWorkspace(dir);
      }
    }
    expect(missing).toEqual([]);
  });

  it(
    'never crash, never exit 2 for a document, locate every problem, never read outside the workspace',
    async () => {
      const refs = [...OTHER_REFS, ...escapingRefs()];
      const { document } = documentArbitraries(refs);
      const serialization = fc.constantFrom<Serialization>(
        'json',
        'json-compact',
        'yaml',
        'yaml-flow',
        'yaml-tricks',
      );
      const sample = fc.record({
        head: document,
        base: document,
        other: document,
        how: serialization,
        otherHow: serialization,
        tricks: yamlTricks,
        cycles: fc.boolean(),
        // A file name from the PR, found by `scan .` (its locations checked in the JSON report).
        extraName: fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(sample, async ({ head, base, other, how, otherHow, tricks, cycles, extraName }) => {
          const yaml = how.startsWith('yaml');
          const ext = yaml ? 'yaml' : 'json';
          const files: Record<string, string> = {
            [`spec.${ext}`]: serialize(cycles && yaml ? withCycles(head) : head, how, tricks),
            [`base.${ext}`]: serialize(base, how, tricks),
            'other.yaml': serialize(other, otherHow, tricks),
            'sub/fixed.yaml': FIXED_SUB,
          };
          const extra = extraName === undefined ? undefined : safeFileName(extraName, ext);
          if (extra !== undefined) files[extra] = files[`spec.${ext}`]!;
          const texts = workspaceTexts(files);
          const dir = workspace(files);
          try {
            const problems: string[] = [];
            // Text, Markdown and SARIF of the same reports are rendered in-process below (cheaper than
            // three more analyses); the mutation property runs those formats through the CLI.
            const runs: [string, string[]][] = [
              ['scan', ['scan', `spec.${ext}`]],
              ['diff', ['diff', `base.${ext}`, `spec.${ext}`]],
              ...(extra !== undefined ? ([['scan .', ['scan', '.']]] as [string, string[]][]) : []),
            ];
            for (const [label, argv] of runs) {
              const result = await runIn(dir, [
                ...argv,
                '--format',
                'json',
                '--policies',
                'default',
                '--policies',
                'owasp-strict',
              ]);
              // Discovery sniffs for a block-style `openapi:` key; a directory without one is a usage error.
              if (argv[1] === '.' && result.code === 2 && /no OpenAPI documents found/.test(result.stderr))
                continue;
              problems.push(...runProblems(label, result));
              if (result.code !== 0 && result.code !== 1) continue;
              const { problems: found, report } = outputProblems(label, 'json', result.stdout, texts);
              problems.push(...found);
              if (report) problems.push(...renderProblems(label, report));
            }
            expect(problems).toEqual([]);
          } finally {
            removeWorkspace(dir);
          }
        }),
        settings(RUNS),
      );
    },
    timeout(1500),
  );
});

// --- (b) byte mutations of real documents ------------------------------------------------------------

/** Small real documents (< 200 KB): Swagger 2.0 YAML and JSON, OpenAPI 3.0 and 3.1, security examples. */
function corpusSources(): { name: string; bytes: Buffer }[] {
  const wanted = new Set([
    'security.json',
    'security-multiple.json',
    'server-variables.json',
    'circular.json',
    'schema-circular.json',
    'callbacks.json',
  ]);
  const paths = [
    ...directorySample().map((e) => e.path),
    ...oasExamplePaths().filter((p) => wanted.has(basename(p))),
  ].filter((p) => existsSync(p) && statSync(p).size < 200_000);
  return [...new Set(paths)].sort().map((p) => ({ name: relative(corpusDir, p), bytes: readFileSync(p) }));
}

describe.skipIf(!isCorpusInstalled())('fuzz: mutated real documents through the CLI', () => {
  let sources: { name: string; bytes: Buffer }[] = [];
  beforeAll(() => {
    sources = corpusSources();
  });

  it('has a few small real documents to mutate', () => {
    expect(sources.length).toBeGreaterThanOrEqual(8);
    expect(sources.some((s) => s.name.endsWith('.yaml'))).toBe(true);
  });

  it(
    'never crash or report an internal error, and the output is deterministic',
    async () => {
      const sample = fc.record({
        // Documents under 30 KB three times as often as the larger ones (up to 200 KB): same paths, faster.
        source: fc
          .oneof(
            { weight: 3, arbitrary: fc.constant('small') },
            { weight: 1, arbitrary: fc.constant('large') },
          )
          .chain((size) => fc.nat().map((n) => ({ size, n }))),
        mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        format: fc.constantFrom<Format>('json', 'text', 'markdown', 'sarif'),
        mode: fc.constantFrom('scan', 'diff'),
        flipExtension: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(sample, async ({ source, mutations, format, mode, flipExtension }) => {
          const pool = sources.filter((x) => x.bytes.length < 30_000 === (source.size === 'small'));
          const original = (pool.length > 0 ? pool : sources)[source.n % (pool.length || sources.length)]!;
          const mutated = mutations.reduce(mutate, original.bytes);
          const ext = /\.json$/i.test(original.name) !== flipExtension ? 'json' : 'yaml';
          const originalExt = /\.json$/i.test(original.name) ? 'json' : 'yaml';
          const files = { [`spec.${ext}`]: mutated, [`original.${originalExt}`]: original.bytes };
          const texts = workspaceTexts(files);
          const dir = workspace(files);
          try {
            const argv =
              mode === 'scan'
                ? ['scan', `spec.${ext}`, '--format', format]
                : ['diff', `original.${originalExt}`, `spec.${ext}`, '--format', format];
            const first = await runIn(dir, argv);
            const second = await runIn(dir, argv);
            const problems = [
              ...runProblems(`${mode} ${format} of mutated ${original.name}`, first),
              ...(first.stderr.includes('internal error') ? ['internal error'] : []),
            ];
            if (first.code === 0 || first.code === 1)
              problems.push(...outputProblems(`${mode} ${format}`, format, first.stdout, texts).problems);
            expect(problems).toEqual([]);
            expect(second.code).toBe(first.code);
            expect(second.stderr).toBe(first.stderr);
            expect(second.stdout === first.stdout).toBe(true);
          } finally {
            removeWorkspace(dir);
          }
        }),
        settings(RUNS),
      );
    },
    timeout(2000),
  );
});

// --- (c) renderers on arbitrary strings --------------------------------------------------------------

interface Strings {
  title: string;
  version: string;
  path: string;
  path2: string;
  summary: string;
  description: string;
  param: string;
  header: string;
  server: string;
  example: string;
  tag: string;
  scheme: string;
  reason: string;
  operationId: string;
  file: string;
  refFile: string;
}

const stringsArb: fc.Arbitrary<Strings> = fc.record({
  title: hostileString,
  version: hostileString,
  path: hostileString,
  path2: hostileString,
  summary: hostileString,
  description: hostileString,
  param: hostileString,
  header: hostileString,
  server: hostileString,
  example: hostileString,
  tag: hostileString,
  scheme: hostileString,
  reason: hostileString,
  operationId: hostileString,
  file: hostileString,
  refFile: hostileString,
});

/**
 * A head and a base that put every string where a renderer shows it: endpoint paths and ids, finding and
 * change messages (parameter, header, scheme names, server URLs, examples), versions, suppression reasons.
 */
function hostileDocuments(s: Strings): { head: Obj; base: Obj } {
  const bodySchema = {
    type: 'object',
    additionalProperties: true,
    properties: obj([
      [s.param, { type: 'string', example: s.example }],
      [`password${s.param}`, { type: 'string', example: s.example }],
      ['card', { type: 'string', example: '4111111111111111' }],
      ['callback_url', { type: 'string', format: 'uri' }],
    ]),
  };
  const headers = obj([
    [s.header, { schema: { type: 'string', example: s.example } }],
    ['Access-Control-Allow-Origin', { schema: { type: 'string', enum: ['*'] } }],
    ['Access-Control-Allow-Credentials', { schema: { type: 'boolean', enum: [true] } }],
  ]);
  const write = (required: boolean) => ({
    summary: s.summary,
    description: s.description,
    operationId: s.operationId,
    tags: [s.tag],
    parameters: [
      {
        name: s.param,
        in: 'query',
        required,
        schema: { type: 'string', example: s.example, enum: [s.example] },
      },
      { name: `token${s.param}`, in: 'query', schema: { type: 'string' } },
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: s.header, in: 'header', required, schema: { type: 'string' } },
      { $ref: `${s.refFile}#/components/parameters/p` },
    ],
    requestBody: { content: { 'application/json': { schema: bodySchema } } },
    responses: {
      '200': { description: s.description, headers, content: { 'application/json': { schema: bodySchema } } },
    },
    servers: [{ url: s.server }, { url: `http://${s.server}` }],
    security: [],
  });
  const common = {
    openapi: '3.0.3',
    tags: [{ name: s.tag, description: s.description }],
    components: {
      securitySchemes: obj([
        [s.scheme, { type: 'apiKey', in: 'query', name: s.param }],
        ['basic', { type: 'http', scheme: 'basic' }],
        ['oauth', { type: 'oauth2', flows: { implicit: { authorizationUrl: s.server, scopes: {} } } }],
      ]),
    },
    'x-api-posture-ignore': [{ rule: 'inventory', reason: s.reason, expires: '2999-12-31' }],
  };
  const head = obj([
    ...Object.entries(common),
    ['info', { title: s.title, version: s.version, description: s.description }],
    ['servers', [{ url: s.server }, { url: 'http://dev.example.com' }]],
    ['security', [obj([[s.scheme, []]]), {}]],
    [
      'paths',
      obj([
        [
          `/${s.path}/{id}`,
          {
            post: write(false),
            get: {
              summary: s.summary,
              deprecated: true,
              parameters: [{ name: s.param, in: 'query', schema: { type: 'string' } }],
              responses: { '200': { description: s.description } },
              security: [obj([[s.scheme, []]]), { oauth: [] }],
            },
          },
        ],
        [
          s.path2,
          {
            delete: {
              description: s.description,
              responses: { '200': { description: s.description } },
              security: [obj([[`${s.scheme}-undefined`, []]])],
            },
          },
        ],
      ]),
    ],
  ]);
  const base = obj([
    ...Object.entries(common),
    ['info', { title: s.title, version: `${s.version}-base` }],
    ['servers', [{ url: 'https://api.example.com' }]],
    ['security', [{ basic: [] }]],
    [
      'paths',
      obj([
        [
          `/${s.path}/{id}`,
          { post: { ...write(true), security: [{ basic: [] }], servers: [{ url: s.server }] } },
        ],
        [
          `/${s.path2}/old`,
          {
            put: {
              summary: s.summary,
              parameters: [
                { name: `ssn${s.param}`, in: 'query', schema: { type: 'string', example: s.example } },
              ],
              responses: { '200': { description: s.description } },
            },
          },
        ],
      ]),
    ],
  ]);
  return { head, base };
}

const CTX = {
  blobBase: 'https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567',
  runUrl: 'https://github.com/o/r/actions/runs/1',
  reportFile: 'api-posture-report.json',
  sarifFile: 'api-posture.sarif',
};

/** Reports of one hostile document pair: diff (new, fixed, breaking, suppressed) and scan (inventory). */
function hostileReports(s: Strings, fileName: string): Report[] {
  const { head, base } = hostileDocuments(s);
  const reader = (doc: Obj) => memoryReader({ [fileName]: JSON.stringify(doc) });
  const options = {
    policies: [...DEFAULT_POLICIES, ...STRICT_POLICIES],
    failOn: 'high' as const,
    failOnScope: 'new' as const,
    today: '2026-11-27',
  };
  return [
    buildReport(
      runEngine(
        [
          {
            path: fileName,
            base: { reader: reader(base), path: fileName },
            head: { reader: reader(head), path: fileName },
          },
        ],
        { ...options, mode: 'diff' },
      ),
    ),
    buildReport(
      runEngine([{ path: fileName, head: { reader: reader(head), path: fileName } }], {
        ...options,
        mode: 'scan',
      }),
    ),
  ];
}

/**
 * File names are PR content too: control characters, parentheses and lone surrogates in them once broke the
 * text report and the Markdown's line links (the regression tests at the end), so they are used as they are.
 */
const fileNameOf = (s: string) => `${s}.json`;

describe('fuzz: renderers on arbitrary document strings', () => {
  it(
    'never throw, escape Markdown, keep control characters out of text, and produce JSON that parses back',
    () => {
      fc.assert(
        fc.property(stringsArb, (s) => {
          const problems: string[] = [];
          for (const report of hostileReports(s, fileNameOf(s.file))) {
            const label = report.mode;
            // With and without line links, alternating between the two reports (the rest is the same code).
            const linked = report.mode === 'diff';
            for (const [name, markdown, ctx] of [
              ['comment', renderComment(report, linked ? CTX : {}), linked ? CTX : {}],
              ['summary', renderSummary(report, linked ? {} : CTX), linked ? {} : CTX],
            ] as const) {
              problems.push(...markdownLeaks(markdown, ctx).map((p) => `${label} ${name}: ${p}`));
              if (name === 'comment' && markdown.length > COMMENT_LIMIT)
                problems.push(`${label} ${name}: ${markdown.length} characters`);
            }
            problems.push(...textLeaks(renderText(report)).map((p) => `${label} text: ${p}`));
            const json = JSON.stringify(report);
            expect(JSON.parse(json)).toEqual(report);
            const sarif = renderSarif(report, {
              docsBase: 'https://github.com/api-posture/api-posture/blob/v0',
            });
            expect(JSON.parse(JSON.stringify(sarif))).toEqual(sarif);
          }
          expect(problems).toEqual([]);
        }),
        settings(RUNS),
      );
    },
    timeout(500),
  );

  it('the hostile fixtures reach the renderers (the property is not vacuous)', () => {
    const s: Strings = {
      title: '<img src=x>',
      version: '@octocat',
      path: '![x](http://e)',
      path2: '/a|b',
      summary: '`x` <b>',
      description: 'line\r\nbreak',
      param: 'api_key<script>',
      header: 'X-@octocat',
      server: 'http://e.example/![x](http://e)',
      example: 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
      tag: '@team',
      scheme: 'k|<img>',
      reason: '<b>because</b> @octocat',
      operationId: 'op',
      file: 'dir/spe`c',
      refFile: 'missing<x>.yaml',
    };
    const [diff] = hostileReports(s, fileNameOf(s.file));
    const json = JSON.stringify(diff);
    for (const needle of ['<img src=x>', '@octocat', '![x](http://e)', 'api_key<script>', 'missing<x>.yaml'])
      expect(json).toContain(needle);
    expect(markdownLeaks(renderComment(diff!))).toEqual([]);
  });
});

// --- (d) workflow commands: annotations through @actions/core ----------------------------------------

interface AnnotationCase {
  level: 'error' | 'warning' | 'notice';
  title: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Emits annotations exactly as src/action/main.ts does (same properties object), in a child process that
 * imports @actions/core from the repository's node_modules; returns the raw stdout bytes.
 */
const CHILD = `
import * as core from '@actions/core';
let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
for (const a of JSON.parse(input)) {
  const properties = { title: a.title, file: a.file, startLine: a.line, startColumn: a.column };
  if (a.level === 'error') core.error(a.message, properties);
  else if (a.level === 'warning') core.warning(a.message, properties);
  else core.notice(a.message, properties);
}
`;

function emit(cases: AnnotationCase[]): Buffer {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '' };
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd: REPO,
    input: JSON.stringify(cases),
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`child exited ${result.status}: ${result.stderr.toString()}`);
  return result.stdout;
}

/** GitHub's escaping, written from its documentation: data `%`, CR, LF; properties also `:` and `,`. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function expectedCommand(a: AnnotationCase): string {
  const properties = [
    a.title ? `title=${escapeProperty(a.title)}` : '',
    a.file ? `file=${escapeProperty(a.file)}` : '',
    a.line ? `line=${a.line}` : '',
    a.column ? `col=${a.column}` : '',
  ].filter(Boolean);
  return `::${a.level}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${escapeData(a.message)}\n`;
}

/** How the runner reads a command line back (actions/runner ActionCommand.TryParseV2 and its unescaping). */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const unescapeValue = (s: string, property: boolean) => {
    let out = s.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
    if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
    return out.replace(/%25/g, '%');
  };
  const trimmed = line.trimStart();
  const end = trimmed.indexOf('::', 2);
  const info = trimmed.slice(2, end);
  const space = info.indexOf(' ');
  const command = space === -1 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space !== -1) {
    for (const pair of info.slice(space + 1).split(',')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeValue(pair.slice(eq + 1), true);
    }
  }
  return { command, properties, data: unescapeValue(trimmed.slice(end + 2), false) };
}

/** Checks one child's stdout against the cases it was given; returns what is wrong. */
function commandProblems(cases: AnnotationCase[], stdout: Buffer): string[] {
  const problems: string[] = [];
  const expected = Buffer.from(cases.map(expectedCommand).join(''), 'utf8');
  if (!stdout.equals(expected)) {
    const got = stdout.toString('utf8').split('\n');
    const want = expected.toString('utf8').split('\n');
    const i = got.findIndex((line, k) => line !== want[k]);
    problems.push(`stdout differs at line ${i + 1}: ${JSON.stringify(got[i])} vs ${JSON.stringify(want[i])}`);
  }
  // The runner reads stdout line by line, splitting on CR, LF and CRLF.
  const lines = stdout.toString('utf8').split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length !== cases.length) problems.push(`${lines.length} lines for ${cases.length} annotations`);
  lines.forEach((line, i) => {
    const a = cases[i];
    if (!a || !line.startsWith(`::${a.level} `)) {
      if (line.trimStart().startsWith('::'))
        problems.push(`line ${i + 1} is an extra workflow command: ${line}`);
      else problems.push(`line ${i + 1} is not the annotation: ${line}`);
      return;
    }
    const parsed = parseCommand(line);
    const want = {
      command: a.level,
      properties: {
        ...(a.title ? { title: wellFormed(a.title) } : {}),
        ...(a.file ? { file: wellFormed(a.file) } : {}),
        line: String(a.line),
        col: String(a.column),
      },
      data: wellFormed(a.message),
    };
    if (JSON.stringify(parsed) !== JSON.stringify(want))
      problems.push(`line ${i + 1} reads back as ${JSON.stringify(parsed)}, not ${JSON.stringify(want)}`);
  });
  return problems;
}

const commandText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom(
        '%',
        '\r',
        '\n',
        ':',
        ',',
        '::',
        '=',
        ' ',
        '%0A',
        '%0D',
        '%25',
        '%3A',
        '%2C',
        '\r\n::set-output name=blocked::false',
        '\n::add-mask::s3cr3t',
        '\n::stop-commands::token',
        '\r::error::forged',
        '\n  ::warning file=x,line=1::indented',
        '::notice title=t::x',
        '\u2028',
        '\u0085',
        '\ud800',
      ),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const annotationArb: fc.Arbitrary<AnnotationCase> = fc.record({
  level: fc.constantFrom('error' as const, 'warning' as const, 'notice' as const),
  title: commandText,
  file: commandText,
  line: fc.integer({ min: 1, max: 1_000_000 }),
  column: fc.integer({ min: 1, max: 10_000 }),
  message: commandText,
});

describe('fuzz: annotations as workflow commands (@actions/core in a child process)', () => {
  it('the escaping is exactly %25 %0D %0A in data and also %3A %2C in properties', () => {
    const cases: AnnotationCase[] = [
      {
        level: 'error',
        title: 'high: a,b:c%d\r\ne',
        file: 'specs/a,b:c%.yaml',
        line: 3,
        column: 7,
        message: '100% sure\r\n::set-output name=blocked::false\n::add-mask::x',
      },
    ];
    const stdout = emit(cases);
    expect(stdout.toString('utf8')).toBe(
      '::error title=high%3A a%2Cb%3Ac%25d%0D%0Ae,file=specs/a%2Cb%3Ac%25.yaml,line=3,col=7::100%25 sure%0D%0A::set-output name=blocked::false%0A::add-mask::x\n',
    );
    expect(commandProblems(cases, stdout)).toEqual([]);
  });

  it(
    'hostile titles, files and messages are escaped and never start a second command',
    () => {
      fc.assert(
        fc.property(fc.array(annotationArb, { minLength: 1, maxLength: 25 }), (cases) => {
          expect(commandProblems(cases, emit(cases))).toEqual([]);
        }),
        settings(Math.max(3, RUNS / 10)),
      );
    },
    timeout(400),
  );

  it(
    'annotations selected from a hostile document are emitted as exactly one command each',
    () => {
      fc.assert(
        fc.property(stringsArb, (s) => {
          const [diff] = hostileReports(s, `specs/${fileNameOf(s.file)}`);
          const cases: AnnotationCase[] = selectAnnotations(diff!).shown.map((a) => ({
            level: a.level,
            title: a.title,
            file: a.file,
            line: a.line,
            column: a.column,
            message: a.message,
          }));
          expect(cases.length).toBeGreaterThan(0);
          expect(commandProblems(cases, emit(cases))).toEqual([]);
        }),
        settings(Math.max(2, RUNS / 25)),
      );
    },
    timeout(400),
  );
});

// --- Bugs the fuzzing found, fixed; kept as regression tests -----------------------------------------

describe('bugs found by fuzzing', () => {
  it('fixed: a JSON document nested 100,000 levels deep is reported as a finding, not as an internal error', async () => {
    // JSON.parse accepts it; the first reported position calls jsonc-parser's recursive parseTree
    // (src/load/source.ts, jsonSource → position), which overflows the stack outside any try/catch:
    // `api-posture: internal error: Maximum call stack size exceeded`, exit 2. SPEC §11: deep nesting
    // must give bounded time and a clear finding.
    const depth = 100_000;
    const text = `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}},"x-deep":${'['.repeat(depth)}${']'.repeat(depth)}}}}}`;
    const dir = workspace({ 'spec.json': text });
    try {
      const result = await runCli(['scan', 'spec.json', '--format', 'json'], dir);
      expect(result.stderr).not.toContain('internal error');
      expect([0, 1]).toContain(result.code);
    } finally {
      removeWorkspace(dir);
    }
  });

  it('fixed: a $ref with a lone surrogate makes the PR comment and job summary throw URIError', () => {
    // `"\ud800"` is a valid JSON escape. The referenced file exists on disk (the surrogate is written as
    // U+FFFD), so findings are located in a file named `p\ud800.json`; lineLink's encodeURIComponent
    // throws `URIError: URI malformed` whenever a blob link is made. The action passes `blobBase` on every
    // PR: the job summary is skipped with a warning and the comment throws, failing the action with
    // "api-posture failed unexpectedly: URI malformed" (src/report/escape.ts lineLink; src/action/main.ts).
    const dir = workspace({
      'spec.json':
        '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"post":{"parameters":[{"$ref":"p\\ud800.json#/p"}],"responses":{"200":{"description":"ok"}}}}}}',
      'p\ud800.json': '{"p":{"name":"password","in":"query","schema":{"type":"string"}}}',
    });
    try {
      const reader = fsReader(dir);
      const report = buildReport(
        runEngine([{ path: 'spec.json', head: { reader, path: 'spec.json' } }], {
          mode: 'diff',
          failOn: 'critical',
          failOnScope: 'new',
        }),
      );
      expect(locations(report).some(([, loc]) => loc.file === 'p\ud800.json')).toBe(true);
      expect(() => renderSummary(report, CTX)).not.toThrow();
      expect(() => renderComment(report, CTX)).not.toThrow();
    } finally {
      removeWorkspace(dir);
    }
  });

  it('fixed: a `)` in a spec file name ends the line link early and leaves the rest as live Markdown', () => {
    // encodeURIComponent leaves `(`, `)`, `*`, `!` and `'` as they are; in `[…](…/a)*b*.json#L5)` the link
    // target would end at the first `)` and `*b*.json#L5)` would render as live Markdown. lineLink encodes them.
    const file = 'a)*b*.json';
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a': { post: { responses: { '200': { description: 'ok' } } } } },
    };
    const report = buildReport(
      runEngine(
        [{ path: file, head: { reader: memoryReader({ [file]: JSON.stringify(doc) }), path: file } }],
        {
          mode: 'diff',
          failOn: 'critical',
          failOnScope: 'new',
        },
      ),
    );
    const comment = renderComment(report, CTX);
    expect(comment).not.toContain(`(${CTX.blobBase}/a)*b*.json#L`);
    expect(comment).toContain(`(${CTX.blobBase}/a%29%2Ab%2A.json#L`);
    expect(markdownLeaks(comment, CTX)).toEqual([]);
  });

  it('fixed: control characters in a spec file name reach the text report unescaped (terminal escapes)', async () => {
    // renderText passes messages through oneLine() but prints `location.file` raw in findingLines,
    // changeLine and the endpoint lines (src/report/text.ts). A PR can add a file named like this.
    const name = 'spec\u001b]0;pwned\u0007\u001b[2J.yaml';
    const dir = workspace({
      [name]:
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    post:\n      responses: {"200": {description: ok}}\n',
    });
    try {
      const result = await runCli(['scan', name, '--format', 'text'], dir);
      expect(result.code).toBeLessThan(2);
      expect(textLeaks(result.stdout)).toEqual([]);
    } finally {
      removeWorkspace(dir);
    }
  });

  it('fixed: a version string with a line break reaches the text verdict raw (found by seed 949803503)', async () => {
    // The gate's reason quotes an unsupported version as written (`swagger: "\r\n"`); renderText printed
    // the reason without oneLine() in its last line, the one a terminal or a CI log shows.
    const dir = workspace({
      'base.json': '{"openapi":"3.0.0","info":{"title":"","version":""},"paths":{}}',
      'head.json': '{"swagger":"\\r\\n","info":{"title":"","version":"1.0.0"},"paths":{}}',
    });
    try {
      const result = await runCli(['diff', 'base.json', 'head.json', '--format', 'text'], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Verdict: BLOCKED');
      expect(result.stdout).toContain('unsupported OpenAPI version');
      expect(textLeaks(result.stdout)).toEqual([]);
    } finally {
      removeWorkspace(dir);
    }
  });
});
