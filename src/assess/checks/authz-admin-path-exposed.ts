import { label, requiresAuthentication } from '../context.js';
import type { EndpointCheck } from '../types.js';

const ADMIN_SEGMENT =
  /^(admin|administration|administrator|_?debug|actuator|management|manage|internal|_internal|console|metrics|env|heapdump|threaddump|jolokia|phpmyadmin|graphiql|swagger-ui|superuser|sudo)$/i;

export const authzAdminPathExposed: EndpointCheck = {
  id: 'authz-admin-path-exposed',
  category: 'authorization',
  severity: 'medium',
  owasp: 'API5:2023 Broken Function Level Authorization',
  cwe: 'CWE-285',
  title: 'Administrative or debug endpoint exposed',
  rationale:
    'Admin, debug and actuator endpoints give powerful functions; attackers look for them first on public hosts.',
  remediation:
    'Serve administrative endpoints from an internal spec or host (`x-internal: true`) and require authentication with an admin scope.',
  scope: 'endpoint',
  run(endpoint) {
    const segment = endpoint.path.split('/').find((s) => ADMIN_SEGMENT.test(s));
    if (!segment) return [];
    const authenticated = requiresAuthentication(endpoint);
    if (endpoint.classification === 'internal' && authenticated) return [];
    const exposed = endpoint.classification !== 'internal';
    const severity = exposed ? (authenticated ? 'medium' : 'critical') : 'high';
    const why = exposed
      ? `is ${endpoint.classification}${authenticated ? '' : ' and requires no authentication'}`
      : 'requires no authentication';
    return [
      {
        message: `administrative endpoint ${label(endpoint)} (\`/${segment}\`) ${why}`,
        loc: endpoint.loc,
        severity,
      },
    ];
  },
};
