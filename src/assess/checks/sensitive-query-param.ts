import { dataKindOfName } from '../../sensitive.js';
import { byExposure, isFlag, label } from '../context.js';
import type { EndpointCheck } from '../types.js';

export const sensitiveQueryParam: EndpointCheck = {
  id: 'sensitive-query-param',
  category: 'sensitive-data',
  severity: 'medium',
  owasp: 'API3:2023 Broken Object Property Level Authorization',
  cwe: 'CWE-598',
  title: 'Personal data in the query string',
  rationale:
    'Query strings are logged by servers, proxies and browsers; personal data there leaks into places nobody protects.',
  remediation: 'Send personal data in the request body (POST) or a header, not in the URL.',
  scope: 'endpoint',
  run(endpoint) {
    return endpoint.parameters
      .map((p) => ({ p, kind: p.in === 'query' && !isFlag(p) ? dataKindOfName(p.name) : undefined }))
      .filter(({ kind }) => kind !== undefined && kind !== 'credential') // credentials: auth-credentials-in-url
      .map(({ p, kind }) => ({
        message: `${label(endpoint)} takes ${kind} data in the query parameter \`${p.name}\`, where logs record it`,
        loc: p.loc,
        severity: byExposure(
          endpoint,
          kind === 'payment-card' || kind === 'government-id' ? 'high' : 'medium',
        ),
        key: p.name,
      }));
  },
};
