// The findings contract (SPEC §5): categories, severities and the shape every renderer reads.
import type { Loc, Position } from './model.js';

export const CATEGORIES = [
  'authentication',
  'authorization',
  'transport',
  'cors',
  'security-headers',
  'rate-limiting',
  'input-validation',
  'sensitive-data',
  'inventory',
  'configuration',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityCounts = Record<Severity, number>;

export type FindingStatus = 'new' | 'existing' | 'fixed';

/** Higher is more severe: critical 4 … info 0. */
export function severityRank(severity: Severity): number {
  return 4 - SEVERITIES.indexOf(severity);
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** One step more severe (critical stays critical). */
export function raise(severity: Severity, steps = 1): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(severity) - steps)]!;
}

/** One step less severe (info stays info). */
export function lower(severity: Severity, steps = 1): Severity {
  return SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(severity) + steps)]!;
}

export function zeroCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export interface Suppression {
  reason: string;
  expires?: string;
  /** Where the suppression was declared: the `x-api-posture-ignore` node or the config file. */
  source: string;
}

/**
 * A property by what it is rather than where it is: its kind, name and the names of its owner's properties
 * (`shape`), and the owner's place, which must be new for the shape to count (the PR did not add the
 * property to an object the base had). A `distinctive` shape (several properties) identifies a copy; a
 * small one only a move (the base's property gone from the head).
 */
export interface MovableProperty {
  shape: string;
  owner: Loc;
  distinctive: boolean;
  /**
   * Where it is returned: `kind name`, endpoint id and path from the response root (`bank-account iban`,
   * `POST /paymentInstruments`, `bankAccount.iban`), one string each. The same endpoints returning a
   * property of that kind and name at those paths in the base returned the same data.
   */
  returned?: string[];
}

/**
 * One endpoint's share of a document-level finding about one input field several endpoints take
 * (input-ssrf-url): what a finding of that endpoint alone would say, so that a pull request is judged per
 * endpoint (src/assess/index.ts `compareFindings`). Internal, never reported.
 */
export interface EndpointPart {
  endpoint: string;
  message: string;
  /** Where the endpoint takes the field (for a `$ref`'d property, the schema it points to). */
  loc: Loc;
  /** The field's own place (a property where its owner declares it): where a finding about it points. */
  place: Loc;
  severity: Severity;
  /** Tells the field apart on its endpoint: its path (`body field \`webhook.url\``). */
  key: string;
  /** What it rests on wherever it sits on that endpoint: the field's name, lower-case. */
  name: string;
}

/** A finding before positions are computed: its place is a pointer into a file. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  remediation: string;
  loc: Loc;
  fingerprint: string;
  /** The endpoint it sits on; undefined for document-level findings. */
  endpoint?: string;
  /** Document-level findings: the endpoints they affect. */
  endpoints?: string[];
  /** What it rests on wherever it sits (`Hit.basis`); internal, never reported. */
  basis?: string;
  /** The property it is about, recognised when moved (`Hit.movable`); internal, never reported. */
  movable?: MovableProperty;
  /** Each endpoint's share of a finding about one input field (`Hit.parts`); internal, never reported. */
  parts?: EndpointPart[];
  status?: FindingStatus;
  suppressed?: Suppression;
  /** A place in the text rather than a node (a parse error): overrides the position of `loc`. */
  position?: { line: number; column: number };
}

/** A finding as reported (JSON, SARIF, comment): with line and column. */
export interface ReportedFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  remediation: string;
  location: Position;
  fingerprint: string;
  status?: FindingStatus;
  owasp: string;
  cwe: string;
  suppressed?: Suppression;
  endpoints?: string[];
}
