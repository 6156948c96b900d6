import { label } from '../context.js';
import type { EndpointCheck } from '../types.js';

export const authUndefinedScheme: EndpointCheck = {
  id: 'auth-undefined-scheme',
  category: 'authentication',
  severity: 'high',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-287',
  title: 'Security requirement names an undefined scheme',
  rationale:
    'A requirement naming a scheme that is not defined protects nothing: gateways and generators ignore or reject it.',
  remediation:
    'Define the scheme under `components.securitySchemes` (or `securityDefinitions`), or fix the name in `security`.',
  scope: 'endpoint',
  run(endpoint) {
    const missing = [
      ...new Set(
        endpoint.security.requirements
          .flat()
          .filter((e) => !e.scheme)
          .map((e) => e.name),
      ),
    ];
    return missing.map((name) => ({
      message: `${label(endpoint)} requires security scheme \`${name}\`, which is not defined`,
      loc: endpoint.security.loc ?? endpoint.loc,
      key: name,
    }));
  },
};
