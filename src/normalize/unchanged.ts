// Which path items of a base version read exactly the same input as in the head version, so that the
// head's endpoints for them can stand for the base's (a PR usually changes a few endpoints of hundreds).
//
// Exact, not a heuristic: the path item, every `$ref` target it reaches (transitively) and the document
// context an endpoint reads must be deep-equal in both versions. The context is the root without
// `paths`, the maps refs point into and the fields neither endpoint reading nor an endpoint check reads
// (`info`, `tags`…), plus what `components` holds beside those maps (e.g. `securitySchemes`). Only refs
// inside the root file are followed; a path item that reaches another file is read again (conservative).
// (One difference from a full read: a schema a YAML alias shows at two places is located where the head
// met it first, in both versions, so its findings match across them.) A spec's content is hostile, so
// every walk here is iterative.

import { COMPONENT_MAPS_2, COMPONENT_MAPS_3 } from '../model.js';
import { pushAll } from '../util/arrays.js';
import { fragmentToPointer, parsePointer } from '../util/pointer.js';
import { isObj, type Obj } from './values.js';

/** Root fields that are documentation only: nothing an endpoint is built from or checked against. */
const NOT_ENDPOINT_INPUT = new Set(['paths', 'info', 'tags', 'externalDocs', 'webhooks', 'x-webhooks']);

interface Target {
  equal: boolean;
  /** Pointers of the refs inside (the head's), or undefined when one leaves the root file. */
  refs: string[] | undefined;
}

export class UnchangedInputs {
  private readonly targets = new Map<string, Target>();
  private readonly paths = new Map<string, boolean>();
  private readonly refs = new Map<string, boolean>();
  private readonly sameContext: boolean;

  constructor(
    private readonly base: Obj,
    private readonly head: Obj,
  ) {
    this.sameContext = this.contextEqual();
  }

  /** True when the path item under `paths` is read from identical input in both versions. */
  pathItem(path: string): boolean {
    let known = this.paths.get(path);
    if (known === undefined) {
      known = this.pathItemEqual(path);
      this.paths.set(path, known);
    }
    return known;
  }

  /**
   * The head's value at a root-file `$ref` (`#/…`) when it and everything it reaches are equal in both
   * versions (and the context is): what the head built from it can stand for the base's.
   */
  unchangedTarget(ref: string): unknown {
    let known = this.refs.get(ref);
    if (known === undefined) {
      known = this.sameContext && this.closureEqual([ref]);
      this.refs.set(ref, known);
    }
    return known ? at(this.head, fragmentToPointer(ref)) : undefined;
  }

  private pathItemEqual(path: string): boolean {
    if (!this.sameContext) return false;
    const basePaths = this.base.paths;
    const headPaths = this.head.paths;
    if (!isObj(basePaths) || !isObj(headPaths)) return false;
    if (!Object.hasOwn(basePaths, path) || !Object.hasOwn(headPaths, path)) return false;
    const refs: string[] = [];
    if (!sameValue(basePaths[path], headPaths[path], refs)) return false;
    return this.closureEqual(refs);
  }

  private contextEqual(): boolean {
    const swagger = this.head.swagger !== undefined;
    const refs: string[] = [];
    // Component maps are compared entry by entry, and only when a ref reaches them: skipped here.
    for (const key of unionKeys(this.base, this.head)) {
      if (NOT_ENDPOINT_INPUT.has(key) || (swagger && COMPONENT_MAPS_2.has(key))) continue;
      if (key === 'components' && !swagger) {
        const base = isObj(this.base.components) ? this.base.components : {};
        const head = isObj(this.head.components) ? this.head.components : {};
        for (const name of unionKeys(base, head)) {
          if (!COMPONENT_MAPS_3.has(name) && !sameValue(base[name], head[name], refs)) return false;
        }
        continue;
      }
      if (!sameValue(this.base[key], this.head[key], refs)) return false;
    }
    return this.closureEqual(refs);
  }

  /** Every target the refs reach, transitively, is equal in both versions. */
  private closureEqual(refs: string[]): boolean {
    const pending = [...refs];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const ref = pending.pop() as string;
      if (seen.has(ref)) continue;
      seen.add(ref);
      const target = this.target(ref);
      if (!target.equal || target.refs === undefined) return false;
      pushAll(pending, target.refs);
    }
    return true;
  }

  private target(ref: string): Target {
    let known = this.targets.get(ref);
    if (!known) {
      const refs: string[] = [];
      const pointer = ref.startsWith('#') ? fragmentToPointer(ref) : undefined;
      const [base, head] =
        pointer !== undefined && (pointer === '' || pointer.startsWith('/'))
          ? [at(this.base, pointer), at(this.head, pointer)]
          : [undefined, undefined];
      const equal = head !== undefined && sameValue(base, head, refs);
      known = { equal, refs: equal ? refs : undefined };
      this.targets.set(ref, known);
    }
    return known;
  }
}

function at(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of parsePointer(pointer)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function unionKeys(a: Obj, b: Obj): Set<string> {
  return new Set([...Object.keys(a), ...Object.keys(b)]);
}

/**
 * Deep equality of two parsed values, iterative; collects the `$ref` strings met on the way into `refs`
 * (a ref leaving the root file makes the result false: it is not followed here).
 */
export function sameValue(a: unknown, b: unknown, refs: string[]): boolean {
  const stack: unknown[] = [a, b];
  while (stack.length > 0) {
    const y = stack.pop();
    const x = stack.pop();
    if (x === y) {
      if (x !== null && typeof x === 'object' && !collectRefs(x, refs)) return false;
      continue;
    }
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push(x[i], y[i]);
      continue;
    }
    if (Array.isArray(y)) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(y, key)) return false;
      const value = (x as Obj)[key];
      if (key === '$ref' && typeof value === 'string') {
        if (!value.startsWith('#')) return false;
        refs.push(value);
      }
      stack.push(value, (y as Obj)[key]);
    }
  }
  return true;
}

/**
 * The refs inside one value: the same object on both sides (a document compared with itself, or a base
 * that took the head's parsed values where their texts agree: most of it). `for…in` rather than
 * `Object.entries`: this walks most of a description, and the entries arrays were most of its cost.
 */
function collectRefs(value: object, refs: string[]): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (const item of x) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key in x as Obj) {
      const item = (x as Obj)[key];
      if (item !== null && typeof item === 'object') stack.push(item);
      else if (key === '$ref' && typeof item === 'string') {
        if (!item.startsWith('#')) return false;
        refs.push(item);
      }
    }
  }
  return true;
}
