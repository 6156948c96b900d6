// The fork-PR comment artifact read back as hostile input: the zip reader, the format checks and the
// report's schema. End to end (both workflows under the fake GitHub) in test/e2e/fork-comment.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../src/engine.js';
import { BUILTIN_POLICIES } from '../src/policy/builtin.js';
import { loadPolicies } from '../src/policy/load.js';
import {
  artifactOverLimit,
  COMMENT_ARTIFACT,
  COMMENT_ARTIFACT_FILE,
  COMMENT_ARTIFACT_FORMAT,
  MAX_ARTIFACT_JSON_BYTES,
  MAX_ARTIFACT_ZIP_BYTES,
  readCommentArtifact,
  writeCommentArtifact,
} from '../src/publish/artifact.js';
import { parseReport } from '../src/publish/report-schema.js';
import { readOnlyEntry } from '../src/publish/zip.js';
import { buildReport, type Report } from '../src/report/json.js';
import { writeJsonToFd } from '../src/report/json-text.js';
import { COMMENT_MARKER, renderComment } from '../src/report/markdown.js';
import { formatBytes } from '../src/util/bytes.js';
import { memoryReader, outdent } from './helpers/inline.js';
import { zip } from './helpers/zip.js';

const policies = loadPolicies('policies/default.yml', BUILTIN_POLICIES['default.yml']!);
const example = (side: string, file: string) =>
  readFileSync(new URL(`../examples/${side}/${file}`, import.meta.url), 'utf8');

function reportOf(base: Record<string, string>, head: Record<string, string>, path: string): Report {
  const side = (files: Record<string, string>) => ({ reader: memoryReader(files), path });
  return buildReport(
    runEngine([{ path, base: side(base), head: side(head) }], {
      mode: 'diff',
      policies,
      failOn: 'critical',
      failOnScope: 'new',
      today: '2026-11-27',
    }),
  );
}

const exampleReport = () =>
  reportOf(
    { 'payments.yaml': example('base', 'payments.yaml'), 'schemas.yaml': example('base', 'schemas.yaml') },
    { 'payments.yaml': example('head', 'payments.yaml'), 'schemas.yaml': example('head', 'schemas.yaml') },
    'payments.yaml',
  );

const RUN = { pullRequest: 17, headSha: 'a'.repeat(40) };
const artifactJson = (overrides: Record<string, unknown> = {}, report: unknown = exampleReport()) =>
  JSON.stringify({ format: COMMENT_ARTIFACT_FORMAT, version: 1, ...RUN, report, ...overrides });
const artifactZip = (json: string) => zip([{ name: COMMENT_ARTIFACT_FILE, data: json }]);
const refusal = (bytes: Buffer) => {
  const read = readCommentArtifact(bytes, RUN);
  return 'refused' in read ? read.refused : undefined;
};

describe('the zip reader', () => {
  it('reads the one entry, stored or deflated', () => {
    for (const method of ['store', 'deflate'] as const) {
      const read = readOnlyEntry(zip([{ name: 'a.json', data: '{"a":1}', method }]), 'a.json', 100);
      expect(read).toEqual({ bytes: Buffer.from('{"a":1}') });
    }
  });

  it('reads a zip written by another tool, with data descriptors (as upload-artifact streams it)', () => {
    // Python's zipfile writes to a pipe without seeking: sizes and CRC follow the data (flag bit 3).
    const written = execFileSync(
      'python3',
      [
        '-c',
        'import sys, zipfile\nwith zipfile.ZipFile(sys.stdout.buffer, "w", zipfile.ZIP_DEFLATED) as z:\n  z.writestr("dir/", "")\n  z.writestr("a.json", "{\\"a\\": 1}" * 100)',
      ],
      { maxBuffer: 1 << 20 },
    );
    expect(written.readUInt16LE(6) & 8).toBe(8); // the first local header defers its sizes
    const read = readOnlyEntry(written, 'a.json', 10_000);
    expect('bytes' in read && read.bytes.toString()).toBe('{"a": 1}'.repeat(100));
  });

  const cases: { name: string; bytes: () => Buffer; refused: RegExp }[] = [
    {
      name: 'not a zip',
      bytes: () => Buffer.from('{"format": "api-posture/pr-comment"}'),
      refused: /not a zip archive/,
    },
    {
      name: 'a path-traversal name beside the file',
      bytes: () =>
        zip([
          { name: 'a.json', data: '{}' },
          { name: '../../.github/workflows/x.yml', data: 'x' },
        ]),
      refused: /holds "\.\.\/\.\.\/\.github\/workflows\/x\.yml", not only a\.json/,
    },
    {
      name: 'the file under another folder',
      bytes: () => zip([{ name: '/tmp/a.json', data: '{}' }]),
      refused: /holds "\/tmp\/a\.json", not only a\.json/,
    },
    {
      name: 'the file twice',
      bytes: () =>
        zip([
          { name: 'a.json', data: '{}' },
          { name: 'a.json', data: '[]' },
        ]),
      refused: /a\.json twice/,
    },
    { name: 'no file', bytes: () => zip([]), refused: /has no a\.json/ },
    {
      name: 'a local header naming another file',
      bytes: () => zip([{ name: 'a.json', localName: 'b.json', data: '{}' }]),
      refused: /local header names another file/,
    },
    {
      name: 'a declared size over the limit',
      bytes: () => zip([{ name: 'a.json', data: '{}', declaredSize: 2_000 }]),
      refused: /is 2000 bytes, over the limit of 1000/,
    },
    {
      name: 'a zip bomb (small declared size, inflates past the limit)',
      bytes: () => zip([{ name: 'a.json', data: Buffer.alloc(5_000_000), declaredSize: 10 }]),
      refused: /inflates to more than 1000 bytes/,
    },
    {
      name: 'a size that lies the other way',
      bytes: () => zip([{ name: 'a.json', data: '{"a": 1}', declaredSize: 3 }]),
      refused: /inflates to 8 bytes, not the 3 it declares/,
    },
    {
      name: 'a corrupted CRC',
      bytes: () => {
        const bytes = zip([{ name: 'a.json', data: '{}', method: 'store' }]);
        bytes[30 + 'a.json'.length] = '['.charCodeAt(0); // the stored data itself
        return bytes;
      },
      refused: /fails its CRC check/,
    },
    {
      name: 'more entries than an artifact of one file has',
      bytes: () => zip(Array.from({ length: 17 }, (_, i) => ({ name: `${i}.json`, data: '{}' }))),
      refused: /holds 17 entries/,
    },
  ];
  it.each(cases)('refuses $name', ({ bytes, refused }) => {
    const read = readOnlyEntry(bytes(), 'a.json', 1000);
    expect('refused' in read && read.refused).toMatch(refused);
  });
});

describe('the comment artifact', () => {
  it('gives back the report the pull_request run wrote, rendered to the same comment', () => {
    const report = exampleReport();
    const read = readCommentArtifact(artifactZip(artifactJson({}, report)), RUN);
    expect('report' in read).toBe(true);
    const back = (read as { report: Report }).report;
    expect(renderComment(back)).toBe(renderComment(report));
    expect(renderComment(back).startsWith(COMMENT_MARKER)).toBe(true);
    expect(back.blocked).toBe(true);
  });

  it.each([
    [
      'another PR number',
      { pullRequest: 18 },
      /is for pull request 18, but the run that uploaded it ran for pull request #17/,
    ],
    ['a PR number as a string', { pullRequest: '17' }, /is for pull request "17"/],
    [
      'another head commit',
      { headSha: 'b'.repeat(40) },
      /is for commit "bbbb.*", but the run that uploaded it ran on aaaa/,
    ],
    [
      'no format marker',
      { format: 'something-else' },
      /not this action's output \(no "api-posture\/pr-comment" format marker\)/,
    ],
    ['another format version', { version: 2 }, /format version 2; this action reads version 1/],
    [
      'a rendered body instead of a report',
      { report: undefined, body: `${COMMENT_MARKER}\n✅ passed` },
      /report in api-posture-comment\.json is not this action's report: \(root\): /,
    ],
  ])('refuses %s', (_name, overrides, message) => {
    expect(refusal(artifactZip(artifactJson(overrides)))).toMatch(message);
  });

  it('refuses a forged PR number carrying a workflow command, quoting it on one line', () => {
    const refused = refusal(artifactZip(artifactJson({ pullRequest: '1\n::error::forged\n' })));
    expect(refused).toContain('is for pull request "1\\n::error::forged\\n"');
    expect(refused).not.toMatch(/\n/);
  });

  it('refuses a zip bomb: a few kilobytes that would inflate past the JSON limit', () => {
    const bomb = zip([
      { name: COMMENT_ARTIFACT_FILE, data: Buffer.alloc(MAX_ARTIFACT_JSON_BYTES + 1), declaredSize: 100 },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(bomb)).toMatch(
      /"api-posture-comment\.json" inflates to more than 33554432 bytes \(a zip bomb\?\)/,
    );
  });

  it('refuses an oversize zip before reading it', () => {
    const big = Buffer.alloc(MAX_ARTIFACT_ZIP_BYTES + 1);
    expect(refusal(big)).toMatch(/the artifact is 8388609 bytes, over the limit of 8388608/);
  });

  it('refuses a file that is not UTF-8 JSON', () => {
    expect(refusal(artifactZip('{"format": '))).toMatch(/is not UTF-8 JSON/);
    expect(refusal(zip([{ name: COMMENT_ARTIFACT_FILE, data: Buffer.from([0x7b, 0xff, 0x7d]) }]))).toMatch(
      /is not UTF-8 JSON/,
    );
  });

  it('refuses an inventory report: a pull request run writes a diff', () => {
    const report = { ...exampleReport(), mode: 'scan' };
    expect(refusal(artifactZip(artifactJson({}, report)))).toMatch(/is an inventory \(scan\)/);
  });
});

describe('the report schema', () => {
  it('accepts real reports: the example, and one with waivers, suppressions and a broken head', () => {
    const waivers = reportOf(
      {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /a: { get: { security: [{ k: [] }], responses: { '200': { description: ok } } } }
          components: { securitySchemes: { k: { type: apiKey, in: header, name: X-Key } } }
        `),
      },
      {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          info: { title: t, version: '2' }
          x-api-posture-ignore: [{ rule: transport-http-server, reason: "a test server" }]
          servers: [{ url: 'http://example.com' }]
          paths:
            /a: { get: { x-api-posture-classification: internal, responses: { '200': { description: ok } } } }
        `),
      },
      'openapi.yaml',
    );
    const broken = reportOf(
      { 'openapi.yaml': 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n' },
      { 'openapi.yaml': 'openapi: [' },
      'openapi.yaml',
    );
    for (const report of [exampleReport(), waivers, broken]) {
      const parsed = parseReport(JSON.parse(JSON.stringify(report)));
      expect(parsed).toEqual({ report });
    }
    expect(waivers.specs[0]!.waiverRequests.length).toBeGreaterThan(0);
    expect(broken.specs[0]!.analysed).toBe(false);
  });

  // Fields the renderer writes as they are: each forged value would break out of its place.
  const forged: [string, (r: Report) => void, RegExp][] = [
    [
      'a rule id closing its code span',
      (r) => {
        r.specs[0]!.endpoints.find((e) => e.findings.length > 0)!.findings[0]!.ruleId =
          'x` @admin [y](https://evil)';
      },
      /ruleId: not a rule id/,
    ],
    [
      'a fingerprint closing the YAML block',
      (r) => {
        r.specs[0]!.endpoints.find((e) => e.findings.length > 0)!.findings[0]!.fingerprint = '```\n# pwned';
      },
      /fingerprint: not a fingerprint/,
    ],
    [
      'a severity that is markup',
      (r) => {
        (r.violations[0] as { severity: string }).severity = '<img src=x>';
      },
      /violations\.0\.severity/,
    ],
    [
      'a tool version with a link',
      (r) => {
        r.tool.version = '1 [click](https://evil)';
      },
      /tool\.version: not a version/,
    ],
    [
      'another tool',
      (r) => {
        (r.tool as { name: string }).name = 'other';
      },
      /tool\.name/,
    ],
    [
      'a line number that is text',
      (r) => {
        (r.errors as unknown[]).push({ file: 'a', line: '1)(https://evil', column: 1, message: 'm' });
      },
      /errors\.0\.line/,
    ],
    [
      'an endpoint change that is markup',
      (r) => {
        (r.specs[0]!.endpoints[0] as { change: string }).change = '| forged |';
      },
      /change/,
    ],
  ];
  it.each(forged)('refuses %s', (_name, forge, problem) => {
    const report = structuredClone(exampleReport());
    forge(report);
    const parsed = parseReport(report);
    expect('problems' in parsed && parsed.problems.join('; ')).toMatch(problem);
  });

  it('leaves free text to the renderer, which escapes it: mentions and links stay inert', () => {
    const report = exampleReport();
    report.summary.verdict = '@maintainers please merge [now](https://evil.example) <img src=x> #1';
    const read = readCommentArtifact(artifactZip(artifactJson({}, report)), RUN);
    const body = renderComment((read as { report: Report }).report);
    expect(body).toContain('@&#8203;maintainers');
    expect(body).not.toContain('[now](https://evil.example)');
    expect(body).not.toContain('<img');
  });
});

interface Step {
  uses?: string;
  with?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: { workflow_run?: { workflows: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

describe('the README’s pair of workflows', () => {
  it('uploads the folder the action writes, under the name the second workflow reads', async () => {
    const { parse } = await import('yaml');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const blocks = [
      ...readme.matchAll(/```yaml\n(# \.github\/workflows\/api-posture[^\n]*\n[\s\S]*?)```/g),
    ].map((m) => parse(m[1]!) as Workflow);
    expect(blocks).toHaveLength(2);
    const [analyse, comment] = blocks as [Workflow, Workflow];
    const steps = analyse.jobs['api-posture']!.steps;
    expect(steps.find((s) => s.uses?.startsWith('api-posture/'))?.with).toEqual({
      mode: 'comment-to-artifact',
    });
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.name).toBe(COMMENT_ARTIFACT);
    expect(upload?.with?.path).toBe(`\${{ runner.temp }}/${COMMENT_ARTIFACT}/`);
    expect(analyse.permissions).toEqual({ contents: 'read' });
    expect(comment.on.workflow_run?.workflows).toEqual([analyse.name]);
    expect(comment.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    const commentSteps = comment.jobs.comment!.steps;
    expect(commentSteps.map((s) => s.uses)).toEqual(['api-posture/api-posture@v1']); // no checkout
    expect(commentSteps[0]!.with).toEqual({ mode: 'comment-from-artifact' });
  });
});

describe('an artifact larger than the comment run reads', () => {
  it('is said in the PR run, with its size and the limit; within the limit nothing is said', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-posture-artifact-'));
    try {
      const path = join(dir, COMMENT_ARTIFACT, COMMENT_ARTIFACT_FILE);
      expect(
        writeCommentArtifact(path, [dir], RUN.pullRequest, RUN.headSha, (fd) =>
          writeJsonToFd(fd, exampleReport()),
        ),
      ).toBeUndefined();
      const bytes = statSync(path).size;
      expect(artifactOverLimit(path)).toBeUndefined();
      expect(artifactOverLimit(path, bytes)).toBeUndefined();
      expect(artifactOverLimit(path, bytes - 1)).toBe(
        `the comment artifact is ${formatBytes(bytes)}, above the ${formatBytes(bytes - 1)} the comment-from-artifact run reads: this PR will get no comment (its report is too large to post); the gate, annotations, job summary and SARIF are unaffected`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
