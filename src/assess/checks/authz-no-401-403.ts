import { label } from '../context.js';
import type { EndpointCheck } from '../types.js';

export const authzNo401Or403: EndpointCheck = {
  id: 'authz-no-401-403',
  category: 'authorization',
  severity: 'low',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-285',
  title: 'Secured operation declares neither 401 nor 403',
  rationale:
    'Clients and tests need to know how authentication and authorization failures look; undeclared errors are often unhandled ones.',
  remediation:
    'Declare `401` (missing or bad credentials) and `403` (not allowed) responses, e.g. through shared `components.responses`.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    if (!ctx.facts(endpoint).authenticated) return [];
    if (endpoint.responses.some((r) => r.status === '401' || r.status === '403' || /^4xx$/i.test(r.status)))
      return [];
    return [
      {
        message: `${label(endpoint)} requires authentication but declares neither a 401 nor a 403 response`,
        loc: endpoint.loc,
      },
    ];
  },
};
