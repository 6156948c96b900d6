// Security requirement and scheme changes of one endpoint, judged as weakened or strengthened.
import type {
  ApiModel,
  EffectiveSecurity,
  Endpoint,
  Loc,
  SecurityRequirement,
  SecurityScheme,
} from '../model.js';
import { maxOf, minOf, pushAll } from '../util/arrays.js';
import type { Change } from './types.js';

/** Names listed in one message: a global security of N schemes is described on every endpoint it covers. */
const NAMED = 10;

/** The first NAMED of `total` items joined, then how many more: a message stays short whatever the
 * document lists. `items` may hold only the first NAMED. */
function firstOf(items: string[], total: number, separator: string): string {
  const named = items.slice(0, NAMED).join(separator);
  return total > NAMED ? `${named}${separator}${total - NAMED} more` : named;
}

export function describeRequirement(requirement: SecurityRequirement): string {
  if (requirement.length === 0) return 'anonymous access';
  const entries = requirement
    .slice(0, NAMED)
    .map(
      (entry) =>
        `${entry.name}${entry.scopes.length > 0 ? ` (${firstOf(entry.scopes, entry.scopes.length, ', ')})` : ''}`,
    );
  return firstOf(entries, requirement.length, ' + ');
}

function describeAlternatives(requirements: SecurityRequirement[]): string {
  return firstOf(requirements.slice(0, NAMED).map(describeRequirement), requirements.length, ' or ');
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
      `now requires ${describeAlternatives(h.requirements)}`,
      !h.requirements.some((r) => r.length === 0),
    );
  } else if (!bNone && hNone) {
    push(
      'security-removed',
      `no longer requires authentication (was ${describeAlternatives(b.requirements)})`,
      false,
    );
  } else if (!bNone && !hNone) {
    const weakestBase = minOf(b.requirements.map(requirementStrength), Number.POSITIVE_INFINITY);
    const coversBaseSchemes = subsetFinder(
      b.requirements.filter((r) => r.length > 0).map((r) => r.map((e) => e.name)),
    );
    const added = (requirement: SecurityRequirement) => {
      // A new way in weakens the endpoint only if it is easier than every way in it already had:
      // adding OAuth2 next to Basic, or a second factor to a key, does not.
      const harder =
        coversBaseSchemes(new Set(requirement.map((x) => x.name))) ||
        requirementStrength(requirement) >= weakestBase;
      push(
        harder ? 'security-alternative-added' : 'security-weakened',
        `now also accepts ${describeRequirement(requirement)}`,
        false,
      );
    };
    const dropped = (requirement: SecurityRequirement) =>
      push('security-strengthened', `no longer accepts ${describeRequirement(requirement)}`, true);
    // Alternatives naming the same schemes are compared by their scopes when there is one on each side;
    // otherwise (several alternatives with the same schemes) as whole requirements.
    const baseGroups = groupBy(b.requirements, names);
    const headGroups = groupBy(h.requirements, names);
    for (const [key, heads] of headGroups) {
      const bases = baseGroups.get(key) ?? [];
      if (bases.length === 1 && heads.length === 1) {
        const [before, requirement] = [bases[0]!, heads[0]!];
        const beforeScopes = new Set(scopesOf(before));
        const afterScopes = new Set(scopesOf(requirement));
        const lost = scopesOf(before).filter((x) => !afterScopes.has(x));
        const gained = scopesOf(requirement).filter((x) => !beforeScopes.has(x));
        const label = firstOf(
          requirement.slice(0, NAMED).map((e) => e.name),
          requirement.length,
          '+',
        );
        if (lost.length > 0)
          push(
            'security-weakened',
            `${label} no longer requires scopes ${firstOf(lost, lost.length, ', ')}`,
            false,
          );
        if (gained.length > 0)
          push(
            'security-strengthened',
            `${label} now requires scopes ${firstOf(gained, gained.length, ', ')}`,
            true,
          );
        continue;
      }
      const baseSignatures = new Set(bases.map(requirementSignature));
      const headSignatures = new Set(heads.map(requirementSignature));
      const asksAtLeast = subsetFinder(bases.map(scopesOf));
      for (const requirement of heads) {
        if (baseSignatures.has(requirementSignature(requirement))) continue;
        // Same schemes, other scopes: a token with fewer scopes now gets in, unless it asks at least as much.
        const demanding = asksAtLeast(new Set(scopesOf(requirement)));
        if (bases.length === 0) added(requirement);
        else
          push(
            demanding ? 'security-alternative-added' : 'security-weakened',
            `now also accepts ${describeRequirement(requirement)}`,
            false,
          );
      }
      for (const requirement of bases)
        if (!headSignatures.has(requirementSignature(requirement))) dropped(requirement);
    }
    for (const [key, bases] of baseGroups)
      if (!headGroups.has(key)) for (const requirement of bases) dropped(requirement);
  }
  pushAll(out, schemeChanges(head, baseModel));
  return out;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function requirementSignature(requirement: SecurityRequirement): string {
  return requirement.map((e) => `${e.name}(${[...e.scopes].sort().join(',')})`).join('+');
}

/**
 * Whether one of `sets` is a subset of the set asked about. Each set is filed under its rarest member, so
 * a question looks only at the sets filed under its own members: hundreds of thousands of alternatives in
 * a hostile document are not compared pairwise.
 */
function subsetFinder(sets: string[][]): (of: Set<string>) => boolean {
  if (sets.some((set) => set.length === 0)) return () => true; // the empty set is in every set
  const frequency = new Map<string, number>();
  for (const set of sets) for (const x of new Set(set)) frequency.set(x, (frequency.get(x) ?? 0) + 1);
  const filed = new Map<string, string[][]>();
  for (const set of sets) {
    let rarest = set[0]!;
    for (const x of set) if (frequency.get(x)! < frequency.get(rarest)!) rarest = x;
    const list = filed.get(rarest);
    if (list) list.push(set);
    else filed.set(rarest, [set]);
  }
  return (of) => {
    for (const x of of) for (const set of filed.get(x) ?? []) if (set.every((y) => of.has(y))) return true;
    return false;
  };
}

function scopesOf(requirement: SecurityRequirement): string[] {
  return requirement.flatMap((e) => e.scopes.map((s) => `${e.name}:${s}`));
}

export function isRootSecurity(security: EffectiveSecurity, model: ApiModel): boolean {
  return (
    security.loc === undefined || (security.loc.file === model.file && security.loc.pointer === '/security')
  );
}

/** All schemes of a requirement are needed together, so it is as strong as its strongest; `{}` is 0. */
function requirementStrength(requirement: SecurityRequirement): number {
  return maxOf(
    requirement.map((e) => strength(e.scheme)),
    0,
  );
}

/** How much a scheme protects, roughly: used only to say whether a change weakened it. */
function strength(scheme: SecurityScheme | undefined): number {
  if (!scheme) return 0;
  if (scheme.type === 'http') return scheme.scheme === 'basic' ? 1 : 3;
  // A key in the query string is weaker than Basic: URLs are written to logs, proxies and history. So a
  // query key added beside Basic (and OAuth) is a weaker way in, not an equally weak one.
  if (scheme.type === 'apiKey') return scheme.in === 'query' ? 0.5 : 2;
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
