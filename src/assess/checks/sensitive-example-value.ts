import { createHash } from 'node:crypto';
import type { Severity } from '../../findings.js';
import type { ApiModel, Endpoint, Loc, Schema } from '../../model.js';
import { type PersonalMatch, personalInValue, registrableDomain } from '../../personal-values.js';
import { type SecretMatch, secretInValue, stringsIn } from '../../sensitive.js';
import { pushAll } from '../../util/arrays.js';
import { cachedWalk } from '../../util/cached-walk.js';
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
}

interface Matched {
  match: ValueMatch;
  text: string;
}

function hitsIn(values: unknown[], loc: Loc): LiteralHit[] {
  const out: LiteralHit[] = [];
  for (const value of values) {
    for (const { match, text } of matchesIn(value)) {
      if (!out.some((h) => h.match.kind === match.kind)) out.push({ match, text, loc });
    }
  }
  return out;
}

/** Matches in one literal; an object literal (a shared `$ref`d example) is walked once however often it is shown. */
const MATCHES = new WeakMap<object, Matched[]>();

function matchesIn(value: unknown): Matched[] {
  if (typeof value === 'string') {
    const match = valueMatch(value);
    return match ? [{ match, text: value }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  let matches = MATCHES.get(value);
  if (!matches) {
    matches = [];
    for (const text of stringsIn(value)) {
      const match = valueMatch(text);
      if (match) matches.push({ match, text });
    }
    MATCHES.set(value, matches);
  }
  return matches;
}

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
  let all: LiteralHit[] = literals.length > 0 ? hitsIn(literals, schema.loc) : NONE;
  let own = all.length > 0;
  const add = (child: Schema | boolean | undefined) => {
    if (typeof child !== 'object') return;
    const hits = visit(child);
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
    // A card's `fingerprint`, a `signature` or a `checksum` is random by design and reveals nothing.
    if (!DIGEST_NAME.test(name) || Object.keys(property.properties).length > 0) add(property);
  }
  for (const sub of schema.allOf) add(sub);
  for (const sub of schema.oneOf) add(sub);
  for (const sub of schema.anyOf) add(sub);
  add(schema.items);
  add(schema.additionalProperties);
  return all;
}

const NONE: never[] = [];

const DIGEST_NAME = /(fingerprint|signature|checksum|digest|hash|etag|nonce)$/i;

function endpointHits(endpoint: Endpoint): LiteralHit[] {
  const out: LiteralHit[] = [];
  const media = [...(endpoint.requestBody?.content ?? []), ...endpoint.responses.flatMap((r) => r.content)];
  for (const place of [...endpoint.parameters, ...media, ...endpoint.responses.flatMap((r) => r.headers)]) {
    if (place.examples.length > 0) pushAll(out, hitsIn(place.examples, place.loc));
    pushAll(out, schemaHits(place.schema));
  }
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
    for (const endpoint of model.endpoints) {
      for (const { match, text, loc } of endpointHits(endpoint)) {
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
