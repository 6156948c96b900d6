// Policies × endpoints → violations. Pure: reads the model, findings, changes and scores.

import picomatch from 'picomatch';
import { label } from '../assess/context.js';
import type { InheritedFacts } from '../assess/conventions.js';
import { anyOrigin, corsFacts } from '../assess/cors.js';
import { type EndpointFactSheet, endpointFacts } from '../assess/facts.js';
import { declaresHeader, successResponses } from '../assess/headers.js';
import type { AssessSettings } from '../assess/types.js';
import { serverKey } from '../assess/urls.js';
import { complianceTags } from '../compliance.js';
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
   * Its facts (authenticated, TLS, rate-limited, documented…) as the checks read them (src/assess/facts.ts);
   * computed here when absent.
   */
  is?: EndpointFactSheet;
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
  /**
   * Set when what it rests on decides: `existing` when only on facts an added endpoint inherits from the
   * base's conventions, `new` when it cites a new finding. Otherwise the engine compares with the base's
   * violations (src/engine.ts `violationKey`).
   */
  status?: Exclude<FindingStatus, 'fixed'>;
  /**
   * The endpoint fact it rests on (`requires no authentication`, `served over plain HTTP`), without what the
   * message adds (the server URL, the score, the rules cited): with the policy and the endpoint, what
   * matches it across versions (src/engine.ts `violationKey`), so a reworded message or a renamed path
   * never changes its status. Internal, never reported.
   */
  fact?: string;
}

interface Failure {
  reason: string;
  /** What the failure rests on, stable across versions (see `Violation.fact`). */
  fact: string;
  loc?: Loc;
  /** It rests only on facts the endpoint inherits from the base's conventions (see `EndpointFacts.inherited`). */
  inherited?: boolean;
  /** The findings it cites (`forbid`, a category control): it is new when one of them is. */
  findings?: Finding[];
  /**
   * The rules whose finding states the same fact (`documented` is `inventory-undocumented-operation`): on an
   * added endpoint whose such findings are all inherited debt, so is the violation.
   */
  restates?: readonly string[];
}

/** The checks stating the fact each control requires (src/report/entries.ts merges them in the comment). */
const AUTHENTICATION_RULES = ['auth-missing', 'auth-undefined-scheme', 'auth-anonymous-alternative'];
const TRANSPORT_RULES = ['transport-http-server'];
const RATE_LIMIT_RULES = ['rate-limit-missing'];
const CORS_RULES = ['cors-wildcard-origin', 'cors-wildcard-with-credentials'];
const DOCUMENTED_RULES = ['inventory-undocumented-operation'];
const SUNSET_RULES = ['inventory-deprecated-without-sunset'];

export function evaluatePolicies(
  policies: Policy[],
  model: ApiModel,
  settings: AssessSettings,
  endpoints: EndpointFacts[],
): Violation[] {
  const out: Violation[] = [];
  for (const policy of policies) {
    if (policy.enabled === false) continue;
    for (const given of endpoints) {
      if (!inScope(policy, given)) continue;
      const facts: Known = { ...given, is: given.is ?? endpointFacts(given.endpoint, model, settings) };
      for (const failure of failures(policy, facts, model, settings)) {
        const restated = failure.restates
          ? facts.findings.filter((f) => failure.restates!.includes(f.ruleId))
          : [];
        const status =
          failure.inherited || restsOnExisting(facts, restated)
            ? ('existing' as const)
            : failure.findings?.some((f) => f.status === 'new')
              ? ('new' as const)
              : undefined;
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
          ...(status ? { status } : {}),
          fact: failure.fact,
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

/** Policy facts with the endpoint's fact sheet filled in. */
type Known = EndpointFacts & { is: EndpointFactSheet };

function failures(policy: Policy, facts: Known, model: ApiModel, settings: AssessSettings): Failure[] {
  const rule = policy.rule;
  const out: Failure[] = [];
  const { endpoint } = facts;
  if (rule.control && (rule.required === true || (rule.required === undefined && !rule.condition))) {
    const failure = controlFailure(rule.control, facts, model);
    if (failure) out.push(failure);
  }
  if (policy.condition && !evaluate(policy.condition, conditionFacts(facts, model))) {
    const origins = corsFacts(endpoint, model).origins;
    out.push({
      reason: `does not meet \`${rule.condition}\``,
      fact: `does not meet ${rule.condition}`,
      loc: origins[0]?.loc,
    });
  }
  if (rule.documented === true && !facts.is.documented)
    out.push({ reason: 'has no summary or description', fact: 'undocumented', restates: DOCUMENTED_RULES });
  if (
    rule.header_present &&
    !successResponses(endpoint).some((r) => declaresHeader(r, rule.header_present!))
  ) {
    if (!settings.gatewayHeaders.includes(rule.header_present.toLowerCase())) {
      out.push({
        reason: `does not declare the \`${rule.header_present}\` response header`,
        fact: `no ${rule.header_present.toLowerCase()} response header`,
        ...(rule.header_present.toLowerCase() === 'sunset' ? { restates: SUNSET_RULES } : {}),
      });
    }
  }
  if (rule.max_score !== undefined && facts.score > rule.max_score) {
    out.push({
      reason: `has risk score ${facts.score}, above the allowed ${rule.max_score}`,
      // The score moves with every finding; the fact is being above the limit.
      fact: `risk score above ${rule.max_score}`,
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
        fact: 'has forbidden findings',
        loc: hits[0]!.loc,
        findings: hits,
        ...(restsOnExisting(facts, hits) ? { inherited: true } : {}),
      });
    }
  }
  if (rule.no_breaking_changes === true) {
    const breaking = facts.changes.filter((c) => c.breaking);
    if (breaking.length > 0)
      out.push({
        reason: `has ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'}: ${breaking[0]!.message}`,
        fact: 'has breaking changes',
        loc: breaking[0]!.location,
      });
  }
  return out;
}

function findingsIn(facts: EndpointFacts, category: Category): Finding[] {
  return facts.findings.filter((f) => f.category === category);
}

function controlFailure(control: Control, facts: Known, model: ApiModel): Failure | undefined {
  const { endpoint, is } = facts;
  switch (control) {
    case 'authentication':
      // What `auth-missing` rates low as public by design (`security: []` on a health check, a preflight).
      return is.authenticated || is.publicByDesign
        ? undefined
        : {
            reason: 'does not require authentication',
            fact: 'requires no authentication',
            restates: AUTHENTICATION_RULES,
            loc: endpoint.security.loc,
            ...(facts.inherited?.authentication ? { inherited: true } : {}),
          };
    case 'transport_encryption':
    case 'transport': {
      const server = is.plainHttpServers[0];
      // The fact is "reachable over plain HTTP", whichever URL: an endpoint the base already served over
      // plain HTTP is not newly so because the PR re-templated or added a plain-HTTP host (the new server
      // itself is the `transport-http-server` finding). On an added endpoint: a server the base already
      // served, or the base's convention of plain HTTP on most endpoints.
      return server
        ? {
            reason: `is served over plain HTTP (${server.url})`,
            loc: server.loc,
            fact: 'served over plain HTTP',
            restates: TRANSPORT_RULES,
            ...(facts.inherited?.plainHttpServers.has(serverKey(server)) || facts.inherited?.plainHttp
              ? { inherited: true }
              : {}),
          }
        : undefined;
    }
    case 'rate_limiting':
    case 'rate-limiting':
      return is.rateLimited
        ? undefined
        : {
            reason: 'declares no rate limit (no 429 response or rate-limit headers)',
            fact: 'declares no rate limit',
            restates: RATE_LIMIT_RULES,
            ...(facts.inherited?.rateLimiting ? { inherited: true } : {}),
          };
    case 'cors_policy':
    case 'cors': {
      const wildcard = anyOrigin(corsFacts(endpoint, model));
      if (!wildcard) return undefined;
      const reason = wildcard.reflected
        ? "allows any CORS origin (it sends each request's `Origin` back)"
        : 'allows any CORS origin (`*`)';
      // `*` or an echoed origin: the same fact, any origin allowed.
      return { reason, fact: 'allows any CORS origin', loc: wildcard.loc, restates: CORS_RULES };
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
    fact: `has ${category} findings`,
    loc: found[0]!.loc,
    findings: found,
    ...(restsOnExisting(facts, found) ? { inherited: true } : {}),
  };
}

/**
 * On an added endpoint, a violation citing only `existing` findings (debt inherited from the base's
 * conventions, src/assess/conventions.ts) is existing too. Only there: on any other endpoint the base's own
 * violations decide (src/engine.ts `violationKey`), and a cited new finding makes it new.
 */
function restsOnExisting(facts: EndpointFacts, findings: Finding[]): boolean {
  return (
    facts.inherited !== undefined && findings.length > 0 && findings.every((f) => f.status === 'existing')
  );
}

function conditionFacts(facts: Known, model: ApiModel): Facts {
  const { endpoint, is } = facts;
  const cors = corsFacts(endpoint, model);
  return {
    origin: cors.origins.map((o) => (o.reflected ? '*' : o.value.trim())), // an echoed origin allows any
    credentials: cors.credentials !== undefined,
    score: facts.score,
    classification: endpoint.classification,
    method: endpoint.method.toUpperCase(),
    path: endpoint.path,
    authenticated: is.authenticated,
    tls: is.tls,
    rate_limited: is.rateLimited,
    documented: is.documented,
    deprecated: endpoint.deprecated,
    breaking_changes: facts.changes.filter((c) => c.breaking).length,
    change: facts.change,
    compliance: { tags: complianceTags(endpoint.dataTypes) },
  };
}
