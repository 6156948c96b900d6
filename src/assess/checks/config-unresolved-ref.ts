import { problemsOf } from '../problems.js';
import type { ProblemCheck } from '../types.js';

export const configUnresolvedRef: ProblemCheck = {
  id: 'config-unresolved-ref',
  category: 'configuration',
  severity: 'high',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Unresolved or circular `$ref`',
  rationale:
    'What a broken `$ref` points to is not assessed, so security declarations behind it are invisible.',
  remediation: 'Point the `$ref` at an existing file and JSON pointer, and break reference cycles.',
  scope: 'problem',
  run: problemsOf(['ref-missing', 'ref-circular']),
};
