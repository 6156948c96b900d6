import { endpointsUsing, exposedUse } from '../schemes.js';
import type { DocumentCheck } from '../types.js';

export const authHttpBasic: DocumentCheck = {
  id: 'auth-http-basic',
  category: 'authentication',
  severity: 'medium',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-522',
  title: 'HTTP Basic authentication',
  rationale:
    'Basic sends a reusable password with every request; it cannot be scoped, rotated per client or protected against replay.',
  remediation: 'Use OAuth2 or OpenID Connect (or at least bearer tokens) instead of HTTP Basic.',
  scope: 'document',
  run(model) {
    return Object.values(model.securitySchemes)
      .filter((s) => s.type === 'http' && s.scheme === 'basic')
      .map((s) => ({
        message: `security scheme \`${s.name}\` uses HTTP Basic: every request carries the user's password`,
        loc: s.loc,
        severity: exposedUse(model, s) ? 'high' : 'medium',
        key: s.name,
        endpoints: endpointsUsing(model, s),
      }));
  },
};
