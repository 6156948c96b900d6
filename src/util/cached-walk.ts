// Depth-first results over a graph (schemas), remembered per node so shared components are computed once.
//
// A walk that meets a node still in progress (a cycle) gets `empty` there: that node's own part is counted
// where the walk entered the cycle. A result cut that way above its own node depends on where the walk
// entered, so it is kept for the walk at hand only; every other result is the same whoever asks first and
// goes into `cache`. Results so do not depend on the order endpoints, or versions, are walked in.

export function cachedWalk<N extends object, R>(
  root: N,
  cache: WeakMap<N, R>,
  empty: R,
  compute: (node: N, visit: (child: N) => R) => R,
): R {
  const done = cache.get(root);
  if (done !== undefined) return done; // the common case: a shared component, walked before
  const depthOf = new Map<N, number>(); // the nodes in progress: the current path
  const local = new Map<N, R>();
  let low = Number.POSITIVE_INFINITY; // shallowest in-progress node a cut reached, in the subtree at hand
  const visit = (node: N): R => {
    // `local` is empty unless the walk met a cycle (most walks): its lookup skipped then.
    const known = cache.get(node) ?? (local.size === 0 ? undefined : local.get(node));
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
      cache.set(node, result); // cut at most at itself: complete, whoever asked
      low = outer;
    } else {
      local.set(node, result);
      low = Math.min(outer, low);
    }
    return result;
  };
  return visit(root);
}
