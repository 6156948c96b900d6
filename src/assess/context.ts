// Facts about an endpoint that several checks use to raise or lower severity.
import { lower, raise, type Severity } from '../findings.js';
import type { Endpoint, Parameter } from '../model.js';
import { requiresAuthentication as authenticationRequired } from '../normalize/security.js';

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

export function isWrite(endpoint: Endpoint): boolean {
  return WRITE_METHODS.has(endpoint.method);
}

/** Reachable from outside: external, partner and shadow; deprecated endpoints are still served. */
export function isExposed(endpoint: Endpoint): boolean {
  return endpoint.classification !== 'internal';
}

/** Path parameters that select an object (BOLA territory); versions, formats and locales do not. */
export function objectIdParameters(endpoint: Endpoint): Parameter[] {
  const notAnId = /^(v|version|api[-_]?version|format|locale|lang|language|ext)$/i;
  const declared = endpoint.parameters.filter((p) => p.in === 'path');
  // A `{name}` in the path is a parameter even when the document forgot to declare it.
  const undeclared = [...endpoint.path.matchAll(/\{([^}/]+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !declared.some((p) => p.name === name))
    .map(
      (name): Parameter => ({
        name,
        in: 'path',
        required: true,
        deprecated: false,
        examples: [],
        loc: endpoint.loc,
      }),
    );
  return [...declared, ...undeclared].filter((p) => !notAnId.test(p.name));
}

/** The words of a path, parameters left out: `/users/{id}/resetPassword` → users, reset, password; `/2FA` → 2fa. */
export function pathWords(path: string): string[] {
  return path
    .replace(/\{[^}]*\}/g, '/')
    .replace(/([a-z])([A-Z])/g, '$1 $2') // resetPassword
    .replace(/([A-Z]{2,}|\d)([A-Z][a-z])/g, '$1 $2') // MFAToken, v2Users (but OAuth stays one word)
    .replace(/([a-z])(\d+[A-Z]+(?![a-z]))/g, '$1 $2') // enable2FA: `2fa` is one word
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

const CREDENTIAL_WORDS = new Set([
  'login',
  'logon',
  'signin',
  'signup',
  'token',
  'tokens',
  'password',
  'passwords',
  'passwordless',
  'passwd',
  'otp',
  'mfa',
  '2fa',
  'verify',
  'verification',
  'reset',
  'register',
]);
const CREDENTIAL_PAIRS = new Set(['log in', 'log on', 'sign in', 'sign up']);

/** Login, token, sign-up, password reset, OTP/MFA and verification paths: where credentials are submitted. */
export function isCredentialFlow(endpoint: Endpoint): boolean {
  const words = pathWords(endpoint.path);
  return words.some((w, i) => CREDENTIAL_WORDS.has(w) || CREDENTIAL_PAIRS.has(`${w} ${words[i + 1]}`));
}

/** A boolean parameter (`?sendEmail=true`, `?mobile=1`) carries a choice, not the data its name mentions. */
export function isFlag(parameter: Parameter): boolean {
  return parameter.schema?.types?.length === 1 && parameter.schema.types[0] === 'boolean';
}

/** Data kinds that make a leak or an unauthenticated call serious on their own. */
const SERIOUS_DATA = new Set(['credential', 'payment-card', 'government-id', 'bank-account']);

export function handlesSeriousData(endpoint: Endpoint): boolean {
  return endpoint.dataTypes.some((kind) => SERIOUS_DATA.has(kind));
}

/** Authentication is required: at least one requirement, no anonymous `{}` alternative, no undefined scheme alone. */
export function requiresAuthentication(endpoint: Endpoint): boolean {
  return authenticationRequired(endpoint.security);
}

/** One step less severe on internal endpoints; unchanged on exposed ones. */
export function byExposure(endpoint: Endpoint, severity: Severity): Severity {
  return endpoint.classification === 'internal' ? lower(severity) : severity;
}

export { lower, raise };

/** `POST /payments` — how endpoints are named in messages. */
export function label(endpoint: Endpoint): string {
  return `\`${endpoint.method.toUpperCase()} ${endpoint.path}\``;
}
