import { inEndpointOrder, serverGroups } from '../server-groups.js';
import type { DocumentCheck, Hit } from '../types.js';
import { hostOf } from '../urls.js';

const NON_PRODUCTION =
  /(^|[.-])(localhost|local|dev|devel|development|test|testing|qa|uat|stage|staging|stg|sandbox|preprod|pre-prod|int|integration|demo|mock)([.-]|\d|$)/i;

export const inventoryNonProductionServer: DocumentCheck = {
  id: 'inventory-non-production-server',
  category: 'inventory',
  severity: 'low',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'Non-production server in an external spec',
  rationale:
    'Published dev, test and staging hosts are often less protected than production and hold real data.',
  remediation:
    'Keep non-production servers out of the published document (a separate spec or an internal overlay).',
  scope: 'document',
  run(model) {
    const exposed = model.endpoints.filter((endpoint) => endpoint.classification !== 'internal');
    const hits = new Map<string, Hit & { lists: string[][] }>();
    for (const group of serverGroups(exposed)) {
      for (const server of group.servers) {
        const host = hostOf(server.url);
        if (!host || !NON_PRODUCTION.test(host)) continue;
        const key = server.url; // one finding per URL, however many places declare it
        const hit = hits.get(key) ?? {
          message: `non-production server ${server.url} is published in a document with external endpoints`,
          loc: server.loc,
          key: server.url,
          lists: [],
        };
        hit.lists.push(group.ids);
        hits.set(key, hit);
      }
    }
    return [...hits.values()].map(({ lists, ...hit }) => ({
      ...hit,
      endpoints: inEndpointOrder(lists, exposed),
    }));
  },
};
