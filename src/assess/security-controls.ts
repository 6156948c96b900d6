// Security control fields: inputs that gate access or carry identity and TLS material. A change that lets
// such a field be left out, be null or lose a bound is a security loosening; the same change on any other
// field is API evolution (listed in the diff, not a finding). One definition, read by
// `input-constraint-loosened`; documented in docs/rules/input-constraint-loosened.md.
import { pathWords } from './context.js';

/** Words of a field's name (or of the property holding it) that make it a security control. */
const CONTROL_NAME_WORDS = new Set([
  'role',
  'roles',
  'permission',
  'permissions',
  'privilege',
  'privileges',
  'scope',
  'scopes',
  'access',
  'acl',
  'acls',
  'admin',
  'auth',
  'oauth',
  'authentication',
  'authorization',
  'token',
  'tokens',
  'secret',
  'secrets',
  'password',
  'passphrase',
  'credential',
  'credentials',
  'ca',
  'cert',
  'certs',
  'certificate',
  'certificates',
  'tls',
  'ssl',
  'mtls',
  'mfa',
  'otp',
  'signature',
  'redirect',
  'callback',
  'callbacks',
]);

/** Keys that secure something: an API key, a private or signing key (a map's `key` is not one). */
const CONTROL_KEY = /(api|private|signing|encryption|client|access|secret)_?key/i;

/**
 * Descriptions saying what a field controls: who may do what, or whom to trust. Not "role": Kubernetes
 * describes a binding's `subjects` as "the objects the role applies to", and a binding without subjects
 * grants nothing.
 */
const CONTROL_DESCRIPTION =
  /\b(permissions?|(oauth )?scopes?|access (level|control|rights?)|passwords?|secrets?|credentials?|(access|refresh|bearer|api) tokens?|api keys?|private keys?|certificates?|ca bundle|certificate authority|tls|ssl)\b/i;

export interface FieldWords {
  /** Property names from the schema's root (a parameter's name first) to the field. */
  path: string[];
  /** The field's own name ('' for a schema's root) and its description and title. */
  name: string;
  description: string;
}

/**
 * A field is a security control when a word of its name, or of a property holding it, is one of
 * CONTROL_NAME_WORDS (`caBundle`, `permission`, `redirect_uri`, `permissions.contents`), it names a key
 * that secures something (`api_key`, `privateKey`), or its own description says what it controls
 * (permissions, roles, scopes, credentials, tokens, certificates, TLS).
 */
export function isSecurityControl(field: FieldWords): boolean {
  const names = field.name === '' ? field.path : [...field.path, field.name];
  if (names.some((n) => CONTROL_KEY.test(n) || pathWords(n).some((w) => CONTROL_NAME_WORDS.has(w))))
    return true;
  return CONTROL_DESCRIPTION.test(field.description);
}
