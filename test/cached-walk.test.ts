import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedWalk } from '../src/util/cached-walk.js';

interface GraphNode {
  id: number;
  next: GraphNode[];
}

/** The walk as first written, with a map of the nodes in progress: what `cachedWalk` must still return. */
function reference<N extends object, R>(
  root: N,
  cache: WeakMap<N, R>,
  empty: R,
  compute: (node: N, visit: (child: N) => R) => R,
): R {
  const done = cache.get(root);
  if (done !== undefined) return done;
  const depthOf = new Map<N, number>();
  const local = new Map<N, R>();
  let low = Number.POSITIVE_INFINITY;
  const visit = (node: N): R => {
    const known = cache.get(node) ?? local.get(node);
    if (known !== undefined) return known;
    const inProgress = depthOf.get(node);
    if (inProgress !== undefined) {
      low = Math.min(low, inProgress);
      return empty;
    }
    const depth = depthOf.size;
    depthOf.set(node, depth);
    const outer = low;
    low = Number.POSITIVE_INFINITY;
    const result = compute(node, visit);
    depthOf.delete(node);
    if (low >= depth) {
      cache.set(node, result);
      low = outer;
    } else {
      local.set(node, result);
      low = Math.min(outer, low);
    }
    return result;
  };
  return visit(root);
}

/** The ids a node reaches, as the walk counts them (a cycle cut where the walk entered it). */
const reached = (node: GraphNode, visit: (child: GraphNode) => string): string => {
  const ids = new Set([node.id]);
  for (const child of node.next) for (const id of visit(child).split(',')) if (id !== '') ids.add(Number(id));
  return [...ids].sort((a, b) => a - b).join(',');
};

/** A chain of `length` nodes (deeper than the path is scanned) with edges back and across from `edges`. */
function graph(length: number, edges: [number, number][]): GraphNode[] {
  const nodes = Array.from({ length }, (_, id): GraphNode => ({ id, next: [] }));
  for (let i = 0; i + 1 < length; i++) nodes[i]!.next.push(nodes[i + 1]!);
  for (const [from, to] of edges) nodes[from % length]!.next.push(nodes[to % length]!);
  return nodes;
}

describe('cachedWalk', () => {
  it('returns what the map-based walk returned, on short and deep graphs with cycles, in any order of roots', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (length, edges, roots) => {
          const nodes = graph(length, edges);
          const cache = new WeakMap<GraphNode, string>();
          const expected = new WeakMap<GraphNode, string>();
          for (const r of roots) {
            const root = nodes[r % length]!;
            expect(cachedWalk(root, cache, '', reached)).toBe(reference(root, expected, '', reached));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cuts a cycle that closes more than the scanned depth below its entry', () => {
    const nodes = graph(200, [[199, 0]]);
    const all = nodes.map((n) => n.id).join(',');
    expect(cachedWalk(nodes[0]!, new WeakMap(), '', reached)).toBe(all);
    expect(cachedWalk(nodes[150]!, new WeakMap(), '', reached)).toBe(all);
  });
});
