import { byExposure, label } from '../context.js';
import type { ChangeCheck } from '../types.js';

export const inputConstraintLoosened: ChangeCheck = {
  id: 'input-constraint-loosened',
  category: 'input-validation',
  severity: 'medium',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-20',
  title: 'Pull request loosens input validation',
  rationale:
    'Removing a maxLength, pattern, enum or `additionalProperties: false` from an input lets through data the service used to reject.',
  remediation:
    'Keep the constraint (widen it deliberately rather than drop it), or suppress with the reason the looser input is safe.',
  scope: 'change',
  run(change) {
    const endpoint = change.head!;
    // Only constraints dropped: a widened one (a bound raised, enum values added, `required` moved to an
    // alternative or relaxed on a PATCH body) is listed among the changes but accepts a bounded set still.
    return change.changes
      .filter((c) => c.kind === 'schema-constraint-loosened' && c.side === 'request')
      .map((c) => ({
        message: `this change loosens input validation of ${label(endpoint)}: ${c.message}`,
        loc: c.location,
        severity: byExposure(endpoint, 'medium'),
        key: c.message,
      }));
  },
};
