import type { Server } from '../../model.js';
import { inEndpointOrder, serverGroups } from '../server-groups.js';
import type { DocumentCheck } from '../types.js';
import { isLoopback, isPlainHttp, serverPattern } from '../urls.js';

export const transportHttpServer: DocumentCheck = {
  id: 'transport-http-server',
  category: 'transport',
  severity: 'high',
  owasp: 'API8:2023 Security Misconfiguration',
  cwe: 'CWE-319',
  title: 'Server over plain HTTP',
  rationale:
    'Requests to an http:// server, credentials and data included, can be read and altered on the network.',
  remediation: 'Serve the API over https:// only (and redirect or refuse plain HTTP at the edge).',
  scope: 'document',
  run(model) {
    // One finding per URL, listing every endpoint it serves, wherever (root, path, operation) it is declared.
    const byLocation = new Map<string, { server: Server; lists: string[][]; exposed: boolean }>();
    for (const group of serverGroups(model.endpoints)) {
      for (const server of group.servers) {
        if (!isPlainHttp(server.url) || isLoopback(server.url)) continue;
        const key = server.url; // one finding per URL, however many places declare it
        const entry = byLocation.get(key) ?? { server, lists: [], exposed: false };
        entry.lists.push(group.ids);
        entry.exposed ||= group.exposed;
        byLocation.set(key, entry);
      }
    }
    return [...byLocation.values()].map(({ server, lists, exposed }) => {
      const endpoints = inEndpointOrder(lists, model.endpoints);
      // A server the base served under the same scheme, service, organisation and port, re-templated per
      // region or partition (`http://iam.amazonaws.com/` → `http://iam.us-gov.amazonaws.com`), is not new.
      const pattern = serverPattern(server.url);
      return {
        message: `${model.openapiVersion.startsWith('2') ? 'Swagger scheme for' : 'server'} ${server.url} is plain HTTP: traffic to ${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'} can be read and altered`,
        loc: server.loc,
        severity: exposed ? 'high' : 'medium',
        key: server.url,
        endpoints,
        ...(pattern === undefined ? {} : { basis: pattern }),
      };
    });
  },
};
