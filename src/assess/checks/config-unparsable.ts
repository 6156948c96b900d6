import { problemsOf } from '../problems.js';
import type { ProblemCheck } from '../types.js';

export const configUnparsable: ProblemCheck = {
  id: 'config-unparsable',
  category: 'configuration',
  severity: 'high',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Document cannot be read as OpenAPI',
  rationale: 'A document that does not parse cannot be assessed: whatever it changes goes unchecked.',
  remediation: 'Fix the syntax error at the reported line (or the `openapi`/`swagger` version field).',
  scope: 'problem',
  run: problemsOf(['parse', 'not-openapi']),
};
