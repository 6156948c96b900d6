// What a pull request writes about its own endpoints cannot lower the verdict on its own change (SPEC §9).
// Run once per document after both versions are built, before the diff and the assessment: the head's
// classification (x-api-classification, x-internal, deprecated, and servers, tags or path matched by the
// config's rules) and its inline `x-api-posture-ignore` are judged with the base's values whenever the
// head's would lower exposure or suppress more, unless the base config's `trust` allows it. Raising
// exposure and removing a suppression take effect as written. Every such request is returned, granted
// or not, so the reports can list it first.
import { type ApiModel, CLASSIFICATIONS, type Classification, type Endpoint, type Loc } from '../model.js';
import type { NormalizeOptions } from '../normalize/index.js';
import { isExplicitOptOut, requiresAuthentication } from '../normalize/security.js';
import { joinPointer } from '../util/pointer.js';
import { label } from './context.js';
import { type IgnoreRule, ignoreEntries, readIgnoreEntry } from './suppress.js';

const IGNORE = 'x-api-posture-ignore';

/** What the base config lets a pull request declare about its own endpoints (`trust` in the config). */
export interface TrustOptions {
  classification?: Classification[] | undefined;
  inlineSuppressions?: boolean | undefined;
}

export interface PinOptions extends Pick<NormalizeOptions, 'defaultClassification' | 'classify'> {
  trust?: TrustOptions;
}

/** One thing the PR asks to be judged by: a lower classification or a suppression the base does not have. */
export interface WaiverRequest {
  /** The endpoint id; undefined for the document root. */
  endpoint?: string;
  kind: 'classification' | 'suppression' | 'opt-out';
  /** The classification asked for, the rule id or category to suppress, or `security: []`. */
  requested: string;
  /** Whether the base config's `trust` grants it; when not, the verdict ignores it. */
  granted: boolean;
  /** ``POST /x` marked internal by `x-internal: true` (judged as external, its base classification)`. */
  message: string;
  loc: Loc;
}

export interface Pinned {
  /** The head model with the base's values where the head's were not granted (the same object when none). */
  model: ApiModel;
  requests: WaiverRequest[];
}

/** Exposure a PR may raise without asking: internal < partner < external. Shadow and deprecated are never raises. */
const EXPOSURE: Partial<Record<Classification, number>> = { internal: 0, partner: 1, external: 2 };

function raises(from: Classification, to: Classification): boolean {
  const a = EXPOSURE[from];
  const b = EXPOSURE[to];
  return to === 'external' || (a !== undefined && b !== undefined && b > a);
}

/** Pins the head model's self-declared classification and inline suppressions to `base` (absent: all new). */
export function pinToBase(base: ApiModel | undefined, head: ApiModel, options: PinOptions = {}): Pinned {
  const requests: WaiverRequest[] = [];
  const baseById = new Map((base?.endpoints ?? []).map((e) => [e.id, e]));
  let changed = false;
  const endpoints = head.endpoints.map((endpoint) => {
    const before = baseById.get(endpoint.id);
    const classification = pinClassification(before, endpoint, head, options, requests);
    const ignore = pinIgnores(before?.extensions[IGNORE], endpoint.extensions[IGNORE], {
      loc: endpoint.loc,
      endpoint,
      isNew: before === undefined,
      trusted: options.trust?.inlineSuppressions === true,
      requests,
    });
    const security = pinOptOut(before, endpoint, requests);
    if (
      classification === endpoint.classification &&
      ignore === endpoint.extensions[IGNORE] &&
      security === endpoint.security
    )
      return endpoint;
    changed = true;
    // A copy: the base may share the head's Endpoint objects, and the model is never mutated.
    return { ...endpoint, classification, security, extensions: withIgnore(endpoint.extensions, ignore) };
  });
  const rootIgnore = pinIgnores(base?.extensions[IGNORE], head.extensions[IGNORE], {
    loc: head.loc,
    isNew: base === undefined,
    trusted: options.trust?.inlineSuppressions === true,
    requests,
  });
  if (!changed && rootIgnore === head.extensions[IGNORE]) return { model: head, requests };
  return { model: { ...head, endpoints, extensions: withIgnore(head.extensions, rootIgnore) }, requests };
}

function pinClassification(
  before: Endpoint | undefined,
  endpoint: Endpoint,
  model: ApiModel,
  options: PinOptions,
  requests: WaiverRequest[],
): Classification {
  // A new endpoint is judged by what the config alone says of it: its rules, else the default.
  const reference = before
    ? before.classification
    : (options.classify?.(endpoint) ?? options.defaultClassification ?? 'external');
  const asked = endpoint.classification;
  if (asked === reference || raises(reference, asked)) return asked;
  const granted = options.trust?.classification?.includes(asked) === true;
  const source = classificationSource(endpoint, model);
  const judged = before
    ? 'its base classification'
    : options.classify?.(endpoint) !== undefined
      ? "by the config's classification rules"
      : 'the default classification';
  requests.push({
    endpoint: endpoint.id,
    kind: 'classification',
    requested: asked,
    granted,
    message: `${label(endpoint)}${before ? '' : ' (new)'} marked ${asked} by ${source.what} (${
      granted
        ? `granted: the base config's \`trust.classification\` allows ${asked}`
        : `judged as ${reference}, ${judged}`
    })`,
    loc: source.loc,
  });
  return granted ? asked : reference;
}

/**
 * `security: []` the PR writes on an endpoint that was open, but not deliberately, in the base: a request to be judged
 * public by design (auth-missing would then stay low for a read). Never granted to the PR itself: once
 * merged, the base has it and later PRs are judged with it. A new endpoint's opt-out is OpenAPI's own way
 * to publish a public operation and stands.
 */
function pinOptOut(
  before: Endpoint | undefined,
  endpoint: Endpoint,
  requests: WaiverRequest[],
): Endpoint['security'] {
  // Removing authentication the base had is reported at high or above whatever the head says
  // (auth-security-weakened): only an endpoint already open can have its finding lowered this way.
  if (
    !before ||
    !isExplicitOptOut(endpoint) ||
    isExplicitOptOut(before) ||
    requiresAuthentication(before.security)
  )
    return endpoint.security;
  requests.push({
    endpoint: endpoint.id,
    kind: 'opt-out',
    requested: 'security: []',
    granted: false,
    message: `${label(endpoint)} opted out of authentication with \`security: []\` (judged as any unauthenticated endpoint, not as public by design, until the base has it)`,
    loc: endpoint.security.loc ?? endpoint.loc,
  });
  return { ...endpoint.security, optOutNotTrusted: true };
}

/** Which of the document's markers made the classification (normalize's order), for the message. */
function classificationSource(endpoint: Endpoint, model: ApiModel): { what: string; loc: Loc } {
  const valid = (v: unknown): v is Classification =>
    typeof v === 'string' && (CLASSIFICATIONS as readonly string[]).includes(v);
  const own = endpoint.extensions['x-api-classification'];
  if (valid(own)) return { what: `\`x-api-classification: ${own}\``, loc: endpoint.loc };
  const root = model.extensions['x-api-classification'];
  if (valid(root))
    return {
      what: `\`x-api-classification: ${root}\` at the document root`,
      loc: { file: model.loc.file, pointer: joinPointer(model.loc.pointer, 'x-api-classification') },
    };
  if (endpoint.deprecated) return { what: '`deprecated: true`', loc: endpoint.loc };
  if (endpoint.extensions['x-internal'] === true || model.extensions['x-internal'] === true)
    return { what: '`x-internal: true`', loc: endpoint.loc };
  return { what: "servers, tags or a path the config's rules classify so", loc: endpoint.loc };
}

interface IgnoreLevel {
  /** The operation, or the root. */
  loc: Loc;
  /** Undefined at the root. */
  endpoint?: Endpoint;
  /** Nothing at this level in the base (a new endpoint, or a document the base does not have). */
  isNew: boolean;
  trusted: boolean;
  requests: WaiverRequest[];
}

/**
 * The `x-api-posture-ignore` value the head may use at one level: an entry counts when the base has one
 * for the same rule there (its expiry no later than the base's), or when the config trusts inline
 * suppressions. Entries that cannot suppress anyway are kept, so the assessment still reports them.
 * Returns `head` itself when nothing is held back.
 */
function pinIgnores(base: unknown, head: unknown, level: IgnoreLevel): unknown {
  if (head === undefined) return head;
  const { loc, endpoint, trusted } = level;
  const allowed = new Map<string, IgnoreRule>();
  for (const entry of ignoreEntries(base)) {
    const rule = readIgnoreEntry(entry, loc, []);
    if (rule?.rule === undefined) continue;
    const known = allowed.get(rule.rule);
    if (!known || laterExpiry(rule.expires, known.expires)) allowed.set(rule.rule, rule);
  }
  const kept: unknown[] = [];
  let heldBack = false;
  for (const entry of ignoreEntries(head)) {
    const rule = readIgnoreEntry(entry, loc, []);
    const known = rule?.rule !== undefined ? allowed.get(rule.rule) : undefined;
    if (rule?.rule === undefined || (known && !laterExpiry(rule.expires, known.expires))) {
      kept.push(entry);
      continue;
    }
    const asked = known
      ? `\`x-api-posture-ignore\` of \`${rule.rule}\` ${rule.expires ? `until ${rule.expires}` : 'with no expiry'}`
      : `\`x-api-posture-ignore\` of \`${rule.rule}\``;
    const judged = known
      ? `judged with its base expiry ${known.expires}`
      : level.isNew
        ? `not applied: ${endpoint ? 'a new endpoint' : 'a new document'} cannot suppress its own findings`
        : 'not applied: the base does not suppress it here';
    level.requests.push({
      ...(endpoint ? { endpoint: endpoint.id } : {}),
      kind: 'suppression',
      requested: rule.rule,
      granted: trusted,
      message: `${endpoint ? label(endpoint) : 'The document root'}: inline ${asked} (${trusted ? "granted: the base config's `trust.inlineSuppressions` is on" : judged})`,
      loc: { file: loc.file, pointer: joinPointer(loc.pointer, IGNORE) },
    });
    if (trusted) kept.push(entry);
    else {
      heldBack = true;
      if (known) kept.push({ rule: rule.rule, reason: rule.reason, expires: known.expires });
    }
  }
  return heldBack ? kept : head;
}

/** `a` lasts longer than `b`; undefined is no expiry (forever). */
function laterExpiry(a: string | undefined, b: string | undefined): boolean {
  if (b === undefined) return false;
  return a === undefined || a > b;
}

function withIgnore(extensions: Record<string, unknown>, value: unknown): Record<string, unknown> {
  if (extensions[IGNORE] === value) return extensions;
  const out = { ...extensions };
  if (value === undefined) delete out[IGNORE];
  else out[IGNORE] = value;
  return out;
}
