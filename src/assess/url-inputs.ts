// input-ssrf-url in a pull request: a URL input the base already takes unrestricted is no new request the
// server makes, when the PR adds it the way the base takes it. Read by src/assess/conventions.ts.
import type { EndpointDiff } from '../diff/types.js';
import type { EndpointPart, Finding } from '../findings.js';
import type { ApiModel, Endpoint, Schema } from '../model.js';
import { pushAll } from '../util/arrays.js';
import { label } from './context.js';
import { DISTINCTIVE_SHAPE, describedWords, shapeOf } from './field-identity.js';
import { type InputField, inputFields } from './inputs.js';

const RULE = 'input-ssrf-url';

/** Formats of a URL (src/assess/checks/input-ssrf-url.ts reads these too). */
export const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference']);
/** Names of a URL, whatever the format. */
export const URL_NAME =
  /(url|uri|href|callback|webhook|redirect(_?to)?|return_?to|next|link|endpoint|feed|image_?src|avatar_?src)$/i;

/** Named or formatted like a URL (before judging whether the server requests it). */
export function urlInput(field: InputField): boolean {
  return URL_FORMATS.has(field.schema.format ?? '') || URL_NAME.test(field.name);
}
/** Path segments of `body field \`spec.webhook.clientConfig.url\`` (4); a parameter's are 1. */
function depth(key: string): number {
  const path = key.match(/`([^`]*)`/)?.[1] ?? key;
  return path.split(/[.[\]]+/).filter((part) => part !== '').length;
}

/** The endpoint a finding about one field is headlined with: the one taking it at the shallowest path, the first on a tie. */
export function headlinePart(parts: readonly EndpointPart[]): EndpointPart {
  return parts.reduce((a, b) => (depth(b.key) < depth(a.key) ? b : a));
}

/** `` `POST /a` takes a URL in body field `url` … (server-side request forgery risk); 2 other endpoints take it too `` */
export function partsMessage(parts: readonly EndpointPart[]): string {
  const headline = headlinePart(parts);
  const others = new Set(parts.map((p) => p.endpoint));
  others.delete(headline.endpoint);
  const more =
    others.size === 0 ? '' : `; ${others.size} other endpoint${others.size > 1 ? 's take' : ' takes'} it too`;
  return `${headline.message}${more}`;
}

/**
 * A finding about one field (`Finding.parts`) as the findings of each endpoint it stands for, each with the
 * message, place, severity and basis it would have alone: how a pull request's conventions judge it.
 */
export function partFindings(finding: Finding): Finding[] {
  return (finding.parts ?? []).map((part) => partFinding(finding, part));
}

export function partFinding(finding: Finding, part: EndpointPart): Finding {
  return {
    ruleId: finding.ruleId,
    category: finding.category,
    severity: part.severity,
    message: part.message,
    remediation: finding.remediation,
    loc: part.loc,
    fingerprint: finding.fingerprint,
    endpoint: part.endpoint,
    basis: `${finding.ruleId}\n${part.endpoint}\n${part.name}`,
  };
}

/** URLs the server calls to notify the caller: Twilio's `StatusCallback`, `AmdStatusCallback`; Plaid's `webhook`. */
const NOTIFICATION = /(callback|webhook)(_?ur[il])?$/i;

/**
 * Why a head finding of input-ssrf-url on an endpoint the PR added or modified is the base's debt, or
 * undefined. The field must be new to its endpoint: on a modified endpoint, the base version took no input
 * of that name and no URL input restricted by a `pattern` or `enum` (else the PR may have loosened or
 * replaced a restricted one, which is its own change). Then it is the base's when:
 * - it is a notification URL (`…callback`, `…webhook`) and the base takes such URLs unrestricted on at
 *   least `minEndpoints` endpoints, `shareOfTaking` of those that take one: the document's design is to call its callers back (Twilio's ~27
 *   `…StatusCallback` fields), and a new callback is one more of them;
 * - or it is the same input as one the base takes unrestricted on the same resource (`resourceOf`): the same
 *   name with the same description (Slack's `icon_url` of `chat.postMessage`, added to `chat.postEphemeral`),
 *   or the same name in an object of the same fields (Directus's webhook object, taken by the new batch
 *   `PATCH /webhooks`).
 */
export function knownUrlInputs(
  base: ApiModel,
  changes: readonly EndpointDiff[],
  baseFindings: readonly Finding[],
  minEndpoints: number,
  shareOfTaking: number,
): (finding: Finding) => string | undefined {
  const byHead = new Map<string, EndpointDiff>();
  for (const c of changes)
    if (c.head && (c.change === 'added' || c.change === 'modified')) byHead.set(c.head.id, c);
  // What the base takes, indexed on the first finding asked about: most pull requests have none, and the
  // index reads every base endpoint's input fields.
  let index: ReturnType<typeof baseUrlInputs> | undefined;
  return (finding) => {
    const name = fetchedField(finding);
    const change = finding.endpoint === undefined ? undefined : byHead.get(finding.endpoint);
    if (name === undefined || !change?.head) return undefined;
    if (change.base && !newToEndpoint(change.base, name)) return undefined;
    index ??= baseUrlInputs(base, baseFindings, minEndpoints, shareOfTaking);
    const { known, notifying, notifyingHabit } = index;
    if (NOTIFICATION.test(name) && notifyingHabit)
      return `follows the base document's convention: ${notifying.size} of its endpoints take notification URLs (\`…callback\`, \`…webhook\`) with no allow-list`;
    const fields = inputFields(change.head).filter((f) => f.name.toLowerCase() === name);
    const field = fields.find((f) => f.loc.pointer === finding.loc.pointer) ?? fields[0];
    if (!field) return undefined;
    for (const key of identities(change.head, field)) {
      const from = known.get(`${resourceOf(change.head)}\n${key}`);
      if (from) return `the base already takes the same input with no allow-list on ${label(from)}`;
    }
    return undefined;
  };
}

/** The base's unrestricted URL inputs by resource and identity, and whether calling callers back is its habit. */
function baseUrlInputs(
  base: ApiModel,
  baseFindings: readonly Finding[],
  minEndpoints: number,
  shareOfTaking: number,
) {
  const baseById = new Map(base.endpoints.map((e) => [e.id, e]));
  const known = new Map<string, Endpoint>();
  const notifying = new Set<string>();
  for (const f of baseFindings) {
    const endpoint = f.endpoint === undefined ? undefined : baseById.get(f.endpoint);
    const name = fetchedField(f);
    if (!endpoint || name === undefined) continue;
    if (NOTIFICATION.test(name)) notifying.add(endpoint.id);
    for (const field of inputFields(endpoint))
      if (field.name.toLowerCase() === name)
        for (const key of identities(endpoint, field)) {
          const here = `${resourceOf(endpoint)}\n${key}`;
          if (!known.has(here)) known.set(here, endpoint);
        }
  }
  // The habit is the base's when it is how the base takes notification URLs: most endpoints taking one
  // take it unrestricted (a document that allow-lists its callbacks has no such convention).
  const takingNotifications = base.endpoints.filter((e) =>
    inputFields(e).some((f) => urlInput(f) && NOTIFICATION.test(f.name)),
  ).length;
  const notifyingHabit =
    notifying.size >= minEndpoints && notifying.size >= shareOfTaking * takingNotifications;
  return { known, notifying, notifyingHabit };
}

/** The field a request-forgery finding is about (its basis ends with the field's name); not open redirects. */
function fetchedField(finding: Finding): string | undefined {
  if (finding.ruleId !== RULE || !finding.message.endsWith('(server-side request forgery risk)'))
    return undefined;
  return finding.basis?.split('\n').pop();
}

/** The base endpoint took no input of this name and no URL input restricted by a pattern or enum. */
function newToEndpoint(base: Endpoint, name: string): boolean {
  return inputFields(base).every(
    (f) =>
      f.name.toLowerCase() !== name && !(urlInput(f) && (f.schema.pattern !== undefined || f.schema.enum)),
  );
}

/**
 * The resource an operation acts on: its path without parameters, each segment cut at its first dot
 * (Slack's `chat.postMessage` and `chat.postEphemeral` are methods of `chat`; Directus's `POST /webhooks` and
 * batch `PATCH /webhooks` act on `webhooks`). Kubernetes' `auditsinks` is another resource than
 * `mutatingwebhookconfigurations`, even though both take a webhook `url` described alike: a new feature that
 * calls URLs is the PR's.
 */
function resourceOf(endpoint: Endpoint): string {
  return endpoint.path
    .split('/')
    .filter((segment) => segment !== '' && !segment.startsWith('{'))
    .map((segment) => segment.split('.')[0]!.toLowerCase())
    .join('/');
}

/** What identifies an input wherever it is taken: its name with its description, or with its object's fields. */
function identities(endpoint: Endpoint, field: InputField): string[] {
  const name = field.name.toLowerCase();
  const out: string[] = [];
  const words = describedWords(field.schema);
  if (words !== undefined) out.push(`described\n${name}\n${words}`);
  const owner = ownerOf(endpoint, field.schema);
  const names = owner ? shapeOf(owner) : [];
  if (names.length >= DISTINCTIVE_SHAPE) out.push(`shaped\n${name}\n${names.join('\n')}`);
  return out;
}

/** The request body object that declares `property`, if any (parameters have none). */
function ownerOf(endpoint: Endpoint, property: Schema): Schema | undefined {
  const seen = new Set<Schema>();
  const stack = (endpoint.requestBody?.content ?? []).flatMap((m) => (m.schema ? [m.schema] : []));
  for (let schema = stack.pop(); schema; schema = stack.pop()) {
    if (seen.has(schema)) continue;
    seen.add(schema);
    const children = Object.values(schema.properties);
    if (children.includes(property)) return schema;
    // pushAll, not spread: a body of 200,000 properties would overflow the call stack.
    for (const list of [children, schema.allOf, schema.oneOf, schema.anyOf]) pushAll(stack, list);
    if (schema.items) stack.push(schema.items);
  }
  return undefined;
}
