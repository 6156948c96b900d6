import { endpointsUsing } from '../schemes.js';
import type { DocumentCheck } from '../types.js';
import { isLoopback } from '../urls.js';

export const authInsecureOAuthUrl: DocumentCheck = {
  id: 'auth-insecure-oauth-url',
  category: 'authentication',
  severity: 'high',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-319',
  title: 'OAuth or OpenID Connect URL over plain HTTP',
  rationale:
    'Tokens, codes and client secrets sent to an http:// authorization or token URL can be read and replaced on the network.',
  remediation: 'Use https:// for authorization, token, refresh and OpenID Connect discovery URLs.',
  scope: 'document',
  run(model) {
    return Object.values(model.securitySchemes).flatMap((s) => {
      const urls = [
        ...s.flows.flatMap((f) => [f.authorizationUrl, f.tokenUrl, f.refreshUrl]),
        s.openIdConnectUrl,
      ].filter((u): u is string => u !== undefined && /^http:\/\//i.test(u) && !isLoopback(u));
      return [...new Set(urls)].map((url) => ({
        message: `security scheme \`${s.name}\` sends credentials to ${url} over plain HTTP`,
        loc: s.loc,
        key: `${s.name}:${url}`,
        endpoints: endpointsUsing(model, s),
      }));
    });
  },
};
