#!/usr/bin/env node
import { isMainThread, workerData } from 'node:worker_threads';
import { run, serveScanWorker } from './run.js';
import { SCAN_WORKER, type ScanWorkerData } from './scan-pool.js';
import { relaunchWithLargerYoungGeneration } from './young-generation.js';

const write = (stream: NodeJS.WriteStream) => ({
  write: (text: string) => void stream.write(text),
  isTTY: stream.isTTY === true,
});
// A scan worker thread (scan-pool.ts) runs this same file: it serves documents instead of the command line.
if (isMainThread || !(workerData as Partial<ScanWorkerData> | null)?.[SCAN_WORKER])
  run(
    process.argv.slice(2),
    write(process.stdout),
    write(process.stderr),
    process.cwd(),
    relaunchWithLargerYoungGeneration(),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`api-posture: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
else void serveScanWorker(workerData as ScanWorkerData);
