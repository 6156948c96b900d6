import { problemsOf } from '../problems.js';
import type { ProblemCheck } from '../types.js';

export const configRemoteRef: ProblemCheck = {
  id: 'config-remote-ref',
  category: 'configuration',
  severity: 'high',
  owasp: 'API10:2023 Unsafe Consumption of APIs',
  cwe: 'CWE-918',
  title: 'Remote `$ref` not fetched',
  rationale:
    'Fetching URLs named in a pull request would let its author make the CI runner call any host (SSRF); the referenced part goes unassessed.',
  remediation: 'Vendor the referenced document into the repository and use a relative `$ref`.',
  scope: 'problem',
  run: problemsOf(['ref-remote']),
};
