// Shared by the scheme checks: which endpoints use a scheme (document-level findings list them).
//
// Endpoints that inherit one `security` (the root's) are one group: their ids are one array, shared by
// every scheme that group names, like the server groups (server-groups.ts). Before, each of N schemes in
// the root `security` built its own list of all 2N endpoints: N × 2N ids.
import type { ApiModel, Endpoint, SecurityScheme } from '../model.js';
import { inEndpointOrder } from './server-groups.js';

interface SecurityGroup {
  /** Its place among the model's groups. */
  index: number;
  /** The group's endpoint ids, in document order: one array, shared by the findings that list them. */
  ids: string[];
  /** Some endpoint of the group is not internal. */
  exposed: boolean;
}

interface SchemeUsers {
  groups: SecurityGroup[];
  /** The ids of all groups, merged once when first asked. */
  ids?: string[];
}

/** Per model: scheme name → the groups using it, built once (a scan per scheme is schemes × endpoints). */
const USERS = new WeakMap<ApiModel, Map<string, SchemeUsers>>();
/** Merged id lists by the groups they merge: schemes used by the same groups share one list. */
const MERGED = new WeakMap<ApiModel, Map<string, string[]>>();

function usersOf(model: ApiModel, scheme: SecurityScheme): SchemeUsers | undefined {
  let index = USERS.get(model);
  if (!index) {
    index = new Map();
    // Endpoints whose effective `security` is the same node read the same requirements.
    const byPlace = new Map<string, SecurityGroup>();
    for (const [i, endpoint] of model.endpoints.entries()) {
      const loc = endpoint.security.loc;
      if (endpoint.security.requirements.length === 0) continue;
      const place = loc ? `${loc.file}#${loc.pointer}` : `endpoint ${i}`;
      let group = byPlace.get(place);
      if (!group) {
        group = { index: byPlace.size, ids: [], exposed: false };
        byPlace.set(place, group);
        for (const name of namesOf(endpoint)) {
          const users = index.get(name);
          if (users) users.groups.push(group);
          else index.set(name, { groups: [group] });
        }
      }
      group.ids.push(endpoint.id);
      group.exposed ||= endpoint.classification !== 'internal';
    }
    USERS.set(model, index);
  }
  return index.get(scheme.name);
}

function namesOf(endpoint: Endpoint): Set<string> {
  const names = new Set<string>();
  for (const requirement of endpoint.security.requirements)
    for (const entry of requirement) names.add(entry.name);
  return names;
}

export function endpointsUsing(model: ApiModel, scheme: SecurityScheme): string[] {
  const users = usersOf(model, scheme);
  if (!users) return [];
  if (!users.ids) {
    if (users.groups.length === 1) users.ids = users.groups[0]!.ids;
    else {
      let merged = MERGED.get(model);
      if (!merged) {
        merged = new Map();
        MERGED.set(model, merged);
      }
      const key = users.groups.map((g) => g.index).join(',');
      let ids = merged.get(key);
      if (!ids) {
        ids = inEndpointOrder(
          users.groups.map((g) => g.ids),
          model.endpoints,
        );
        merged.set(key, ids);
      }
      users.ids = ids;
    }
  }
  return users.ids;
}

export function exposedUse(model: ApiModel, scheme: SecurityScheme): boolean {
  return usersOf(model, scheme)?.groups.some((g) => g.exposed) ?? false;
}
