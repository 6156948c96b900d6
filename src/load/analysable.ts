// Fail closed (SPEC §9): whether a version of a description can be analysed in full, and if not, why.
// A PR must not be able to pass by making its own document unreadable.
import { posix } from 'node:path';
import type { SpecProblem } from '../model.js';
import type { LoadedSpec } from './index.js';

/**
 * Problems that end with the name of the limit they hit, e.g. `(limits.maxFileBytes)`, and the fixed bound
 * on schema nesting (src/normalize/schema.ts): past either, part of the document goes unread.
 */
const LIMIT = /\(limits\.\w+\)$|^schema nesting is deeper than \d+ levels/;

export function isLimitProblem(problem: SpecProblem): boolean {
  return LIMIT.test(problem.message);
}

/**
 * The problem that keeps the head of a description from being analysed in full, or undefined when it
 * can be: the root does not parse, is no longer OpenAPI or has an unsupported version; a limit was hit
 * (file size, alias count, files, operations: the rest would go unjudged); or a file its `$ref`s reach
 * cannot be parsed although it could in the base (or was not there): a PR that breaks the file holding
 * its schemes or schemas would otherwise drop their constraints silently. A file already broken in the
 * base is the base's debt: it stays a finding (`config-unparsable`, existing) and does not close the gate.
 * A head that does not exist is a removal, not a failure.
 */
export function whyNotAnalysable(head: LoadedSpec, base?: LoadedSpec): SpecProblem | undefined {
  if (!head.exists) return undefined;
  if (!head.model) {
    const onRoot = (p: SpecProblem) =>
      p.loc.file === head.path && (p.kind === 'parse' || p.kind === 'not-openapi');
    return (
      head.problems.find(onRoot) ??
      head.problems[0] ?? {
        kind: 'parse',
        message: 'the document could not be read as OpenAPI',
        loc: { file: head.path, pointer: '' },
      }
    );
  }
  const limit = head.problems.find(isLimitProblem);
  if (limit) return limit;
  // Files compared by their place relative to the root: `diff base/a.yaml head/a.yaml` has two trees.
  const fromRoot = (spec: LoadedSpec, file: string) => posix.relative(posix.dirname(spec.path), file);
  const brokenInBase = new Set(
    (base?.problems ?? []).filter((p) => p.kind === 'parse').map((p) => fromRoot(base!, p.loc.file)),
  );
  return head.problems.find((p) => p.kind === 'parse' && !brokenInBase.has(fromRoot(head, p.loc.file)));
}
