import { endpointsUsing, exposedUse } from '../schemes.js';
import type { DocumentCheck } from '../types.js';

export const authApiKeyInQuery: DocumentCheck = {
  id: 'auth-apikey-in-query',
  category: 'authentication',
  severity: 'medium',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-598',
  title: 'API key sent in the query string',
  rationale:
    'Query strings end up in server logs, proxies, browser history and Referer headers, leaking the key.',
  remediation: 'Send the API key in a header (`in: header`), or move to OAuth2 bearer tokens.',
  scope: 'document',
  // A scheme the base defined is newly accepted by each endpoint the PR adds it to: that is the PR's own change.
  perEndpoint: true,
  run(model) {
    return Object.values(model.securitySchemes)
      .filter((s) => s.type === 'apiKey' && s.in === 'query')
      .map((s) => ({
        message: `security scheme \`${s.name}\` sends its API key in the query parameter \`${s.paramName ?? '?'}\`, where logs and proxies record it`,
        loc: s.loc,
        severity: exposedUse(model, s) ? 'high' : 'medium',
        key: s.name,
        endpoints: endpointsUsing(model, s),
        // The same query parameter under another scheme's name is the same key in the same logs: a scheme
        // renamed or added beside the base's is new only on the endpoints that did not take it before.
        basis: `query:${s.paramName ?? ''}`,
      }));
  },
};
