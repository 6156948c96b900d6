// Shared by the scheme checks: which endpoints use a scheme (document-level findings list them).
import type { ApiModel, SecurityScheme } from '../model.js';

export function endpointsUsing(model: ApiModel, scheme: SecurityScheme): string[] {
  return model.endpoints
    .filter((e) => e.security.requirements.some((r) => r.some((entry) => entry.name === scheme.name)))
    .map((e) => e.id);
}

export function exposedUse(model: ApiModel, scheme: SecurityScheme): boolean {
  return model.endpoints.some(
    (e) =>
      e.classification !== 'internal' &&
      e.security.requirements.some((r) => r.some((entry) => entry.name === scheme.name)),
  );
}
