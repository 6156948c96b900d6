// Table tests for the checks: an inline document per row, the findings of the rules under test, compared
// by rule id, severity, pointer (and endpoint, line and column where a row gives them).
import { expect } from 'vitest';
import { type AssessOptions, assess } from '../../src/assess/index.js';
import type { Finding, Severity } from '../../src/findings.js';
import type { LoadedSpec } from '../../src/load/index.js';
import { diffInline, loadInline, outdent } from '../helpers/inline.js';

export { outdent };

export type Doc = string | Record<string, string>;

/** A finding as a row pins it. */
export interface Expected {
  ruleId: string;
  severity: Severity;
  /** `finding.loc.pointer` */
  pointer: string;
  /** Endpoint findings: the endpoint id. */
  endpoint?: string;
  /** Document-level findings: the endpoints affected. */
  endpoints?: string[];
  /** Where the finding is reported: `[line, column]` (1-based), from the loaded file's `position()`. */
  at?: [number, number];
  /** A file other than `openapi.yaml`. */
  file?: string;
}

export interface Row {
  name: string;
  spec: Doc;
  /** Diff mode: the base document; the change checks read the diff from `base` to `spec`. */
  base?: Doc;
  options?: AssessOptions;
  expect: Expected[];
}

/** Loads an inline document (the root is `openapi.yaml`) and assesses it, in diff mode when `base` is given. */
export function run(
  spec: Doc,
  options: AssessOptions = {},
  base?: Doc,
): { findings: Finding[]; loaded: LoadedSpec } {
  const loaded = loadInline(spec);
  const changes = base !== undefined ? diffInline(base, spec).endpoints : undefined;
  const findings = assess(
    {
      specPath: 'openapi.yaml',
      model: loaded.model,
      problems: loaded.problems,
      ...(changes ? { changes } : {}),
    },
    { today: '2025-06-01', ...options },
  );
  return { findings, loaded };
}

/** Line and column of a finding as reported: a parse error's own position, or its pointer's. */
export function positionOf(finding: Finding, loaded: LoadedSpec): [number, number] {
  if (finding.position) return [finding.position.line, finding.position.column];
  const file = loaded.files.find((f) => f.path === finding.loc.file);
  if (!file) throw new Error(`no loaded file ${finding.loc.file}`);
  const { line, column } = file.position(finding.loc.pointer);
  return [line, column];
}

/** Runs one row: the findings of `rules` must be exactly `row.expect` (in any order). */
export function check(rules: string | string[], row: Row): Finding[] {
  const ids = typeof rules === 'string' ? [rules] : rules;
  const { findings, loaded } = run(row.spec, row.options, row.base);
  const mine = findings.filter((f) => ids.includes(f.ruleId));
  const key = (e: { ruleId: string; pointer: string; endpoint?: string }) =>
    `${e.ruleId}|${e.pointer}|${e.endpoint ?? ''}`;
  const actual = mine
    .map((f) => {
      const wanted = row.expect.find(
        (e) =>
          e.ruleId === f.ruleId && e.pointer === f.loc.pointer && (e.endpoint ?? f.endpoint) === f.endpoint,
      );
      return {
        ruleId: f.ruleId,
        severity: f.severity,
        pointer: f.loc.pointer,
        ...(f.endpoint !== undefined ? { endpoint: f.endpoint } : {}),
        ...(wanted?.endpoints ? { endpoints: f.endpoints } : {}),
        ...(wanted?.at ? { at: positionOf(f, loaded) } : {}),
        ...(wanted?.file ? { file: f.loc.file } : {}),
      };
    })
    .sort((a, b) => key(a).localeCompare(key(b)));
  const expected = [...row.expect].sort((a, b) => key(a).localeCompare(key(b)));
  expect(actual).toMatchObject(expected);
  for (const f of mine) {
    expect(f.message).not.toBe('');
    expect(f.message).not.toMatch(/undefined|\[object/);
  }
  return mine;
}

/** `/paths/~1users~1{id}/get`: the pointer of an operation. */
export function op(path: string, method: string): string {
  return `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`;
}
