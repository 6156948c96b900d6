import { label } from '../context.js';
import type { EndpointCheck } from '../types.js';

export const rateLimitMissing: EndpointCheck = {
  id: 'rate-limit-missing',
  category: 'rate-limiting',
  severity: 'medium',
  owasp: 'API4:2023 Unrestricted Resource Consumption',
  cwe: 'CWE-770',
  title: 'No rate limit declared',
  rationale:
    'Without a declared limit, clients cannot back off and nothing shows the operation is protected against brute force and scraping.',
  remediation:
    'Declare a `429` response with `Retry-After` or `RateLimit-*` headers, or mark rate limiting as enforced at the gateway in the config.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    const facts = ctx.facts(endpoint);
    if (facts.preflight) return []; // CORS preflight: answered by the gateway or framework
    if (facts.rateLimited) return []; // declared, or enforced at the gateway
    const credentialFlow = facts.credentialFlow;
    const severity = credentialFlow && facts.exposed ? 'high' : facts.exposed ? 'medium' : 'low';
    return [
      {
        message: `${label(endpoint)} declares no rate limit (no 429 response, no RateLimit or Retry-After headers)${credentialFlow ? ' on a credential flow open to brute force' : ''}`,
        loc: endpoint.loc,
        severity,
      },
    ];
  },
};
