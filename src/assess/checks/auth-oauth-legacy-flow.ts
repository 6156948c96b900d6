import { endpointsUsing } from '../schemes.js';
import type { DocumentCheck } from '../types.js';

export const authOAuthLegacyFlow: DocumentCheck = {
  id: 'auth-oauth-legacy-flow',
  category: 'authentication',
  severity: 'medium',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-287',
  title: 'OAuth2 implicit or password flow',
  rationale:
    'OAuth 2.0 Security Best Current Practice (RFC 9700) forbids the implicit and resource-owner password flows: tokens leak through redirects and clients handle passwords.',
  remediation: 'Use the authorization code flow with PKCE (or client credentials for machine clients).',
  scope: 'document',
  run(model) {
    return Object.values(model.securitySchemes).flatMap((s) =>
      s.flows
        .filter((f) => f.type === 'implicit' || f.type === 'password')
        .map((f) => ({
          message: `OAuth2 scheme \`${s.name}\` offers the ${f.type} flow, which current OAuth security practice forbids`,
          loc: s.loc,
          key: `${s.name}:${f.type}`,
          endpoints: endpointsUsing(model, s),
        })),
    );
  },
};
