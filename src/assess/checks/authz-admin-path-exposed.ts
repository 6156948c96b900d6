import { label } from '../context.js';
import type { EndpointCheck } from '../types.js';

/** Admin, debug and actuator segments, wherever they appear in the path. */
const ADMIN_SEGMENT =
  /^(admin|administration|administrator|_?debug|actuator|_?internal|phpmyadmin|graphiql|swagger-ui|superuser|sudo|heapdump|threaddump|jolokia)$/i;
/** Admin words only at the start of a path (`/metrics`, `/v1/manage/users`); deeper they name resources (`/campaigns/{id}/metrics`). */
const ADMIN_ROOT_SEGMENT = /^(management|manage|console|metrics|env)$/i;
/** Leading segments that are not the path's subject: `/api`, `/v2`, `/2024-01-01`. */
const PREFIX_SEGMENT = /^(api|v\d+[a-z0-9]*|\d{4}-\d{2}-\d{2})$/i;

/** The admin segment of a path, if any. `/internal` on an internal endpoint says nothing new. */
function adminSegment(path: string, internal: boolean): string | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  const first = segments.findIndex((s) => !PREFIX_SEGMENT.test(s));
  return segments.find(
    (s, i) =>
      (ADMIN_SEGMENT.test(s) && !(internal && /^_?internal$/i.test(s))) ||
      (i === first && ADMIN_ROOT_SEGMENT.test(s)),
  );
}

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
  run(endpoint, ctx) {
    const segment = adminSegment(endpoint.path, endpoint.classification === 'internal');
    if (!segment) return [];
    const { authenticated } = ctx.facts(endpoint);
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
