// Facts about an endpoint that several checks use to raise or lower severity.
import { lower, raise, type Severity } from '../findings.js';
import type { Endpoint, Parameter } from '../model.js';

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

export function isWrite(endpoint: Endpoint): boolean {
  return WRITE_METHODS.has(endpoint.method);
}

/** Reachable from outside: external, partner and shadow; deprecated endpoints are still served. */
export function isExposed(endpoint: Endpoint): boolean {
  return endpoint.classification !== 'internal';
}

/** Path parameters that select an object (BOLA territory); versions, formats and locales do not. */
export function objectIdParameters(endpoint: Endpoint): Parameter[] {
  return endpoint.parameters.filter(
    (p) => p.in === 'path' && !/^(v|version|api[-_]?version|format|locale|lang|language|ext)$/i.test(p.name),
  );
}

/** Data kinds that make a leak or an unauthenticated call serious on their own. */
const SERIOUS_DATA = new Set(['credential', 'payment-card', 'government-id', 'bank-account']);

export function handlesSeriousData(endpoint: Endpoint): boolean {
  return endpoint.dataTypes.some((kind) => SERIOUS_DATA.has(kind));
}

/** Authentication is required: at least one requirement, and no anonymous `{}` alternative. */
export function requiresAuthentication(endpoint: Endpoint): boolean {
  const { requirements } = endpoint.security;
  return requirements.length > 0 && requirements.every((r) => r.length > 0);
}

/** One step more severe for exposed endpoints, one step less for internal ones. */
export function byExposure(endpoint: Endpoint, severity: Severity): Severity {
  return endpoint.classification === 'internal' ? lower(severity) : severity;
}

export { lower, raise };

/** `POST /payments` — how endpoints are named in messages. */
export function label(endpoint: Endpoint): string {
  return `\`${endpoint.method.toUpperCase()} ${endpoint.path}\``;
}
