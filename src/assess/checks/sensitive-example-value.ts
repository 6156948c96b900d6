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

/** Literal values in one place of the document, and where that place is. */
interface Literals {
  values: unknown[];
  loc: Loc;
}

function schemaLiterals(root: Schema | undefined, seen: Set<Schema>, out: Literals[]) {
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const schema = stack.pop()!;
    if (seen.has(schema)) continue;
    seen.add(schema);
    const values = [
      ...schema.examples,
      ...(schema.enum ?? []),
      ...(schema.default !== undefined ? [schema.default] : []),
    ];
    if (values.length > 0) out.push({ values, loc: schema.loc });
    stack.push(...Object.values(schema.properties), ...schema.allOf, ...schema.oneOf, ...schema.anyOf);
    if (schema.items) stack.push(schema.items);
    if (typeof schema.additionalProperties === 'object') stack.push(schema.additionalProperties);
  }
}

function endpointLiterals(endpoint: Endpoint): Literals[] {
  const out: Literals[] = [];
  const seen = new Set<Schema>();
  for (const p of endpoint.parameters) {
    if (p.examples.length > 0) out.push({ values: p.examples, loc: p.loc });
    schemaLiterals(p.schema, seen, out);
  }
  const media = [...(endpoint.requestBody?.content ?? []), ...endpoint.responses.flatMap((r) => r.content)];
  for (const m of media) {
    if (m.examples.length > 0) out.push({ values: m.examples, loc: m.loc });
    schemaLiterals(m.schema, seen, out);
  }
  for (const h of endpoint.responses.flatMap((r) => r.headers)) {
    if (h.examples.length > 0) out.push({ values: h.examples, loc: h.loc });
    schemaLiterals(h.schema, seen, out);
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
    const found = new Map<string, Hit & { endpoints: string[] }>();
    for (const endpoint of model.endpoints) {
      for (const { values, loc } of endpointLiterals(endpoint)) {
        for (const text of values.flatMap((v) => stringsIn(v))) {
          const match = secretInValue(text);
          if (!match) continue;
          const key = `${loc.file}#${loc.pointer}|${match.kind}`;
          const known = found.get(key);
          if (known) {
            if (!known.endpoints.includes(endpoint.id)) known.endpoints.push(endpoint.id);
            continue;
          }
          found.set(key, {
            message: `an example or default value contains ${match.preview}`,
            loc,
            severity: SEVERITY[match.kind],
            key: `${match.kind}:${loc.file}#${loc.pointer}`,
            endpoints: [endpoint.id],
          });
        }
      }
    }
    return [...found.values()];
  },
};
