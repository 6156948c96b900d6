// What a check is: one file exporting one of these. Checks are pure: they read the model (and, for
// change checks, the diff) and return hits; ids, severities and fingerprints are added by `assess`.
import type { EndpointDiff } from '../diff/types.js';
import type { Category, EndpointPart, MovableProperty, Severity } from '../findings.js';
import type { ApiModel, Endpoint, Loc, SpecProblem } from '../model.js';
import type { EndpointFactSheet } from './facts.js';
import type { SpecTraffic } from './traffic.js';

/** Settings from the config file that checks read. */
export interface AssessSettings {
  /** Response headers the gateway adds to every response (lower-case), e.g. `strict-transport-security`. */
  gatewayHeaders: string[];
  /** Controls enforced at the gateway instead of in the document: their checks raise nothing. */
  gatewayControls: ('rate-limiting' | 'security-headers' | 'cors')[];
}

export const DEFAULT_SETTINGS: AssessSettings = { gatewayHeaders: [], gatewayControls: [] };

export interface CheckContext {
  model: ApiModel;
  settings: AssessSettings;
  /** The endpoint's facts (authenticated, TLS, rate-limited, documented, preflight…), one definition: facts.ts. */
  facts(endpoint: Endpoint): EndpointFactSheet;
}

/**
 * The `key` of a rule that reports at most once per endpoint, pointing at a node that may sit outside the
 * operation (a response, a header or a schema reached through `$ref`). Its fingerprint is then the
 * endpoint's alone, so splitting a description into files, or merging it back, does not make it new.
 */
export const ONE_PER_ENDPOINT = 'endpoint';

/** One problem a check found. */
export interface Hit {
  message: string;
  /** The node to point at: the offending node, or the nearest existing one for something missing. */
  loc: Loc;
  /** Context-adjusted severity; the check's default when omitted. */
  severity?: Severity;
  /** Distinguishes several hits of one rule on one endpoint (a parameter name, a header), for fingerprints. */
  key?: string;
  /**
   * Tells apart hits of one rule at one location (a secret's kind, a problem's message). Joins the
   * location in the fingerprint; paths in both are taken relative to the spec's root folder, so a version
   * read from another folder keeps its fingerprints.
   */
  variant?: string;
  /** Document-level hits: the endpoints affected. */
  endpoints?: string[];
  /**
   * What the hit rests on wherever it sits (a secret's hash): a head finding whose rule and basis a base
   * finding shares is not new (src/assess/index.ts `compareFindings`). Never reported.
   */
  basis?: string;
  /**
   * A property's identity when a refactoring moves or copies it without its description (a renamed
   * component, a route renamed with its inline response): src/assess/index.ts `compareFindings`.
   */
  movable?: MovableProperty;
  /**
   * A document-level hit about one input field several endpoints take: each endpoint's share, judged per
   * endpoint in a pull request (src/assess/index.ts `compareFindings`). Never reported.
   */
  parts?: EndpointPart[];
  /** A place in the text rather than a node (a parse error): overrides the position of `loc`. */
  position?: { line: number; column: number };
}

interface CheckInfo {
  /** kebab-case, stable: used in suppressions, SARIF and docs/rules/<id>.md. */
  id: string;
  category: Category;
  /** Default severity, before context raises or lowers it. */
  severity: Severity;
  /** OWASP API Security Top 10 (2023) item, e.g. `API2:2023 Broken Authentication`. */
  owasp: string;
  /** e.g. `CWE-306`. */
  cwe: string;
  /** Short name for lists and SARIF. */
  title: string;
  /** Why it matters, in one line. */
  rationale: string;
  /** What to do about it, in one line. */
  remediation: string;
}

export interface EndpointCheck extends CheckInfo {
  scope: 'endpoint';
  run(endpoint: Endpoint, ctx: CheckContext): Hit[];
}

export interface DocumentCheck extends CheckInfo {
  scope: 'document';
  /**
   * Its hits state a fact of each endpoint they list (the endpoints accepting a scheme), not of the document:
   * in a pull request, the endpoints a base finding did not list are a new finding of their own
   * (src/assess/index.ts `compareFindings`).
   */
  perEndpoint?: true;
  run(model: ApiModel, ctx: CheckContext): Hit[];
}

/** Judges what a pull request changed (diff mode only): its hits are always new. */
export interface ChangeCheck extends CheckInfo {
  scope: 'change';
  run(change: EndpointDiff, ctx: CheckContext): Hit[];
}

/** Turns load problems (unparsable files, broken `$ref`s) into findings. */
export interface ProblemCheck extends CheckInfo {
  scope: 'problem';
  run(problems: SpecProblem[]): Hit[];
}

/** Judges observed traffic against the document (`--traffic`): shadow and zombie endpoints. */
export interface TrafficCheck extends CheckInfo {
  scope: 'traffic';
  run(traffic: SpecTraffic, ctx: CheckContext): Hit[];
}

export type Check = EndpointCheck | DocumentCheck | ChangeCheck | ProblemCheck | TrafficCheck;
