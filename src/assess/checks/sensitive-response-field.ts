import type { Severity } from '../../findings.js';
import type { Endpoint, Schema } from '../../model.js';
import { type DataKind, type NamedField, sensitiveFields } from '../../sensitive.js';
import { byExposure, label, pathWords } from '../context.js';
import { successResponses } from '../headers.js';
import type { EndpointCheck } from '../types.js';

const SEVERITY: Record<DataKind, Severity> = {
  credential: 'high',
  'payment-card': 'high',
  'government-id': 'high',
  'bank-account': 'medium',
  'date-of-birth': 'medium',
  email: 'low',
  phone: 'low',
  address: 'low',
};

const ISSUING_WORDS = new Set([
  'token',
  'tokens',
  'oauth',
  'oauth2',
  'login',
  'logon',
  'signin',
  'session',
  'sessions',
  'authenticate',
  'key',
  'keys',
  'apikey',
  'apikeys',
  'credential',
  'credentials',
]);

/**
 * `POST /oauth/token`, `POST /login`, `POST /api-keys`: returning the new token, key or secret is what
 * the operation is for. Passwords are never issued this way, so they are still reported, and neither is a
 * secret the caller sent in the request (a private key uploaded to `POST /keys` and echoed back): the
 * operation returns it, it does not issue it. (`auth` alone is not enough: `POST /PaymentAuth` authorises
 * a payment.)
 */
function issuedCredential(endpoint: Endpoint, field: NamedField, sent: ReadonlySet<string>): boolean {
  if (field.kind !== 'credential' || endpoint.method !== 'post') return false;
  const name = leafName(field.path);
  if (/(password|passwd|passphrase|pwd|pin)$/.test(name) || sent.has(name)) return false;
  const words = pathWords(endpoint.path);
  return words.some((w, i) => ISSUING_WORDS.has(w) || `${w} ${words[i + 1]}` === 'sign in');
}

/** `key.private_key` → `privatekey`: a field's own name, compared across request and response. */
function leafName(path: string): string {
  return (
    path
      .split(/[.[\]*]/)
      .filter((part) => part !== '')
      .pop() ?? path
  )
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The credential fields the caller sends in the request body, by name. */
function sentCredentials(endpoint: Endpoint): Set<string> {
  const names = new Set<string>();
  for (const media of endpoint.requestBody?.content ?? []) {
    for (const field of sensitiveFields(media.schema, false)) {
      if (field.kind === 'credential') names.add(leafName(field.path));
    }
  }
  return names;
}

export const sensitiveResponseField: EndpointCheck = {
  id: 'sensitive-response-field',
  category: 'sensitive-data',
  severity: 'medium',
  owasp: 'API3:2023 Broken Object Property Level Authorization',
  cwe: 'CWE-200',
  title: 'Sensitive data in responses',
  rationale:
    'Secrets and personal data returned by an API are exposed to every client and every log that records the response.',
  remediation:
    'Return only what the client needs: drop or mask the field, mark secrets `writeOnly: true`, and protect the endpoint with authentication and scopes.',
  scope: 'endpoint',
  run(endpoint) {
    const sent = endpoint.method === 'post' ? sentCredentials(endpoint) : NOTHING_SENT;
    // A field shown by several responses, or reached by several paths through one shared schema
    // (`services[].log_destinations.datadog.api_key`, `workers[]…`), is one finding, at its first path.
    const byField = new Map<Schema, { field: NamedField; paths: Set<string> }>();
    for (const response of successResponses(endpoint)) {
      for (const media of response.content) {
        for (const field of sensitiveFields(media.schema, true)) {
          if (issuedCredential(endpoint, field, sent)) continue;
          const known = byField.get(field.schema);
          if (known) known.paths.add(field.path);
          else byField.set(field.schema, { field, paths: new Set([field.path]) });
        }
      }
    }
    // One finding per field: a new field is a new finding even where the endpoint already returned data
    // of its kind.
    return [...byField.values()].map(({ field, paths }) => ({
      message: `${label(endpoint)} returns ${field.kind} data in \`${field.path}\`${paths.size > 1 ? ` (and ${paths.size - 1} other path${paths.size > 2 ? 's' : ''} to the same property)` : ''}${sent.has(leafName(field.path)) ? ' (the secret the caller sent, echoed back)' : ''}`,
      loc: field.schema.loc,
      severity: byExposure(endpoint, SEVERITY[field.kind]),
      key: `${field.kind}:${field.path}`,
    }));
  },
};

const NOTHING_SENT: ReadonlySet<string> = new Set();
