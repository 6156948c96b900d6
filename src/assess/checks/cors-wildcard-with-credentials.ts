import { label } from '../context.js';
import { corsFacts } from '../cors.js';
import type { EndpointCheck } from '../types.js';

export const corsWildcardWithCredentials: EndpointCheck = {
  id: 'cors-wildcard-with-credentials',
  category: 'cors',
  severity: 'critical',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-942',
  title: 'CORS wildcard origin with credentials',
  rationale:
    'A wildcard origin together with `Access-Control-Allow-Credentials: true` lets any site make authenticated calls as the visitor and read the answers.',
  remediation:
    'Never combine credentials with `*`: allow an explicit list of trusted origins, or drop `Access-Control-Allow-Credentials`.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (ctx.settings.gatewayControls.includes('cors')) return [];
    const facts = corsFacts(endpoint, ctx.model);
    const wildcard = facts.origins.find((o) => o.value.trim() === '*');
    if (!wildcard || !facts.credentials) return [];
    return [
      {
        message: `${label(endpoint)} allows any origin (\`*\`) together with \`Access-Control-Allow-Credentials: true\``,
        loc: facts.credentials,
      },
    ];
  },
};
