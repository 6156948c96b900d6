// Shared by the configuration checks: the load problems of some kinds, as hits.
import type { SpecProblem } from '../model.js';
import type { Hit } from './types.js';

export function problemsOf(kinds: SpecProblem['kind'][]) {
  return (problems: SpecProblem[]): Hit[] =>
    problems
      .filter((p) => kinds.includes(p.kind))
      .map((p) => ({
        message: `${p.loc.file}: ${p.message}`,
        loc: p.loc,
        variant: p.message,
        ...(p.line !== undefined ? { position: { line: p.line, column: p.column ?? 1 } } : {}),
      }));
}
