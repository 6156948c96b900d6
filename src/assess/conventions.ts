// Document conventions: when a finding on an endpoint the PR ADDED is the base's debt, not the PR's own.
//
// Definition. A condition is a convention of the document when the base has it document-wide, and the head
// still does (the PR did not itself start departing from it):
// - no rate limits: at least CONVENTION_SHARE (80 %) of the endpoints declare no rate limit, in both versions;
// - no security: nothing declares security at all, in both versions: no scheme, no root `security`, no
//   operation `security` (strict on purpose: one declared scheme makes an unauthenticated endpoint a choice);
// - plain HTTP (read by the policies): at least CONVENTION_SHARE of the endpoints are served over a
//   plain-HTTP server, in both versions;
// - a shared place: the finding sits in a component the base's endpoints already use (same `$ref` target,
//   same file and pointer) and the base already reports the same rule there with the same message (endpoint
//   name aside: a finding listing the endpoint's own inputs too is not only about the shared one);
// - a shared parameter or habit: the same rule with the same message (endpoint name aside) on at least
//   CONVENTION_SHARE of the base's endpoints (a shared `oauth_token` query parameter on every operation);
// - a shared input field (FIELD_HABIT_RULES): the same rule with the same message, so the same field taken
//   the same way, on at least CONVENTION_MIN_ENDPOINTS base endpoints however large the document (Twilio's
//   unrestricted `StatusCallback` URL on 14 operations: an added operation taking one more is that debt).
// - a URL input the base takes unrestricted (src/assess/url-inputs.ts): a notification URL in a document that
//   takes them unrestricted on CONVENTION_MIN_ENDPOINTS endpoints, or the same input (name and description, or
//   name and object shape) as a base endpoint's, new to an added or modified endpoint;
// - an open write body (`input-mass-assignment`, src/assess/open-bodies.ts): the same body (component or
//   properties) the base takes open on a write, or a new one in a document that closes no object anywhere,
//   unless it takes a privileged field the base's writes do not (or, new, a server-owned one);
// - a per-endpoint document fact (`DocumentCheck.perEndpoint`, an API key in the query): the base's finding
//   lists at least CONVENTION_SHARE of the base's endpoints (src/assess/index.ts `splitByEndpoint`).
// A habit of fewer than CONVENTION_MIN_ENDPOINTS (5) base endpoints is no convention (the one-endpoint seed
// example's missing rate limit is not one); the shared place needs none, being the same component.
// Two facts of the base make a weak authentication option existing wherever it is (not only on added endpoints):
// - first schemes: the base declared no security at all and the head declares schemes: a weak one among them
//   (`auth-http-basic`, `auth-apikey-in-query`) documents how the API already authenticated; no endpoint's
//   declared authentication got weaker (it had none);
// - already anonymous: an endpoint whose base version let callers in without credentials (no requirement, or
//   an empty `{}` one) keeps that when the PR adds a real scheme beside `{}` (`auth-anonymous-alternative`).
// A finding on an added endpoint that follows a convention is `existing`; anything else stays `new`: an
// endpoint without a rate limit where most declare one, an unauthenticated endpoint in a document that
// declares security, and every finding on a modified endpoint (removing its auth is the PR's change).
import { posix } from 'node:path';
import type { EndpointDiff } from '../diff/types.js';
import type { Finding } from '../findings.js';
import type { ApiModel, Endpoint, Loc } from '../model.js';
import { label } from './context.js';
import { type EndpointFactSheet, factBook } from './facts.js';
import { knownOpenBodies } from './open-bodies.js';
import { someOperationSchema } from './operation-schemas.js';
import { CHECKS } from './registry.js';
import type { AssessSettings } from './types.js';
import { knownUrlInputs, partFindings } from './url-inputs.js';
import { serverKey } from './urls.js';

/** "Most" endpoints: the share of the base (and head) that must share a condition for it to be a convention. */
export const CONVENTION_SHARE = 0.8;
/** Fewer base endpoints than this make no document-wide habit. */
export const CONVENTION_MIN_ENDPOINTS = 5;

/** What an added endpoint inherits from the base's conventions, read by the policies (src/policy/evaluate.ts). */
export interface InheritedFacts {
  /** Why its missing authentication is the document's convention; undefined when it is not. */
  authentication?: string;
  /** Why its missing rate limit is the document's convention; undefined when it is not. */
  rateLimiting?: string;
  /** Plain-HTTP servers the base already served, by `serverKey`: serving an added endpoint there is not new. */
  plainHttpServers: ReadonlySet<string>;
  /** Why being served over plain HTTP at all is the document's convention; undefined when it is not. */
  plainHttp?: string;
}

export interface Conventions {
  /** Why a head finding is inherited debt (appended to its message), or undefined when it is the PR's own. */
  inherited(finding: Finding): string | undefined;
  /** The inherited facts of an added endpoint, by id; undefined for any other endpoint. */
  forEndpoint(id: string): InheritedFacts | undefined;
  /** Whether a fact the base holds on `count` of its endpoints is a habit of the whole document. */
  widespread(count: number): boolean;
  /** The head's id of a base endpoint (another one when the diff matched a renamed path). */
  headId(baseId: string): string;
  /**
   * Whether a head schema's place (file named as in the base, pointer) holds a schema in the base too:
   * a property added there is the PR's own, however like an old one it looks.
   */
  knownPlace(loc: Loc): boolean;
}

const NONE: Conventions = {
  inherited: () => undefined,
  forEndpoint: () => undefined,
  widespread: () => false,
  headId: (id) => id,
  // Without both versions every place is known: nothing is read as moved.
  knownPlace: () => true,
};

/** Findings of these rules inherit only through their own convention above, never through the generic ones. */
const OWN_CONVENTION = new Set(['auth-missing', 'rate-limit-missing']);
/** Rules whose endpoint finding names one input field, whose message is that field's (see above). */
const FIELD_HABIT_RULES = new Set(['input-ssrf-url']);
/** Rules whose findings are an endpoint's: endpoint checks, and the per-endpoint parts of a field's finding. */
const ENDPOINT_RULES = new Set([
  ...CHECKS.filter((c) => c.scope === 'endpoint').map((c) => c.id),
  ...FIELD_HABIT_RULES,
]);

export function documentConventions(
  base: ApiModel | undefined,
  head: ApiModel | undefined,
  changes: readonly EndpointDiff[],
  reported: readonly Finding[],
  settings: AssessSettings,
): Conventions {
  if (!base || !head) return NONE;
  // A finding about one input field several endpoints take (input-ssrf-url) is read as each endpoint's.
  const baseFindings = reported.some((f) => f.parts)
    ? reported.flatMap((f) => (f.parts ? partFindings(f) : [f]))
    : reported;
  const renamed = new Map<string, string>();
  for (const e of changes) if (e.base && e.head && e.base.id !== e.head.id) renamed.set(e.base.id, e.head.id);
  const headId = (id: string) => renamed.get(id) ?? id;
  const file = sameFileIn(base, head);
  // Every schema the base reaches, walked when a moved property is first asked about (most PRs move none).
  let basePlaces: Set<string> | undefined;
  const knownPlace = (loc: Loc) => {
    basePlaces ??= schemaPlaces(base, file);
    return basePlaces.has(`${file(loc.file)}#${loc.pointer}`);
  };
  // A URL input the base already takes unrestricted, added to an added or modified endpoint.
  const knownUrlInput = knownUrlInputs(
    base,
    changes,
    baseFindings,
    CONVENTION_MIN_ENDPOINTS,
    CONVENTION_SHARE,
  );
  const weakOption = weakOptionDebt(base, head, changes);
  // An open write body the base already takes, or open bodies as the document's way (src/assess/open-bodies.ts).
  const knownOpenBody = knownOpenBodies(
    base,
    head,
    changes,
    file,
    CONVENTION_MIN_ENDPOINTS,
    CONVENTION_SHARE,
  );
  const documentDebt = (finding: Finding) =>
    knownUrlInput(finding) ?? weakOption(finding) ?? knownOpenBody(finding);
  const none: Conventions = { ...NONE, headId, knownPlace, inherited: documentDebt };
  const factsOf = new Map([base, head].map((model) => [model, factBook(model, settings)]));
  // Endpoints a client calls: CORS preflights are answered by the gateway and carry no controls.
  const callable = (model: ApiModel) => model.endpoints.filter((e) => !factsOf.get(model)!(e).preflight);
  const baseEndpoints = callable(base);
  if (baseEndpoints.length === 0) return none;
  const added = new Map<string, Endpoint>();
  for (const e of changes) if (e.change === 'added' && e.head) added.set(e.head.id, e.head);
  if (added.size === 0) return none;

  const holds = (model: ApiModel, fact: (facts: EndpointFactSheet) => boolean) =>
    share(callable(model), (e) => fact(factsOf.get(model)!(e)));
  // With the gateway enforcing rate limits every endpoint is rate-limited: no convention to inherit.
  const withoutRateLimit = (model: ApiModel) => holds(model, (f) => !f.rateLimited);
  const habits = baseEndpoints.length >= CONVENTION_MIN_ENDPOINTS;
  const rateLimiting =
    habits && withoutRateLimit(base) >= CONVENTION_SHARE && withoutRateLimit(head) >= CONVENTION_SHARE
      ? `follows the base document's convention: ${percent(withoutRateLimit(base))} of its endpoints declare no rate limit`
      : undefined;
  const authentication =
    habits && declaresNoSecurity(base) && declaresNoSecurity(head)
      ? "follows the base document's convention: it declares no security anywhere (no scheme, no `security`)"
      : undefined;
  const plainHttpServers = new Set(
    base.endpoints.flatMap((e) => factsOf.get(base)!(e).plainHttpServers).map(serverKey),
  );
  const overPlainHttp = (model: ApiModel) => holds(model, (f) => !f.tls);
  const plainHttp =
    habits && overPlainHttp(base) >= CONVENTION_SHARE && overPlainHttp(head) >= CONVENTION_SHARE
      ? `follows the base document's convention: ${percent(overPlainHttp(base))} of its endpoints are served over plain HTTP`
      : undefined;
  const inheritedFacts: InheritedFacts = {
    ...(authentication ? { authentication } : {}),
    ...(rateLimiting ? { rateLimiting } : {}),
    plainHttpServers,
    ...(plainHttp ? { plainHttp } : {}),
  };

  // The base's endpoint findings by place (a shared component) and by message with the endpoint's name taken out.
  const baseById = new Map(base.endpoints.map((e) => [e.id, e]));
  const methodOf = new Map(baseEndpoints.map((e) => [e.id, e.method]));
  const perMethod = new Map<string, number>();
  for (const e of baseEndpoints) perMethod.set(e.method, (perMethod.get(e.method) ?? 0) + 1);
  const sharingByMethod = new Map<string, number>();
  /** How many base endpoints of `method` share `habit`, counted once per pair. */
  const sharingOf = (habit: string, method: string) => {
    const key = `${method}\n${habit}`;
    let count = sharingByMethod.get(key);
    if (count === undefined) {
      count = [...(byHabit.get(habit) ?? [])].filter((id) => methodOf.get(id) === method).length;
      sharingByMethod.set(key, count);
    }
    return count;
  };
  const atPlace = new Set<string>();
  const byHabit = new Map<string, Set<string>>();
  for (const f of baseFindings) {
    const endpoint = f.endpoint === undefined ? undefined : baseById.get(f.endpoint);
    if (!endpoint || !ENDPOINT_RULES.has(f.ruleId)) continue;
    const habit = habitKey(f, endpoint);
    if (!inside(f, endpoint)) atPlace.add(placeKey(f, habit, file));
    const ids = byHabit.get(habit) ?? new Set<string>();
    ids.add(endpoint.id);
    byHabit.set(habit, ids);
  }

  return {
    headId,
    knownPlace,
    widespread: (count) => habits && count / baseEndpoints.length >= CONVENTION_SHARE,
    forEndpoint: (id) => (added.has(id) ? inheritedFacts : undefined),
    inherited(finding) {
      const debt = documentDebt(finding);
      if (debt !== undefined) return debt;
      const endpoint = finding.endpoint === undefined ? undefined : added.get(finding.endpoint);
      if (!endpoint || !ENDPOINT_RULES.has(finding.ruleId)) return undefined;
      if (finding.ruleId === 'rate-limit-missing') return rateLimiting;
      if (finding.ruleId === 'auth-missing') return authentication;
      if (OWN_CONVENTION.has(finding.ruleId)) return undefined;
      const habit = habitKey(finding, endpoint);
      if (!inside(finding, endpoint) && atPlace.has(placeKey(finding, habit, file)))
        return `follows the base document's convention: the shared \`${finding.loc.pointer}\` has it on base endpoints too`;
      const sharing = byHabit.get(habit)?.size ?? 0;
      if (habits && sharing / baseEndpoints.length >= CONVENTION_SHARE)
        return `follows the base document's convention: ${sharing} of its ${baseEndpoints.length} endpoints have the same finding`;
      // A habit of one method (Slack's reads take `token` in the query, its writes in the body).
      const ofMethod = perMethod.get(endpoint.method) ?? 0;
      const sharingMethod = ofMethod >= CONVENTION_MIN_ENDPOINTS ? sharingOf(habit, endpoint.method) : 0;
      if (ofMethod >= CONVENTION_MIN_ENDPOINTS && sharingMethod / ofMethod >= CONVENTION_SHARE)
        return `follows the base document's convention: ${sharingMethod} of its ${ofMethod} ${endpoint.method.toUpperCase()} endpoints have the same finding`;
      if (FIELD_HABIT_RULES.has(finding.ruleId) && sharing >= CONVENTION_MIN_ENDPOINTS)
        return `follows the base document's convention: ${sharing} of its endpoints take the same input the same way`;
      return undefined;
    },
  };
}

/** The places of every schema the model's operations reach (parameters, bodies, responses), at any depth. */
function schemaPlaces(model: ApiModel, file: (path: string) => string): Set<string> {
  const places = new Set<string>();
  someOperationSchema(model, (schema) => {
    places.add(`${file(schema.loc.file)}#${schema.loc.pointer}`);
    return false; // every schema
  });
  return places;
}

/** Rules on a weak scheme the document declares: existing when the base declared no security at all. */
const SCHEME_RULES = new Set(['auth-http-basic', 'auth-apikey-in-query']);

/** Why a weak authentication option in the head is the base's (see the header), or undefined. */
function weakOptionDebt(
  base: ApiModel,
  head: ApiModel,
  changes: readonly EndpointDiff[],
): (finding: Finding) => string | undefined {
  const firstSchemes = declaresNoSecurity(base) && !declaresNoSecurity(head);
  const anonymousInBase = new Set<string>();
  for (const e of changes) {
    const requirements = e.base?.security.requirements;
    if (e.head && requirements && (requirements.length === 0 || requirements.some((r) => r.length === 0)))
      anonymousInBase.add(e.head.id);
  }
  return (finding) => {
    if (firstSchemes && SCHEME_RULES.has(finding.ruleId))
      return 'documents authentication the base did not declare: the base document declared no security at all';
    if (
      finding.ruleId === 'auth-anonymous-alternative' &&
      finding.endpoint !== undefined &&
      anonymousInBase.has(finding.endpoint)
    )
      return 'the base version already let callers in without credentials';
    return undefined;
  };
}

function share(endpoints: Endpoint[], holds: (e: Endpoint) => boolean): number {
  return endpoints.length === 0 ? 0 : endpoints.filter(holds).length / endpoints.length;
}

function percent(fraction: number): string {
  return `${Math.floor(fraction * 100)} %`;
}

/** No scheme defined, no `security` at the root or on any operation (an effective `security` has a place). */
function declaresNoSecurity(model: ApiModel): boolean {
  return (
    Object.keys(model.securitySchemes).length === 0 &&
    model.endpoints.every((e) => e.security.loc === undefined && e.security.requirements.length === 0)
  );
}

/** The finding sits in the endpoint's own operation, not in something it shares. */
function inside(finding: Finding, endpoint: Endpoint): boolean {
  const { loc } = finding;
  return (
    loc.file === endpoint.loc.file &&
    (loc.pointer === endpoint.loc.pointer || loc.pointer.startsWith(`${endpoint.loc.pointer}/`))
  );
}

function placeKey(finding: Finding, habit: string, file: (path: string) => string): string {
  return `${file(finding.loc.file)}#${finding.loc.pointer}\n${habit}`;
}

/**
 * A file named the same in either version (`v1/api.yaml` and `v2/api.yaml` are both the root; their
 * `schemas.yaml` the same file): relative to its version's root folder, the root itself as ''. A base
 * finding may be located in either version's files (one shared with the head is the head's own object).
 */
function sameFileIn(base: ApiModel, head: ApiModel): (path: string) => string {
  const roots = [head.file, base.file];
  const dirs = roots.map((root) => posix.dirname(root)).filter((dir) => dir !== '.');
  return (path) => {
    if (roots.includes(path)) return '';
    const dir = dirs.find((d) => path.startsWith(`${d}/`));
    return dir ? path.slice(dir.length + 1) : path;
  };
}

function habitKey(finding: Finding, endpoint: Endpoint): string {
  return `${finding.ruleId}\n${finding.severity}\n${finding.message.replaceAll(label(endpoint), '\u0000')}`;
}
