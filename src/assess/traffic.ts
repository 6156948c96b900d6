// Observed traffic against one version of a document: which requests it describes, which it does not
// (shadow endpoints), which reach deprecated or removed operations (zombies), and which operations nobody
// called (unused). Pure: the routes were read and templated by src/load/traffic.ts.
import type { ObservedRoute, ObservedTraffic } from '../load/traffic.js';
import type { ApiModel, Endpoint, HttpMethod } from '../model.js';
import { endpointId } from '../normalize/index.js';
import { templates } from '../util/braces.js';

export interface ShadowEndpoint {
  method: HttpMethod;
  /** Templated: id-like segments are `{id}`. */
  path: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** Response status → count, as strings for JSON (`{"200": 3}`). */
  statuses: Record<string, number>;
  /** Where the traffic first shows it. */
  file: string;
  line: number;
  /** Its risk score as an undescribed `shadow` endpoint (set by the engine, src/engine.ts). */
  score?: number;
}

export interface ZombieEndpoint {
  method: HttpMethod;
  /** The documented path of the operation called. */
  path: string;
  count: number;
  /** `deprecated` in this version, or `removed` by this change (diff mode). */
  reason: 'deprecated' | 'removed';
  endpoint: Endpoint;
  firstSeen?: string;
  lastSeen?: string;
  file: string;
  line: number;
}

/** What the traffic says about one version of one document. */
export interface SpecTraffic {
  /** Requests attributed to this document (by server, or the only document analysed). */
  requests: number;
  /** Of those, requests that match a documented operation. */
  matched: number;
  shadow: ShadowEndpoint[];
  zombie: ZombieEndpoint[];
  /** Ids of documented operations no request reached. */
  unused: string[];
  /** The routes this document claimed (internal: what is left is reported as other hosts). */
  claimed: ReadonlySet<ObservedRoute>;
  /** Requests to hosts no document of the run serves, by host (filled by the engine, src/engine.ts). */
  otherHosts?: { host: string; requests: number }[];
}

/** Requests no document of the run claimed, by host (`(no host)` for a host-less line), most first. */
export function unclaimedHosts(
  traffic: ObservedTraffic,
  claimed: ReadonlySet<ObservedRoute>[],
): { host: string; requests: number }[] {
  const byHost = new Map<string, number>();
  for (const route of traffic.routes) {
    if (claimed.some((c) => c.has(route))) continue;
    const host = route.host ?? '(no host)';
    byHost.set(host, (byHost.get(host) ?? 0) + route.count);
  }
  return [...byHost]
    .map(([host, requests]) => ({ host, requests }))
    .sort((a, b) => b.requests - a.requests || a.host.localeCompare(b.host));
}

export interface MatchOptions {
  /** The only document of the run: requests with no host, or to no known server, count as its own. */
  sole: boolean;
  /** Diff mode, head: the operations this change removes, to tell zombies from shadows. */
  removed?: Endpoint[];
}

/** A server's host pattern and base path segments (`https://{region}.api.io/v1` → `/^[^.]+\.api\.io$/`, `v1`). */
interface Base {
  host?: Pattern;
  segments: string[];
}

interface Template {
  endpoint: Endpoint;
  segments: (string | Pattern)[];
  literals: number;
}

/**
 * An unmatched OPTIONS *request* is a browser's CORS preflight for a call listed on its own (whether a
 * documented operation is a preflight is an endpoint fact, src/assess/facts.ts).
 */
const OBSERVED_PREFLIGHT: ReadonlySet<string> = new Set(['options']);

export function matchTraffic(model: ApiModel, traffic: ObservedTraffic, options: MatchOptions): SpecTraffic {
  const bases = serverBases(model);
  const hosted = bases.some((b) => b.host !== undefined);
  const templates = byMethod(model.endpoints);
  const removed = byMethod(options.removed ?? []);
  const hits = new Map<Endpoint, number>();
  const shadow: ShadowEndpoint[] = [];
  const zombies = new Map<Endpoint, ZombieEndpoint>();
  let requests = 0;
  let matched = 0;
  const claimed = new Set<ObservedRoute>();
  for (const route of traffic.routes) {
    const prefixes = basePrefixes(bases, route, hosted);
    if (prefixes === undefined) continue; // another document's server
    const endpoint = findEndpoint(templates, route, prefixes.paths);
    const gone = endpoint ? undefined : findEndpoint(removed, route, prefixes.paths);
    // A host-less request that matches nothing belongs to this document only if nothing else can claim it.
    if (!endpoint && !gone && !prefixes.claimed && !options.sole) continue;
    requests += route.count;
    claimed.add(route);
    if (endpoint) {
      matched += route.count;
      hits.set(endpoint, (hits.get(endpoint) ?? 0) + route.count);
      if (endpoint.deprecated) addZombie(zombies, endpoint, route, 'deprecated');
    } else if (gone) {
      addZombie(zombies, gone, route, 'removed');
    } else if (!OBSERVED_PREFLIGHT.has(route.method)) {
      shadow.push(asShadow(route));
    }
  }
  return {
    requests,
    matched,
    shadow: mergeShadows(shadow),
    zombie: [...zombies.values()],
    unused: model.endpoints.filter((e) => !hits.has(e)).map((e) => e.id),
    claimed,
  };
}

function addZombie(
  zombies: Map<Endpoint, ZombieEndpoint>,
  endpoint: Endpoint,
  route: ObservedRoute,
  reason: ZombieEndpoint['reason'],
): void {
  const known = zombies.get(endpoint);
  if (known) {
    known.count += route.count;
    widenTimes(known, route);
    return;
  }
  const zombie: ZombieEndpoint = {
    method: endpoint.method,
    path: endpoint.path,
    count: route.count,
    reason,
    endpoint,
    file: route.file,
    line: route.line,
  };
  widenTimes(zombie, route);
  zombies.set(endpoint, zombie);
}

function widenTimes(
  into: { firstSeen?: string; lastSeen?: string },
  route: { firstSeen?: string; lastSeen?: string },
): void {
  if (route.firstSeen && (into.firstSeen === undefined || route.firstSeen < into.firstSeen))
    into.firstSeen = route.firstSeen;
  if (route.lastSeen && (into.lastSeen === undefined || route.lastSeen > into.lastSeen))
    into.lastSeen = route.lastSeen;
}

function asShadow(route: ObservedRoute): ShadowEndpoint {
  const shadow: ShadowEndpoint = {
    method: route.method,
    path: route.path,
    count: route.count,
    statuses: Object.fromEntries(
      [...route.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => [String(s), n]),
    ),
    file: route.file,
    line: route.line,
  };
  widenTimes(shadow, route);
  return shadow;
}

/** The same route seen on two hosts of one document (`api.x.io`, `eu.api.x.io`) is one shadow endpoint. */
function mergeShadows(list: ShadowEndpoint[]): ShadowEndpoint[] {
  const out = new Map<string, ShadowEndpoint>();
  for (const s of list) {
    const key = `${s.method} ${s.path.replace(/\/+$/, '')}`;
    const known = out.get(key);
    if (!known) {
      out.set(key, { ...s, statuses: { ...s.statuses } });
      continue;
    }
    known.count += s.count;
    widenTimes(known, s);
    for (const [status, n] of Object.entries(s.statuses))
      known.statuses[status] = (known.statuses[status] ?? 0) + n;
  }
  return [...out.values()].sort(
    (a, b) => b.count - a.count || a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
}

/**
 * The base paths a route may sit under in this document, and whether the document claims it (its host
 * is one of the document's servers, or its path is under a non-empty base path). Undefined when the route
 * names a host that belongs to none of the document's servers.
 */
function basePrefixes(
  bases: Base[],
  route: ObservedRoute,
  hosted: boolean,
): { paths: string[][]; claimed: boolean } | undefined {
  const segments = pathSegments(route.path);
  if (route.host !== undefined && hosted) {
    const mine = bases.filter((b) => b.host === undefined || matches(b.host, route.host!));
    if (!mine.some((b) => b.host !== undefined)) return undefined;
    return { paths: mine.map((b) => b.segments).filter((p) => startsWith(segments, p)), claimed: true };
  }
  const under = bases.map((b) => b.segments).filter((p) => startsWith(segments, p));
  const paths = under.length > 0 ? under : [[]];
  return { paths, claimed: under.some((p) => p.length > 0) };
}

function startsWith(segments: string[], prefix: string[]): boolean {
  return prefix.length <= segments.length && prefix.every((p, i) => p === segments[i]);
}

function serverBases(model: ApiModel): Base[] {
  const urls = new Set([...model.servers, ...model.endpoints.flatMap((e) => e.servers)].map((s) => s.url));
  const bases: Base[] = [];
  for (const url of urls) {
    const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)([^?#]*)/i.exec(url);
    const host = m?.[1] === undefined ? undefined : withoutPort(m[1]).toLowerCase();
    const path = m ? (m[2] ?? '') : url.replace(/[?#].*$/s, '');
    const base: Base = { segments: pathSegments(path).filter((s) => !s.includes('{')) };
    if (host) base.host = templatePattern(host);
    bases.push(base);
  }
  return bases.length > 0 ? bases : [{ segments: [] }];
}

/**
 * A server host or a path segment with `{templates}`, matched as each template standing for one or more
 * characters: `{region}.api.io`, `{name}.json`. The text is the PR's: templates are found by the project's
 * linear scan (src/util/braces.ts) and matched without a regular expression, which a long run of `{` would
 * make quadratic or too large to compile.
 */
interface Pattern {
  /** The literal text around the templates: `['', '.api.io']` for `{region}.api.io`. */
  literals: string[];
}

function templatePattern(text: string): Pattern {
  const literals: string[] = [];
  let last = 0;
  for (const t of templates(text)) {
    literals.push(text.slice(last, t.start));
    last = t.end;
  }
  literals.push(text.slice(last));
  return { literals };
}

/** Leftmost placement of each literal: each template takes at least one character, never a `/`. */
function matches(pattern: Pattern, text: string): boolean {
  const { literals } = pattern;
  const first = literals[0]!;
  if (literals.length === 1) return text === first;
  if (!text.startsWith(first)) return false;
  const lastLiteral = literals[literals.length - 1]!;
  const end = text.length - lastLiteral.length;
  if (!text.endsWith(lastLiteral)) return false;
  let at = first.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const found = text.indexOf(literals[i]!, at + 1);
    if (found < 0 || found + literals[i]!.length > end - 1) return false;
    at = found + literals[i]!.length;
  }
  return at < end && !text.slice(first.length, end).includes('/');
}

/** `api.io:8443` or `api.io:{port}` → `api.io`. */
function withoutPort(host: string): string {
  const colon = host.lastIndexOf(':');
  if (colon < 0) return host;
  const port = host.slice(colon + 1);
  return /^\d+$/.test(port) ||
    (port.startsWith('{') && port.endsWith('}') && !port.slice(1, -1).includes('}'))
    ? host.slice(0, colon)
    : host;
}

function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function byMethod(endpoints: Endpoint[]): Map<string, Template[]> {
  const out = new Map<string, Template[]>();
  for (const endpoint of endpoints) {
    const segments = pathSegments(endpoint.path).map(segmentPattern);
    const template = { endpoint, segments, literals: segments.filter((s) => typeof s === 'string').length };
    const list = out.get(endpoint.method);
    if (list) list.push(template);
    else out.set(endpoint.method, [template]);
  }
  return out;
}

/** `users` stays a literal; `{id}` and `{name}.json` become patterns. */
function segmentPattern(segment: string): string | Pattern {
  return segment.includes('{') ? templatePattern(segment) : segment;
}

/** The operation a route calls: the most literal template that matches, under any of the base paths. */
function findEndpoint(
  templates: Map<string, Template[]>,
  route: ObservedRoute,
  prefixes: string[][],
): Endpoint | undefined {
  const segments = pathSegments(route.path);
  // A HEAD request is served by the GET of the same path unless the document describes HEAD itself.
  const methods = route.method === 'head' ? ['head', 'get'] : [route.method];
  for (const method of methods) {
    let best: Template | undefined;
    for (const prefix of prefixes) {
      const rest = segments.slice(prefix.length);
      for (const t of templates.get(method) ?? []) {
        if (t.segments.length !== rest.length || (best && best.literals >= t.literals)) continue;
        if (t.segments.every((s, i) => segmentMatches(s, rest[i]!))) best = t;
      }
    }
    if (best) return best.endpoint;
  }
  return undefined;
}

function segmentMatches(template: string | Pattern, observed: string): boolean {
  if (typeof template !== 'string') return matches(template, observed);
  // An id-like literal (`/v1/2024`) was templated on reading: `{id}` may stand for it.
  return template === observed || (observed === '{id}' && /\d/.test(template));
}

/**
 * A shadow endpoint as the score sees it: classified `shadow` (the seed's ×2.0), with no description and
 * nothing known about its security.
 */
export function observedEndpoint(shadow: ShadowEndpoint): Endpoint {
  return {
    id: endpointId(shadow.method, shadow.path),
    method: shadow.method,
    path: shadow.path,
    tags: [],
    deprecated: false,
    classification: 'shadow',
    security: { requirements: [] },
    servers: [],
    parameters: [],
    responses: [],
    callbacks: [],
    extensions: {},
    dataTypes: [],
    loc: { file: shadow.file, pointer: '' },
  };
}
