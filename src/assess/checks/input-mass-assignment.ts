import type { Schema } from '../../model.js';
import { unwrapAnnotated } from '../../normalize/schema.js';
import { label, pathWords } from '../context.js';
import type { EndpointCheck } from '../types.js';

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

export const inputMassAssignment: EndpointCheck = {
  id: 'input-mass-assignment',
  category: 'input-validation',
  severity: 'low',
  owasp: 'API3:2023 Broken Object Property Level Authorization',
  cwe: 'CWE-915',
  title: 'Write body accepts undeclared properties',
  rationale:
    'A body schema that allows additional properties lets clients send fields the server may bind to its objects (mass assignment).',
  remediation:
    'Set `additionalProperties: false` on write bodies and keep server-owned fields (`role`, `owner`, `id`) out of input schemas.',
  scope: 'endpoint',
  run(endpoint) {
    if (!['post', 'put', 'patch'].includes(endpoint.method)) return [];
    return (endpoint.requestBody?.content ?? [])
      .filter(
        (m) =>
          /json/i.test(m.contentType) &&
          m.schema &&
          (m.schema.types?.includes('object') || Object.keys(m.schema.properties).length > 0),
      )
      .filter(
        (m) =>
          m.schema!.additionalProperties !== false &&
          m.schema!.allOf.length === 0 &&
          // A typed map (`additionalProperties: { type: string }`, no properties) takes any key by design.
          !(
            typeof m.schema!.additionalProperties === 'object' &&
            Object.keys(m.schema!.properties).length === 0
          ),
      )
      .map((m) => {
        const schema = m.schema!;
        const purpose = pathWords(endpoint.path).some((w) => ACCESS_PURPOSE.has(w));
        const privileged = purpose
          ? []
          : Object.keys(schema.properties).filter(
              (name) =>
                PRIVILEGED.test(name) &&
                !schema.properties[name]!.readOnly &&
                !reachScope(name, schema.properties[name]!),
            );
        const serverOwned = Object.keys(schema.properties).filter(
          (name) => schema.properties[name]!.readOnly,
        );
        const detail =
          privileged.length > 0
            ? `; it also takes privileged fields ${privileged.map((n) => `\`${n}\``).join(', ')}`
            : '';
        return {
          message: `${label(endpoint)} accepts properties its ${m.contentType} body does not declare (no \`additionalProperties: false\`)${detail}`,
          loc: schema.loc,
          severity: privileged.length > 0 || serverOwned.length > 0 ? 'medium' : 'low',
          key: m.contentType,
        };
      });
  },
};
