// Model × model → endpoint changes. Endpoints match by id (`METHOD /path/{}`), so renaming a path
// parameter is a rename, not a removal and an addition; then, among the rest, across a trailing slash
// (`/users/{id}/` → `/users/{userId}`), so dropping one is a renamed path, not an endpoint removed and added.
import type { ApiModel, Endpoint, Loc, MediaType, Parameter, Response, Server } from '../model.js';
import { pushAll } from '../util/arrays.js';
import { templates } from '../util/braces.js';
import { type Direction, SchemaDiffer } from './schema.js';
import { securityChanges } from './security.js';
import type { Change, EndpointDiff, SpecDiff } from './types.js';

export type { Change, EndpointDiff, SpecDiff } from './types.js';

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
  const schemas = new SchemaDiffer();
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
    const changes = diffEndpoint(b, h, base, head, schemas);
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
  return { path, status, base, head, endpoints };
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
): Change[] {
  // The base took the head's own endpoint: its input, the document context included, is unchanged.
  if (b === h) return [];
  const changes: Change[] = [];
  pushAll(changes, securityChanges(b, h, baseModel, headModel));
  pushAll(changes, serverChanges(b, h, baseModel, headModel));
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

function serverChanges(b: Endpoint, h: Endpoint, baseModel: ApiModel, headModel: ApiModel): Change[] {
  const baseUrls = new Set(b.servers.map((s) => s.url));
  const headUrls = new Set(h.servers.map((s) => s.url));
  const out: Change[] = [];
  // Document-level only when both versions take this endpoint's servers from the root: an operation
  // that starts or stops overriding them changed on its own, whatever the root says.
  const fromRoot = (model: ApiModel) => (server: Server) =>
    server.loc.file === model.file && /^\/(servers|schemes|host|basePath)(\/|$)/.test(server.loc.pointer);
  const documentLevel = b.servers.every(fromRoot(baseModel)) && h.servers.every(fromRoot(headModel));
  const mark = (change: Change): Change => (documentLevel ? { ...change, documentLevel: true } : change);
  for (const server of h.servers) {
    if (baseUrls.has(server.url)) continue;
    out.push(mark(at(server.loc, 'server-added', `server ${server.url} added`, false)));
  }
  const first = h.servers[0];
  const removedAt = first ? parentLoc(first.loc) : documentLevel ? headModel.loc : h.loc;
  for (const server of b.servers) {
    if (headUrls.has(server.url)) continue;
    out.push(mark(at(removedAt, 'server-removed', `server ${server.url} removed`, true)));
  }
  return out;
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
    pushAll(out, schemas.compare(bp.schema, hp.schema, 'request', label, hp.loc));
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
