// input-mass-assignment in a pull request: an added endpoint whose write body is open the way the base's
// bodies already are inherits that debt; a privileged field the base did not take is still the PR's.
// Read by src/assess/conventions.ts.
import type { EndpointDiff } from '../diff/types.js';
import type { Finding } from '../findings.js';
import type { ApiModel, Endpoint, Loc, Schema } from '../model.js';
import { label } from './context.js';
import { DISTINCTIVE_SHAPE, shapeOf } from './field-identity.js';
import { someOperationSchema } from './operation-schemas.js';
import { BODY_WRITES, openBody, privilegedFields, serverOwnedFields } from './write-bodies.js';

const RULE = 'input-mass-assignment';
/** Operations that change data: where the base's habit of taking a field from the caller is counted. */
const WRITES = new Set([...BODY_WRITES, 'delete']);

/**
 * Why a head finding of input-mass-assignment on an endpoint the PR added is the base's debt, or undefined.
 * - The same body: the base took a body at the same place (the same component, file named as in the base)
 *   or of the same properties (at least DISTINCTIVE_SHAPE) open on a write. Then only a privileged field new
 *   to it keeps the finding new: one the base body lacked, or had `readOnly` and the head makes writable
 *   (a `readOnly` field the head adds is an output the document declares; the body accepted it before as it
 *   accepts any property). Google's `Group` body, taken by the base's `POST /v1/groups` and the added
 *   `POST /v1beta1/groups`, which now marks `createTime` read-only.
 * - A new body, in a document that closes no object anywhere (no `additionalProperties: false` in any schema
 *   of the base or the head, at least `minEndpoints` base endpoints, one open write body among them): open
 *   bodies are how the document is written. It stays new if it has `readOnly` properties (a server-owned
 *   field the base's habit does not explain) or a privileged field the base's writes do not take.
 * In both, a privileged field is the base's when its writes take a field of that name from the caller (a
 * parameter or a writable body property) on at least `minEndpoints` of them and `share` of all: SwaggerHub's
 * writes all name the `{owner}` account in the path, so an added fork naming the destination `owner` in its
 * body takes what the API always lets the caller choose (and authorizes).
 */
export function knownOpenBodies(
  base: ApiModel,
  head: ApiModel,
  changes: readonly EndpointDiff[],
  file: (path: string) => string,
  minEndpoints: number,
  share: number,
): (finding: Finding) => string | undefined {
  const added = new Map<string, Endpoint>();
  for (const c of changes) if (c.change === 'added' && c.head) added.set(c.head.id, c.head);
  // Built on the first finding asked about: most pull requests add no open body.
  let index: ReturnType<typeof baseOpenBodies> | undefined;
  return (finding) => {
    const endpoint = finding.endpoint === undefined ? undefined : added.get(finding.endpoint);
    if (finding.ruleId !== RULE || !endpoint) return undefined;
    const body = (endpoint.requestBody?.content ?? []).find(
      (m) => openBody(m) && sameLoc(m.schema!.loc, finding.loc),
    )?.schema;
    if (!body) return undefined;
    index ??= baseOpenBodies(base, head, file, minEndpoints, share);
    const { byPlace, byShape, takenByWrites, convention } = index;
    const privileged = privilegedFields(endpoint, body).filter((name) => !takenByWrites.has(compact(name)));
    const shape = shapeKey(body);
    const same =
      byPlace.get(placeOf(body.loc, file)) ?? (shape === undefined ? undefined : byShape.get(shape));
    if (same) {
      const known = (name: string) => {
        const was = same.body.properties[name];
        return was !== undefined && (!was.readOnly || body.properties[name]!.readOnly === true);
      };
      return privileged.every(known)
        ? `the base already takes the same body without \`additionalProperties: false\` on ${label(same.endpoint)}`
        : undefined;
    }
    if (convention === undefined || privileged.length > 0 || serverOwnedFields(body).length > 0)
      return undefined;
    return convention;
  };
}

interface BaseBody {
  endpoint: Endpoint;
  body: Schema;
}

/** The base's open write bodies by place and shape, the field names its writes take, and its convention. */
function baseOpenBodies(
  base: ApiModel,
  head: ApiModel,
  file: (path: string) => string,
  minEndpoints: number,
  share: number,
) {
  const byPlace = new Map<string, BaseBody>();
  const byShape = new Map<string, BaseBody>();
  const writes = base.endpoints.filter((e) => WRITES.has(e.method));
  const taking = new Map<string, number>();
  for (const endpoint of writes) {
    const names = new Set(endpoint.parameters.map((p) => compact(p.name)));
    for (const m of endpoint.requestBody?.content ?? []) {
      const body = m.schema;
      if (!body || !/json/i.test(m.contentType)) continue;
      for (const [name, property] of Object.entries(body.properties))
        if (!property.readOnly) names.add(compact(name));
      if (!BODY_WRITES.has(endpoint.method) || !openBody(m)) continue;
      const place = placeOf(body.loc, file);
      if (!byPlace.has(place)) byPlace.set(place, { endpoint, body });
      const shape = shapeKey(body);
      if (shape !== undefined && !byShape.has(shape)) byShape.set(shape, { endpoint, body });
    }
    for (const name of names) taking.set(name, (taking.get(name) ?? 0) + 1);
  }
  const takenByWrites = new Set(
    [...taking]
      .filter(([, count]) => count >= minEndpoints && count >= share * writes.length)
      .map(([name]) => name),
  );
  const convention =
    base.endpoints.length >= minEndpoints &&
    byPlace.size > 0 &&
    !closesAnObject(base) &&
    !closesAnObject(head)
      ? "follows the base document's convention: no schema of it declares `additionalProperties: false`"
      : undefined;
  return { byPlace, byShape, takenByWrites, convention };
}

/** Whether any schema the model's operations reach says `additionalProperties: false`. */
function closesAnObject(model: ApiModel): boolean {
  return someOperationSchema(model, (schema) => schema.additionalProperties === false);
}

function sameLoc(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.pointer === b.pointer;
}

function placeOf(loc: Loc, file: (path: string) => string): string {
  return `${file(loc.file)}#${loc.pointer}`;
}

/** The body's property names, when there are enough of them to identify it. */
function shapeKey(body: Schema): string | undefined {
  const names = shapeOf(body);
  return names.length >= DISTINCTIVE_SHAPE ? names.join('\n') : undefined;
}

/** `owner_id`, `ownerId` → `ownerid`. */
function compact(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
