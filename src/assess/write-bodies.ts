// What a write body takes (read by input-mass-assignment and, in a pull request, src/assess/open-bodies.ts):
// whether it takes properties it does not declare, and which of its properties look privileged or server-owned.
import type { Endpoint, MediaType, Schema } from '../model.js';
import { unwrapAnnotated } from '../normalize/schema.js';
import { pathWords } from './context.js';

const PRIVILEGED =
  /^(role|roles|is_?admin|admin|permissions?|scopes?|owner(_?id)?|is_?verified|verified|balance|credit|tenant(_?id)?|account_?type|plan|tier|is_?staff|superuser)$/i;

/**
 * Path words of operations whose purpose is to set access (`POST /orgs/{org}/members` with a `role`,
 * `PUT …/collaborators/{user}`, GCP's `testIamPermissions`): there a privileged field is what the caller
 * is meant to send, not a field it slips in.
 */
const ACCESS_PURPOSE = new Set([
  'member',
  'members',
  'membership',
  'memberships',
  'collaborator',
  'collaborators',
  'role',
  'roles',
  'permission',
  'permissions',
  'scope',
  'scopes',
  'scoped',
  'iam',
  'acl',
  'acls',
  'grant',
  'grants',
  'invitation',
  'invitations',
  'authorization',
  'authorizations',
]);

/**
 * Words that make a `scope` about access: OAuth scopes (`read:org`, `repo`), permissions, tokens. "Scope"
 * also names where a setting applies (GitHub's required workflow `scope: all|selected`, Netlify's
 * environment variable `scopes: builds|functions|runtime`), which grants nothing.
 */
const ACCESS_WORDS =
  /\b(access|permissions?|privileges?|oauth|tokens?|authori[sz]\w*|grants?|roles?|read|write|admin\w*)\b|:/i;

/**
 * A `scope(s)` field is privileged unless it is a closed list of values (an enum, or an array of one) none
 * of which, nor its description, speaks of access: then it says where a setting applies. The enum is what
 * the caller may send, so a scope named to look harmless cannot carry an access scope the list lacks.
 */
function reachScope(name: string, property: Schema): boolean {
  if (!/^scopes?$/i.test(name)) return false;
  const field = unwrapAnnotated(property);
  const values = field.enum ?? (field.items ? unwrapAnnotated(field.items).enum : undefined);
  if (!values || values.length === 0) return false;
  const words = [field.description, field.title, property.description, ...values.map(String)];
  const text = words.filter((w) => w !== undefined).join(' ');
  return !ACCESS_WORDS.test(text);
}

/** The methods whose bodies are checked. */
export const BODY_WRITES: ReadonlySet<string> = new Set(['post', 'put', 'patch']);

/**
 * The property names of a write body that look privileged (`role`, `owner`, …), `readOnly` or not: none on
 * an operation whose path says it exists to set access, and no `scope` that only says where a setting applies.
 */
export function privilegedFields(endpoint: Endpoint, schema: Schema): string[] {
  if (pathWords(endpoint.path).some((w) => ACCESS_PURPOSE.has(w))) return [];
  return Object.keys(schema.properties).filter(
    (name) => PRIVILEGED.test(name) && !reachScope(name, schema.properties[name]!),
  );
}

/** The body's `readOnly` properties: server-owned fields in an input schema. */
export function serverOwnedFields(schema: Schema): string[] {
  return Object.keys(schema.properties).filter((name) => schema.properties[name]!.readOnly);
}

/**
 * A JSON write body whose top-level object takes properties it does not declare: no `additionalProperties:
 * false`, not built with `allOf`, not a typed map (`additionalProperties: { type: string }`, no properties),
 * which takes any key by design.
 */
export function openBody(m: MediaType): boolean {
  const schema = m.schema;
  if (!schema || !/json/i.test(m.contentType)) return false;
  if (!(schema.types?.includes('object') || Object.keys(schema.properties).length > 0)) return false;
  return (
    schema.additionalProperties !== false &&
    schema.allOf.length === 0 &&
    !(typeof schema.additionalProperties === 'object' && Object.keys(schema.properties).length === 0)
  );
}
