import type { Severity } from '../../findings.js';
import type { Endpoint } from '../../model.js';
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
 * the operation is for. Passwords are never issued this way, so they are still reported. (`auth` alone is
 * not enough: `POST /PaymentAuth` authorises a payment.)
 */
function issuedCredential(endpoint: Endpoint, field: NamedField): boolean {
  if (field.kind !== 'credential' || endpoint.method !== 'post') return false;
  if (/(password|passwd|passphrase|pwd|pin)$/i.test(field.path.replace(/[^a-z0-9]/gi, ''))) return false;
  const words = pathWords(endpoint.path);
  return words.some((w, i) => ISSUING_WORDS.has(w) || `${w} ${words[i + 1]}` === 'sign in');
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
    const byKind = new Map<DataKind, NamedField[]>();
    const seen = new Set<string>(); // kind and path: a field shown by several responses is listed once
    for (const response of successResponses(endpoint)) {
      for (const media of response.content) {
        for (const field of sensitiveFields(media.schema, true)) {
          if (issuedCredential(endpoint, field)) continue;
          const key = `${field.kind}\n${field.path}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const list = byKind.get(field.kind);
          if (list) list.push(field);
          else byKind.set(field.kind, [field]);
        }
      }
    }
    return [...byKind].map(([kind, fields]) => ({
      message: `${label(endpoint)} returns ${kind} data in ${fields
        .slice(0, 3)
        .map((f) => `\`${f.path}\``)
        .join(', ')}${fields.length > 3 ? ` and ${fields.length - 3} more` : ''}`,
      loc: fields[0]!.schema.loc,
      severity: byExposure(endpoint, SEVERITY[kind]),
      key: kind,
    }));
  },
};
