// Policies × endpoints → violations. Pure: reads the model, findings, changes and scores.
import picomatch from 'picomatch';
import { declaresRateLimit, label, publicByDesign, requiresAuthentication } from '../assess/context.js';
import type { InheritedFacts } from '../assess/conventions.js';
import { anyOrigin, corsFacts } from '../assess/cors.js';
import { declaresHeader, successResponses } from '../assess/headers.js';
import type { AssessSettings } from '../assess/types.js';
import { isLoopback, isPlainHttp } from '../assess/urls.js';
import type { Change, EndpointChange } from '../diff/types.js';
import type { Category, Finding, FindingStatus, Severity } from '../findings.js';
import type { ApiModel, Endpoint, Loc } from '../model.js';
import { evaluate, type Facts } from './condition.js';
import type { Policy } from './load.js';
import type { Control } from './schema.js';

export interface EndpointFacts {
  endpoint: Endpoint;
  change: Exclude<EndpointChange, 'removed'>;
  changes: Change[];
  /** Unsuppressed findings on the endpoint, its own and document-level ones. */
  findings: Finding[];
  score: number;
  /**
   * An endpoint the PR added: what it inherits from the base document's conventions. A violation resting only
   * on those facts (or only on existing findings) is `existing`: the PR did not introduce it.
   */
  inherited?: InheritedFacts;
}

export interface Violation {
  policy: string;
  /** The policy file, for "where does this rule come from". */
  policyFile: string;
  endpoint: string;
  severity: Severity;
  message: string;
  remediation: string;
  loc: Loc;
  status?: Exclude<FindingStatus, 'fixed'>;
  /**
   * The endpoint fact it rests on, when its message names more than that (the server URL): matched across
   * versions in place of the message (src/engine.ts `violationKey`). Internal, never reported.
   */
  fact?: string;
}

interface Failure {
  reason: string;
  loc?: Loc;
  fact?: string;
  /** It rests only on facts the endpoint inherits from the base's conventions (see `EndpointFacts.inherited`). */
  inherited?: boolean;
}

export function evaluatePolicies(
  policies: Policy[],
  model: ApiModel,
  settings: AssessSettings,
  endpoints: EndpointFacts[],
): Violation[] {
  const out: Violation[] = [];
  for (const policy of policies) {
    if (policy.enabled === false) continue;
    for (const facts of endpoints) {
      if (!inScope(policy, facts)) continue;
      for (const failure of failures(policy, facts, model, settings)) {
        out.push({
          policy: policy.name,
          policyFile: policy.file,
          endpoint: facts.endpoint.id,
          severity: policy.severity,
          message: `${label(facts.endpoint)} ${failure.reason} (policy \`${policy.name}\`${policy.description ? `: ${policy.description}` : ''})`,
          remediation:
            policy.remediation ??
            'Change the endpoint so the policy holds, or ask the policy owners for an exception.',
          loc: failure.loc ?? facts.endpoint.loc,
          ...(failure.inherited ? { status: 'existing' as const } : {}),
          ...(failure.fact ? { fact: failure.fact } : {}),
        });
      }
    }
  }
  return out;
}

function inScope(policy: Policy, { endpoint, change }: EndpointFacts): boolean {
  const scope = policy.scope;
  if (!scope) return true;
  if (scope.classification && !scope.classification.includes(endpoint.classification)) return false;
  if (scope.methods && !scope.methods.some((m) => m.toLowerCase() === endpoint.method)) return false;
  if (scope.paths && !scope.paths.some((glob) => picomatch.isMatch(endpoint.path, glob, { dot: true })))
    return false;
  if (scope.tags && !scope.tags.some((t) => endpoint.tags.includes(t))) return false;
  if (scope.changes && !scope.changes.includes(change)) return false;
  return true;
}

function failures(
  policy: Policy,
  facts: EndpointFacts,
  model: ApiModel,
  settings: AssessSettings,
): Failure[] {
  const rule = policy.rule;
  const out: Failure[] = [];
  const { endpoint } = facts;
  if (rule.control && (rule.required === true || (rule.required === undefined && !rule.condition))) {
    const failure = controlFailure(rule.control, facts, model, settings);
    if (failure) out.push(failure);
  }
  if (policy.condition && !evaluate(policy.condition, conditionFacts(facts, model, settings))) {
    const origins = corsFacts(endpoint, model).origins;
    out.push({ reason: `does not meet \`${rule.condition}\``, loc: origins[0]?.loc });
  }
  if (rule.documented === true && !isDocumented(endpoint))
    out.push({ reason: 'has no summary or description' });
  if (
    rule.header_present &&
    !successResponses(endpoint).some((r) => declaresHeader(r, rule.header_present!))
  ) {
    if (!settings.gatewayHeaders.includes(rule.header_present.toLowerCase())) {
      out.push({ reason: `does not declare the \`${rule.header_present}\` response header` });
    }
  }
  if (rule.max_score !== undefined && facts.score > rule.max_score) {
    out.push({
      reason: `has risk score ${facts.score}, above the allowed ${rule.max_score}`,
      ...(restsOnExisting(facts, facts.findings) ? { inherited: true } : {}),
    });
  }
  if (rule.forbid) {
    const hits = facts.findings.filter((f) =>
      rule.forbid!.some((x) => x === f.ruleId || x === f.category || x === f.severity),
    );
    if (hits.length > 0) {
      out.push({
        reason: `has forbidden findings: ${[...new Set(hits.map((f) => f.ruleId))].join(', ')}`,
        loc: hits[0]!.loc,
        ...(restsOnExisting(facts, hits) ? { inherited: true } : {}),
      });
    }
  }
  if (rule.no_breaking_changes === true) {
    const breaking = facts.changes.filter((c) => c.breaking);
    if (breaking.length > 0)
      out.push({
        reason: `has ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'}: ${breaking[0]!.message}`,
        loc: breaking[0]!.location,
      });
  }
  return out;
}

function isDocumented(endpoint: Endpoint): boolean {
  return Boolean(endpoint.summary?.trim() || endpoint.description?.trim());
}

function plainHttpServer(endpoint: Endpoint) {
  return endpoint.servers.find((s) => isPlainHttp(s.url) && !isLoopback(s.url));
}

function findingsIn(facts: EndpointFacts, category: Category): Finding[] {
  return facts.findings.filter((f) => f.category === category);
}

function controlFailure(
  control: Control,
  facts: EndpointFacts,
  model: ApiModel,
  settings: AssessSettings,
): Failure | undefined {
  const { endpoint } = facts;
  switch (control) {
    case 'authentication':
      // What `auth-missing` rates low as public by design (`security: []` on a health check, a preflight).
      return requiresAuthentication(endpoint) || publicByDesign(endpoint)
        ? undefined
        : {
            reason: 'does not require authentication',
            loc: endpoint.security.loc,
            ...(facts.inherited?.authentication ? { inherited: true } : {}),
          };
    case 'transport_encryption':
    case 'transport': {
      const server = plainHttpServer(endpoint);
      // The fact is "reachable over plain HTTP", whichever URL: an endpoint the base already served over
      // plain HTTP is not newly so because the PR re-templated or added a plain-HTTP host (the new server
      // itself is the `transport-http-server` finding). On an added endpoint: a server the base already
      // served, or the base's convention of plain HTTP on most endpoints.
      return server
        ? {
            reason: `is served over plain HTTP (${server.url})`,
            loc: server.loc,
            fact: 'served over plain HTTP',
            ...(facts.inherited?.plainHttpServers.has(server.url) || facts.inherited?.plainHttp
              ? { inherited: true }
              : {}),
          }
        : undefined;
    }
    case 'rate_limiting':
    case 'rate-limiting':
      return settings.gatewayControls.includes('rate-limiting') ||
        declaresRateLimit(endpoint, model.extensions)
        ? undefined
        : {
            reason: 'declares no rate limit (no 429 response or rate-limit headers)',
            ...(facts.inherited?.rateLimiting ? { inherited: true } : {}),
          };
    case 'cors_policy':
    case 'cors': {
      const wildcard = anyOrigin(corsFacts(endpoint, model));
      if (!wildcard) return undefined;
      const reason = wildcard.reflected
        ? "allows any CORS origin (it sends each request's `Origin` back)"
        : 'allows any CORS origin (`*`)';
      return { reason, loc: wildcard.loc };
    }
    case 'security_headers':
      return categoryFailure(facts, 'security-headers');
    case 'input_validation':
      return categoryFailure(facts, 'input-validation');
    default:
      return categoryFailure(facts, control);
  }
}

function categoryFailure(facts: EndpointFacts, category: Category): Failure | undefined {
  const found = findingsIn(facts, category);
  if (found.length === 0) return undefined;
  return {
    reason: `has ${category} findings: ${[...new Set(found.map((f) => f.ruleId))].join(', ')}`,
    loc: found[0]!.loc,
    ...(restsOnExisting(facts, found) ? { inherited: true } : {}),
  };
}

/**
 * On an added endpoint, a violation citing only `existing` findings (debt inherited from the base's
 * conventions, src/assess/conventions.ts) is existing too. Only there: on any other endpoint the base's own
 * violations decide (src/engine.ts `violationKey`).
 */
function restsOnExisting(facts: EndpointFacts, findings: Finding[]): boolean {
  return (
    facts.inherited !== undefined && findings.length > 0 && findings.every((f) => f.status === 'existing')
  );
}

function conditionFacts(facts: EndpointFacts, model: ApiModel, settings: AssessSettings): Facts {
  const { endpoint } = facts;
  const cors = corsFacts(endpoint, model);
  return {
    origin: cors.origins.map((o) => (o.reflected ? '*' : o.value.trim())), // an echoed origin allows any
    credentials: cors.credentials !== undefined,
    score: facts.score,
    classification: endpoint.classification,
    method: endpoint.method.toUpperCase(),
    path: endpoint.path,
    authenticated: requiresAuthentication(endpoint),
    tls: plainHttpServer(endpoint) === undefined,
    rate_limited:
      settings.gatewayControls.includes('rate-limiting') || declaresRateLimit(endpoint, model.extensions),
    documented: isDocumented(endpoint),
    deprecated: endpoint.deprecated,
    breaking_changes: facts.changes.filter((c) => c.breaking).length,
    change: facts.change,
  };
}
