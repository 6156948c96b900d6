import { label } from '../context.js';
import type { EndpointCheck } from '../types.js';

export const inventoryUndocumentedOperation: EndpointCheck = {
  id: 'inventory-undocumented-operation',
  category: 'inventory',
  severity: 'low',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Operation without summary or description',
  rationale:
    'An operation nobody described is hard to review, own and retire; undocumented endpoints are how shadow APIs start.',
  remediation: 'Add a `summary` (one line) and, where behaviour is not obvious, a `description`.',
  scope: 'endpoint',
  run(endpoint, ctx) {
    const facts = ctx.facts(endpoint);
    if (facts.preflight) return []; // CORS preflight: answered by the gateway or framework
    if (facts.documented) return [];
    return [{ message: `${label(endpoint)} has neither a summary nor a description`, loc: endpoint.loc }];
  },
};
