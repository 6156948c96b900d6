// `scan --format json` on the second core: documents are independent, so worker threads analyse them and
// send back each one's part of the report as text (src/report/json-stream.ts `documentPart`); the main
// thread writes the parts in the documents' order, so the report is byte for byte the sequential one.
//
// Opt-in (`API_POSTURE_SCAN_THREADS=2`): measured on a shared 2-core machine it did not pay (scanThreads).
// A worker is this same bundle (dist/cli/index.js) started again as a thread: its entry sees it is not the
// main thread and serves documents instead of running the command line (`serveScanWorker` in run.ts).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StreamedGateItems } from '../engine.js';
import type { DocumentPart } from '../report/json-stream.js';
import type { CheckRequest } from '../settings.js';

/** Marks a thread started by `scanInWorkers` (`workerData.apiPostureScan`). */
export const SCAN_WORKER = 'apiPostureScan';

/** One document for a worker: where to read it (the reader's root and the path under it). */
export interface ScanJob {
  index: number;
  /** The document's path in the report. */
  path: string;
  root: string;
  docPath: string;
  /** The argument it was named by on the command line, when named explicitly. */
  arg: string | undefined;
}

/** A worker's answer for one document. */
export type ScanReply =
  | { index: number; part: DocumentPart; gate: StreamedGateItems }
  | { index: number; notOpenApi: string }
  | { index: number; error: string };

/** What a worker needs to read the same settings as the main thread. */
export interface ScanWorkerData {
  [SCAN_WORKER]: true;
  cwd: string;
  request: Omit<CheckRequest, 'traffic'>;
  documents: number;
  /** The day suppressions expire against, fixed once for every thread (`YYYY-MM-DD`). */
  today: string;
}

/** Asks a worker for a full garbage collection; it answers the same when done. */
export const COLLECT = 'collect';

/**
 * Documents from this size on are analysed on the main thread, alone: one such model in memory at a time
 * (`API_POSTURE_SCAN_LARGE_BYTES` sets another size, for tests).
 */
export function largeDocumentBytes(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.API_POSTURE_SCAN_LARGE_BYTES);
  return Number.isInteger(asked) && asked > 0 ? asked : 8 * 2 ** 20;
}

/** At most this many documents are analysed or waiting to be written ahead of the next one to write. */
const WINDOW = 16;

/**
 * How many worker threads a scan uses: `API_POSTURE_SCAN_THREADS` (2 to 8; anything else: none, the
 * sequential scan), and none when this is not the bundled CLI (a worker runs the bundle) or the machine
 * has one core. Not on by default: on this project's shared 2-core machine two workers cost 1.19x the
 * CPU of the sequential scan and were not faster (docs/performance.md, session 9).
 */
export function scanThreads(env: NodeJS.ProcessEnv = process.env): number {
  if (!workerEntry() || availableParallelism() < 2) return 0;
  const n = Number(env.API_POSTURE_SCAN_THREADS);
  return Number.isInteger(n) && n >= 2 ? Math.min(n, 8) : 0;
}

/** The bundled CLI's own file, which a worker runs; undefined when running from the sources. */
function workerEntry(): string | undefined {
  const file = fileURLToPath(import.meta.url);
  return file.endsWith('.js') && existsSync(file) ? file : undefined;
}

/**
 * Runs `jobs` on `threads` workers and hands each reply to `onReply` in job order. A job `large(job)` says
 * is run by `local` on this thread once every job before it is written, with no worker busy. Rejects on
 * the first error (`onReply` throwing, a worker failing); the workers are stopped either way.
 */
export function scanInWorkers(
  jobs: ScanJob[],
  threads: number,
  data: ScanWorkerData,
  large: (job: ScanJob) => boolean,
  local: (job: ScanJob) => void,
  onReply: (reply: ScanReply) => void,
): Promise<void> {
  const entry = workerEntry();
  if (!entry) return Promise.reject(new Error('scan workers need the bundled CLI'));
  const workers = Array.from({ length: threads }, () => new Worker(entry, { workerData: data }));
  const stopAll = () => Promise.all(workers.map((w) => w.terminate()));
  return new Promise<void>((resolve, reject) => {
    const idle = [...workers];
    const replies = new Map<number, ScanReply>();
    let next = 0; // the next job to hand out
    let written = 0; // the next job to write
    let settled = false;
    let collecting = false;
    let collected = 0; // workers that answered COLLECT
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void stopAll().finally(() => reject(error));
    };
    const pump = () => {
      if (settled) return;
      try {
        for (let reply = replies.get(written); reply; reply = replies.get(written)) {
          replies.delete(written);
          written++;
          onReply(reply);
        }
        while (next < jobs.length && next - written < WINDOW) {
          const job = jobs[next]!;
          if (large(job)) {
            if (written < next) return; // a reply still to come: pumped again then
            // The workers' heaps collected first: the large model is not added to their garbage.
            if (collected < workers.length) {
              if (!collecting) {
                collecting = true;
                for (const worker of workers) worker.postMessage(COLLECT);
              }
              return;
            }
            collected = 0;
            collecting = false;
            next++;
            local(job);
            written++;
            setImmediate(pump); // progress, between documents
            return;
          }
          const worker = idle.pop();
          if (!worker) return;
          next++;
          worker.postMessage(job);
        }
        if (written === jobs.length) {
          settled = true;
          void stopAll().then(() => resolve(), reject);
        }
      } catch (error) {
        fail(error);
      }
    };
    for (const worker of workers) {
      worker.on('message', (reply: ScanReply | typeof COLLECT) => {
        if (reply === COLLECT) collected++;
        else {
          idle.push(worker);
          replies.set(reply.index, reply);
        }
        pump();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`a scan worker stopped (exit code ${code})`)));
    }
    pump();
  });
}
