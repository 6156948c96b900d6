// Suppressions: `x-api-posture-ignore` in the document (operation, path item or root) and `ignore`
// entries in the config file. Each needs a reason; an expired one no longer suppresses.
import picomatch from 'picomatch';
import type { Finding, Suppression } from '../findings.js';
import type { ApiModel, Endpoint, Loc } from '../model.js';
import { replaceTemplates } from '../util/braces.js';
import { joinPointer } from '../util/pointer.js';

export interface IgnoreRule {
  /** A rule id or a category. */
  rule?: string;
  fingerprint?: string;
  /** Globs on endpoint ids, e.g. `GET /internal/**` or `* /health`. */
  endpoints?: string[];
  /** Globs on spec paths. */
  specs?: string[];
  reason: string;
  expires?: string;
  source: string;
}

export interface SuppressionProblem {
  message: string;
  loc: Loc;
}

/** Reads `x-api-posture-ignore` at one level: a list of `{rule, reason, expires?}` or a map `rule: reason`. */
export function readIgnoreExtension(value: unknown, loc: Loc, problems: SuppressionProblem[]): IgnoreRule[] {
  const out: IgnoreRule[] = [];
  for (const entry of ignoreEntries(value)) {
    const rule = readIgnoreEntry(entry, loc, problems);
    if (rule) out.push(rule);
  }
  return out;
}

/** The entries of an `x-api-posture-ignore` value as written, one per rule (a map's keys become `rule`). */
export function ignoreEntries(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object'
      ? Object.entries(value).map(([rule, reason]) =>
          typeof reason === 'string' ? { rule, reason } : { rule, ...(reason as object) },
        )
      : [value];
}

/** One entry of `x-api-posture-ignore` at `loc`, or undefined (with a problem) when it cannot suppress. */
export function readIgnoreEntry(
  entry: unknown,
  loc: Loc,
  problems: SuppressionProblem[],
): IgnoreRule | undefined {
  const at = joinPointer(loc.pointer, 'x-api-posture-ignore');
  const here: Loc = { file: loc.file, pointer: at };
  const e = entry as { rule?: unknown; reason?: unknown; expires?: unknown } | null;
  if (e === null || typeof e !== 'object' || typeof e.rule !== 'string') {
    problems.push({
      message: 'x-api-posture-ignore entries need a `rule` (a rule id or a category) and a `reason`',
      loc: here,
    });
    return undefined;
  }
  if (typeof e.reason !== 'string' || !hasVisibleText(e.reason)) {
    problems.push({
      message: `x-api-posture-ignore of \`${e.rule}\` has no \`reason\` in visible text; it does not suppress anything until it says why`,
      loc: here,
    });
    return undefined;
  }
  const expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires;
  if (expires !== undefined && !isIsoDate(expires)) {
    problems.push({
      message: `x-api-posture-ignore of \`${e.rule}\` has an \`expires\` that is not a date (YYYY-MM-DD)`,
      loc: here,
    });
    return undefined;
  }
  return { rule: e.rule, reason: e.reason, ...(expires ? { expires } : {}), source: `${loc.file}#${at}` };
}

/**
 * Characters that show nothing on their own: white space, controls, format characters (zero-width
 * space and joiners, bidi marks), combining marks, default-ignorable fillers (Hangul filler) and the
 * blank braille pattern. A reason made only of them says nothing a reviewer can read.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Z}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** True when `text` has at least one character a reader can see. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

export interface SuppressionIndex {
  forEndpoint(endpoint: Endpoint): IgnoreRule[];
  document: IgnoreRule[];
}

export function documentSuppressions(model: ApiModel, problems: SuppressionProblem[]): SuppressionIndex {
  const document = readIgnoreExtension(model.extensions['x-api-posture-ignore'], model.loc, problems);
  const perEndpoint = new Map<Endpoint, IgnoreRule[]>();
  for (const endpoint of model.endpoints) {
    const value = endpoint.extensions['x-api-posture-ignore'];
    perEndpoint.set(endpoint, readIgnoreExtension(value, endpoint.loc, problems));
  }
  return { document, forEndpoint: (e) => perEndpoint.get(e) ?? [] };
}

function matches(rule: IgnoreRule, finding: Finding, specPath: string): boolean {
  if (rule.fingerprint !== undefined && rule.fingerprint !== finding.fingerprint) return false;
  if (rule.rule !== undefined && rule.rule !== finding.ruleId && rule.rule !== finding.category) return false;
  if (rule.specs && !rule.specs.some((glob) => picomatch.isMatch(specPath, glob))) return false;
  if (rule.endpoints) {
    // A document-level finding (a weak scheme, a plain-HTTP server) is suppressed only when every
    // endpoint it affects is covered: ignoring it for `GET /legacy` must not hide it everywhere else.
    const ids = finding.endpoint ? [finding.endpoint] : (finding.endpoints ?? []);
    if (ids.length === 0 || !ids.every((id) => rule.endpoints!.some((glob) => endpointMatches(glob, id))))
      return false;
  }
  return true;
}

/** `POST /payments/**`, `* /health`: a method (or `*`) and a path glob. */
export function endpointMatches(glob: string, id: string): boolean {
  const [globMethod, ...globPath] = glob.trim().split(/\s+/);
  const [method, ...path] = id.split(' ');
  // Ids have path parameters as `{}`; `{id}` in a glob is a path parameter too, not brace expansion.
  const pathGlob = (text: string) => replaceTemplates(text, () => '\\{\\}', true);
  if (globPath.length === 0)
    return picomatch.isMatch(path.join(' '), pathGlob(globMethod ?? ''), { dot: true });
  return (
    (globMethod === '*' || globMethod?.toUpperCase() === method) &&
    picomatch.isMatch(path.join(' '), pathGlob(globPath.join(' ')), { dot: true })
  );
}

/** The first unexpired rule that covers the finding, as its suppression. */
export function suppressionFor(
  rules: IgnoreRule[],
  finding: Finding,
  specPath: string,
  today: string,
): Suppression | undefined {
  for (const rule of rules) {
    if (!matches(rule, finding, specPath)) continue;
    if (rule.expires !== undefined && rule.expires < today) continue;
    const suppression = {
      reason: rule.reason,
      ...(rule.expires ? { expires: rule.expires } : {}),
      source: rule.source,
    };
    if (rule.fingerprint !== undefined) BY_FINGERPRINT.add(suppression);
    return suppression;
  }
  return undefined;
}

/** Suppressions made by a rule that names a fingerprint: they cover that finding, nothing it grows into. */
const BY_FINGERPRINT = new WeakSet<Suppression>();

/**
 * The finding for the part of it a PR extends to endpoints the base's finding did not reach, given its own
 * fingerprint: a suppression written for the base's finding by its fingerprint does not follow it there
 * (it was reviewed for the endpoints it named); a suppression by rule, category, spec or endpoint still
 * applies, as it would to any finding it matches.
 */
export function extendedPart<F extends Finding>(finding: F, fingerprint: string): F {
  const { suppressed, ...rest } = finding;
  const keeps = suppressed !== undefined && !BY_FINGERPRINT.has(suppressed);
  return { ...rest, fingerprint, ...(keeps ? { suppressed } : {}) } as F;
}

/** `2027-01-31`, and a real day (`2027-02-30` is not). */
function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
