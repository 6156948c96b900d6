import { isWrite, label } from '../context.js';
import type { EndpointCheck } from '../types.js';

export const authzNoScopesOnWrite: EndpointCheck = {
  id: 'authz-no-scopes-on-write',
  category: 'authorization',
  severity: 'medium',
  owasp: 'API5:2023 Broken Function Level Authorization',
  cwe: 'CWE-285',
  title: 'Write operation requires no OAuth scope',
  rationale: 'Without a scope any token, including a read-only one, can call a write operation.',
  remediation:
    'List the scope the operation needs in its OAuth2 / OpenID Connect requirement (e.g. `payments:write`).',
  scope: 'endpoint',
  run(endpoint) {
    if (!isWrite(endpoint)) return [];
    const unscoped = endpoint.security.requirements
      .flat()
      .filter(
        (e) => (e.scheme?.type === 'oauth2' || e.scheme?.type === 'openIdConnect') && e.scopes.length === 0,
      );
    return [...new Set(unscoped.map((e) => e.name))].map((name) => ({
      message: `${label(endpoint)} changes data but its \`${name}\` requirement asks for no scope, so any token can call it`,
      loc: endpoint.security.loc ?? endpoint.loc,
      key: name,
    }));
  },
};
