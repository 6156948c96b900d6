// Shared by the scheme checks: which endpoints use a scheme (document-level findings list them).
import type { ApiModel, Endpoint, SecurityScheme } from '../model.js';

/** Endpoints by the names of the schemes their requirements use, built once per model: a check asks per
 * scheme, and a scan per scheme would be schemes × endpoints. */
const USERS = new WeakMap<ApiModel, Map<string, Endpoint[]>>();

function usersOf(model: ApiModel, scheme: SecurityScheme): Endpoint[] {
  let index = USERS.get(model);
  if (!index) {
    index = new Map();
    for (const endpoint of model.endpoints) {
      const names = new Set<string>();
      for (const requirement of endpoint.security.requirements)
        for (const entry of requirement) names.add(entry.name);
      for (const name of names) {
        const list = index.get(name);
        if (list) list.push(endpoint);
        else index.set(name, [endpoint]);
      }
    }
    USERS.set(model, index);
  }
  return index.get(scheme.name) ?? [];
}

export function endpointsUsing(model: ApiModel, scheme: SecurityScheme): string[] {
  return usersOf(model, scheme).map((e) => e.id);
}

export function exposedUse(model: ApiModel, scheme: SecurityScheme): boolean {
  return usersOf(model, scheme).some((e) => e.classification !== 'internal');
}
