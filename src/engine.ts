// The pipeline, wired once for the CLI and the action: load → normalize → diff (→ assess → score → policy → gate).
import { diffSpecs, type SpecDiff, scanSpec } from './diff/index.js';
import type { LoadedSpec } from './load/index.js';
import type { Loc, Position } from './model.js';

export type Mode = 'diff' | 'scan';

export interface SpecAnalysis {
  path: string;
  base: LoadedSpec;
  head: LoadedSpec;
  diff: SpecDiff;
  /** Line and column of a location in the head version (base for removed specs). */
  position(loc: Loc, side?: 'base' | 'head'): Position;
}

export interface Analysis {
  mode: Mode;
  specs: SpecAnalysis[];
}

/** Analyses each (base, head) pair. In scan mode base and head are the same load. */
export function analyze(mode: Mode, pairs: { path: string; base: LoadedSpec; head: LoadedSpec }[]): Analysis {
  const specs = pairs.map(({ path, base, head }) => {
    const diff = mode === 'scan' ? scanSpec(path, head.model) : diffSpecs(path, base.model, head.model);
    return { path, base, head, diff, position: positionsOf(base, head) };
  });
  return { mode, specs };
}

function positionsOf(base: LoadedSpec, head: LoadedSpec): SpecAnalysis['position'] {
  const files = { base: new Map(base.files.map((f) => [f.path, f])), head: new Map(head.files.map((f) => [f.path, f])) };
  return (loc, side = head.exists ? 'head' : 'base') => {
    const file = files[side].get(loc.file) ?? files.head.get(loc.file) ?? files.base.get(loc.file);
    return file ? file.position(loc.pointer) : { ...loc, line: 1, column: 1 };
  };
}
