import { problemsOf } from '../problems.js';
import type { ProblemCheck } from '../types.js';

export const configInvalid: ProblemCheck = {
  id: 'config-invalid',
  category: 'configuration',
  severity: 'medium',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Invalid value in the document',
  rationale:
    'Values the tool cannot interpret (duplicate keys, unknown classifications, broken suppressions) make the assessment less certain.',
  remediation: 'Fix the value as the message says.',
  scope: 'problem',
  run: problemsOf(['invalid']),
};
