import { createHash } from 'node:crypto';
import type { Severity } from '../../findings.js';
import type { ApiModel, Endpoint, Loc, Schema } from '../../model.js';
import { type PersonalMatch, personalInValue, registrableDomain } from '../../personal-values.js';
import { dataKindOfName, type SecretMatch, secretInValue } from '../../sensitive.js';
import { pushAll } from '../../util/arrays.js';
import { cachedWalk } from '../../util/cached-walk.js';
import { escapeRegExp } from '../../util/regexp.js';
import { componentPath, endpointsByLocation } from '../locations.js';
import type { DocumentCheck, Hit } from '../types.js';

/** A secret, or a real-looking person's e-mail address or phone number. */
type ValueMatch = SecretMatch | PersonalMatch;

const SEVERITY: Record<ValueMatch['kind'], Severity> = {
  'private-key': 'critical',
  'cloud-key': 'high',
  'payment-card': 'high',
  ssn: 'high',
  jwt: 'medium',
  'random-key': 'medium',
  // A stranger's contact published in the docs: a privacy leak, but no access to anything. Low wherever
  // it is shown (the portal publishes every example alike), so a request and a response count the same.
  email: 'low',
  phone: 'low',
};

/** What a literal string holds: a secret first (an e-mail inside a token is the token's), then personal data. */
function valueMatch(text: string): ValueMatch | undefined {
  return secretInValue(text) ?? personalInValue(text);
}

/** A literal that looks like a secret, and where it is written. */
interface LiteralHit {
  match: ValueMatch;
  /** The string that holds the secret: the same one moved or copied elsewhere is the same leak. */
  text: string;
  loc: Loc;
  /** A random-looking key found only in the path of a URL: judged against the document's own paths (`run`). */
  inUrlPath?: true;
}

interface Matched {
  match: ValueMatch;
  text: string;
  inUrlPath?: true;
}

function hitsIn(values: unknown[], loc: Loc): LiteralHit[] {
  const out: LiteralHit[] = [];
  for (const value of values) {
    for (const { match, text, inUrlPath } of matchesIn(value)) {
      // One hit per kind and place; a key in a URL's path apart, so it hides no other string's key.
      if (out.some((h) => h.match.kind === match.kind && h.inUrlPath === inUrlPath)) continue;
      out.push(inUrlPath ? { match, text, loc, inUrlPath } : { match, text, loc });
    }
  }
  return out;
}

/** A whole string that is an absolute URL: its path, and what is around it. */
const URL_TEXT = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\s]*)(\/[^?#\s]*)?([?#]\S*)?$/i;

/**
 * A random-looking key that sits only in the path of a URL (`…/zip_downloads/29l0…yY=/content`): what
 * that is depends on the document's paths (`ownUrlIds`), so it is marked rather than judged here.
 */
function matched(match: ValueMatch, text: string): Matched {
  if (match.kind !== 'random-key') return { match, text };
  const url = URL_TEXT.exec(text);
  if (!url?.[2]) return { match, text };
  const pathless = `${url[1]}${url[2].replace(/[^/]+/g, 'x')}${url[3] ?? ''}`;
  // A key outside the path (`?token=…`) is the one to show.
  const outside = valueMatch(pathless);
  return outside ? { match: outside, text } : { match, text, inUrlPath: true };
}

/** Matches in one literal; an object literal (a shared `$ref`d example) is walked once however often it is shown. */
const MATCHES = new WeakMap<object, Matched[]>();

function matchesIn(value: unknown): Matched[] {
  if (typeof value === 'string') {
    const match = valueMatch(value);
    return match ? [matched(match, value)] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  let matches = MATCHES.get(value);
  if (!matches) {
    matches = [];
    const strings = keyedStringsIn(value);
    // `"node_id": "G_kwDOBhHy…"`, `"sig": "MEQCIEGI…"`: an id or a digest is random by design, and so is
    // the same value quoted in another string of the literal (a root hash inside a signed checkpoint).
    const byDesign = new Set(
      strings
        .filter((s) => s.key !== undefined && randomByName(s.key) && s.text.length >= 32)
        .map((s) => s.text),
    );
    for (const { text, key } of strings) {
      let match = valueMatch(text);
      if (match?.kind === 'random-key' && key !== undefined && randomByName(key)) continue;
      if (match?.kind === 'random-key' && byDesign.size > 0) {
        // Word by word (one pass, escaped line breaks `\\n` apart): no scan per quoted value.
        let quoted = false;
        const rest = text.replace(/\\[nrt]/g, ' ').replace(/[A-Za-z0-9+/=_-]{32,}/g, (word) => {
          if (!byDesign.has(word)) return word;
          quoted = true;
          return ' ';
        });
        if (quoted) match = valueMatch(rest);
      }
      if (match) matches.push(matched(match, text));
    }
    MATCHES.set(value, matches);
  }
  return matches;
}

/**
 * Every string inside an object or array literal with the name of the property holding it (through arrays:
 * `signatures: [{ sig }]` gives `sig`, `ids: ['…']` gives `ids`). Bounded: examples can be large.
 */
function keyedStringsIn(value: object, limit = 2000): { text: string; key: string | undefined }[] {
  const out: { text: string; key: string | undefined }[] = [];
  const stack: [unknown, string | undefined][] = [[value, undefined]];
  let visited = 0;
  while (stack.length > 0 && visited++ < limit) {
    const [v, key] = stack.pop()!;
    // Pushed one by one: spreading a long array into push() overflows the call's argument limit.
    if (typeof v === 'string') out.push({ text: v, key });
    else if (Array.isArray(v)) for (const item of v) stack.push([item, key]);
    else if (v !== null && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) stack.push([item, k]);
  }
  return out;
}

/**
 * Property names whose value is random by design and opens nothing: an identifier (`id`, `node_id`,
 * `UploadId`, `entity_id`) or a digest or signature (`fingerprint`, `sig`…). A credential's name
 * (`session_id`) is not one.
 */
function randomByName(name: string): boolean {
  return (ID_NAME.test(name) || DIGEST_NAME.test(name)) && dataKindOfName(name) !== 'credential';
}

const ID_NAME = /(?:^|[^A-Za-z])(?:id|ID|Id)s?$|[a-z0-9](?:Id|ID)s?$/;

/**
 * A schema whose title or description says its value is published or one-way (`TXT record value`, `The
 * public key`, `SHA-256 hash of the file`): a random-looking example of it is no key. Not when the text also
 * speaks of a secret (`HMAC signature secret`).
 */
function publishedValue(schema: Schema): boolean {
  const text = `${schema.title ?? ''}\n${schema.description?.slice(0, 200) ?? ''}`;
  return PUBLISHED.test(text) && !SECRET_WORDS.test(text);
}

const PUBLISHED =
  /(?:^|\n)(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}(?:TXT record|DNS record|public key|signature|hash|digest|checksum|fingerprint)s?\b/i;
const SECRET_WORDS = /secret|private|password|credential|token|api[ _-]?key/i;

const withoutRandomKeys = (hits: LiteralHit[]): LiteralHit[] =>
  hits.some((h) => h.match.kind === 'random-key') ? hits.filter((h) => h.match.kind !== 'random-key') : hits;

/**
 * Hits in a schema and everything under it, computed once per schema: shared components are scanned once
 * however many endpoints (in either version) show them.
 */
function schemaHits(schema: Schema | undefined): LiteralHit[] {
  return schema ? cachedWalk(schema, HITS, NONE, hitsUnder) : NONE;
}

const HITS = new WeakMap<Schema, LiteralHit[]>();

function hitsUnder(schema: Schema, visit: (child: Schema) => LiteralHit[]): LiteralHit[] {
  const literals =
    schema.examples.length > 0 || schema.enum || schema.default !== undefined
      ? [
          ...schema.examples,
          ...(schema.enum ?? []),
          ...(schema.default !== undefined ? [schema.default] : []),
        ]
      : NONE;
  // Most schemas hold no secret: share one empty array rather than allocating per schema, and share a
  // single child's array; a second child with hits gets an array of this schema's own (appending, so
  // 100,000 properties with a secret each are linear, not quadratic).
  let all: LiteralHit[] = NONE;
  if (literals.length > 0) {
    all = hitsIn(literals, schema.loc);
    if (all.length > 0 && publishedValue(schema)) all = withoutRandomKeys(all);
  }
  let own = all.length > 0;
  const add = (child: Schema | boolean | undefined, randomByDesign = false) => {
    if (typeof child !== 'object') return;
    const hits = randomByDesign ? withoutRandomKeys(visit(child)) : visit(child);
    if (hits.length === 0) return;
    if (all.length === 0) all = hits;
    else {
      if (!own) {
        all = [...all];
        own = true;
      }
      pushAll(all, hits);
    }
  };
  for (const [name, property] of Object.entries(schema.properties)) {
    const leaf = !hasOwnKeys(property.properties);
    // A card's `fingerprint`, a `signature` or a `checksum` is random by design and reveals nothing;
    // an identifier (`node_id`) is random-looking by design: only a real secret's pattern counts there.
    if (!DIGEST_NAME.test(name) || !leaf) add(property, leaf && randomByName(name));
  }
  for (const sub of schema.allOf) add(sub);
  for (const sub of schema.oneOf) add(sub);
  for (const sub of schema.anyOf) add(sub);
  add(schema.items);
  add(schema.additionalProperties);
  return all;
}

const NONE: never[] = [];

/** `Object.keys(object).length > 0`, without making the list of keys (asked for every property walked). */
function hasOwnKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

const DIGEST_NAME = /(fingerprint|signature|checksum|digest|hash|etag|nonce|^sig)(e?s)?$/i;

/**
 * Parameters whose value is opaque by design and opens nothing: a pagination cursor (Box's `marker`, a
 * `cursor`, `pageToken`, `starting_after`) or an identifier. A random-looking example of one is the cursor
 * a list answered with; only a real secret's pattern (an AWS key, a live JWT) counts there.
 */
const CURSOR_NAME =
  /^(next_?|prev(ious)?_?|start(ing)?_?|page_?)?(marker|cursor|continuation(_?token)?|after|before)$|^starting_?after$|^ending_?before$/i;

function opaqueParameter(name: string): boolean {
  return (
    CURSOR_NAME.test(name) || randomByName(name) || /(page|next|continuation|cursor)_?token$/i.test(name)
  );
}

/** An endpoint's hits: its parameters', request bodies', responses' and then response headers', in that order. */
function endpointHits(endpoint: Endpoint): LiteralHit[] {
  // Place by place without gathering the places or their hits into new arrays first: this runs for every
  // endpoint, and nearly every place has no hit.
  const out: LiteralHit[] = [];
  const add = (place: { examples: unknown[]; schema?: Schema | undefined; loc: Loc }, opaque: boolean) => {
    const fromExamples = place.examples.length > 0 ? hitsIn(place.examples, place.loc) : NONE;
    const fromSchema = schemaHits(place.schema);
    if (fromExamples.length === 0 && fromSchema.length === 0) return;
    const hits = fromExamples.length === 0 ? fromSchema : [...fromExamples, ...fromSchema];
    pushAll(out, opaque ? withoutRandomKeys(hits) : hits);
  };
  for (const parameter of endpoint.parameters) add(parameter, opaqueParameter(parameter.name));
  for (const media of endpoint.requestBody?.content ?? NONE) add(media, false);
  for (const response of endpoint.responses) for (const media of response.content) add(media, false);
  for (const response of endpoint.responses) for (const header of response.headers) add(header, false);
  return out;
}

export const sensitiveExampleValue: DocumentCheck = {
  id: 'sensitive-example-value',
  category: 'sensitive-data',
  severity: 'high',
  owasp: 'API3:2023 Broken Object Property Level Authorization',
  cwe: 'CWE-798',
  title: 'Real-looking secret or personal data in an example',
  rationale:
    'Examples are published in portals and SDKs; a real key, token, card or SSN copied into one is a leak.',
  remediation:
    'Replace the value with an obvious placeholder (e.g. `sk_test_...`, `4111 1111 1111 1111`, `EXAMPLE`), and revoke the secret if it was real.',
  scope: 'document',
  run(model) {
    // A literal in a shared schema is one finding listing every endpoint that shows it.
    const found = new Map<string, Hit & { affected: Set<string> }>();
    const own = ownDomains(model);
    const ownUrlId = ownUrlIds(model);
    for (const endpoint of model.endpoints) {
      for (const { match, text, loc, inUrlPath } of endpointHits(endpoint)) {
        if (inUrlPath && ownUrlId(text)) continue;
        // The provider's own addresses (`octocat@github.com` in GitHub's description) are its to publish.
        if ('domain' in match && match.domain && own.has(registrableDomain(match.domain) ?? '')) continue;
        const key = `${loc.file}#${loc.pointer}|${match.kind}`;
        const known = found.get(key);
        if (known) {
          known.affected.add(endpoint.id);
          continue;
        }
        found.set(key, {
          message: `an example or default value contains ${match.preview}`,
          loc,
          severity: SEVERITY[match.kind],
          variant: match.kind,
          // The secret itself (hashed, never printed): already in the base, it is no new leak wherever it moved.
          basis: `${match.kind}:${createHash('sha256').update(text).digest('hex')}`,
          affected: new Set([endpoint.id]),
        });
      }
    }
    const hits = [...found.values()].map(
      ({ affected, ...hit }): Hit => ({ ...hit, endpoints: [...affected] }),
    );
    return withLayoutFreeKeys(hits, model);
  },
};

/**
 * Whether a URL is the address of one of the document's own operations with a random-looking identifier
 * filling a path parameter named as one (Box's `status_url` example,
 * `https://api.box.com/2.0/zip_downloads/29l0…yY=/status`, is `GET /zip_downloads/{zip_download_id}/status`
 * on its server `https://api.box.com/2.0`), and with nothing else random-looking in it: that value is an
 * example of the identifier, as the parameter's own example would be (`opaqueParameter`). A key in the
 * query (`?token=…`), in another parameter or in a path the document does not serve is still reported.
 * Routes are built on the first URL asked about, once per model; answers are remembered per string.
 */
function ownUrlIds(model: ApiModel): (text: string) => boolean {
  let routes: RegExp[] | undefined;
  const answers = new Map<string, boolean>();
  return (text) => {
    // A URL is short: a longer string is not read as one (and matching stays cheap).
    if (text.length > MAX_URL) return false;
    let answer = answers.get(text);
    if (answer !== undefined) return answer;
    routes ??= idRoutes(model);
    answer = false;
    for (const route of routes) {
      const match = route.exec(text);
      if (!match?.indices || !match.groups) continue;
      // Each identifier cut out (the groups named `id…`); whatever else the URL holds is judged again.
      let rest = text;
      const spans = Object.keys(match.groups)
        .filter((name) => name.startsWith('id'))
        .map((name) => match.indices!.groups![name]!)
        .sort((a, b) => b[0] - a[0]);
      for (const [start, end] of spans) rest = `${rest.slice(0, start)}x${rest.slice(end)}`;
      if (!valueMatch(rest)) {
        answer = true;
        break;
      }
    }
    answers.set(text, answer);
    return answer;
  };
}

const MAX_URL = 2048;

/** Server URL + path template of each operation with a path parameter named as an identifier. */
function idRoutes(model: ApiModel): RegExp[] {
  const out = new Map<string, RegExp>();
  for (const endpoint of model.endpoints) {
    const ids = new Set(
      endpoint.parameters.filter((p) => p.in === 'path' && randomByName(p.name)).map((p) => p.name),
    );
    if (ids.size === 0) continue;
    let group = 0;
    const path = endpoint.path
      .split(/(\{[^}/]*\})/)
      .map((part) => {
        const name = /^\{([^}/]*)\}$/.exec(part)?.[1];
        if (name === undefined) return escapeRegExp(part);
        return `(?<${ids.has(name) ? 'id' : 'other'}${group++}>[^/?#]+)`;
      })
      .join('');
    for (const server of endpoint.servers.length > 0 ? endpoint.servers : [{ url: '' }]) {
      const base = server.url.replace(/\/+$/, '');
      // A relative server (`/v1`) or none: any origin; a server variable (`{region}`) matches one segment.
      const origin = /^[a-z][a-z0-9+.-]*:\/\//i.test(base) ? '' : '[a-z][a-z0-9+.-]*:\\/\\/[^/?#]*';
      const prefix = base
        .split(/(\{[^}/]*\})/)
        .map((part) => (/^\{[^}/]*\}$/.test(part) ? '[^/?#]+' : escapeRegExp(part)))
        .join('');
      const source = `^${origin}${prefix}${path}(?:[?#].*)?$`;
      if (!out.has(source)) out.set(source, new RegExp(source, 'di'));
    }
  }
  return [...out.values()];
}

/** The domains the document's servers and contact name: addresses there are the provider's own. */
function ownDomains(model: ApiModel): Set<string> {
  const hosts = [
    ...model.servers.map((s) => s.url),
    ...model.endpoints.flatMap((e) => e.servers.map((s) => s.url)),
    model.contact?.url ?? '',
  ].map((url) => /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)/i.exec(url)?.[1] ?? '');
  const email = model.contact?.email?.split('@')[1];
  if (email) hosts.push(email);
  const domains = new Set<string>();
  for (const host of hosts) {
    const domain = host === '' ? undefined : registrableDomain(host);
    if (domain) domains.add(domain);
  }
  return domains;
}

/**
 * Keys that name where a literal is without naming its file: inside an operation, or inside a named
 * component. Moving a shared schema into a file of its own, or merging files back, then keeps the
 * finding's fingerprint. Two literals that would share a key (components of one name in two files) keep
 * their file and pointer instead, so fingerprints stay unique.
 */
function withLayoutFreeKeys(hits: Hit[], model: ApiModel): Hit[] {
  if (hits.length === 0) return hits;
  const inEndpoint = endpointsByLocation(model.endpoints);
  const keyOf = (hit: Hit): string | undefined => {
    const at = inEndpoint(hit.loc);
    const where = at ? `${at.ids[0]}@${at.inside}` : componentPath(hit.loc, model.file);
    return where === undefined ? undefined : `${where}|${hit.variant}`;
  };
  const keys = hits.map(keyOf);
  const seen = new Map<string, number>();
  for (const key of keys) if (key !== undefined) seen.set(key, (seen.get(key) ?? 0) + 1);
  return hits.map((hit, i) => {
    const key = keys[i];
    return key !== undefined && seen.get(key) === 1 ? { ...hit, key } : hit;
  });
}
