import type { Severity } from '../../findings.js';
import type { Endpoint, Loc, Schema } from '../../model.js';
import { type SecretMatch, secretInValue, stringsIn } from '../../sensitive.js';
import type { DocumentCheck, Hit } from '../types.js';

const SEVERITY: Record<SecretMatch['kind'], Severity> = {
  'private-key': 'critical',
  'cloud-key': 'high',
  'payment-card': 'high',
  ssn: 'high',
  jwt: 'medium',
  'random-key': 'medium',
};

/** A literal that looks like a secret, and where it is written. */
interface LiteralHit {
  match: SecretMatch;
  loc: Loc;
}

function hitsIn(values: unknown[], loc: Loc): LiteralHit[] {
  const out: LiteralHit[] = [];
  for (const text of values.flatMap((v) => stringsIn(v))) {
    const match = secretInValue(text);
    if (match && !out.some((h) => h.match.kind === match.kind)) out.push({ match, loc });
  }
  return out;
}

/**
 * Hits in a schema and everything under it, computed once per schema (WeakMap): shared components are
 * scanned once however many endpoints use them. A cycle contributes nothing the second time round.
 */
function schemaHits(
  schema: Schema | undefined,
  cache: WeakMap<Schema, LiteralHit[]>,
  inProgress: Set<Schema>,
): LiteralHit[] {
  if (!schema) return [];
  const known = cache.get(schema);
  if (known) return known;
  if (inProgress.has(schema)) return [];
  inProgress.add(schema);
  const own = hitsIn(
    [...schema.examples, ...(schema.enum ?? []), ...(schema.default !== undefined ? [schema.default] : [])],
    schema.loc,
  );
  const children = [
    ...Object.values(schema.properties),
    ...schema.allOf,
    ...schema.oneOf,
    ...schema.anyOf,
    ...(schema.items ? [schema.items] : []),
    ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
  ];
  const all = [...own, ...children.flatMap((c) => schemaHits(c, cache, inProgress))];
  inProgress.delete(schema);
  cache.set(schema, all);
  return all;
}

function endpointHits(endpoint: Endpoint, cache: WeakMap<Schema, LiteralHit[]>): LiteralHit[] {
  const inProgress = new Set<Schema>();
  const out: LiteralHit[] = [];
  const media = [...(endpoint.requestBody?.content ?? []), ...endpoint.responses.flatMap((r) => r.content)];
  for (const place of [...endpoint.parameters, ...media, ...endpoint.responses.flatMap((r) => r.headers)]) {
    if (place.examples.length > 0) out.push(...hitsIn(place.examples, place.loc));
    out.push(...schemaHits(place.schema, cache, inProgress));
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
    'Replace the value with an obvious placeholder (e.g. `sk_test_…`, `4111 1111 1111 1111`, `EXAMPLE`), and revoke the secret if it was real.',
  scope: 'document',
  run(model) {
    // A literal in a shared schema is one finding listing every endpoint that shows it.
    const found = new Map<string, Hit & { affected: Set<string> }>();
    const cache = new WeakMap<Schema, LiteralHit[]>();
    for (const endpoint of model.endpoints) {
      for (const { match, loc } of endpointHits(endpoint, cache)) {
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
          key: `${match.kind}:${loc.file}#${loc.pointer}`,
          affected: new Set([endpoint.id]),
        });
      }
    }
    return [...found.values()].map(({ affected, ...hit }) => ({ ...hit, endpoints: [...affected] }));
  },
};
