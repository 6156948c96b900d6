// Independent helpers for the real-document tests: they read raw documents without any src/ code, so the
// tests can compare what the tool reports against a second, naive computation.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { EndpointDiff, SpecDiff } from '../../src/diff/types.js';
import type { Report } from '../../src/report/json.js';

export const RAW_HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `get` + `/repos/{owner}/{repo}` → `GET /repos/{}/{}`, computed from the raw `paths` object. */
export function rawEndpointIds(doc: unknown): Set<string> {
  const ids = new Set<string>();
  const paths = isRecord(doc) ? doc.paths : undefined;
  if (!isRecord(paths)) return ids;
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of RAW_HTTP_METHODS) {
      if (isRecord(item[method])) ids.add(`${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`);
    }
  }
  return ids;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** `a \ b`, sorted. */
export function difference(a: Iterable<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

/** A deep copy with every object's keys in reverse order; arrays keep their order. */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => reverseKeys(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) {
      // defineProperty: a `__proto__` key in a document must stay an own key.
      Object.defineProperty(out, key, {
        value: reverseKeys((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }
  return value;
}

/** Every `$ref` string that does not start with `#` (a reference to another file or a URL). */
export function externalRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) externalRefs(v, out);
  } else if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && !v.startsWith('#')) out.push(v);
      else externalRefs(v, out);
    }
  }
  return out;
}

/** The value at an RFC 6901 pointer, or `undefined` when it does not exist. */
export function atPointer(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (pointer === '') return { found: true, value: doc };
  let value: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment))
      return { found: false };
    value = (value as Record<string, unknown>)[segment];
  }
  return { found: true, value };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `api-posture <argv>` from `cwd`, capturing its output. */
export async function runCli(argv: string[], cwd = process.cwd()): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    argv,
    {
      write: (text) => {
        stdout += text;
      },
    },
    {
      write: (text) => {
        stderr += text;
      },
    },
    cwd,
  );
  return { code, stdout, stderr };
}

export function parseReport(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

/**
 * True when `line`/`column` (1-based) of a text split into `lines` is where the key `key` is written, as
 * JSON (`"get":`) or as YAML (`get:`, `'get':`, `"get":`).
 */
export function keyAt(lines: string[], line: number, column: number, key: string): boolean {
  const rest = (lines[line - 1] ?? '').slice(column - 1);
  const forms = [JSON.stringify(key), key, `'${key.replace(/'/g, "''")}'`];
  return forms.some((form) => rest.startsWith(form) && /^\s*:/.test(rest.slice(form.length)));
}

/** Endpoints that are not `unchanged`, with their change messages: `[]` is the expected value. */
export function notUnchanged(diff: SpecDiff): { id: string; change: string; changes: string[] }[] {
  return diff.endpoints
    .filter((e) => e.change !== 'unchanged' || e.changes.length > 0)
    .map((e) => ({ id: e.id, change: e.change, changes: e.changes.map((c) => `${c.kind}: ${c.message}`) }));
}

/** Endpoint counts by change, as the report's summary counts them. */
export function countChanges(diff: SpecDiff): Record<EndpointDiff['change'], number> {
  const counts = { added: 0, removed: 0, modified: 0, unchanged: 0 };
  for (const e of diff.endpoints) counts[e.change]++;
  return counts;
}

/** A diff of one document against an equivalent one: no change anywhere, exactly `ids` unchanged. */
export function expectNoChanges(diff: SpecDiff, ids: Set<string>): void {
  expect(notUnchanged(diff)).toEqual([]);
  expect(diff.status).toBe('unchanged');
  expect(countChanges(diff)).toEqual({ added: 0, removed: 0, modified: 0, unchanged: ids.size });
  expect(new Set(diff.endpoints.map((e) => e.id))).toEqual(ids);
}

/** Every endpoint of the report is located at its method key (`get:`) in `text`, the file it names. */
export function expectEndpointsAtMethodKeys(report: Report, file: string, text: string): void {
  const lines = text.split('\n');
  const misplaced = report.specs
    .flatMap((spec) => spec.endpoints)
    .filter((e) => e.location.file === file)
    .filter((e) => !keyAt(lines, e.location.line, e.location.column, e.method.toLowerCase()))
    .map((e) => `${e.id} at ${e.location.line}:${e.location.column}`);
  expect(misplaced).toEqual([]);
}

/**
 * `actual` is `expected`. For multi-megabyte texts, where a failing `toBe` would spend minutes computing a
 * character diff, a mismatch is reported as the first differing lines only.
 */
export function expectSameText(actual: string, expected: string): void {
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  let first = 0;
  while (first < Math.max(a.length, e.length) && a[first] === e[first]) first++;
  expect({ line: first + 1, actual: a.slice(first, first + 5) }).toEqual({
    line: first + 1,
    actual: e.slice(first, first + 5),
  });
}
