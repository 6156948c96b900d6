// model (+ diff) → findings: runs every check once, adds ids, fingerprints and suppressions.
import * as crypto from 'node:crypto';
import { posix } from 'node:path';
import type { EndpointDiff } from '../diff/types.js';
import {
  type EndpointPart,
  type Finding,
  maxSeverity,
  type Severity,
  type Suppression,
} from '../findings.js';
import type { ApiModel, Endpoint, Loc, SpecProblem } from '../model.js';
import { pushAll } from '../util/arrays.js';
import { escapeRegExp } from '../util/regexp.js';
import type { Conventions } from './conventions.js';
import { type EndpointFactSheet, factBook } from './facts.js';
import { forgetInputFields } from './inputs.js';
import { endpointsByLocation } from './locations.js';
import { CHECKS } from './registry.js';
import {
  documentSuppressions,
  extendedPart,
  type IgnoreRule,
  type SuppressionIndex,
  type SuppressionProblem,
  suppressionFor,
} from './suppress.js';
import type { SpecTraffic } from './traffic.js';
import { type AssessSettings, type Check, type CheckContext, DEFAULT_SETTINGS, type Hit } from './types.js';
import { headlinePart, partFinding, partsMessage } from './url-inputs.js';

export interface AssessOptions {
  settings?: AssessSettings;
  /** Per-rule severity from config; `off` disables the rule. */
  ruleSeverity?: Record<string, Severity | 'off'>;
  /** Config-level ignores. */
  ignores?: IgnoreRule[];
  /** `YYYY-MM-DD`, for suppression expiry (passed in to keep assessment pure). */
  today?: string;
}

export interface SpecInput {
  /** The spec's path as reported (the same for base and head, so fingerprints match across versions). */
  specPath: string;
  model?: ApiModel;
  problems: SpecProblem[];
  /** Diff mode, head side: the endpoint changes, for change checks. */
  changes?: EndpointDiff[];
  /** Diff mode, head side: filled with each endpoint's findings from the endpoint checks. */
  endpointFindings?: Map<Endpoint, Finding[]>;
  /** Diff mode, base side: what it shares with the head (see `NormalizeOptions.head`). */
  shared?: SharedWithHead;
  /** Observed traffic matched to this version (`--traffic`), for the traffic checks. */
  traffic?: SpecTraffic;
  /** The model's endpoint facts, when the caller reads them too (src/engine.ts); made here otherwise. */
  facts?: (endpoint: Endpoint) => EndpointFactSheet;
}

export interface SharedWithHead {
  /** The head's `endpointFindings`: an endpoint found here is the head's own object, its findings known. */
  endpointFindings: ReadonlyMap<Endpoint, Finding[]>;
  /** A location in a shared object, in this version's files; absent when the root files' paths are the same. */
  relocate?: (loc: Loc) => Loc;
  /**
   * The head's root file, when this version's is named otherwise (`diff api-v1.yaml api-v2.yaml`): a finding
   * in this version's root fingerprints as if it were in the head's, so an unchanged one is not new.
   */
  headRoot?: string;
  /** Base endpoints the diff matched to a head endpoint of another id (a renamed path): the head's id. */
  endpointIds?: ReadonlyMap<Endpoint, string>;
}

export function assess(input: SpecInput, options: AssessOptions = {}): Finding[] {
  const ctxSettings = options.settings ?? DEFAULT_SETTINGS;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const { model, specPath } = input;
  const out: Finding[] = [];
  const suppressionProblems: SuppressionProblem[] = [];
  const suppressions = model ? documentSuppressions(model, suppressionProblems) : undefined;
  const ctx: CheckContext | undefined = model
    ? { model, settings: ctxSettings, facts: input.facts ?? factBook(model, ctxSettings) }
    : undefined;
  const rootDir = posix.dirname(model?.file ?? specPath);
  const headRoot = input.shared?.headRoot;
  const rename = headRoot !== undefined && model ? rootRename(model.file, headRoot) : undefined;

  const relocate = input.shared?.relocate;
  const endpointIds = input.shared?.endpointIds;
  // The document's rules and the config's, in that order; an endpoint's own rules go first.
  const generalRules = [...(suppressions?.document ?? []), ...(options.ignores ?? [])];
  const emit = (check: Check, hit: Hit, endpoint?: Endpoint) => {
    const configured = options.ruleSeverity?.[check.id];
    if (configured === 'off') return;
    const loc = relocate ? relocate(hit.loc) : hit.loc;
    // Assigned rather than spread: this runs for each of tens of thousands of findings.
    const finding: Finding = {
      ruleId: check.id,
      category: check.category,
      severity: configured ?? hit.severity ?? check.severity,
      message: hit.message,
      remediation: check.remediation,
      loc,
      fingerprint: fingerprint(check.id, specPath, rootDir, endpoint, hit, loc, rename, endpointIds),
    };
    if (endpoint) finding.endpoint = endpoint.id;
    if (hit.endpoints) finding.endpoints = distinct(hit.endpoints);
    if (hit.basis !== undefined) finding.basis = `${check.id}\n${hit.basis}`;
    if (hit.movable) {
      const owner = relocate ? relocate(hit.movable.owner) : hit.movable.owner;
      finding.movable = { ...hit.movable, shape: `${check.id}\n${hit.movable.shape}`, owner };
    }
    if (hit.position) finding.position = hit.position;
    if (hit.parts)
      finding.parts = relocate
        ? hit.parts.map((part) => ({ ...part, loc: relocate(part.loc), place: relocate(part.place) }))
        : hit.parts;
    const own = endpoint && suppressions ? suppressions.forEndpoint(endpoint) : [];
    const rules = own.length > 0 ? [...own, ...generalRules] : generalRules;
    const suppressed =
      (rules.length > 0 ? suppressionFor(rules, finding, specPath, today) : undefined) ??
      (hit.endpoints && suppressions && model
        ? suppressedByEach(finding, hit.endpoints, model, suppressions, specPath, today)
        : undefined);
    if (suppressed) finding.suppressed = suppressed;
    out.push(finding);
    if (endpoint && check.scope === 'endpoint') input.endpointFindings?.get(endpoint)?.push(finding);
  };

  // Endpoint checks read the endpoint, the root's extensions and the settings: the same in both versions
  // for a shared endpoint, so the head's findings are this version's too.
  const known = input.shared?.endpointFindings;
  const toCheck = model?.endpoints.filter((endpoint) => !known?.has(endpoint)) ?? [];
  for (const endpoint of model?.endpoints ?? []) {
    input.endpointFindings?.set(endpoint, []);
    pushAll(out, known?.get(endpoint) ?? []);
  }

  const problems = [
    ...input.problems,
    ...suppressionProblems.map((p): SpecProblem => ({ kind: 'invalid', message: p.message, loc: p.loc })),
  ];
  const endpointsAt =
    problems.length > 0 && model ? endpointsByLocation(model.endpoints, relocate) : undefined;
  for (const check of CHECKS) {
    if (check.scope === 'problem') {
      // A load problem inside an operation or its path item (a broken `$ref` in a request body, say)
      // counts for those endpoints as their own findings do.
      for (const hit of check.run(problems)) {
        const endpoints = endpointsAt?.(hit.loc)?.ids;
        emit(check, endpoints ? { ...hit, endpoints } : hit);
      }
    } else if (check.scope === 'document' && model && ctx) {
      for (const hit of check.run(model, ctx)) emit(check, hit);
    } else if (check.scope === 'endpoint' && ctx) {
      for (const endpoint of toCheck) for (const hit of check.run(endpoint, ctx)) emit(check, hit, endpoint);
    } else if (check.scope === 'traffic' && ctx && input.traffic) {
      for (const hit of check.run(input.traffic, ctx)) emit(check, hit);
    } else if (check.scope === 'change' && ctx && input.changes) {
      for (const change of input.changes) {
        if (!change.head) continue;
        for (const hit of check.run(change, ctx)) emit(check, hit, change.head);
      }
    }
  }
  forgetInputFields();
  return out;
}

/**
 * A document-level finding naming endpoints (a sensitive property several operations return) is suppressed
 * by the operations' own `x-api-posture-ignore` only when every one of them suppresses it.
 */
function suppressedByEach(
  finding: Finding,
  ids: string[],
  model: ApiModel,
  suppressions: SuppressionIndex,
  specPath: string,
  today: string,
): Suppression | undefined {
  let first: Suppression | undefined;
  for (const id of ids) {
    const endpoint = model.endpoints.find((e) => e.id === id);
    const own = endpoint ? suppressions.forEndpoint(endpoint) : [];
    const suppressed = own.length > 0 ? suppressionFor(own, finding, specPath, today) : undefined;
    if (!suppressed) return undefined;
    first ??= suppressed;
  }
  return first;
}

/**
 * `ids` without repeats; the same array when it has none, and one copy per array otherwise: N findings
 * sharing one list of 2N ids (the server checks) must not make N copies of it.
 */
function distinct(ids: string[]): string[] {
  let out = DISTINCT.get(ids);
  if (!out) {
    const unique = new Set(ids);
    out = unique.size === ids.length ? ids : [...unique];
    DISTINCT.set(ids, out);
  }
  return out;
}

const DISTINCT = new WeakMap<string[], string[]>();

/**
 * Stable across line shifts and reformatting: rule + spec + endpoint id + where inside the endpoint
 * (a check-supplied key, or the pointer relative to the operation, or file#pointer outside it).
 */
function fingerprint(
  ruleId: string,
  specPath: string,
  rootDir: string,
  endpoint: Endpoint | undefined,
  hit: Hit,
  loc: Loc,
  rename: RootRename | undefined,
  endpointIds: ReadonlyMap<Endpoint, string> | undefined,
): string {
  let variant =
    hit.variant === undefined
      ? ''
      : `|${rootDir === '.' ? hit.variant : hit.variant.replaceAll(`${rootDir}/`, '')}`;
  if (rename && variant !== '') variant = variant.replace(rename.inText, rename.to);
  const where = hit.key ?? `${relativeLocation(loc, endpoint, rootDir, rename)}${variant}`;
  const id = endpoint && (endpointIds?.get(endpoint) ?? endpoint.id);
  return sha256Prefix(`${ruleId}\n${specPath}\n${id ?? ''}\n${where}`);
}

/** A finding's fingerprint for the part of it that is new on `endpoints` (a split by endpoint). */
function extendedFingerprint(fingerprint: string, endpoints: readonly string[]): string {
  return sha256Prefix(`${fingerprint}\n${endpoints.join('\n')}`);
}

/**
 * The first 16 hex digits of the SHA-256 of `text`, a string of its own: a slice of the 64-digit hex would
 * keep all of it alive for as long as the fingerprint (a run's SARIF keeps every fingerprint it gave).
 */
const sha256Prefix = (text: string): string => sha256(text).toString('hex', 0, 8);

/** One-shot `crypto.hash` (Node 20.12+) is a third of the cost of a Hash object; both give the same digest. */
const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'buffer')
    : (text) => crypto.createHash('sha256').update(text).digest();

/** This version's root file, by name relative to its folder, and the head's, which it stands for. */
interface RootRename {
  from: string;
  to: string;
  /** `from` as a whole word of a message (`a.yaml` but not `data.yaml`). */
  inText: RegExp;
}

function rootRename(root: string, headRoot: string): RootRename {
  const from = posix.basename(root);
  const escaped = escapeRegExp(from);
  return { from, to: posix.basename(headRoot), inText: new RegExp(`(?<![\\w.-])${escaped}(?![\\w.-])`, 'g') };
}

function relativeLocation(
  loc: Loc,
  endpoint: Endpoint | undefined,
  rootDir: string,
  rename: RootRename | undefined,
): string {
  if (
    endpoint &&
    loc.file === endpoint.loc.file &&
    (loc.pointer === endpoint.loc.pointer || loc.pointer.startsWith(`${endpoint.loc.pointer}/`))
  ) {
    return `@${loc.pointer.slice(endpoint.loc.pointer.length)}`;
  }
  const file = relativeFile(rootDir, loc.file);
  return `${rename && file === rename.from ? rename.to : file}#${loc.pointer}`;
}

/** `posix.relative`, remembered: it runs for most of tens of thousands of findings, over a few files. */
const RELATIVE = new Map<string, string>();

function relativeFile(rootDir: string, file: string): string {
  const key = `${rootDir}\n${file}`;
  let relative = RELATIVE.get(key);
  if (relative === undefined) {
    relative = posix.relative(rootDir, file);
    if (RELATIVE.size >= 10_000) RELATIVE.clear();
    RELATIVE.set(key, relative);
  }
  return relative;
}

/**
 * Marks head findings new/existing and adds base-only ones as fixed. A head finding the base lacks is still
 * `existing` when it is on an endpoint the PR added and follows a convention of the base document
 * (`documentConventions`, src/assess/conventions.ts): the PR inherited that debt, it did not introduce it.
 */
export function compareFindings(base: Finding[], head: Finding[], conventions?: Conventions): Finding[] {
  const baseKeys = new Set(base.map((f) => f.fingerprint));
  const headKeys = new Set(head.map((f) => f.fingerprint));
  const bases = (findings: Finding[]) =>
    new Set(findings.flatMap((f) => (f.basis === undefined ? [] : [f.basis])));
  const baseBases = bases(base);
  const headBases = bases(head);
  // The endpoints the findings of per-endpoint rules list, by their head ids: a head finding is new on the
  // endpoints its base finding did not list, a base finding fixed on those its head finding no longer does.
  const listedInBase = endpointListings(base, headIdOf(conventions));
  const listedInHead = endpointListings(head);
  const moved = movedProperties(base, head, baseKeys, headKeys, conventions);
  const baseParts = partKeys(base, conventions);
  const headParts = partKeys(head);
  return [
    ...head.flatMap((f): Finding[] => {
      if (f.parts) return judgeParts(f, baseKeys.has(f.fingerprint), baseParts, conventions);
      if (baseKeys.has(f.fingerprint)) {
        const listed = listedInBase.get(f.fingerprint);
        return listed && f.endpoints
          ? splitByEndpoint(f, listed, conventions)
          : [{ ...f, status: 'existing' }];
      }
      // The same fact elsewhere in the base: a secret example moved or copied to another schema is no new leak.
      // A per-endpoint fact (an API key in the same query parameter, another scheme's name) is new only on
      // the endpoints no base finding of that basis listed.
      if (f.basis !== undefined && f.endpoints && PER_ENDPOINT_RULES.has(f.ruleId)) {
        const listed = listedInBase.get(basisKey(f));
        if (listed) return splitByEndpoint(f, listed, conventions);
      }
      if (f.basis !== undefined && baseBases.has(f.basis)) {
        const message = `${f.message} (the base document already has it elsewhere)`;
        return [{ ...f, message, status: 'existing' }];
      }
      const from = moved.of(f);
      if (from !== undefined) return [{ ...f, message: `${f.message} (${from})`, status: 'existing' }];
      const inherited = conventions?.inherited(f);
      return [
        inherited
          ? { ...f, message: `${f.message} (${inherited})`, status: 'existing' }
          : { ...f, status: 'new' },
      ];
    }),
    ...base.flatMap((f): Finding[] => {
      if (moved.away(f)) return [];
      if (f.parts) {
        // A field's finding is fixed when no endpoint of the head takes the field as one of the base's did
        // (wherever the head's finding sits); fixed on the endpoints that no longer take it, when some do.
        const headId = headIdOf(conventions);
        const gone = f.parts.filter(
          (part) => !partKeysOf(f.ruleId, part, headId).some((k) => headParts.has(k)),
        );
        if (gone.length === f.parts.length) return [{ ...f, status: 'fixed' }];
        return gone.length === 0 ? [] : [fixedOn(f, gone)];
      }
      const inHeadByBasis = f.basis !== undefined && headBases.has(f.basis);
      if (!headKeys.has(f.fingerprint) && !inHeadByBasis) return [{ ...f, status: 'fixed' }];
      // A per-endpoint fact the head still has on fewer endpoints: fixed on those it left.
      const still =
        listedInHead.get(f.fingerprint) ?? (inHeadByBasis ? listedInHead.get(basisKey(f)) : undefined);
      const left = still && f.endpoints?.filter((id) => !still.has(conventions?.headId(id) ?? id));
      return left && left.length > 0 ? [fixedOnEndpoints(f, left)] : [];
    }),
  ];
}

/**
 * Per-endpoint rules' findings: the endpoints each lists (mapped by `headId`), by fingerprint and by rule
 * and basis (all the findings of that basis together). The two kinds of key cannot meet: a fingerprint has
 * no line break.
 */
function endpointListings(
  findings: readonly Finding[],
  headId: (id: string) => string = (id) => id,
): Map<string, Set<string>> {
  const listed = new Map<string, Set<string>>();
  for (const f of findings) {
    if (!f.endpoints || !PER_ENDPOINT_RULES.has(f.ruleId)) continue;
    const ids = new Set(f.endpoints.map(headId));
    listed.set(f.fingerprint, ids);
    if (f.basis === undefined) continue;
    const known = listed.get(basisKey(f));
    if (known) for (const id of ids) known.add(id);
    else listed.set(basisKey(f), new Set(ids));
  }
  return listed;
}

function basisKey(f: Finding): string {
  return `${f.ruleId}\n${f.basis}`;
}

/** "N endpoint(s)" */
function endpointCount(n: number): string {
  return `${n} endpoint${n === 1 ? '' : 's'}`;
}

/** A field's finding narrowed to some of its parts: placed, rated and listing endpoints by those alone. */
function onParts(f: Finding, parts: EndpointPart[]): Finding {
  return {
    ...f,
    loc: headlinePart(parts).place,
    severity: parts.map((p) => p.severity).reduce(maxSeverity),
    endpoints: [...new Set(parts.map((p) => p.endpoint))],
    parts,
  };
}

/** The endpoints a base finding no longer reaches in the head, as a fixed finding of their own. */
function fixedOnEndpoints(f: Finding, left: string[]): Finding {
  return {
    ...f,
    message: `${f.message} (no longer on ${endpointCount(left.length)} after this change)`,
    endpoints: left,
    fingerprint: extendedFingerprint(f.fingerprint, left),
    status: 'fixed',
  };
}

/** A field's finding on the endpoints that no longer take it (`gone`, some of its parts), as fixed. */
function fixedOn(f: Finding, gone: EndpointPart[]): Finding {
  const narrowed = onParts(f, gone);
  return {
    ...narrowed,
    message: `${partsMessage(gone)} (no longer on ${endpointCount(narrowed.endpoints!.length)} after this change)`,
    fingerprint: extendedFingerprint(f.fingerprint, narrowed.endpoints!),
    status: 'fixed',
  };
}

/**
 * How an endpoint's share of a field's finding is recognised (`Finding.parts`), as a finding of that
 * endpoint alone was: the same field path on the same endpoint, or the same name on it (moved into an
 * envelope: Azure's `authorizationEndpoint` → `properties.authorizationEndpoint`). Endpoint ids by the head's.
 */
function partKeysOf(
  ruleId: string,
  part: EndpointPart,
  headId: (id: string) => string = (id) => id,
): string[] {
  const endpoint = headId(part.endpoint);
  return [`${ruleId}\n${endpoint}\npath\n${part.key}`, `${ruleId}\n${endpoint}\nname\n${part.name}`];
}

function headIdOf(conventions: Conventions | undefined): ((id: string) => string) | undefined {
  return conventions ? (id) => conventions.headId(id) : undefined;
}

function partKeys(findings: readonly Finding[], conventions?: Conventions): Set<string> {
  const headId = headIdOf(conventions);
  const keys = new Set<string>();
  for (const f of findings)
    for (const part of f.parts ?? []) for (const key of partKeysOf(f.ruleId, part, headId)) keys.add(key);
  return keys;
}

/**
 * A head finding about one field several endpoints take, judged per endpoint as a finding of each alone
 * would be: an endpoint's share is existing when the base took the field there too, or by a convention of
 * the base (src/assess/conventions.ts: the base's notification URLs, the same input on the same resource,
 * an added endpoint following a shared place or habit). All existing: the finding is existing; none: new,
 * once for the field; some: split in two, the existing endpoints and a new finding for the others.
 */
function judgeParts(
  finding: Finding,
  inBase: boolean,
  baseParts: ReadonlySet<string>,
  conventions: Conventions | undefined,
): Finding[] {
  const headId = headIdOf(conventions);
  const kept: EndpointPart[] = [];
  const fresh: EndpointPart[] = [];
  let reason: string | undefined;
  for (const part of finding.parts!) {
    if (partKeysOf(finding.ruleId, part, headId).some((k) => baseParts.has(k))) {
      kept.push(part);
      continue;
    }
    const inherited = conventions?.inherited(partFinding(finding, part));
    if (inherited === undefined) fresh.push(part);
    else {
      kept.push(part);
      reason ??= inherited;
    }
  }
  const explained = (message: string) =>
    reason === undefined || inBase ? message : `${message} (${reason})`;
  if (fresh.length === 0) return [{ ...finding, message: explained(finding.message), status: 'existing' }];
  // Where the endpoints new to it take it: another copy than the base's, when copies were merged.
  const renewed = { ...onParts(finding, fresh), status: 'new' as const };
  const ids = renewed.endpoints!;
  // The base's finding of this field is not this one: the field is new on each endpoint the head lists.
  if (kept.length === 0)
    return [inBase ? extendedPart(renewed, extendedFingerprint(finding.fingerprint, ids)) : renewed];
  return [
    { ...onParts(finding, kept), message: explained(partsMessage(kept)), status: 'existing' },
    extendedPart(
      {
        ...renewed,
        message: `${partsMessage(fresh)} (new on ${endpointCount(ids.length)} this change extends it to)`,
      },
      extendedFingerprint(finding.fingerprint, ids),
    ),
  ];
}

/**
 * Properties a refactoring moved or copied to a new place (`Finding.movable`): a head finding the base
 * lacks is existing when its owner's place is new to the PR (a renamed component, the inline response of a
 * renamed route; never an object the base had, which would be the PR adding the property to it) and an
 * object of the same shape held the property in the base: moved there (the base's property is gone from
 * the head), or, for a distinctive shape, copied from it (the base's object, or a head object whose property
 * is the base's). Without conventions (no base) nothing is moved.
 */
function movedProperties(
  base: readonly Finding[],
  head: readonly Finding[],
  baseKeys: ReadonlySet<string>,
  headKeys: ReadonlySet<string>,
  conventions: Conventions | undefined,
): { of(finding: Finding): string | undefined; away(finding: Finding): boolean } {
  const shapes = (findings: readonly Finding[]) =>
    new Set(findings.flatMap((f) => (f.movable ? [f.movable.shape] : [])));
  const gone = shapes(base.filter((f) => !headKeys.has(f.fingerprint)));
  const held = new Set([...shapes(base), ...shapes(head.filter((f) => baseKeys.has(f.fingerprint)))]);
  const arrived = new Set<string>();
  // Where the base returned each property (kind, name, endpoint by its head id, path): read on first need.
  let baseReturns: Set<string> | undefined;
  const withHeadId = (entry: string) => {
    const [what, id, path] = entry.split('\n') as [string, string, string];
    return `${what}\n${conventions?.headId(id) ?? id}\n${path}`;
  };
  const returnedAgain = new Set<string>();
  return {
    of(finding) {
      const { movable } = finding;
      if (!movable || !conventions || conventions.knownPlace(movable.owner)) return undefined;
      if (gone.has(movable.shape)) {
        arrived.add(movable.shape);
        return 'moved: the base returned it in an object of the same properties, no longer there';
      }
      if (movable.distinctive && held.has(movable.shape))
        return 'copied: the base already returns it in an object of the same properties';
      // Moved into a new object that every endpoint returning it reaches by the same path as the base's
      // property of that kind and name (Adyen's `bankAccount.iban`, now in an `IbanAccountIdentification`
      // branch of a `oneOf` beside US accounts): the same endpoints return the same field.
      const returned = movable.returned ?? [];
      baseReturns ??= new Set(base.flatMap((f) => (f.movable?.returned ?? []).map(withHeadId)));
      if (returned.length > 0 && returned.every((entry) => baseReturns!.has(entry))) {
        for (const entry of returned) returnedAgain.add(entry);
        return 'moved: the same endpoints returned it at the same place in the base';
      }
      return undefined;
    },
    // Evaluated after every head finding (the head's list comes first): a moved property is not fixed.
    away: (finding) => {
      if (finding.movable === undefined) return false;
      if (arrived.has(finding.movable.shape)) return true;
      const returned = finding.movable.returned ?? [];
      return returned.length > 0 && returned.every((entry) => returnedAgain.has(withHeadId(entry)));
    },
  };
}

/** Document rules whose findings state a fact of each endpoint they list (`DocumentCheck.perEndpoint`). */
const PER_ENDPOINT_RULES = new Set(
  CHECKS.filter((c) => c.scope === 'document' && c.perEndpoint).map((c) => c.id),
);

/**
 * A head finding of a per-endpoint rule that the base had too, split: the endpoints the base finding listed
 * stay existing; the others are a new finding (an API key in the query now accepted by an endpoint that did
 * not take it). An endpoint the PR added is existing only when the base finding covers most of the base's
 * endpoints (a document-wide habit, src/assess/conventions.ts); a modified one never is.
 */
function splitByEndpoint(
  finding: Finding,
  listed: ReadonlySet<string>,
  conventions?: Conventions,
): Finding[] {
  const habit = conventions?.widespread(listed.size) ?? false;
  const gained = finding.endpoints!.filter(
    (id) => !listed.has(id) && !(habit && conventions?.forEndpoint(id) !== undefined),
  );
  if (gained.length === 0) return [{ ...finding, status: 'existing' }];
  const kept = new Set(gained);
  const still = finding.endpoints!.filter((id) => !kept.has(id));
  return [
    ...(still.length > 0 ? [{ ...finding, endpoints: still, status: 'existing' as const }] : []),
    extendedPart(
      {
        ...finding,
        message: `${finding.message} (new on ${endpointCount(gained.length)} this change extends it to)`,
        endpoints: gained,
        status: 'new' as const,
      },
      extendedFingerprint(finding.fingerprint, gained),
    ),
  ];
}
