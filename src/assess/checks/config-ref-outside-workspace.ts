import { problemsOf } from '../problems.js';
import type { ProblemCheck } from '../types.js';

export const configRefOutsideWorkspace: ProblemCheck = {
  id: 'config-ref-outside-workspace',
  category: 'configuration',
  severity: 'high',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-22',
  title: '`$ref` outside the repository',
  rationale:
    'A `$ref` that leaves the workspace could read files from the CI runner; it is refused and its target is not assessed.',
  remediation: 'Keep referenced files inside the repository and use relative paths that stay within it.',
  scope: 'problem',
  run: problemsOf(['ref-outside']),
};
