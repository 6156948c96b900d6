// The pipeline, wired once for the CLI and the action:
// load → normalize → diff → assess → score → policy → gate. Renderers read the Analysis.
import { documentConventions } from './assess/conventions.js';
import { type EndpointFactSheet, factBook } from './assess/facts.js';
import { type AssessOptions, assess, compareFindings, type SharedWithHead } from './assess/index.js';
import { pinToBase, type WaiverRequest } from './assess/pin.js';
import { matchTraffic, observedEndpoint, type SpecTraffic, unclaimedHosts } from './assess/traffic.js';
import { assessOptions, type Config, EMPTY_CONFIG, normalizeOptions } from './config/index.js';
import { diffSpecs, renamedEndpointIds, type SpecDiff, scanSpec } from './diff/index.js';
import type { EndpointDiff } from './diff/types.js';
import { type Finding, maxSeverity } from './findings.js';
import { blocks, type FailOn, type FailOnScope, type GateItem, type GateResult, gate } from './gate/index.js';
import { whyNotAnalysable } from './load/analysable.js';
import type { RootAhead } from './load/documents.js';
import { fetchRemoteRefs } from './load/files.js';
import { type LoadedSpec, readAhead } from './load/index.js';
import { BACKGROUND_MIN_CHARS } from './load/json-scan.js';
import type { FileReader } from './load/reader.js';
import { RemoteDocuments } from './load/remote.js';
import { DEFAULT_PARSE_LIMITS } from './load/source.js';
import { structureProblems } from './load/structure.js';
import type { ObservedTraffic } from './load/traffic.js';
import type { Endpoint, Loc, Position, SpecProblem } from './model.js';
import type { HeadVersion } from './normalize/index.js';
import { loadSpec } from './normalize/spec.js';
import { type EndpointFacts, evaluatePolicies, type Violation } from './policy/evaluate.js';
import type { Policy } from './policy/load.js';
import { type Score, scoreEndpoint } from './score/index.js';
import { pushAll } from './util/arrays.js';
import type { HeapPacer } from './util/heap.js';

export type Mode = 'diff' | 'scan';

/** Where one version of a document comes from. */
export interface DocumentSource {
  reader: FileReader;
  path: string;
}

/** One API description to analyse: its reported path and its base and head versions. */
export interface SpecSource {
  path: string;
  base?: DocumentSource;
  head?: DocumentSource;
}

export interface EngineOptions {
  mode: Mode;
  config?: Config;
  policies?: Policy[];
  failOn: FailOn;
  failOnScope: FailOnScope;
  /** `YYYY-MM-DD` for suppression expiry; today when omitted. */
  today?: string;
  /** Remote documents the configuration allows, already fetched (`fetchRemoteRefs`). */
  remote?: RemoteDocuments;
  /**
   * Read every base endpoint again instead of sharing those whose input is unchanged with the head: the
   * same result (tests compare both ways), only slower.
   */
  readBaseInFull?: boolean;
  /** Observed requests (`--traffic`), matched to every document: shadow and zombie endpoints. */
  traffic?: ObservedTraffic;
  /** Called between the stages of one document (a streamed run collects its heap there: `heapPacer`). */
  betweenStages?: () => void;
}

export interface EndpointScores {
  base?: Score;
  head?: Score;
}

export interface SpecAnalysis {
  path: string;
  base: LoadedSpec;
  head: LoadedSpec;
  diff: SpecDiff;
  /** Head findings (new/existing) and base-only findings (fixed). */
  findings: Finding[];
  /** Head violations, new or existing. */
  violations: Violation[];
  /** Violations of the base version (diff mode), for its metrics. */
  baseViolations: Violation[];
  scores: Map<string, EndpointScores>;
  /**
   * Each endpoint's facts as checks, policies and the score read them (src/assess/facts.ts), per version,
   * for the metrics. Absent when the version was not analysed.
   */
  facts: {
    base?: (endpoint: Endpoint) => EndpointFactSheet;
    head?: (endpoint: Endpoint) => EndpointFactSheet;
  };
  /** Line and column of a location, in head (default) or base. */
  position(loc: Loc, side?: 'base' | 'head'): Position;
  /** Set when the head exists but cannot be analysed (fail closed: in diff mode the gate blocks). */
  failure?: SpecFailure;
  /** Endpoints left unjudged because the head cannot be analysed: neither removed nor unchanged. */
  notAssessed?: string[];
  /** What the PR asked to be judged by about its own endpoints (classification, inline suppressions). */
  waiverRequests: WaiverRequest[];
  /** The observed traffic against the head (`--traffic`). */
  traffic?: SpecTraffic;
}

/** Why a document's head cannot be analysed: the place to fix (`file`, `line`, `column`) and what is wrong. */
export interface SpecFailure {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Analysis {
  mode: Mode;
  failOn: FailOn;
  failOnScope: FailOnScope;
  specs: SpecAnalysis[];
  gate: GateResult;
}

const MISSING: LoadedSpec = { path: '', exists: false, problems: [], files: [] };

/**
 * The remote documents `sources` may use: those under the config's `remoteRefs.allow` and `extraPrefixes`
 * (the CLI flag, the action input), fetched now, before the synchronous load. Undefined when none is allowed.
 */
export async function fetchAllowedRemoteRefs(
  sources: SpecSource[],
  config: Config,
  extraPrefixes: string[],
): Promise<RemoteDocuments | undefined> {
  const limits = { ...DEFAULT_PARSE_LIMITS, ...config.data.limits };
  const remote = new RemoteDocuments([...(config.data.remoteRefs?.allow ?? []), ...extraPrefixes], {
    timeoutMs: (config.data.remoteRefs?.timeoutSeconds ?? 10) * 1000,
    maxBytes: limits.maxFileBytes,
    maxFiles: limits.maxFiles,
  });
  if (!remote.enabled) return undefined;
  const documents = sources.flatMap((s) => [s.base, s.head].filter((d) => d !== undefined));
  await fetchRemoteRefs(documents, remote, limits);
  return remote;
}

/** Loads each source (with the config's classification rules) and analyses it. */
export function runEngine(sources: SpecSource[], options: EngineOptions): Analysis {
  return analyze(
    options.mode,
    sources.map((source, index) => {
      preloadBases(sources, index);
      return loadPair(source, options);
    }),
    options,
  );
}

/** How many documents' base roots are read in one go (`FileReader.preload`, which keeps at most 64 MiB). */
const PRELOAD_WINDOW = 256;

/**
 * Before the document at `index`: at the start of each window, the window's base roots read in one go
 * where their reader can (a git commit: two processes for 256 documents instead of two each, when a
 * monorepo's pull request touches hundreds; the reader holds at most 64 MiB of them).
 */
function preloadBases(sources: SpecSource[], index: number): void {
  if (index % PRELOAD_WINDOW !== 0) return;
  const byReader = new Map<FileReader, string[]>();
  for (const { base } of sources.slice(index, index + PRELOAD_WINDOW)) {
    if (!base?.reader.preload) continue;
    const paths = byReader.get(base.reader);
    if (paths) paths.push(base.path);
    else byReader.set(base.reader, [base.path]);
  }
  for (const [reader, paths] of byReader) reader.preload?.(paths);
}

/** One source loaded: its head, and its base (in scan mode the same load). */
function loadPair(source: SpecSource, options: EngineOptions): LoadedPair {
  const config = options.config ?? EMPTY_CONFIG;
  const limits = { ...DEFAULT_PARSE_LIMITS, ...config.data.limits };
  const load = (doc?: DocumentSource, head?: HeadVersion, ahead?: RootAhead) =>
    doc
      ? withStructure(
          loadSpec(doc.reader, doc.path, {
            ...normalizeOptions(config, source.path),
            ...(options.remote ? { remote: options.remote } : {}),
            ...(head ? { head } : {}),
            ...(ahead ? { ahead } : {}),
          }),
        )
      : MISSING;
  const reuse = options.mode !== 'scan' && !options.readBaseInFull;
  // The base's root is read first so that its index is made on the second thread while the head loads.
  const ahead =
    reuse && source.base
      ? readAhead(source.base.reader, source.base.path, limits.maxFileBytes, isLarge(source))
      : undefined;
  const head = load(source.head);
  options.betweenStages?.();
  if (options.mode === 'scan') return { path: source.path, head, base: head };
  const like = reuse ? head.files.find((f) => f.path === head.path) : undefined;
  const shared = reuse ? headVersion(head) : undefined;
  return {
    path: source.path,
    head,
    base: load(source.base, shared, ahead && { ...ahead, ...(like ? { like } : {}) }),
  };
}

/** What a streamed run keeps of all its documents: the gate's verdict, nothing per document. */
export type StreamedAnalysis = Omit<Analysis, 'specs'>;

/**
 * The engine one document at a time (an inventory of thousands): each source is loaded, analysed exactly
 * as `runEngine` would, handed to `onSpec` and dropped, so memory holds one document's models, not all of
 * them. The gate keeps only what blocks (a severity and a status per blocking item) and the failures.
 * Between documents it yields to the event loop (progress can be drawn; nothing is kept alive by the job).
 */
export async function streamEngine(
  sources: SpecSource[],
  options: EngineOptions,
  onSpec: (spec: SpecAnalysis, index: number) => void,
  pace?: HeapPacer,
): Promise<StreamedAnalysis> {
  const stream = new DocumentStream(
    pace ? { ...options, betweenStages: pace.betweenStages } : options,
    sources.length,
  );
  for (const [index, source] of sources.entries()) {
    preloadBases(sources, index);
    onSpec(stream.take(source), index);
    await new Promise((resolve) => setImmediate(resolve));
    pace?.afterDocument(); // here, where nothing holds the document any more
  }
  return stream.result();
}

/** What of one document the gate of a streamed run keeps: a severity and status per blocking item. */
export interface StreamedGateItems {
  findings: GateItem[];
  violations: GateItem[];
  failure?: SpecFailure;
}

/**
 * The documents of a streamed run, one at a time, and the gate's part of each: `analyse` a source as
 * `runEngine` would, take what blocks (`blocking`), `count` it in document order, and `result`. The
 * analysis and the counting may happen in different threads (the CLI's scan on a worker pool).
 */
export class DocumentStream {
  private readonly assessWith: AssessOptions;
  private readonly sole: boolean;
  private readonly blockingFindings: GateItem[] = [];
  private readonly blockingViolations: GateItem[] = [];
  private readonly failures: SpecFailure[] = [];

  constructor(
    private readonly options: EngineOptions,
    documents: number,
  ) {
    this.assessWith = assessOptions(options.config ?? EMPTY_CONFIG, options.today);
    this.sole = documents === 1;
  }

  analyse(source: SpecSource): SpecAnalysis {
    return analyseSpec(loadPair(source, this.options), this.options, this.assessWith, this.sole);
  }

  /** `analyse` here and `count` what blocks, in one: a document taken in order on this thread. */
  take(source: SpecSource): SpecAnalysis {
    const spec = this.analyse(source);
    this.count(this.blocking(spec));
    return spec;
  }

  blocking(spec: SpecAnalysis): StreamedGateItems {
    const { failOn, failOnScope, mode } = this.options;
    const keep = (items: GateItem[]) =>
      items.flatMap((item) =>
        blocks(item, failOn, failOnScope)
          ? [{ severity: item.severity, ...(item.status ? { status: item.status } : {}) }]
          : [],
      );
    return {
      findings: keep(spec.findings),
      violations: keep(spec.violations),
      ...(spec.failure && mode !== 'scan' ? { failure: spec.failure } : {}),
    };
  }

  count(items: StreamedGateItems): void {
    pushAll(this.blockingFindings, items.findings);
    pushAll(this.blockingViolations, items.violations);
    if (items.failure) this.failures.push(items.failure);
  }

  result(): StreamedAnalysis {
    const { mode, failOn, failOnScope } = this.options;
    return {
      mode,
      failOn,
      failOnScope,
      gate: gate(this.blockingFindings, this.blockingViolations, failOn, failOnScope, this.failures),
    };
  }
}

/** A loaded version with its structural problems (openapi-core's rules) among its load problems. */
function withStructure(spec: LoadedSpec): LoadedSpec {
  spec.problems.push(...structureProblems(spec));
  return spec;
}

/**
 * Either version's root is large enough for the second thread (by the size a reader can tell): a thread
 * started for a small file costs more than it saves.
 */
function isLarge(source: SpecSource): boolean {
  return [source.base, source.head].some(
    (doc) => doc !== undefined && (doc.reader.size?.(doc.path) ?? 0) >= BACKGROUND_MIN_CHARS,
  );
}

/** What a base version may share with its head (see `NormalizeOptions.head`). */
function headVersion(head: LoadedSpec): HeadVersion | undefined {
  const root = head.files.find((f) => f.path === head.path);
  return head.model && root ? { model: head.model, root: root.value } : undefined;
}

export interface LoadedPair {
  path: string;
  base: LoadedSpec;
  head: LoadedSpec;
}

/** Analyses loaded (base, head) pairs; in scan mode base and head are the same load. */
export function analyze(mode: Mode, pairs: LoadedPair[], options: Partial<EngineOptions> = {}): Analysis {
  const full: EngineOptions = { failOn: 'critical', failOnScope: 'new', ...options, mode };
  const assessWith = assessOptions(full.config ?? EMPTY_CONFIG, full.today);
  // With one document, a request that names no known server is that document's (a shadow endpoint).
  const sole = pairs.length === 1;
  const specs = pairs.map((pair) => analyseSpec(pair, full, assessWith, sole));
  if (full.traffic) {
    // Requests to hosts none of the documents serves: reported apart, never anyone's shadow endpoints.
    const claimed = specs.flatMap((s) => (s.traffic ? [s.traffic.claimed] : []));
    const otherHosts = unclaimedHosts(full.traffic, claimed);
    for (const s of specs) if (s.traffic) s.traffic.otherHosts = otherHosts;
  }
  const findings = specs.flatMap((s) => s.findings);
  const violations = specs.flatMap((s) => s.violations);
  // Scan mode reports an unreadable document (a finding, the spec's `failure`) but never blocks on it.
  const failures = mode === 'scan' ? [] : specs.flatMap((s) => (s.failure ? [s.failure] : []));
  return {
    mode,
    failOn: full.failOn,
    failOnScope: full.failOnScope,
    specs,
    gate: gate(findings, violations, full.failOn, full.failOnScope, failures),
  };
}

function analyseSpec(
  source: LoadedPair,
  options: EngineOptions,
  assessWith: AssessOptions,
  sole: boolean,
): SpecAnalysis {
  const scan = options.mode === 'scan';
  const problem = scan
    ? source.head.model
      ? undefined
      : whyNotAnalysable(source.head)
    : whyNotAnalysable(source.head, source.base);
  if (problem && !scan) return notAnalysed(source, problem, assessWith);
  const analysis = analyseVersions(source, options, assessWith, sole);
  return problem ? { ...analysis, failure: failureAt(analysis, problem) } : analysis;
}

/**
 * A head that cannot be analysed (fail closed): nothing is compared, so no endpoint is removed and no
 * finding fixed. The endpoints of both versions are listed as not assessed; the findings are the load
 * problems of the head (new, or existing when the base had them too).
 */
function notAnalysed(source: LoadedPair, problem: SpecProblem, assessWith: AssessOptions): SpecAnalysis {
  const { head, base } = source;
  const problemFindings = (loaded: LoadedSpec) =>
    loaded.exists ? assess({ specPath: source.path, problems: loaded.problems }, assessWith) : [];
  const findings = compareFindings(problemFindings(base), problemFindings(head)).filter(
    (f) => f.status !== 'fixed',
  );
  const ids = [...(base.model?.endpoints ?? []), ...(head.model?.endpoints ?? [])].map((e) => e.id);
  const analysis: SpecAnalysis = {
    path: source.path,
    base,
    head,
    diff: {
      path: source.path,
      status: base.exists ? 'modified' : 'added',
      ...(base.model ? { base: base.model } : {}),
      endpoints: [],
    },
    findings,
    violations: [],
    baseViolations: [],
    scores: new Map(),
    facts: {},
    position: positionsOf(base, head),
    notAssessed: [...new Set(ids)].sort(),
    waiverRequests: [],
  };
  return { ...analysis, failure: failureAt(analysis, problem) };
}

function failureAt(analysis: SpecAnalysis, problem: SpecProblem): SpecFailure {
  const at =
    problem.line !== undefined
      ? { line: problem.line, column: problem.column ?? 1 }
      : analysis.position(problem.loc, 'head');
  const file = problem.loc.file;
  // "cannot be analysed: not analysed: …" would say it twice.
  const what = problem.message.replace(/^not (analysed|read): /, '');
  const message =
    file === analysis.path ? what : `${what} (in a file ${analysis.path} reaches through \`$ref\`)`;
  return { file, line: at.line, column: at.column, message };
}

function analyseVersions(
  source: LoadedPair,
  options: EngineOptions,
  assessWith: AssessOptions,
  sole: boolean,
): SpecAnalysis {
  const { base } = source;
  const scan = options.mode === 'scan';
  // What the PR declares about its own endpoints counts only as far as the base config trusts it (SPEC §9).
  const pinned = scan ? undefined : pinHead(base, source.head, options.config ?? EMPTY_CONFIG, source.path);
  const head = pinned?.head ?? source.head;
  const diff = scan
    ? scanSpec(source.path, head.model)
    : diffSpecs(source.path, base.model, head.model, { base: base.exists, head: head.exists });

  const observed = options.traffic;
  const removed = diff.endpoints.flatMap((e) => (e.change === 'removed' && e.base ? [e.base] : []));
  const headTraffic =
    observed && head.model ? matchTraffic(head.model, observed, { sole, removed }) : undefined;
  const baseTraffic =
    observed && !scan && base.model ? matchTraffic(base.model, observed, { sole }) : undefined;

  // The endpoint facts of each version, decided once for the checks, the policies and the metrics.
  const settings = assessWith.settings!;
  const headFactsOf = head.model ? factBook(head.model, settings) : undefined;
  const baseFactsOf = scan ? headFactsOf : base.model ? factBook(base.model, settings) : undefined;
  const endpointFindings = new Map<Endpoint, Finding[]>();
  const headFindings = head.exists
    ? assess(
        {
          specPath: source.path,
          model: head.model,
          problems: head.problems,
          ...(headFactsOf ? { facts: headFactsOf } : {}),
          ...(scan ? {} : { changes: diff.endpoints, endpointFindings }),
          ...(headTraffic ? { traffic: headTraffic } : {}),
        },
        assessWith,
      )
    : [];
  options.betweenStages?.();
  const relocate = relocation(base, head);
  const shared: SharedWithHead = {
    endpointFindings,
    ...(relocate && head.model ? { relocate, headRoot: head.model.file } : {}),
    endpointIds: renamedEndpointIds(diff),
  };
  const baseFindings =
    scan || !base.exists
      ? []
      : assess(
          {
            specPath: source.path,
            model: base.model,
            problems: base.problems,
            shared,
            ...(baseTraffic ? { traffic: baseTraffic } : {}),
            ...(baseFactsOf ? { facts: baseFactsOf } : {}),
          },
          assessWith,
        );
  // An added endpoint following a convention of the base (no rate limits anywhere…) inherits its debt.
  const conventions = scan
    ? undefined
    : documentConventions(base.model, head.model, diff.endpoints, baseFindings, assessWith.settings!);
  const findings = scan
    ? headFindings.map((f) => ({ ...f, status: 'existing' as const }))
    : compareFindings(baseFindings, headFindings, conventions);

  // With their status, so a policy resting only on existing findings is existing too.
  const headByEndpoint = byEndpoint(findings.filter((f) => f.status !== 'fixed'));
  const baseByEndpoint = byEndpoint(baseFindings);
  const scores = new Map<string, EndpointScores>();
  const headFacts: EndpointFacts[] = [];
  const baseFacts: EndpointFacts[] = [];
  for (const e of diff.endpoints) {
    const entry: EndpointScores = {};
    if (e.head) {
      const applying = headByEndpoint.get(e.head.id) ?? [];
      entry.head = scoreEndpoint(e.head, applying);
      const inherited = conventions?.forEndpoint(e.head.id);
      headFacts.push({
        ...facts(e, e.head, applying, entry.head.score),
        ...(headFactsOf ? { is: headFactsOf(e.head) } : {}),
        ...(inherited ? { inherited } : {}),
      });
    }
    if (e.base) {
      if (scan) entry.base = entry.head;
      else {
        const applying = baseByEndpoint.get(e.base.id) ?? [];
        entry.base = scoreEndpoint(e.base, applying);
        // Scoped by the head's change kind, so `changes: [modified]` compares like with like.
        baseFacts.push({
          endpoint: e.base,
          change: e.change === 'removed' ? 'unchanged' : e.change,
          changes: [],
          findings: applying,
          score: entry.base.score,
          ...(baseFactsOf ? { is: baseFactsOf(e.base) } : {}),
        });
      }
    }
    scores.set(e.id, entry);
  }
  options.betweenStages?.();
  if (headTraffic) scoreShadows(headTraffic, findings);
  const policies = options.policies ?? [];
  const headViolations = head.model ? evaluatePolicies(policies, head.model, settings, headFacts) : [];
  const baseViolations =
    !scan && base.model ? evaluatePolicies(policies, base.model, settings, baseFacts) : [];
  const renamed = new Map(
    diff.endpoints.filter((e) => e.base && e.head && e.base.id !== e.head.id).map((e) => [e.base!.id, e]),
  );
  const baseKeys = new Set(baseViolations.map((v) => violationKey(asHeadViolation(v, renamed))));
  const violations = headViolations.map((v) => ({
    ...v,
    // What it rests on decides first (evaluate.ts): a cited new finding makes it new, facts an added endpoint
    // inherits make it existing. Otherwise it is existing when the base had it: same policy, endpoint, fact.
    status:
      scan || (v.status !== 'new' && (v.status === 'existing' || baseKeys.has(violationKey(v))))
        ? ('existing' as const)
        : ('new' as const),
  }));
  return {
    path: source.path,
    base,
    head,
    diff,
    findings,
    violations,
    baseViolations,
    scores,
    facts: {
      ...(baseFactsOf && !scan ? { base: baseFactsOf } : {}),
      ...(headFactsOf ? { head: headFactsOf } : {}),
    },
    position: positionsOf(base, head),
    waiverRequests: pinned?.requests ?? [],
    ...(headTraffic ? { traffic: headTraffic } : {}),
  };
}

/** Each shadow endpoint scored as an undescribed `shadow` endpoint with its own (unsuppressed) finding. */
function scoreShadows(traffic: SpecTraffic, findings: Finding[]): void {
  const byPlace = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.ruleId !== 'inventory-shadow-endpoint' || f.suppressed || f.status === 'fixed') continue;
    const key = `${f.loc.file}\n${f.position?.line}`;
    const known = byPlace.get(key);
    if (known) known.push(f);
    else byPlace.set(key, [f]);
  }
  for (const shadow of traffic.shadow) {
    const own = byPlace.get(`${shadow.file}\n${shadow.line}`) ?? [];
    shadow.score = scoreEndpoint(observedEndpoint(shadow), own).score;
  }
}

/** The head with its self-declared classification and inline suppressions pinned to the base's. */
function pinHead(base: LoadedSpec, head: LoadedSpec, config: Config, specPath: string) {
  if (!head.model) return undefined;
  const trust = config.data.trust;
  const pinned = pinToBase(base.model, head.model, {
    ...normalizeOptions(config, specPath),
    ...(trust ? { trust } : {}),
  });
  return { head: { ...head, model: pinned.model }, requests: pinned.requests };
}

/**
 * Objects the base took from the head locate themselves in the head's root file; in the base's report
 * that is the base's root. Only when the base never reads a file of that name itself (src/load/index.ts
 * then reads it without sharing): a location there is always a shared one.
 */
function relocation(base: LoadedSpec, head: LoadedSpec): ((loc: Loc) => Loc) | undefined {
  const from = head.model?.file;
  const to = base.model?.file;
  if (from === undefined || to === undefined || from === to || base.files.some((f) => f.path === from))
    return undefined;
  return (loc) => (loc.file === from ? { ...loc, file: to } : loc);
}

/** A base violation on a path the head renamed (`/users/{id}/` → `/users/{userId}`), as the head names it. */
function asHeadViolation(v: Violation, renamed: ReadonlyMap<string, EndpointDiff>): Violation {
  const e = renamed.get(v.endpoint);
  return e ? { ...v, endpoint: e.id } : v;
}

/**
 * A violation is the same across versions when the same policy fails on the same endpoint for the same
 * fact (evaluate.ts sets `fact` on every violation): never the message, which names a server URL, a score,
 * the rules cited or a path's parameter names, none of which is the fact.
 */
function violationKey(v: Violation): string {
  return `${v.policy}\n${v.endpoint}\n${v.fact ?? v.message}`;
}

/**
 * The unsuppressed findings that count for each endpoint: its own and the document-level ones naming it. A
 * finding of several endpoints' shares (`Finding.parts`: a URL field) counts on each at that endpoint's
 * own severity: an internal endpoint sharing a field with an external one is not scored as external.
 */
function byEndpoint(findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const add = (id: string, f: Finding) => {
    const list = out.get(id);
    if (list) list.push(f);
    else out.set(id, [f]);
  };
  for (const f of findings) {
    if (f.suppressed) continue;
    if (f.endpoint !== undefined) add(f.endpoint, f);
    for (const id of f.endpoints ?? []) add(id, f.parts ? onEndpoint(f, id) : f);
  }
  return out;
}

/** A finding with parts as it stands on one of its endpoints: at the worst severity of that endpoint's parts. */
function onEndpoint(f: Finding, id: string): Finding {
  const own = f.parts!.filter((part) => part.endpoint === id);
  const severity = own.length > 0 ? own.map((part) => part.severity).reduce(maxSeverity) : f.severity;
  return severity === f.severity ? f : { ...f, severity };
}

function facts(e: EndpointDiff, endpoint: Endpoint, findings: Finding[], score: number): EndpointFacts {
  return {
    endpoint,
    change: e.change === 'removed' ? 'unchanged' : e.change,
    changes: e.changes,
    findings,
    score,
  };
}

function positionsOf(base: LoadedSpec, head: LoadedSpec): SpecAnalysis['position'] {
  const files = {
    base: new Map(base.files.map((f) => [f.path, f])),
    head: new Map(head.files.map((f) => [f.path, f])),
  };
  return (loc, side = head.exists ? 'head' : 'base') => {
    const file = files[side].get(loc.file) ?? files.head.get(loc.file) ?? files.base.get(loc.file);
    return file ? file.position(loc.pointer) : { ...loc, line: 1, column: 1 };
  };
}
