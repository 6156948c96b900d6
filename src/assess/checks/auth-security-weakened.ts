import { severityRank } from '../../findings.js';
import { byExposure, label } from '../context.js';
import type { ChangeCheck, EndpointCheck, Hit } from '../types.js';
import { authMissing } from './auth-missing.js';

const reportedAtLeastHigh = (hits: Hit[], check: EndpointCheck) =>
  hits.some((h) => severityRank(h.severity ?? check.severity) >= severityRank('high'));

export const authSecurityWeakened: ChangeCheck = {
  id: 'auth-security-weakened',
  category: 'authentication',
  severity: 'high',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-287',
  title: 'Pull request weakens authentication',
  rationale:
    'Removed authentication, a new anonymous alternative, a weaker scheme or fewer required scopes lowers the bar for every caller of the endpoint.',
  remediation:
    'Keep the previous requirement, or have the change reviewed by the API security owners and suppress with a reason.',
  scope: 'change',
  run(change, ctx) {
    const endpoint = change.head!;
    return (
      change.changes
        // Removal too, unless `auth-missing` already reports the head at high or above (one finding per
        // change). `auth-missing` judges the head alone, and its exemptions (a public read, a login form opted
        // out with `security: []`, an internal endpoint) cannot tell "public since always" from "made public by
        // this PR"; only this rule sees the base, so removing authentication the base had is at least high.
        .filter(
          (c) =>
            c.kind === 'security-weakened' ||
            (c.kind === 'security-removed' &&
              !reportedAtLeastHigh(authMissing.run(endpoint, ctx), authMissing)),
        )
        .map((c) => ({
          message: `this change ${c.kind === 'security-removed' ? 'removes' : 'weakens'} authentication of ${label(endpoint)}: ${c.message}`,
          loc: c.location,
          // Removal is the strongest weakening: high even on internal endpoints, never below a weak form it replaced.
          severity: c.kind === 'security-removed' ? 'high' : byExposure(endpoint, 'high'),
          key: c.message,
        }))
    );
  },
};
