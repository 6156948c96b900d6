import type { RequirementEntry } from '../../model.js';
import { isWrite, label } from '../context.js';
import type { EndpointCheck, Hit } from '../types.js';

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
    const unscoped = new Map<string, RequirementEntry>();
    for (const entry of endpoint.security.requirements.flat()) {
      const type = entry.scheme?.type;
      if ((type === 'oauth2' || type === 'openIdConnect') && entry.scopes.length === 0)
        unscoped.set(entry.name, entry);
    }
    return [...unscoped.values()].map((entry): Hit => {
      const hit = {
        message: `${label(endpoint)} changes data but its \`${entry.name}\` requirement asks for no scope, so any token can call it`,
        loc: endpoint.security.loc ?? endpoint.loc,
        key: entry.name,
      };
      // An OAuth2 scheme that defines no scope in any flow issues no read-only token to misuse: the API
      // authorizes by user, not by scope. A design to know of (low), not a write left open; a PR that drops
      // scopes the base asked for is auth-security-weakened's.
      return definesNoScope(entry)
        ? {
            ...hit,
            severity: 'low',
            message: `${label(endpoint)} changes data and its \`${entry.name}\` scheme defines no scopes at all, so tokens are not limited by scope`,
          }
        : hit;
    });
  },
};

function definesNoScope(entry: RequirementEntry): boolean {
  const scheme = entry.scheme;
  return scheme?.type === 'oauth2' && scheme.flows.every((flow) => flow.scopes.length === 0);
}
