// Security requirement and scheme changes of one endpoint, judged as weakened or strengthened.
import type {
  ApiModel,
  EffectiveSecurity,
  Endpoint,
  Loc,
  SecurityRequirement,
  SecurityScheme,
} from '../model.js';
import type { Change } from './types.js';

export function describeRequirement(requirement: SecurityRequirement): string {
  if (requirement.length === 0) return 'anonymous access';
  return requirement
    .map((entry) => `${entry.name}${entry.scopes.length > 0 ? ` (${entry.scopes.join(', ')})` : ''}`)
    .join(' + ');
}

const names = (requirement: SecurityRequirement) => requirement.map((e) => e.name).join('+');

export function securityChanges(
  base: Endpoint,
  head: Endpoint,
  baseModel: ApiModel,
  headModel: ApiModel,
): Change[] {
  const out: Change[] = [];
  const b = base.security;
  const h = head.security;
  const location = h.loc ?? head.loc;
  const documentLevel = isRootSecurity(h, headModel) && isRootSecurity(b, baseModel);
  const push = (kind: Change['kind'], message: string, breaking: boolean) =>
    out.push({
      kind,
      message,
      pointer: location.pointer,
      breaking,
      location,
      ...(documentLevel ? { documentLevel: true } : {}),
    });

  // `security: [{}]` (anonymous only) protects no more than `security: []`.
  const bNone = b.requirements.every((r) => r.length === 0);
  const hNone = h.requirements.every((r) => r.length === 0);
  if (bNone && !hNone) {
    push(
      'security-added',
      `now requires ${h.requirements.map(describeRequirement).join(' or ')}`,
      !h.requirements.some((r) => r.length === 0),
    );
  } else if (!bNone && hNone) {
    push(
      'security-removed',
      `no longer requires authentication (was ${b.requirements.map(describeRequirement).join(' or ')})`,
      false,
    );
  } else if (!bNone && !hNone) {
    const baseByNames = new Map(b.requirements.map((r) => [names(r), r]));
    const headByNames = new Map(h.requirements.map((r) => [names(r), r]));
    const weakestBase = Math.min(...b.requirements.map(requirementStrength));
    for (const [key, requirement] of headByNames) {
      const before = baseByNames.get(key);
      if (!before) {
        // A new way in weakens the endpoint only if it is easier than every way in it already had:
        // adding OAuth2 next to Basic, or a second factor to a key, does not.
        const harder =
          b.requirements.some(
            (r) => r.length > 0 && r.every((e) => requirement.some((x) => x.name === e.name)),
          ) || requirementStrength(requirement) >= weakestBase;
        push(
          harder ? 'security-alternative-added' : 'security-weakened',
          `now also accepts ${describeRequirement(requirement)}`,
          false,
        );
        continue;
      }
      const lost = scopesOf(before).filter((s) => !scopesOf(requirement).includes(s));
      const gained = scopesOf(requirement).filter((s) => !scopesOf(before).includes(s));
      if (lost.length > 0)
        push('security-weakened', `${key} no longer requires scopes ${lost.join(', ')}`, false);
      if (gained.length > 0)
        push('security-strengthened', `${key} now requires scopes ${gained.join(', ')}`, true);
    }
    for (const [key, requirement] of baseByNames) {
      if (!headByNames.has(key)) {
        push('security-strengthened', `no longer accepts ${describeRequirement(requirement)}`, true);
      }
    }
  }
  out.push(...schemeChanges(head, baseModel));
  return out;
}

function scopesOf(requirement: SecurityRequirement): string[] {
  return requirement.flatMap((e) => e.scopes.map((s) => `${e.name}:${s}`));
}

function isRootSecurity(security: EffectiveSecurity, model: ApiModel): boolean {
  return (
    security.loc === undefined || (security.loc.file === model.file && security.loc.pointer === '/security')
  );
}

/** All schemes of a requirement are needed together, so it is as strong as its strongest; `{}` is 0. */
function requirementStrength(requirement: SecurityRequirement): number {
  return Math.max(0, ...requirement.map((e) => strength(e.scheme)));
}

/** How much a scheme protects, roughly: used only to say whether a change weakened it. */
function strength(scheme: SecurityScheme | undefined): number {
  if (!scheme) return 0;
  if (scheme.type === 'http') return scheme.scheme === 'basic' ? 1 : 3;
  if (scheme.type === 'apiKey') return scheme.in === 'query' ? 1 : 2;
  if (scheme.type === 'oauth2')
    return scheme.flows.some((f) => f.type === 'implicit' || f.type === 'password') ? 3 : 4;
  if (scheme.type === 'openIdConnect' || scheme.type === 'mutualTLS') return 4;
  return 0;
}

function signature(scheme: SecurityScheme): string {
  return JSON.stringify([
    scheme.type,
    scheme.in,
    scheme.paramName,
    scheme.scheme,
    scheme.openIdConnectUrl,
    scheme.flows.map((f) => [f.type, f.authorizationUrl, f.tokenUrl]),
  ]);
}

function describeScheme(scheme: SecurityScheme): string {
  if (scheme.type === 'apiKey') return `API key in ${scheme.in ?? '?'} "${scheme.paramName ?? ''}"`;
  if (scheme.type === 'http') return `HTTP ${scheme.scheme ?? '?'}`;
  if (scheme.type === 'oauth2') return `OAuth2 (${scheme.flows.map((f) => f.type).join(', ') || 'no flows'})`;
  return scheme.type;
}

/** A scheme this endpoint uses whose definition changed (reported on every endpoint using it). */
function schemeChanges(head: Endpoint, baseModel: ApiModel): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const entry of head.security.requirements.flat()) {
    if (!entry.scheme || seen.has(entry.name)) continue;
    seen.add(entry.name);
    const before = Object.hasOwn(baseModel.securitySchemes, entry.name)
      ? baseModel.securitySchemes[entry.name]
      : undefined;
    if (!before || signature(before) === signature(entry.scheme)) continue;
    const weaker = strength(entry.scheme) < strength(before);
    const location: Loc = entry.scheme.loc;
    out.push({
      kind: weaker ? 'security-weakened' : 'security-scheme-changed',
      message: `security scheme \`${entry.name}\` changed from ${describeScheme(before)} to ${describeScheme(entry.scheme)}${weaker ? ' (weaker)' : ''}`,
      pointer: location.pointer,
      breaking: true,
      location,
      documentLevel: true,
    });
  }
  return out;
}
