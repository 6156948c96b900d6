// Depth-first results over a graph (schemas), remembered per node so shared components are computed once.
//
// A walk that meets a node still in progress (a cycle) gets `empty` there: that node's own part is counted
// where the walk entered the cycle. A result cut that way above its own node depends on where the walk
// entered, so it is kept for the walk at hand only; every other result is the same whoever asks first and
// goes into `cache`. Results so do not depend on the order endpoints, or versions, are walked in.

/** From this depth the nodes in progress are also indexed by a map (a scan of the path would be quadratic). */
const SCANNED_DEPTH = 64;

export function cachedWalk<N extends object, R>(
  root: N,
  cache: WeakMap<N, R>,
  empty: R,
  compute: (node: N, visit: (child: N) => R) => R,
): R {
  const done = cache.get(root);
  if (done !== undefined) return done; // the common case: a shared component, walked before
  // The nodes in progress (the current path), a node's depth its index. Found by scanning the path while it
  // is short (schemas are rarely more than a few levels deep): cheaper than a map's set, get and delete for
  // each of the millions of nodes a scan walks. `deep` indexes the path once it is long.
  const path: N[] = [];
  let deep: Map<N, number> | undefined;
  const local = new Map<N, R>();
  let low = Number.POSITIVE_INFINITY; // shallowest in-progress node a cut reached, in the subtree at hand
  const visit = (node: N): R => {
    // `local` is empty unless the walk met a cycle (most walks): its lookup skipped then.
    const known = cache.get(node) ?? (local.size === 0 ? undefined : local.get(node));
    if (known !== undefined) return known;
    const inProgress = deep ? deep.get(node) : path.lastIndexOf(node);
    if (inProgress !== undefined && inProgress !== -1) {
      low = Math.min(low, inProgress);
      return empty;
    }
    const depth = path.length;
    path.push(node);
    if (deep) deep.set(node, depth);
    else if (path.length > SCANNED_DEPTH) deep = new Map(path.map((n, i) => [n, i]));
    const outer = low;
    low = Number.POSITIVE_INFINITY;
    const result = compute(node, visit);
    path.pop();
    deep?.delete(node);
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
