// The JSON report written one document at a time (a `scan` of thousands of documents): byte for byte
// `JSON.stringify(buildReport(analysis), null, 2)` and a newline, in bounded memory.
//
// The contract's key order puts `blocked` and `summary` before `specs` (SPEC §10), and both are known only
// after the last document. So each document's `specs` entry and violations go to temporary files as they
// are made, and the report is assembled at the end: its head, then those files copied in chunks.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { SpecAnalysis, StreamedAnalysis } from '../engine.js';
import { ReportTotals } from './json.js';
import { writeJsonPieces } from './json-text.js';

/** Members (endpoints, findings) in the value's arrays from which its text is written in pieces. */
const LARGE_ITEMS = 5000;

function isLarge(value: unknown, largeItems: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  let items = 0;
  for (const member of Object.values(value)) if (Array.isArray(member)) items += member.length;
  return items >= largeItems;
}

/** Where the members of one array of the report wait: a temporary file and how many were written. */
class SpooledArray {
  count = 0;
  private readonly fd: number;
  private open = true;

  constructor(
    readonly path: string,
    private readonly largeItems = LARGE_ITEMS,
  ) {
    this.fd = openSync(path, 'w');
  }

  /** One member, as `JSON.stringify` indents it inside the report's root object (4 spaces). */
  push(value: unknown): void {
    writeSync(this.fd, this.count === 0 ? '    ' : ',\n    ');
    let text: string | undefined;
    try {
      // A large member (Microsoft Graph's 20,000 endpoints) in pieces: its text and the indented copy
      // would be two strings of 120 and 160 MB on top of the document's analysis, still alive.
      if (!isLarge(value, this.largeItems)) text = JSON.stringify(value, null, 2).replaceAll('\n', '\n    ');
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // one member over 512 MiB: in pieces
    }
    if (text !== undefined) writeSync(this.fd, text);
    else writeJsonPieces(value, '    ', 2, (chunk) => writeSync(this.fd, chunk));
    this.count++;
  }

  /** Once only: a closed descriptor's number may already be another file's. */
  close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }

  /** The array's text (`[]` when empty), passed to `write` in chunks of about a megabyte. */
  copyTo(write: (chunk: string) => void): void {
    if (this.count === 0) {
      write('[]');
      return;
    }
    write('[\n');
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      const decoder = new StringDecoder('utf8'); // a chunk may end inside a character
      for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
        write(decoder.write(buffer.subarray(0, n)));
      write(decoder.end());
    } finally {
      closeSync(fd);
    }
    write('\n  ]');
  }
}

/**
 * Collects a streamed run's documents (`add`, in order) and writes the report (`finish`). `dispose` removes
 * the temporary files, whatever happened: call it in a `finally`.
 */
export class StreamedJsonReport {
  private readonly dir: string;
  private readonly specs: SpooledArray;
  private readonly violations: SpooledArray;
  private readonly totals: ReportTotals;

  /** `largeItems`: from how many endpoints and findings a document's entry is written in pieces (tests). */
  constructor(mode: StreamedAnalysis['mode'], tempRoot = tmpdir(), largeItems = LARGE_ITEMS) {
    this.totals = new ReportTotals(mode);
    this.dir = mkdtempSync(join(tempRoot, 'api-posture-report-'));
    this.specs = new SpooledArray(join(this.dir, 'specs.json'), largeItems);
    this.violations = new SpooledArray(join(this.dir, 'violations.json'));
  }

  add(analysis: SpecAnalysis): void {
    const part = this.totals.add(analysis);
    this.specs.push(part.spec);
    for (const v of part.violations) this.violations.push(v);
  }

  /** Writes the whole report and a final newline through `write`. */
  finish(run: StreamedAnalysis, write: (chunk: string) => void): void {
    this.specs.close();
    this.violations.close();
    const SPECS = Symbol('specs');
    const VIOLATIONS = Symbol('violations');
    const report = this.totals.report(run, SPECS, VIOLATIONS);
    const keys = Object.keys(report) as (keyof typeof report)[];
    write('{\n');
    for (const [i, key] of keys.entries()) {
      write(`  ${JSON.stringify(key)}: `);
      const value = report[key];
      if (value === SPECS) this.specs.copyTo(write);
      else if (value === VIOLATIONS) this.violations.copyTo(write);
      else write(JSON.stringify(value, null, 2).replaceAll('\n', '\n  '));
      write(i < keys.length - 1 ? ',\n' : '\n');
    }
    write('}\n');
  }

  dispose(): void {
    this.specs.close();
    this.violations.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
