import { label } from '../context.js';
import { anyOrigin, corsFacts } from '../cors.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

export const corsWildcardWithCredentials: EndpointCheck = {
  id: 'cors-wildcard-with-credentials',
  category: 'cors',
  severity: 'critical',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-942',
  title: 'CORS wildcard origin with credentials',
  rationale:
    'A wildcard origin together with `Access-Control-Allow-Credentials: true` lets any site make authenticated calls as the visitor and read the answers. Browsers refuse a literal `*` with credentials, but not an echoed request origin, which is why echoing is the usual form of this mistake.',
  remediation:
    'Never combine credentials with `*` or an echoed origin: allow an explicit list of trusted origins, or drop `Access-Control-Allow-Credentials`.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (ctx.settings.gatewayControls.includes('cors')) return [];
    const facts = corsFacts(endpoint, ctx.model);
    const wildcard = anyOrigin(facts);
    if (!wildcard || !facts.credentials) return [];
    const any = wildcard.reflected ? "any origin (each request's `Origin` sent back)" : 'any origin (`*`)';
    return [
      {
        message: `${label(endpoint)} allows ${any} together with \`Access-Control-Allow-Credentials: true\``,
        loc: facts.credentials,
        key: ONE_PER_ENDPOINT,
      },
    ];
  },
};
