// Which success responses of an endpoint lack a response header (the gateway's own headers count as declared).
import type { Endpoint, Response } from '../model.js';
import type { AssessSettings } from './types.js';

export function successResponses(endpoint: Endpoint): Response[] {
  const success = endpoint.responses.filter((r) => /^2/.test(r.status));
  return success.length > 0 ? success : endpoint.responses.filter((r) => r.status === 'default');
}

/**
 * True when the response declares the header and, if `value` is given and the declaration pins its
 * values (enum, const, default, examples), one of them carries it: `Cache-Control: public` is not `no-store`.
 */
export function declaresHeader(response: Response, name: string, value?: RegExp): boolean {
  const lower = name.toLowerCase();
  return response.headers.some((h) => {
    if (h.name.toLowerCase() !== lower) return false;
    if (!value) return true;
    const pinned = [
      ...(h.schema?.enum ?? []),
      h.schema?.default,
      ...(h.schema?.examples ?? []),
      ...h.examples,
    ].filter((v) => v !== undefined);
    return pinned.length === 0 || pinned.some((v) => value.test(String(v)));
  });
}

/** Success responses that do not declare any of `names` (the first found is enough), with `value` if given. */
export function responsesMissing(
  endpoint: Endpoint,
  names: string[],
  settings: AssessSettings,
  value?: RegExp,
): Response[] {
  if (names.some((n) => settings.gatewayHeaders.includes(n.toLowerCase()))) return [];
  return successResponses(endpoint).filter((r) => !names.some((n) => declaresHeader(r, n, value)));
}
