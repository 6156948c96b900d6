// Model × model → endpoint changes. Endpoints match by id (`METHOD /path/{}`), so renaming a path
// parameter is a rename, not a removal and an addition; then, among the rest, across a trailing slash
// (`/users/{id}/` → `/users/{userId}`), so dropping one is a renamed path, not an endpoint removed and added.
import type { ApiModel, Endpoint, Loc, MediaType, Parameter, Response, Server } from '../model.js';
import { pushAll } from '../util/arrays.js';
import { templates } from '../util/braces.js';
import { type Direction, SchemaDiffer } from './schema.js';
import { isRootSecurity, securityChanges } from './security.js';
import type { Change, EndpointDiff, ListedChange, SpecDiff } from './types.js';

export type { Change, EndpointDiff, ListedChange, SpecDiff } from './types.js';

/**
 * Diffs two versions of one API description; either side may be missing (an added or deleted spec).
 * `present` says which files exist: a file that exists without a model (it does not parse) was neither
 * added nor removed, so the spec is `modified`.
 */
export function diffSpecs(
  path: string,
  base: ApiModel | undefined,
  head: ApiModel | undefined,
  present: { base: boolean; head: boolean } = { base: base !== undefined, head: head !== undefined },
): SpecDiff {
  const schemas = new SchemaDiffer(base?.endpoints);
  const shared = new SharedChanges();
  const baseById = new Map((base?.endpoints ?? []).map((e) => [e.id, e]));
  const renamed = renamedPaths(base?.endpoints ?? [], head?.endpoints ?? []);
  const matchedBase = new Set<Endpoint>();
  const endpoints: EndpointDiff[] = [];
  for (const h of head?.endpoints ?? []) {
    const b = baseById.get(h.id) ?? renamed.get(h);
    if (b) matchedBase.add(b);
    if (!b || !base || !head) {
      endpoints.push({
        id: h.id,
        method: h.method.toUpperCase(),
        path: h.path,
        change: 'added',
        head: h,
        changes: [],
      });
      continue;
    }
    const changes = diffEndpoint(b, h, base, head, schemas, shared);
    if (b.id !== h.id) {
      const message = `path renamed from \`${b.path}\` to \`${h.path}\``;
      changes.unshift(at(h.loc, 'path-renamed', message, true)); // a client calling the old URL may break
    }
    endpoints.push({
      id: h.id,
      method: h.method.toUpperCase(),
      path: h.path,
      change: changes.length > 0 ? 'modified' : 'unchanged',
      base: b,
      head: h,
      changes,
    });
  }
  for (const b of base?.endpoints ?? []) {
    if (!matchedBase.has(b)) {
      endpoints.push({
        id: b.id,
        method: b.method.toUpperCase(),
        path: b.path,
        change: 'removed',
        base: b,
        changes: [],
      });
    }
  }
  const status = !present.base
    ? 'added'
    : !present.head
      ? 'removed'
      : !base || !head || endpoints.some((e) => e.change !== 'unchanged')
        ? 'modified'
        : 'unchanged';
  return {
    path,
    status,
    base,
    head,
    endpoints,
    ...(shared.listed.length > 0 ? { changes: shared.listed } : {}),
  };
}

/** `GET /users/{}/` → `GET /users/{}`: ids that differ only in a trailing slash name one endpoint renamed. */
function withoutTrailingSlash(id: string): string {
  return id.length > 1 && id.endsWith('/') && !id.endsWith(' /') ? id.slice(0, -1) : id;
}

/**
 * Head endpoints with no base endpoint of the same id, paired with the base endpoint, itself unmatched,
 * whose id differs only in a trailing slash (ids already ignore path parameter names). A base endpoint
 * whose id the head keeps is never taken, nor one two head endpoints could claim.
 */
function renamedPaths(base: Endpoint[], head: Endpoint[]): Map<Endpoint, Endpoint> {
  const headIds = new Set(head.map((e) => e.id));
  const baseIds = new Set(base.map((e) => e.id));
  const unmatchedBase = new Map<string, Endpoint[]>();
  for (const b of base) {
    if (headIds.has(b.id)) continue;
    const key = withoutTrailingSlash(b.id);
    unmatchedBase.set(key, [...(unmatchedBase.get(key) ?? []), b]);
  }
  const claims = new Map<string, Endpoint[]>();
  for (const h of head) {
    if (baseIds.has(h.id)) continue;
    const key = withoutTrailingSlash(h.id);
    claims.set(key, [...(claims.get(key) ?? []), h]);
  }
  const out = new Map<Endpoint, Endpoint>();
  for (const [key, heads] of claims) {
    const bases = unmatchedBase.get(key);
    if (heads.length === 1 && bases?.length === 1) out.set(heads[0]!, bases[0]!);
  }
  return out;
}

/**
 * For each base endpoint matched to a head endpoint of another id (a renamed path), the head's id: the
 * base's findings on it fingerprint under that id, so they stay `existing` rather than fixed and new.
 */
export function renamedEndpointIds(diff: SpecDiff): Map<Endpoint, string> {
  const out = new Map<Endpoint, string>();
  for (const e of diff.endpoints) if (e.base && e.head && e.base.id !== e.head.id) out.set(e.base, e.head.id);
  return out;
}

/** One version on its own (inventory): every endpoint `unchanged`. */
export function scanSpec(path: string, model: ApiModel | undefined): SpecDiff {
  const endpoints = (model?.endpoints ?? []).map(
    (e): EndpointDiff => ({
      id: e.id,
      method: e.method.toUpperCase(),
      path: e.path,
      change: 'unchanged',
      base: e,
      head: e,
      changes: [],
    }),
  );
  return { path, status: 'unchanged', base: model, head: model, endpoints };
}

export function diffEndpoint(
  b: Endpoint,
  h: Endpoint,
  baseModel: ApiModel,
  headModel: ApiModel,
  schemas: SchemaDiffer,
  shared = new SharedChanges(),
): Change[] {
  // The base took the head's own endpoint: its input, the document context included, is unchanged.
  if (b === h) return [];
  const changes: Change[] = [];
  pushAll(changes, shared.securityChanges(b, h, baseModel, headModel));
  pushAll(changes, shared.serverChanges(b, h, baseModel, headModel));
  pushAll(changes, parameterChanges(b, h, schemas));
  pushAll(changes, requestBodyChanges(b, h, schemas));
  pushAll(changes, responseChanges(b, h, schemas));
  if (b.deprecated !== h.deprecated) {
    changes.push(
      at(h.loc, 'deprecated-changed', h.deprecated ? 'marked deprecated' : 'no longer deprecated', false),
    );
  }
  if (b.classification !== h.classification) {
    changes.push(
      at(
        h.loc,
        'classification-changed',
        `classification changed from ${b.classification} to ${h.classification}`,
        false,
      ),
    );
  }
  return changes;
}

function at(location: Loc, kind: Change['kind'], message: string, breaking: boolean): Change {
  return { kind, message, pointer: location.pointer, breaking, location };
}

function parentLoc(loc: Loc): Loc {
  return { file: loc.file, pointer: loc.pointer.slice(0, Math.max(0, loc.pointer.lastIndexOf('/'))) };
}

/**
 * The changes of one (base servers, head servers) pair, or of the global security, shared by the
 * endpoints inheriting both sides. Past SHARED_CHANGES_PER_KIND of one kind, each endpoint carries one
 * summary of them and the changes themselves are listed once for the spec (SPEC §4).
 */
interface ServerPair {
  changes: Change[];
  /** Ids of the endpoints the listed changes affect (one array, shared by those changes). */
  endpoints: string[];
  listing: boolean;
}

/** Per diff: the server pairs already compared, and the changes listed once for the spec. */
export class SharedChanges {
  private readonly pairs = new Map<Server[], Map<Server[], ServerPair>>();
  readonly listed: ListedChange[] = [];

  serverChanges(b: Endpoint, h: Endpoint, baseModel: ApiModel, headModel: ApiModel): Change[] {
    let byHead = this.pairs.get(b.servers);
    let pair = byHead?.get(h.servers);
    if (!pair) {
      const compared = compareServers(b, h, baseModel, headModel);
      pair = { changes: compared.changes, endpoints: [], listing: compared.listed.length > 0 };
      for (const change of compared.listed) this.listed.push({ ...change, endpoints: pair.endpoints });
      // With no head servers outside the root, removals point at the endpoint itself: not shared.
      if (!compared.perEndpoint) {
        if (!byHead) {
          byHead = new Map();
          this.pairs.set(b.servers, byHead);
        }
        byHead.set(h.servers, pair);
      }
    }
    if (pair.listing) pair.endpoints.push(h.id);
    return [...pair.changes];
  }

  private readonly rootSecurity = new Map<string, ServerPair>();

  /**
   * Security changes; those of the global security (and of the schemes it names) are the same for every
   * endpoint inheriting it on both sides, so they are compared once, and past a few of one kind listed once.
   */
  securityChanges(b: Endpoint, h: Endpoint, baseModel: ApiModel, headModel: ApiModel): Change[] {
    // Without a head `security` anywhere, a removal points at the endpoint itself: not shared.
    const inherited =
      h.security.loc !== undefined &&
      isRootSecurity(b.security, baseModel) &&
      isRootSecurity(h.security, headModel);
    if (!inherited) return securityChanges(b, h, baseModel, headModel);
    const key = `${b.security.loc?.file ?? ''}#${b.security.loc?.pointer ?? ''}|${h.security.loc!.file}`;
    let pair = this.rootSecurity.get(key);
    if (!pair) {
      const all = securityChanges(b, h, baseModel, headModel);
      const summarised = summariseByKind(all, 'in the global security');
      pair = { changes: summarised.changes, endpoints: [], listing: summarised.listed.length > 0 };
      for (const change of summarised.listed) this.listed.push({ ...change, endpoints: pair.endpoints });
      this.rootSecurity.set(key, pair);
    }
    if (pair.listing) pair.endpoints.push(h.id);
    return [...pair.changes];
  }
}

/** More changes of one kind than this, made once for many endpoints, become one summary on each. */
export const SHARED_CHANGES_PER_KIND = 3;

/**
 * Changes of one kind (and breaking or not) past SHARED_CHANGES_PER_KIND become one change of that kind
 * naming the first few; all of them are returned as `listed`, to be reported once for the spec. A check
 * reading the endpoint's changes still sees each kind that happened (a weakening stays a weakening).
 */
function summariseByKind(changes: Change[], where: string): { changes: Change[]; listed: Change[] } {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = `${change.kind}|${change.breaking}`;
    const group = groups.get(key);
    if (group) group.push(change);
    else groups.set(key, [change]);
  }
  const out: Change[] = [];
  const listed: Change[] = [];
  for (const group of groups.values()) {
    if (group.length <= SHARED_CHANGES_PER_KIND) {
      pushAll(out, group);
      continue;
    }
    pushAll(listed, group);
    const first = group[0]!;
    const examples = group.slice(0, SHARED_CHANGES_PER_KIND).map((c) => c.message);
    out.push(
      at(
        first.location,
        first.kind,
        `${group.length} ${first.kind} changes ${where} (each listed once in the document-level changes): ${examples.join('; ')}; …`,
        first.breaking,
      ),
    );
  }
  return { changes: out, listed };
}

/** Servers the operation declares itself (not inherited from its path item or the root). */
function ownServers(e: Endpoint): boolean {
  const prefix = `${e.loc.pointer}/servers/`;
  return (
    e.servers.length > 0 &&
    e.servers.every((s) => s.loc.file === e.loc.file && s.loc.pointer.startsWith(prefix))
  );
}

function compareServers(
  b: Endpoint,
  h: Endpoint,
  baseModel: ApiModel,
  headModel: ApiModel,
): { changes: Change[]; listed: Change[]; perEndpoint: boolean } {
  const baseUrls = new Set(b.servers.map((s) => s.url));
  const headUrls = new Set(h.servers.map((s) => s.url));
  // Document-level only when both versions take this endpoint's servers from the root: an operation
  // that starts or stops overriding them changed on its own, whatever the root says.
  const fromRoot = (model: ApiModel) => (server: Server) =>
    server.loc.file === model.file && /^\/(servers|schemes|host|basePath)(\/|$)/.test(server.loc.pointer);
  const baseFromRoot = b.servers.every(fromRoot(baseModel));
  const headFromRoot = h.servers.every(fromRoot(headModel));
  const documentLevel = baseFromRoot && headFromRoot;
  const mark = (change: Change): Change => (documentLevel ? { ...change, documentLevel: true } : change);
  const addedServers = h.servers.filter((server) => !baseUrls.has(server.url));
  const added = addedServers.map((server) =>
    mark(at(server.loc, 'server-added', `server ${server.url} added`, false)),
  );
  const first = h.servers[0];
  const removedAt = first ? parentLoc(first.loc) : documentLevel ? headModel.loc : h.loc;
  const removedServers = b.servers.filter((server) => !headUrls.has(server.url));
  const removed = removedServers.map((server) =>
    mark(at(removedAt, 'server-removed', `server ${server.url} removed`, true)),
  );
  const changes: Change[] = [];
  const listed: Change[] = [];
  const summarise = (
    list: Change[],
    servers: Server[],
    inherited: boolean,
    root: boolean,
    verb: 'added' | 'removed',
  ) => {
    if (!inherited || list.length <= SHARED_CHANGES_PER_KIND) return pushAll(changes, list);
    pushAll(listed, list);
    const urls = servers.slice(0, SHARED_CHANGES_PER_KIND).map((server) => server.url);
    const where = root ? 'at the document root' : 'for this path';
    const location = verb === 'added' ? parentLoc(list[0]!.location) : removedAt;
    changes.push(
      at(
        location,
        list[0]!.kind,
        `${list.length} servers ${verb} ${where} (each listed once in the document-level changes): ${urls.join(', ')}, …`,
        verb === 'removed',
      ),
    );
  };
  summarise(added, addedServers, h.servers.length > 0 && !ownServers(h), headFromRoot, 'added');
  summarise(removed, removedServers, b.servers.length > 0 && !ownServers(b), baseFromRoot, 'removed');
  return { changes, listed, perEndpoint: !first && !documentLevel };
}

/** Path parameters match by position in the path, others by location and name (headers ignore case). */
function parameterKeys(endpoint: Endpoint): (p: Parameter) => string {
  const position = new Map<string, number>(); // a template's name → its first position in the path
  for (const [i, t] of templates(endpoint.path, true).entries())
    if (!position.has(t.name)) position.set(t.name, i);
  return (p) => {
    if (p.in === 'path') {
      const index = position.get(p.name);
      return index === undefined ? `path:${p.name}` : `path#${index}`;
    }
    return `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
  };
}

function parameterChanges(b: Endpoint, h: Endpoint, schemas: SchemaDiffer): Change[] {
  const out: Change[] = [];
  const baseKey = parameterKeys(b);
  const headKey = parameterKeys(h);
  const baseByKey = new Map(b.parameters.map((p) => [baseKey(p), p]));
  const headByKey = new Map(h.parameters.map((p) => [headKey(p), p]));
  const added: Parameter[] = [];
  for (const [key, hp] of headByKey) {
    const bp = baseByKey.get(key);
    if (!bp) {
      added.push(hp);
      continue;
    }
    const label = `${hp.in} parameter \`${hp.name}\``;
    // Only a path parameter can be renamed: headers match ignoring case, so `X-Trace` → `x-trace` is no change.
    if (hp.in === 'path' && bp.name !== hp.name) {
      out.push(
        at(hp.loc, 'parameter-renamed', `path parameter \`${bp.name}\` renamed to \`${hp.name}\``, false),
      );
    }
    if (bp.required !== hp.required) {
      out.push(
        at(
          hp.loc,
          'parameter-required-changed',
          `${label} is now ${hp.required ? 'required' : 'optional'}`,
          hp.required,
        ),
      );
    }
    pushAll(out, schemas.compare(bp.schema, hp.schema, 'request', label, hp.loc, false, hp.name));
  }
  const removed = [...baseByKey].filter(([key]) => !headByKey.has(key)).map(([, p]) => p);
  for (const hp of added) {
    const moved = removed.findIndex((bp) => bp.name.toLowerCase() === hp.name.toLowerCase());
    if (moved !== -1) {
      const bp = removed.splice(moved, 1)[0]!;
      out.push(
        at(
          hp.loc,
          'parameter-location-changed',
          `parameter \`${hp.name}\` moved from ${bp.in} to ${hp.in}`,
          true,
        ),
      );
      continue;
    }
    out.push(
      at(
        hp.loc,
        'parameter-added',
        `${hp.required ? 'required' : 'optional'} ${hp.in} parameter \`${hp.name}\` added`,
        hp.required,
      ),
    );
  }
  for (const bp of removed) {
    out.push(at(h.loc, 'parameter-removed', `${bp.in} parameter \`${bp.name}\` removed`, false));
  }
  return out;
}

function requestBodyChanges(b: Endpoint, h: Endpoint, schemas: SchemaDiffer): Change[] {
  const bb = b.requestBody;
  const hb = h.requestBody;
  if (!bb && !hb) return [];
  if (!bb && hb) {
    return [
      at(
        hb.loc,
        'request-body-added',
        `${hb.required ? 'required' : 'optional'} request body added`,
        hb.required,
      ),
    ];
  }
  if (bb && !hb) return [at(h.loc, 'request-body-removed', 'request body removed', false)];
  const out: Change[] = [];
  if (bb!.required !== hb!.required) {
    out.push(
      at(
        hb!.loc,
        'request-body-required-changed',
        `request body is now ${hb!.required ? 'required' : 'optional'}`,
        hb!.required,
      ),
    );
  }
  pushAll(
    out,
    mediaTypeChanges(
      bb!.content,
      hb!.content,
      hb!.loc,
      'request body',
      'request',
      schemas,
      h.method === 'patch',
    ),
  );
  return out;
}

function mediaTypeChanges(
  base: MediaType[],
  head: MediaType[],
  parent: Loc,
  label: string,
  direction: Direction,
  schemas: SchemaDiffer,
  patch = false,
): Change[] {
  const out: Change[] = [];
  const baseByType = new Map(base.map((m) => [m.contentType.toLowerCase(), m]));
  const headTypes = new Set(head.map((m) => m.contentType.toLowerCase()));
  for (const hm of head) {
    const bm = baseByType.get(hm.contentType.toLowerCase());
    if (!bm) {
      out.push(at(hm.loc, 'media-type-added', `${label} media type ${hm.contentType} added`, false));
      continue;
    }
    // A PATCH or a merge patch sends only the fields it changes: its body's `required` may shrink.
    const partial = patch || /merge-patch/i.test(hm.contentType);
    const changes = schemas.compare(
      bm.schema,
      hm.schema,
      direction,
      `${label} ${hm.contentType}`,
      hm.loc,
      partial,
    );
    pushAll(out, changes);
  }
  for (const bm of base) {
    if (!headTypes.has(bm.contentType.toLowerCase())) {
      out.push(
        at(
          parent,
          'media-type-removed',
          `${label} media type ${bm.contentType} removed`,
          true, // clients that send it (request) or ask for it (response) break
        ),
      );
    }
  }
  return out;
}

function responseChanges(b: Endpoint, h: Endpoint, schemas: SchemaDiffer): Change[] {
  const out: Change[] = [];
  const baseByStatus = new Map(b.responses.map((r) => [r.status.toUpperCase(), r]));
  const headStatuses = new Set(h.responses.map((r) => r.status.toUpperCase()));
  for (const hr of h.responses) {
    const br = baseByStatus.get(hr.status.toUpperCase());
    if (!br) {
      out.push(at(hr.loc, 'response-status-added', `response ${hr.status} added`, false));
      continue;
    }
    pushAll(out, responseHeaderChanges(br, hr, schemas));
    pushAll(
      out,
      mediaTypeChanges(br.content, hr.content, hr.loc, `response ${hr.status}`, 'response', schemas),
    );
  }
  for (const br of b.responses) {
    if (!headStatuses.has(br.status.toUpperCase())) {
      out.push(
        at(h.loc, 'response-status-removed', `response ${br.status} removed`, br.status.startsWith('2')),
      );
    }
  }
  return out;
}

function responseHeaderChanges(br: Response, hr: Response, schemas: SchemaDiffer): Change[] {
  const out: Change[] = [];
  const baseByName = new Map(br.headers.map((x) => [x.name.toLowerCase(), x]));
  const headNames = new Set(hr.headers.map((x) => x.name.toLowerCase()));
  for (const hh of hr.headers) {
    const bh = baseByName.get(hh.name.toLowerCase());
    if (!bh)
      out.push(at(hh.loc, 'response-header-added', `response ${hr.status} header ${hh.name} added`, false));
    else
      out.push(
        ...schemas.compare(
          bh.schema,
          hh.schema,
          'response',
          `response ${hr.status} header ${hh.name}`,
          hh.loc,
        ),
      );
  }
  for (const bh of br.headers) {
    if (!headNames.has(bh.name.toLowerCase())) {
      out.push(
        at(
          hr.loc,
          'response-header-removed',
          `response ${hr.status} header ${bh.name} removed`,
          hr.status.startsWith('2'),
        ),
      );
    }
  }
  return out;
}
