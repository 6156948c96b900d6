import { byExposure, label } from '../context.js';
import type { ChangeCheck } from '../types.js';

export const authSecurityWeakened: ChangeCheck = {
  id: 'auth-security-weakened',
  category: 'authentication',
  severity: 'high',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-287',
  title: 'Pull request weakens authentication',
  rationale:
    'A new anonymous alternative, a weaker scheme or fewer required scopes lowers the bar for every caller of the endpoint.',
  remediation:
    'Keep the previous requirement, or have the change reviewed by the API security owners and suppress with a reason.',
  scope: 'change',
  run(change) {
    const endpoint = change.head!;
    return change.changes
      .filter((c) => c.kind === 'security-weakened')
      .map((c) => ({
        message: `this change weakens authentication of ${label(endpoint)}: ${c.message}`,
        loc: c.location,
        severity: byExposure(endpoint, 'high'),
        key: c.message,
      }));
  },
};
