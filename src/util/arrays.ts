// Array helpers for values whose length a document decides. `target.push(...items)` and
// `Math.max(...items)` pass every item as a call argument, and V8 throws a RangeError somewhere past
// 100,000 of them: a hostile `examples` list or `security` array must not crash the tool.

/** Appends every item to `target` (in order) and returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty: number): number {
  let max: number | undefined;
  for (const v of values) if (max === undefined || v > max) max = v;
  return max ?? empty;
}

/** The smallest of `values`, or `empty` when there is none. */
export function minOf(values: Iterable<number>, empty: number): number {
  let min: number | undefined;
  for (const v of values) if (min === undefined || v < min) min = v;
  return min ?? empty;
}
