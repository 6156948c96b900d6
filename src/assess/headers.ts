// Which success responses of an endpoint lack a response header (the gateway's own headers count as declared).
import type { Endpoint, Response } from '../model.js';
import type { AssessSettings } from './types.js';

export function successResponses(endpoint: Endpoint): Response[] {
  const success = endpoint.responses.filter((r) => /^2/.test(r.status));
  return success.length > 0 ? success : endpoint.responses.filter((r) => r.status === 'default');
}

export function declaresHeader(response: Response, name: string): boolean {
  const lower = name.toLowerCase();
  return response.headers.some((h) => h.name.toLowerCase() === lower);
}

/** Success responses that do not declare any of `names` (the first found is enough). */
export function responsesMissing(endpoint: Endpoint, names: string[], settings: AssessSettings): Response[] {
  if (names.some((n) => settings.gatewayHeaders.includes(n.toLowerCase()))) return [];
  return successResponses(endpoint).filter((r) => !names.some((n) => declaresHeader(r, n)));
}
