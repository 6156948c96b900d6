import { label } from '../context.js';
import type { EndpointCheck } from '../types.js';
import { BODY_WRITES, openBody, privilegedFields, serverOwnedFields } from '../write-bodies.js';

export const inputMassAssignment: EndpointCheck = {
  id: 'input-mass-assignment',
  category: 'input-validation',
  severity: 'low',
  owasp: 'API3:2023 Broken Object Property Level Authorization',
  cwe: 'CWE-915',
  title: 'Write body accepts undeclared properties',
  rationale:
    'A body schema that allows additional properties lets clients send fields the server may bind to its objects (mass assignment).',
  remediation:
    'Set `additionalProperties: false` on write bodies and keep server-owned fields (`role`, `owner`, `id`) out of input schemas.',
  scope: 'endpoint',
  run(endpoint) {
    if (!BODY_WRITES.has(endpoint.method)) return [];
    return (endpoint.requestBody?.content ?? []).filter(openBody).map((m) => {
      const schema = m.schema!;
      const privileged = privilegedFields(endpoint, schema).filter(
        (name) => !schema.properties[name]!.readOnly,
      );
      const serverOwned = serverOwnedFields(schema);
      const detail =
        privileged.length > 0
          ? `; it also takes privileged fields ${privileged.map((n) => `\`${n}\``).join(', ')}`
          : '';
      return {
        message: `${label(endpoint)} accepts properties its ${m.contentType} body does not declare (no \`additionalProperties: false\`)${detail}`,
        loc: schema.loc,
        severity: privileged.length > 0 || serverOwned.length > 0 ? 'medium' : 'low',
        // The privileged fields are part of what the finding rests on: a PR adding `role` to a body that was
        // already open changes the fact, so the finding is new (and one dropping a privileged field fails
        // closed the same way). Sorted: reordering properties changes nothing.
        key:
          privileged.length > 0
            ? `${m.contentType} taking ${[...privileged].sort().join(',')}`
            : m.contentType,
      };
    });
  },
};
