// The JSON report written one document at a time (a `scan` of thousands of documents): byte for byte
// `JSON.stringify(buildReport(analysis), null, 2)` and a newline, in bounded memory.
//
// The contract's key order puts `blocked` and `summary` before `specs` (SPEC §10), and both are known only
// after the last document. So each document's `specs` entry and violations go to temporary files as they
// are made, and the report is assembled at the end: its head, then those files copied in chunks.
// `reportWithSettings` (a pull request's run) builds the same report one document at a time in memory.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { SpecAnalysis, SpecSource, StreamedAnalysis } from '../engine.js';
import type { FileReader } from '../load/reader.js';
import {
  analyseWithSettings,
  type CheckRequest,
  type SettingsOptions,
  streamWithSettings,
} from '../settings.js';
import { pushAll } from '../util/arrays.js';
import { heapPacer } from '../util/heap.js';
import {
  buildReport,
  type Report,
  type ReportSpec,
  ReportTotals,
  type ReportViolation,
  type TotalsPart,
} from './json.js';
import { indentedJson, jsonPieces } from './json-text.js';

/** Members (endpoints, findings) in the value's arrays from which its text is written in pieces. */
const LARGE_ITEMS = 5000;

function isLarge(value: unknown, largeItems: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  let items = 0;
  for (const member of Object.values(value)) if (Array.isArray(member)) items += member.length;
  return items >= largeItems;
}

/** A member of one of the report's arrays as `JSON.stringify` indents it inside the root object (4 spaces). */
export function memberText(value: unknown, largeItems = LARGE_ITEMS): string | undefined {
  // A large member (Microsoft Graph's 20,000 endpoints) in pieces: its text and the indented copy would be
  // two strings of 120 and 160 MB on top of the document's analysis, still alive.
  if (isLarge(value, largeItems)) return undefined;
  try {
    return indentedJson(value, '    ');
  } catch (error) {
    if (!(error instanceof RangeError)) throw error; // one member over 512 MiB: in pieces (`push`)
    return undefined;
  }
}

/** `memberText`, or for a member over 512 MiB its pieces. */
function memberPieces(value: unknown): string[] {
  const text = memberText(value);
  return text !== undefined ? [text] : [...jsonPieces(value, '    ', 2)];
}

/**
 * One document's part of a streamed report, made where it was analysed (a worker thread) as plain data:
 * its `specs` entry and violations as text, and its counts. `StreamedJsonReport.addPart` writes it.
 */
export interface DocumentPart {
  spec: string[];
  violations: string[][];
  totals: TotalsPart;
}

export function documentPart(analysis: SpecAnalysis, mode: StreamedAnalysis['mode']): DocumentPart {
  const totals = new ReportTotals(mode);
  const part = totals.add(analysis);
  return {
    spec: memberPieces(part.spec),
    violations: part.violations.map(memberPieces),
    totals: totals.part(),
  };
}

/**
 * Text is encoded into a buffer of this many bytes and written when full: one system call each. Encoding
 * each piece into it costs a tenth of joining the pieces into one string and writing that.
 */
const BUFFER_BYTES = 1 << 20;

/** Where the members of one array of the report wait: a temporary file and how many were written. */
class SpooledArray {
  count = 0;
  private readonly fd: number;
  private open = true;
  private readonly bytes = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private onFlush: (() => void) | undefined;

  constructor(
    readonly path: string,
    private readonly largeItems = LARGE_ITEMS,
  ) {
    this.fd = openSync(path, 'w');
  }

  /** One member, as `JSON.stringify` indents it inside the report's root object (4 spaces). */
  push(value: unknown, onFlush?: () => void): void {
    const text = memberText(value, this.largeItems);
    this.onFlush = onFlush;
    try {
      this.pushPieces(text !== undefined ? [text] : jsonPieces(value, '    ', 2));
    } finally {
      this.onFlush = undefined;
    }
  }

  /** One member already made (`memberPieces`), or its pieces as they are made. */
  pushPieces(pieces: Iterable<string>): void {
    this.buffer(this.count === 0 ? '    ' : ',\n    ');
    for (const piece of pieces) this.buffer(piece);
    this.count++;
  }

  private buffer(text: string): void {
    // a UTF-8 byte per character, at most three (a surrogate pair: four bytes for two characters)
    if (this.used + text.length * 3 > BUFFER_BYTES) {
      this.flush();
      if (text.length * 3 > BUFFER_BYTES) {
        writeSync(this.fd, text);
        this.onFlush?.();
        return;
      }
    }
    this.used += this.bytes.write(text, this.used);
  }

  private flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, this.bytes, 0, this.used);
    this.used = 0;
    this.onFlush?.();
  }

  /** Once only: a closed descriptor's number may already be another file's. */
  close(): void {
    if (this.open) {
      this.flush();
      closeSync(this.fd);
    }
    this.open = false;
  }

  /**
   * The array's text (`[]` when empty), passed to `write` in chunks of about a megabyte; as bytes to
   * `writeBytes` when given (the file holds UTF-8 already: nothing to decode).
   */
  copyTo(write: (chunk: string) => void, writeBytes?: (chunk: Uint8Array) => void): void {
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
        if (writeBytes) writeBytes(buffer.subarray(0, n));
        else write(decoder.write(buffer.subarray(0, n)));
      if (!writeBytes) write(decoder.end());
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

  /**
   * `betweenStages`: called once the entry is made and as its text is written (`heapPacer`), where a large
   * document's entry and pieces would otherwise pile up on its analysis.
   */
  add(
    analysis: SpecAnalysis,
    betweenStages?: () => void,
  ): { spec: ReportSpec; violations: ReportViolation[] } {
    const part = this.totals.add(analysis);
    betweenStages?.();
    this.specs.push(part.spec, betweenStages);
    for (const v of part.violations) this.violations.push(v);
    return part;
  }

  /** The report around its `specs` and `violations`: the verdict, the summary's counts, the errors. */
  head(run: StreamedAnalysis): Omit<Report, 'specs' | 'violations'> {
    const { specs: _specs, violations: _violations, ...head } = this.totals.report(run, undefined, undefined);
    return head;
  }

  /** A document's part made elsewhere (`documentPart`), in its place in document order. */
  addPart(part: DocumentPart): void {
    this.totals.absorb(part.totals);
    this.specs.pushPieces(part.spec);
    for (const v of part.violations) this.violations.pushPieces(v);
  }

  /**
   * Writes the whole report and a final newline through `write` (and the spooled arrays' bytes through
   * `writeBytes` when given: a file needs no decoding).
   */
  finish(
    run: StreamedAnalysis,
    write: (chunk: string) => void,
    writeBytes?: (chunk: Uint8Array) => void,
  ): void {
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
      if (value === SPECS) this.specs.copyTo(write, writeBytes);
      else if (value === VIOLATIONS) this.violations.copyTo(write, writeBytes);
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

/**
 * `buildReport(await analyseWithSettings(...))`, one document at a time: each document is loaded, analysed
 * and made its part of the report before the next, and its models dropped, rather than every document
 * loaded first (a pull request touching hundreds held them all). The same report. With traffic the whole
 * run is needed (requests no document claims are known once every one is matched).
 */
export async function reportWithSettings(
  sources: SpecSource[],
  request: CheckRequest,
  reader: FileReader & { prefetch?: (paths: string[]) => Promise<void> },
  options: SettingsOptions,
): Promise<Report> {
  if (request.traffic) return buildReport(await analyseWithSettings(sources, request, reader, options));
  const totals = new ReportTotals(request.mode);
  const specs: ReportSpec[] = [];
  const violations: ReportViolation[] = [];
  const pace = heapPacer();
  const run = await streamWithSettings(
    sources,
    request,
    reader,
    options,
    (spec) => {
      const part = totals.add(spec);
      specs.push(part.spec);
      pushAll(violations, part.violations);
      pace.betweenStages();
    },
    pace,
  );
  return totals.report(run, specs, violations);
}
