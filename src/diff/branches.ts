// Pairs the subschemas of `allOf`/`oneOf`/`anyOf` across versions. Comparing them by index made one
// inserted branch "change" every branch after it; a branch keeps its identity by what names it.
import type { Loc, Schema } from '../model.js';
import { unwrapAnnotated } from '../normalize/schema.js';

export interface BranchMatch {
  /** Indexes into the base's and the head's list. */
  pairs: { base: number; head: number }[];
  /** Head indexes with no base branch, in order. */
  added: number[];
  /** Base indexes with no head branch, in order. */
  removed: number[];
  /** How a message names a branch: its `$ref` name, title, discriminator value or position. */
  name: (branch: Schema, index: number) => string;
}

/** Compares two branches' contents; true when they accept the same values. */
export type SameContent = (base: Schema, head: Schema) => boolean;

/** Above this many candidate pairs, branches are not compared by content (each pair is a schema diff). */
const MAX_CONTENT_PAIRS = 400;

/**
 * In order: the `$ref` target, the discriminator value (a `const` or one-value `enum`, of the branch or
 * of its properties: what a discriminator `mapping` selects on), the `title`, identical content, and
 * only then position among the branches still unmatched, inline branches with inline ones first.
 */
export function matchBranches(
  base: Schema[],
  head: Schema[],
  baseParent: Loc,
  headParent: Loc,
  combinator: string,
  same: SameContent,
): BranchMatch {
  const baseKeys = base.map((b, i) => keysOf(b, i, baseParent, combinator));
  const headKeys = head.map((h, i) => keysOf(h, i, headParent, combinator));
  // The common case, a list whose branches kept their names and places, pairs by position at once.
  if (base.length === head.length && baseKeys.every((k, i) => sameKeys(k, headKeys[i]!))) {
    return { pairs: base.map((_, i) => ({ base: i, head: i })), added: [], removed: [], name: nameOf };
  }
  const freeBase = new Set(base.keys());
  const freeHead = new Set(head.keys());
  const pairs: BranchMatch['pairs'] = [];
  const pair = (b: number, h: number) => {
    pairs.push({ base: b, head: h });
    freeBase.delete(b);
    freeHead.delete(h);
  };
  for (const key of ['ref', 'value', 'title'] as const) {
    const byKey = new Map<string, number[]>(); // free base branches by this key, in order
    for (const i of freeBase) {
      const k = baseKeys[i]![key];
      if (k === undefined) continue;
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
    for (const h of [...freeHead]) {
      const k = headKeys[h]![key];
      const b = k === undefined ? undefined : byKey.get(k)?.shift();
      if (b !== undefined) pair(b, h);
    }
  }
  if (freeBase.size * freeHead.size <= MAX_CONTENT_PAIRS) {
    for (const h of [...freeHead]) {
      const b = [...freeBase].find((i) => same(base[i]!, head[h]!));
      if (b !== undefined) pair(b, h);
    }
  }
  const inline = (keys: BranchKeys) => keys.ref === undefined;
  const byPosition = (baseOk: (i: number) => boolean, headOk: (i: number) => boolean) => {
    const bs = [...freeBase].filter(baseOk);
    const hs = [...freeHead].filter(headOk);
    for (let i = 0; i < Math.min(bs.length, hs.length); i++) pair(bs[i]!, hs[i]!);
  };
  byPosition(
    (i) => inline(baseKeys[i]!),
    (i) => inline(headKeys[i]!),
  );
  // A branch whose `$ref` target was renamed keeps its place; a new named branch is an addition.
  byPosition(
    (i) => !inline(baseKeys[i]!),
    (i) => !inline(headKeys[i]!),
  );
  pairs.sort((x, y) => x.head - y.head);
  return {
    pairs,
    added: [...freeHead].sort((x, y) => x - y),
    removed: [...freeBase].sort((x, y) => x - y),
    name: nameOf,
  };
}

function sameKeys(a: BranchKeys, b: BranchKeys): boolean {
  return a.ref === b.ref && a.value === b.value && a.title === b.title;
}

interface BranchKeys {
  ref?: string;
  value?: string;
  title?: string;
}

function keysOf(branch: Schema, index: number, parent: Loc, combinator: string): BranchKeys {
  const target = unwrapAnnotated(branch);
  const keys: BranchKeys = {};
  // A `$ref`'d branch lives elsewhere than its place in the list; an inline one right there.
  const inPlace =
    target.loc.file === parent.file && target.loc.pointer === `${parent.pointer}/${combinator}/${index}`;
  if (!inPlace) keys.ref = `${target.loc.file}#${target.loc.pointer}`;
  const value = discriminatorValue(target);
  if (value !== undefined) keys.value = value;
  const title = branch.title ?? target.title;
  if (title !== undefined) keys.title = title;
  return keys;
}

/** Per schema object: a shared component is a branch of many lists. */
const VALUES = new WeakMap<Schema, string | null>();

/** `"card"` for `{ const: card }`, `type="card"` for `{ properties: { type: { enum: [card] } } }`. */
function discriminatorValue(s: Schema): string | undefined {
  let value = VALUES.get(s);
  if (value === undefined) {
    value = computeDiscriminatorValue(s) ?? null;
    VALUES.set(s, value);
  }
  return value ?? undefined;
}

function computeDiscriminatorValue(s: Schema): string | undefined {
  if (s.enum?.length === 1) return JSON.stringify(s.enum[0]);
  const fixed = Object.entries(s.properties)
    .filter(([, p]) => p.enum?.length === 1)
    .map(([name, p]) => `${name}=${JSON.stringify(p.enum![0])}`)
    .sort();
  return fixed.length > 0 ? fixed.join(',') : undefined;
}

function nameOf(branch: Schema, index: number): string {
  const target = unwrapAnnotated(branch);
  const name = target.refName ?? branch.title ?? target.title ?? discriminatorValue(target);
  return name === undefined ? `#${index}` : `\`${name}\``;
}
