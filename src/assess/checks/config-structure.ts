import { problemsOf } from '../problems.js';
import type { ProblemCheck } from '../types.js';

export const configStructure: ProblemCheck = {
  id: 'config-structure',
  category: 'configuration',
  // A defect of the description rather than a weakness of the API: it never blocks a PR by default. Where
  // it hides a security declaration, the dedicated checks (auth-undefined-scheme, config-unresolved-ref) say so.
  severity: 'low',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Not structurally valid OpenAPI',
  rationale:
    'A field the OpenAPI version does not define, a required field missing or a value of the wrong type is read differently by each tool (gateway, generator, this one): what the document declares is uncertain.',
  remediation:
    'Fix the field at the reported line as the message says (the OpenAPI specification of the version the document declares).',
  scope: 'problem',
  run: problemsOf(['structure']),
};
