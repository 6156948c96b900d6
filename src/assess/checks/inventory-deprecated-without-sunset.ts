import { label } from '../context.js';
import { declaresHeader, successResponses } from '../headers.js';
import type { EndpointCheck } from '../types.js';

export const inventoryDeprecatedWithoutSunset: EndpointCheck = {
  id: 'inventory-deprecated-without-sunset',
  category: 'inventory',
  severity: 'low',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Deprecated operation without a Sunset header',
  rationale: 'Deprecated endpoints with no announced end date live forever and stop getting security fixes.',
  remediation:
    'Declare a `Sunset` response header (RFC 8594) with the planned removal date, and a `Deprecation` header.',
  scope: 'endpoint',
  run(endpoint) {
    if (!endpoint.deprecated && endpoint.classification !== 'deprecated') return [];
    if (successResponses(endpoint).some((r) => declaresHeader(r, 'Sunset'))) return [];
    return [
      {
        message: `${label(endpoint)} is deprecated but declares no \`Sunset\` header announcing its removal`,
        loc: endpoint.loc,
      },
    ];
  },
};
