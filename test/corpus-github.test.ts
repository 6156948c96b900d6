// GitHub's REST description, v22 → v23: a large, real diff checked against a naive computation from the raw JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../src/diff/index.js';
import type { EndpointDiff, SpecDiff } from '../src/diff/types.js';
import type { LoadedSpec } from '../src/load/index.js';
import { fsReader } from '../src/load/reader.js';
import type { Loc, Position } from '../src/model.js';
import { loadSpec } from '../src/normalize/spec.js';
import type { Report } from '../src/report/json.js';
import { githubSpecPaths, isCorpusInstalled } from './corpus/index.js';
import { atPointer, difference, keyAt, rawEndpointIds, readJson } from './helpers/openapi.js';

const { v22, v23 } = githubSpecPaths();
const FILE = basename(v23); // api.github.com.json in both packages
const REPORT_KEYS = [
  'tool',
  'mode',
  'blocked',
  'failOn',
  'failOnScope',
  'summary',
  'specs',
  'violations',
  'errors',
];
const builtCli = join(process.cwd(), 'dist', 'cli', 'index.js');

let rawIds: { base: Set<string>; head: Set<string> } | undefined;

/** Added and removed endpoint ids, computed from the raw documents only (parsed once). */
function expectedIdChanges(): { added: string[]; removed: string[]; all: Set<string> } {
  rawIds ??= { base: rawEndpointIds(readJson(v22)), head: rawEndpointIds(readJson(v23)) };
  const { base, head } = rawIds;
  return { added: difference(head, base), removed: difference(base, head), all: new Set([...base, ...head]) };
}

function idsWith(endpoints: { id: string; change: string }[], change: EndpointDiff['change']): string[] {
  return endpoints
    .filter((e) => e.change === change)
    .map((e) => e.id)
    .sort();
}

describe('GitHub REST description v22 → v23', () => {
  let expected: ReturnType<typeof expectedIdChanges>;
  let base: LoadedSpec;
  let head: LoadedSpec;
  let diff: SpecDiff;

  /** Line and column of a location in one version, from the tool's own source files. */
  const position = (loaded: LoadedSpec, loc: Loc): Position => {
    const file = loaded.files.find((f) => f.path === loc.file);
    expect(file, loc.file).toBeDefined();
    return file!.position(loc.pointer);
  };

  beforeAll(() => {
    expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
    expected = expectedIdChanges();
    base = loadSpec(fsReader(dirname(v22)), FILE);
    head = loadSpec(fsReader(dirname(v23)), FILE);
    diff = diffSpecs(FILE, base.model, head.model);
  });

  it('loads both versions without problems', () => {
    expect(base.problems).toEqual([]);
    expect(head.problems).toEqual([]);
    expect(base.model?.openapiVersion).toMatch(/^3\.0\./);
    expect(head.model?.openapiVersion).toMatch(/^3\.0\./);
  });

  it('the naive computation itself finds a non-trivial difference', () => {
    expect(expected.added.length).toBeGreaterThan(0);
    expect(expected.removed.length).toBeGreaterThan(0);
    for (const id of [...expected.added, ...expected.removed]) expect(id).toMatch(/^[A-Z]+ \/\S*$/);
    expect(expected.added.some((id) => id.includes('{}'))).toBe(true);
  });

  it('reports exactly the added and removed endpoint ids of the raw set difference', () => {
    expect(idsWith(diff.endpoints, 'added')).toEqual(expected.added);
    expect(idsWith(diff.endpoints, 'removed')).toEqual(expected.removed);
  });

  it('reports every endpoint of either version exactly once', () => {
    const ids = diff.endpoints.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(expected.all);
    expect(diff.status).toBe('modified');
  });

  it('has modified endpoints, each with at least one change with a message and a line ≥ 1; others have none', () => {
    const modified = diff.endpoints.filter((e) => e.change === 'modified');
    expect(modified.length).toBeGreaterThan(0);
    expect(diff.endpoints.some((e) => e.change === 'unchanged')).toBe(true);
    for (const e of modified) {
      expect(e.changes.length, e.id).toBeGreaterThanOrEqual(1);
      for (const c of e.changes) {
        expect(c.message.trim(), `${e.id} ${c.kind}`).not.toBe('');
        const at = position(head, c.location);
        expect(at.line, `${e.id}: ${c.message}`).toBeGreaterThanOrEqual(1);
        expect(at.column, `${e.id}: ${c.message}`).toBeGreaterThanOrEqual(1);
      }
    }
    for (const e of diff.endpoints.filter((x) => x.change !== 'modified'))
      expect(e.changes, e.id).toEqual([]);
  });

  it('points every change and endpoint at an existing node, on the line and column of its key', () => {
    const texts = new Map([
      ['base', readFileSync(v22, 'utf8')],
      ['head', readFileSync(v23, 'utf8')],
    ]);
    const docs = new Map([...texts].map(([side, text]) => [side, JSON.parse(text) as unknown]));
    const lines = new Map([...texts].map(([side, text]) => [side, text.split('\n')]));
    const located = diff.endpoints.flatMap((e) => [
      { what: e.id, side: e.head ? 'head' : 'base', loc: (e.head ?? e.base)!.loc },
      ...e.changes.map((c) => ({ what: `${e.id}: ${c.message}`, side: 'head', loc: c.location })),
    ]);
    expect(located.length).toBeGreaterThan(diff.endpoints.length);
    const wrong: string[] = [];
    for (const { what, side, loc } of located) {
      expect(loc.file).toBe(FILE);
      if (!atPointer(docs.get(side), loc.pointer).found) {
        wrong.push(`${what}: ${loc.pointer} does not exist in ${side}`);
        continue;
      }
      const last = loc.pointer.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~');
      if (loc.pointer === '' || /^\d+$/.test(last)) continue; // array elements have no key to point at
      const { line, column } = position(side === 'head' ? head : base, loc);
      if (!keyAt(lines.get(side)!, line, column, last))
        wrong.push(`${what}: ${loc.pointer} at ${line}:${column}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the built CLI (dist/cli/index.js)', () => {
  it('diff v22 v23 --format json: exits 0 (1 when the gate blocks) with the SPEC report shape', () => {
    expect(existsSync(builtCli), 'dist/ is missing: run `npm run build`').toBe(true);
    const result = spawnSync(process.execPath, [builtCli, 'diff', v22, v23, '--format', 'json'], {
      cwd: process.cwd(),
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as Report;
    expect(Object.keys(report)).toEqual(REPORT_KEYS);
    // Exit codes: 0 passed, 1 blocked by the gate, 2 usage or internal error.
    expect(result.status).toBe(report.blocked ? 1 : 0);
    expect(report.tool.name).toBe('api-posture');
    expect(typeof report.tool.version).toBe('string');
    expect(report.mode).toBe('diff');
    expect(report.failOn).toBe('critical');
    expect(report.failOnScope).toBe('new');
    expect(Array.isArray(report.violations)).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.specs).toHaveLength(1);
    const { added, removed } = expectedIdChanges();
    expect(report.summary.endpoints.added).toBe(added.length);
    expect(report.summary.endpoints.removed).toBe(removed.length);
    const endpoints = report.specs[0]!.endpoints;
    expect(idsWith(endpoints, 'added')).toEqual(added);
    expect(idsWith(endpoints, 'removed')).toEqual(removed);
    expect(report.summary.endpoints.modified).toBe(idsWith(endpoints, 'modified').length);
    expect(report.summary.endpoints.unchanged).toBe(idsWith(endpoints, 'unchanged').length);
    for (const e of endpoints.filter((x) => x.change === 'modified')) {
      expect(e.changes.length, e.id).toBeGreaterThan(0);
      for (const c of e.changes) {
        expect(c.message.trim()).not.toBe('');
        expect(c.location.line).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
