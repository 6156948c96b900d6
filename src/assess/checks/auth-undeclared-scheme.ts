import { label } from '../context.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

export const authUndeclaredScheme: EndpointCheck = {
  id: 'auth-undeclared-scheme',
  category: 'authentication',
  severity: 'low',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-287',
  title: 'Authentication by a header parameter, not a declared scheme',
  rationale:
    'A required `X-API-Key` or `Authorization` header parameter authenticates the operation, but gateways, generators and security tools only see declared security schemes.',
  remediation:
    'Declare the credential as a security scheme (`type: apiKey, in: header, name: X-API-Key`, or `type: http`) and require it in `security`, instead of a header parameter.',
  scope: 'endpoint',
  run(endpoint) {
    const header = endpoint.security.headerCredential;
    if (!header) return [];
    return [
      {
        message: `${label(endpoint)} authenticates with the required header parameter \`${header.name}\`, not with a declared security scheme`,
        loc: header.loc,
        key: ONE_PER_ENDPOINT,
      },
    ];
  },
};
