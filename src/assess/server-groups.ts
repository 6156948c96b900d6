// Endpoints grouped by the servers they share, for the document-level server checks.
//
// Endpoints that inherit the root's (or a path item's) servers share one array (normalize/servers.ts).
// Judging each URL once per group instead of once per endpoint, and handing every finding of a group the
// same list of ids, keeps N servers × 2N endpoints linear: before, each of N findings built its own list
// of 2N ids (a 320 KB document took 7 s and 1.2 GB).
import type { Endpoint, Server } from '../model.js';

export interface ServerGroup {
  servers: Server[];
  /** The group's endpoint ids, in document order: one array, shared by the findings that list them. */
  ids: string[];
  /** Some endpoint of the group is not internal. */
  exposed: boolean;
}

/** Groups in the order of their first endpoint. */
export function serverGroups(endpoints: Endpoint[]): ServerGroup[] {
  const groups = new Map<Server[], ServerGroup>();
  for (const endpoint of endpoints) {
    let group = groups.get(endpoint.servers);
    if (!group) {
      group = { servers: endpoint.servers, ids: [], exposed: false };
      groups.set(endpoint.servers, group);
    }
    group.ids.push(endpoint.id);
    group.exposed ||= endpoint.classification !== 'internal';
  }
  return [...groups.values()];
}

/**
 * The ids of several groups' lists merged into the order of `endpoints` (as a loop over the endpoints
 * would list them); a single list is returned as it is, shared.
 */
export function inEndpointOrder(lists: string[][], endpoints: Endpoint[]): string[] {
  if (lists.length === 1) return lists[0]!;
  const position = new Map<string, number>();
  endpoints.forEach((endpoint, i) => {
    if (!position.has(endpoint.id)) position.set(endpoint.id, i);
  });
  return lists.flat().sort((a, b) => position.get(a)! - position.get(b)!);
}
