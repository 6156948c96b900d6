// The facts about an endpoint, decided once: checks (through `CheckContext.facts`), policy controls and
// conditions, the score and the dashboard metrics read them here rather than each deciding for itself
// whether an endpoint is authenticated, on TLS, rate-limited, documented or a CORS preflight. Computed after
// normalize, before the checks run: pure functions of the endpoint, its model and the config's settings.
import type { ApiModel, Endpoint, Server } from '../model.js';
import {
  declaresRateLimit,
  isCredentialFlow,
  isExposed,
  publicByDesign,
  requiresAuthentication,
} from './context.js';
import type { AssessSettings } from './types.js';
import { isLoopback, isPlainHttp } from './urls.js';

export interface EndpointFactSheet {
  /** A CORS preflight (`OPTIONS`): answered by the gateway or framework, it carries no controls. */
  preflight: boolean;
  /** Authentication is required: no anonymous alternative, no undefined scheme alone (normalize/security.ts). */
  authenticated: boolean;
  /** Public on purpose (a preflight, or a trusted `security: []` on a health check or login): see context.ts. */
  publicByDesign: boolean;
  /** Where credentials are submitted (login, token, password reset…). */
  credentialFlow: boolean;
  /** Reachable from outside (every classification but internal). */
  exposed: boolean;
  /** The plain-HTTP (`http:`, `ws:`) servers it is served on, loopback ones aside. */
  plainHttpServers: Server[];
  /** Not reachable over plain HTTP: no plain-HTTP server other than a loopback one (`enforce-tls`, metrics). */
  tls: boolean;
  /** A rate limit declared (429, headers, extensions) or enforced by the gateway (config `gateway.enforces`). */
  rateLimited: boolean;
  /** The operation has a non-blank summary or description. */
  documented: boolean;
}

export function endpointFacts(
  endpoint: Endpoint,
  model: Pick<ApiModel, 'extensions'>,
  settings: AssessSettings,
): EndpointFactSheet {
  const plainHttpServers = endpoint.servers.filter((s) => isPlainHttp(s.url) && !isLoopback(s.url));
  return {
    preflight: endpoint.method === 'options',
    authenticated: requiresAuthentication(endpoint),
    publicByDesign: publicByDesign(endpoint),
    credentialFlow: isCredentialFlow(endpoint),
    exposed: isExposed(endpoint),
    plainHttpServers,
    tls: plainHttpServers.length === 0,
    rateLimited:
      settings.gatewayControls.includes('rate-limiting') || declaresRateLimit(endpoint, model.extensions),
    documented: isDocumented(endpoint),
  };
}

/** The one definition of "documented", for readers with no model at hand (the score). */
export function isDocumented(endpoint: Endpoint): boolean {
  return Boolean(endpoint.summary?.trim() || endpoint.description?.trim());
}

/** The facts of each endpoint of one version, computed on first use and kept for every later reader. */
export function factBook(
  model: Pick<ApiModel, 'extensions'>,
  settings: AssessSettings,
): (endpoint: Endpoint) => EndpointFactSheet {
  const known = new WeakMap<Endpoint, EndpointFactSheet>();
  return (endpoint) => {
    let facts = known.get(endpoint);
    if (!facts) {
      facts = endpointFacts(endpoint, model, settings);
      known.set(endpoint, facts);
    }
    return facts;
  };
}
